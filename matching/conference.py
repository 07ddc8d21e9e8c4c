"""A case conference (个案会商) on a complex household, as pure rules.

    SCHEDULED ─record(notes, decisions)→ HELD ─close (every decision done)→ CLOSED
        └──close (with the reason)→ CANCELLED

A worker or station manager convenes the agencies that touch a household (the station,
departments, charities, the village committee) on a day; once held, its notes and decisions
are recorded, each decision with an owner (a worker of the platform, or someone named in
words: an agency's officer) and a due day. Decisions are tasks: open until done, overdue
after their day, escalated like any other deadline (`matching.escalation`). Pure: "today" is
an argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final


class ConferenceStatus(StrEnum):
    SCHEDULED = "SCHEDULED"  # 已召集
    HELD = "HELD"  # 已召开, decisions being carried out
    CLOSED = "CLOSED"  # 已办结: every decision done
    CANCELLED = "CANCELLED"  # 已取消


class AgencyKind(StrEnum):
    STATION = "STATION"  # 社工站
    DEPARTMENT = "DEPARTMENT"  # 医保, 教育, 住建, 人社, 残联, 民政…
    CHARITY = "CHARITY"  # 慈善组织
    VILLAGE = "VILLAGE"  # 村(居)委会
    OTHER = "OTHER"


class DecisionStatus(StrEnum):
    OPEN = "OPEN"
    DONE = "DONE"


MIN_PARTICIPANTS: Final = 2  # a conference is more than one agency talking to itself
MAX_PARTICIPANTS: Final = 20
MAX_DECISIONS: Final = 20
MAX_DAYS_AHEAD: Final = 90  # a conference is convened for the coming quarter at most
MAX_DECISION_DAYS: Final = 180  # a decision due within half a year of the conference
NAME_MAX: Final = 60
TEXT_MAX: Final = 500


@dataclass(frozen=True, slots=True)
class ConferenceRefusal:
    code: str
    message: str
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    agency_kind: AgencyKind
    agency_name: str
    role: str | None = None  # 职务, e.g. 科长, 站长


@dataclass(frozen=True, slots=True)
class DecisionDraft:
    what: str
    owner_worker_id: str | None  # a worker of the platform…
    owner_name: str | None  # …or someone named in words (an agency's officer)
    due_on: date | None


def _text(field: str, value: str | None, max_len: int) -> ConferenceRefusal | None:
    words = (value or "").strip()
    if len(words) < 2:
        return ConferenceRefusal("REQUIRED", "say it in at least two characters", field)
    if len(words) > max_len:
        return ConferenceRefusal("TOO_LONG", f"at most {max_len} characters", field)
    return None


def convene_problems(
    *, held_on: date, today: date, topic: str, participants: Sequence[Participant]
) -> list[ConferenceRefusal]:
    """Everything wrong with a conference to convene (empty when it may be)."""
    out: list[ConferenceRefusal] = []
    if held_on < today:
        out.append(ConferenceRefusal("PAST_DATE", "a conference is convened ahead", "held_on"))
    elif held_on > today + timedelta(days=MAX_DAYS_AHEAD):
        out.append(ConferenceRefusal("OUT_OF_RANGE", f"within {MAX_DAYS_AHEAD} days", "held_on"))
    if problem := _text("topic", topic, TEXT_MAX):
        out.append(problem)
    if len(participants) < MIN_PARTICIPANTS:
        out.append(
            ConferenceRefusal(
                "TOO_FEW", f"at least {MIN_PARTICIPANTS} participants", "participants"
            )
        )
    elif len(participants) > MAX_PARTICIPANTS:
        out.append(
            ConferenceRefusal(
                "TOO_MANY", f"at most {MAX_PARTICIPANTS} participants", "participants"
            )
        )
    for i, p in enumerate(participants[:MAX_PARTICIPANTS]):
        for field, value in (("name", p.name), ("agency_name", p.agency_name)):
            if problem := _text(f"participants.{i}.{field}", value, NAME_MAX):
                out.append(problem)
        if p.role is not None and len(p.role.strip()) > NAME_MAX:
            out.append(
                ConferenceRefusal("TOO_LONG", f"at most {NAME_MAX}", f"participants.{i}.role")
            )
    return out


def decision_problems(
    decisions: Sequence[DecisionDraft], *, today: date
) -> list[ConferenceRefusal]:
    """No decision without what, an owner (one: a worker or a name) and a due day ahead."""
    out: list[ConferenceRefusal] = []
    if not decisions:
        out.append(ConferenceRefusal("REQUIRED", "record at least one decision", "decisions"))
    if len(decisions) > MAX_DECISIONS:
        out.append(ConferenceRefusal("TOO_MANY", f"at most {MAX_DECISIONS}", "decisions"))
    for i, d in enumerate(decisions[:MAX_DECISIONS]):
        at = f"decisions.{i}"
        if problem := _text(f"{at}.what", d.what, TEXT_MAX):
            out.append(problem)
        named = (d.owner_name or "").strip()
        if d.owner_worker_id is None and not named:
            out.append(ConferenceRefusal("REQUIRED", "who carries it out", f"{at}.owner"))
        elif d.owner_worker_id is not None and named:
            out.append(
                ConferenceRefusal("NOT_APPLICABLE", "a worker or a name, not both", f"{at}.owner")
            )
        elif named and len(named) > NAME_MAX:
            out.append(ConferenceRefusal("TOO_LONG", f"at most {NAME_MAX}", f"{at}.owner_name"))
        if d.due_on is None:
            out.append(ConferenceRefusal("REQUIRED", "by when", f"{at}.due_on"))
        elif d.due_on < today:
            out.append(ConferenceRefusal("PAST_DATE", "a due day ahead", f"{at}.due_on"))
        elif d.due_on > today + timedelta(days=MAX_DECISION_DAYS):
            out.append(
                ConferenceRefusal(
                    "OUT_OF_RANGE", f"within {MAX_DECISION_DAYS} days", f"{at}.due_on"
                )
            )
    return out


def record_refusal(status: str, held_on: date, today: date) -> ConferenceRefusal | None:
    """A scheduled conference is recorded as held on or after its day."""
    if status != ConferenceStatus.SCHEDULED:
        return ConferenceRefusal("TRANSITION_NOT_ALLOWED", f"a {status} conference is not held")
    if held_on > today:
        return ConferenceRefusal("NOT_YET_HELD", f"it takes place on {held_on.isoformat()}")
    return None


def close(
    status: str, *, open_decisions: int, note: str | None
) -> ConferenceStatus | ConferenceRefusal:
    """A held conference closes when its decisions are all done; a scheduled one that will
    not take place is cancelled, with the reason."""
    if status == ConferenceStatus.SCHEDULED:
        if not (note or "").strip():
            return ConferenceRefusal("REQUIRED", "say why it is cancelled", "note")
        return ConferenceStatus.CANCELLED
    if status == ConferenceStatus.HELD:
        if open_decisions:
            return ConferenceRefusal("DECISIONS_OPEN", f"{open_decisions} decisions still open")
        return ConferenceStatus.CLOSED
    return ConferenceRefusal("TRANSITION_NOT_ALLOWED", f"a {status} conference is final")


def complete_refusal(
    conference_status: str, decision_status: str, note: str | None
) -> ConferenceRefusal | None:
    """A decision of a held conference is done once, saying what was done."""
    if conference_status != ConferenceStatus.HELD or decision_status != DecisionStatus.OPEN:
        return ConferenceRefusal("TRANSITION_NOT_ALLOWED", f"a {decision_status} decision is done")
    if not (note or "").strip():
        return ConferenceRefusal("REQUIRED", "say what was done", "note")
    return None


def is_overdue(status: str, due: date, today: date) -> bool:
    return status == DecisionStatus.OPEN and due < today
