"""How much covering a household is worth: the first level of the caseload objective.

Red before orange before yellow before blue before none (Gansu's warning colours); special
groups (老、小、残, left-behind children and elders) and dibao class A (重点保障户) raise it.
The weights are settings; with the defaults a red household outweighs any other single
household whatever its bonuses (32 > 16 + 8).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

_DEFAULT_WARNING: Final = MappingProxyType(
    {"NONE": 1, "BLUE": 4, "YELLOW": 8, "ORANGE": 16, "RED": 32}
)
_DEFAULT_GROUPS: Final = MappingProxyType(
    {"ELDERLY": 1, "CHILD": 1, "DISABLED": 2, "LEFT_BEHIND_CHILD": 2, "LEFT_BEHIND_ELDER": 2}
)


@dataclass(frozen=True, slots=True)
class PrioritySettings:
    warning: Mapping[str, int] = field(default_factory=lambda: _DEFAULT_WARNING)
    special_groups: Mapping[str, int] = field(default_factory=lambda: _DEFAULT_GROUPS)
    special_groups_cap: int = 3  # several groups help, but never as much as a colour step
    class_a: int = 3
    class_b: int = 1
    extreme_tier: int = 2  # 特困: no work capacity, no income, no supporter


DEFAULT_PRIORITY: Final = PrioritySettings()


def household_priority(
    *,
    warning: str,
    dibao_class: str | None = None,
    tier: str | None = None,
    special_groups: Iterable[str] = (),
    settings: PrioritySettings = DEFAULT_PRIORITY,
) -> int:
    """The integer priority of covering one household (always >= 1)."""
    base = settings.warning.get(warning, settings.warning.get("NONE", 1))
    groups = sum(settings.special_groups.get(g, 0) for g in set(special_groups))
    bonus = min(groups, settings.special_groups_cap)
    if dibao_class == "A":
        bonus += settings.class_a
    elif dibao_class == "B":
        bonus += settings.class_b
    if tier == "EXTREME":
        bonus += settings.extreme_tier
    return max(1, base + bonus)


def warning_order(settings: PrioritySettings = DEFAULT_PRIORITY) -> tuple[str, ...]:
    """Warning colours from most to least urgent under these settings."""
    return tuple(sorted(settings.warning, key=lambda w: (-settings.warning[w], w)))
