"""A referral (转介) of a household to another agency, as a pure state machine.

    SENT ─accept→ ACCEPTED ─feedback→ COMPLETED
      └──refuse→ REFUSED

A referral asks one thing of one agency (another station, a department: 医保, 教育, 住建,
人社/就业, 残联; or a charity) by a day. Until it is answered (and, accepted, until its
feedback comes) it is open; an open referral past its day is overdue and escalates like
any other deadline (`matching.escalation`). Pure: "today" is an argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final


class ReferralStatus(StrEnum):
    SENT = "SENT"  # 已转出, waiting for an answer
    ACCEPTED = "ACCEPTED"  # 已接收, waiting for feedback
    REFUSED = "REFUSED"  # 不予受理
    COMPLETED = "COMPLETED"  # 已反馈办结


class ReferralTarget(StrEnum):
    STATION = "STATION"
    DEPARTMENT = "DEPARTMENT"
    CHARITY = "CHARITY"


class Department(StrEnum):
    MEDICAL_INSURANCE = "MEDICAL_INSURANCE"  # 医保
    EDUCATION = "EDUCATION"  # 教育
    HOUSING = "HOUSING"  # 住建
    EMPLOYMENT = "EMPLOYMENT"  # 人社/就业
    DISABLED_FEDERATION = "DISABLED_FEDERATION"  # 残联


class ReferralAnswer(StrEnum):
    ACCEPT = "ACCEPT"
    REFUSE = "REFUSE"
    FEEDBACK = "FEEDBACK"


OPEN: Final = frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED})
MOVES: Final = {
    (ReferralStatus.SENT, ReferralAnswer.ACCEPT): ReferralStatus.ACCEPTED,
    (ReferralStatus.SENT, ReferralAnswer.REFUSE): ReferralStatus.REFUSED,
    (ReferralStatus.ACCEPTED, ReferralAnswer.FEEDBACK): ReferralStatus.COMPLETED,
}
# A refusal says why, feedback says what was done: both need words.
NOTE_REQUIRED: Final = frozenset({ReferralAnswer.REFUSE, ReferralAnswer.FEEDBACK})

MIN_DAYS: Final = 1
MAX_DAYS: Final = 60
DEFAULT_DAYS: Final = 10  # 转介 in Jingdezhen's hotline: answered within ten working days


@dataclass(frozen=True, slots=True)
class ReferralRefusal:
    code: str
    message: str
    field: str | None = None


def target_problem(
    kind: ReferralTarget, *, department: str | None, target_id: str | None
) -> ReferralRefusal | None:
    """A department referral names its department; a station or charity one names it."""
    if kind is ReferralTarget.DEPARTMENT:
        if department is None:
            return ReferralRefusal("REQUIRED", "name the department", "department")
        if target_id is not None:
            return ReferralRefusal("NOT_APPLICABLE", "a department has no id", "target_id")
        return None
    if target_id is None:
        return ReferralRefusal("REQUIRED", f"name the {kind.value.lower()}", "target_id")
    if department is not None:
        return ReferralRefusal("NOT_APPLICABLE", "only a department referral", "department")
    return None


def due_on(sent_on: date, days: int) -> date | ReferralRefusal:
    if not MIN_DAYS <= days <= MAX_DAYS:
        return ReferralRefusal("OUT_OF_RANGE", f"{MIN_DAYS} to {MAX_DAYS} days", "days")
    return sent_on + timedelta(days=days)


def answer(
    current: str, given: ReferralAnswer, note: str | None
) -> ReferralStatus | ReferralRefusal:
    """The status a referral moves to, or why it may not."""
    try:
        state = ReferralStatus(current)
    except ValueError:
        return ReferralRefusal("UNKNOWN_STATE", f"unknown state {current!r}")
    target = MOVES.get((state, given))
    if target is None:
        return ReferralRefusal(
            "TRANSITION_NOT_ALLOWED", f"a {state.value} referral cannot take {given.value}"
        )
    if given in NOTE_REQUIRED and not (note or "").strip():
        return ReferralRefusal("REQUIRED", "say why, or what was done", "note")
    return target


def is_overdue(status: str, due: date, today: date) -> bool:
    return status in OPEN and due < today
