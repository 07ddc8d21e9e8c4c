"""The life of a need (需求), as pure rules: which status changes are allowed."""

from collections.abc import Mapping

# Allowed status changes (DESIGN.md): OPEN → PLEDGED → FULFILLED, OPEN/PLEDGED → CANCELLED,
# and PLEDGED → OPEN when a pledge lapses. FULFILLED and CANCELLED are final.
NEED_TRANSITIONS: Mapping[str, frozenset[str]] = {
    "OPEN": frozenset({"PLEDGED", "CANCELLED"}),
    "PLEDGED": frozenset({"FULFILLED", "CANCELLED", "OPEN"}),
    "FULFILLED": frozenset(),
    "CANCELLED": frozenset(),
}


FINAL_STATUSES = frozenset({"FULFILLED", "CANCELLED"})
