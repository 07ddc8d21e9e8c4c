"""救急难: temporary assistance (临时救助) for a sudden hardship, on the fast path.

A worker asks for an amount with its reason; the station manager decides the same day
(the promise of the fast path; `decided_same_day` says whether it was kept). The amount and
the reason go on the household's statement (幸福清单). Pure: "today" is an argument.

    REQUESTED ─approve→ APPROVED
        └────refuse→ REFUSED
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

MIN_YUAN: Final = 1
MAX_YUAN: Final = 20_000  # above this it is not the fast path: the ordinary procedure applies


@dataclass(frozen=True, slots=True)
class AssistanceRefusal:
    code: str
    message: str
    field: str | None = None


def amount_problem(amount_yuan: int) -> AssistanceRefusal | None:
    if not MIN_YUAN <= amount_yuan <= MAX_YUAN:
        return AssistanceRefusal("OUT_OF_RANGE", f"{MIN_YUAN} to {MAX_YUAN} yuan", "amount_yuan")
    return None


def decision(status: str, approve: bool, note: str | None) -> str | AssistanceRefusal:
    """The status a decision moves a request to, or why it may not."""
    if status != "REQUESTED":
        return AssistanceRefusal("TRANSITION_NOT_ALLOWED", f"a {status} request is decided")
    if not approve and not (note or "").strip():
        return AssistanceRefusal("REQUIRED", "say why it is refused", "note")
    return "APPROVED" if approve else "REFUSED"


def decided_same_day(requested_on: date, decided_on: date) -> bool:
    return requested_on == decided_on
