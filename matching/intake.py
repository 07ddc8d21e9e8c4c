"""First-responder intake (首问负责), as pure rules.

Whoever receives a walk-in or hotline request records it and owns it until they hand it
over; it must be turned into something (an indicator event, a need, a new household) or
answered by its day, else it escalates like any other deadline (`matching.escalation`).

    OPEN ─handover→ OPEN (new owner)
      └──close(outcome)→ CLOSED
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final


class IntakeChannel(StrEnum):
    WALK_IN = "WALK_IN"  # 来访
    HOTLINE = "HOTLINE"  # 热线


class IntakeOutcome(StrEnum):
    EVENT = "EVENT"  # an indicator event was recorded
    NEED = "NEED"  # a need was recorded
    HOUSEHOLD = "HOUSEHOLD"  # a new household was registered
    ANSWERED = "ANSWERED"  # answered on the spot (政策咨询), nothing to record


# Which outcome names the thing it became (by its id), and which only needs words.
NAMES_RESULT: Final = frozenset({IntakeOutcome.EVENT, IntakeOutcome.NEED, IntakeOutcome.HOUSEHOLD})
MIN_DAYS: Final = 1
MAX_DAYS: Final = 10
DEFAULT_DAYS: Final = 3  # Jingdezhen's hotline: three working days for a first answer


@dataclass(frozen=True, slots=True)
class IntakeRefusal:
    code: str
    message: str
    field: str | None = None


def intake_due(received_on: date, days: int) -> date | IntakeRefusal:
    if not MIN_DAYS <= days <= MAX_DAYS:
        return IntakeRefusal("OUT_OF_RANGE", f"{MIN_DAYS} to {MAX_DAYS} days", "days")
    return received_on + timedelta(days=days)


def handover_refusal(status: str, owner_id: str, to_user_id: str) -> IntakeRefusal | None:
    if status != "OPEN":
        return IntakeRefusal("TRANSITION_NOT_ALLOWED", f"a {status} intake is not handed over")
    if owner_id == to_user_id:
        return IntakeRefusal("SAME_OWNER", "it is already theirs", "to_user_id")
    return None


def close_refusal(
    status: str, outcome: IntakeOutcome, result_id: str | None, note: str | None
) -> IntakeRefusal | None:
    if status != "OPEN":
        return IntakeRefusal("TRANSITION_NOT_ALLOWED", f"a {status} intake cannot be closed")
    if outcome in NAMES_RESULT and not result_id:
        return IntakeRefusal("REQUIRED", "name what the request became", "result_id")
    if outcome not in NAMES_RESULT and result_id:
        return IntakeRefusal("NOT_APPLICABLE", "an answer names nothing", "result_id")
    if outcome is IntakeOutcome.ANSWERED and not (note or "").strip():
        return IntakeRefusal("REQUIRED", "say what was answered", "note")
    return None


def may_act(*, is_owner: bool, is_manager: bool) -> bool:
    """The owner acts on its intake; a station manager (or above) may step in."""
    return is_owner or is_manager
