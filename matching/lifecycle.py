"""The life of a match (配对), as a pure state machine.

    PROPOSED ─accept→ ACTIVE ─close(outcome)→ CLOSED
       │                 └──transfer──→ TRANSFERRED
       └──reject──→ REJECTED

NOT_SELECTED (a plan's proposal that its approval left out) is final like REJECTED, and so
is RELEASED (an active match that an approved plan no longer covers: priority before
continuity when capacity is short). Every
other move is refused with the state the match is in, so a user who acted on an old screen
learns what happened meanwhile. Closing with EXITED (脱困退出) starts a transition period of
6–12 months (Guangxi's 渐退期) in which the household stays monitored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from matching.cadence import add_months


class MatchStatus(StrEnum):
    PROPOSED = "PROPOSED"
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"
    REJECTED = "REJECTED"
    TRANSFERRED = "TRANSFERRED"
    NOT_SELECTED = "NOT_SELECTED"
    RELEASED = "RELEASED"


class Outcome(StrEnum):
    STABLE = "STABLE"  # 情况稳定: help goes on without a dedicated worker
    EXITED = "EXITED"  # 脱困退出: left assistance; monitored through a transition period
    REFERRED = "REFERRED"  # 转介: handed to another service
    MOVED = "MOVED"  # 迁出: left the area
    DECEASED = "DECEASED"  # 去世


ALLOWED: frozenset[tuple[MatchStatus, MatchStatus]] = frozenset(
    {
        (MatchStatus.PROPOSED, MatchStatus.ACTIVE),
        (MatchStatus.PROPOSED, MatchStatus.REJECTED),
        (MatchStatus.ACTIVE, MatchStatus.CLOSED),
        (MatchStatus.ACTIVE, MatchStatus.TRANSFERRED),
    }
)

# Outcomes whose note must say something: where the household was referred to.
NOTE_REQUIRED: frozenset[Outcome] = frozenset({Outcome.REFERRED})


@dataclass(frozen=True, slots=True)
class LifecycleSettings:
    """Guangxi's transition after exit: at least 6, at most 12 months (the defaults)."""

    min_transition_months: int = 6
    max_transition_months: int = 12


DEFAULT_LIFECYCLE = LifecycleSettings()


@dataclass(frozen=True, slots=True)
class Transition:
    """An allowed move, with what it carries."""

    from_status: MatchStatus
    to_status: MatchStatus
    outcome: Outcome | None = None
    transition_months: int | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    """A refused move. `current` is the state the match is in; `field` the input at fault."""

    code: str
    message: str
    current: str
    requested: MatchStatus
    field: str | None = None


def _refuse(
    code: str, message: str, current: str, requested: MatchStatus, field: str | None = None
) -> Refusal:
    return Refusal(code=code, message=message, current=current, requested=requested, field=field)


def transition(
    current: str,
    requested: MatchStatus,
    *,
    outcome: Outcome | None = None,
    transition_months: int | None = None,
    note: str | None = None,
    settings: LifecycleSettings = DEFAULT_LIFECYCLE,
) -> Transition | Refusal:
    """May a match in state `current` move to `requested` with these details?"""
    try:
        state = MatchStatus(current)
    except ValueError:
        return _refuse(
            "UNKNOWN_STATE", f"the match is in an unknown state {current!r}", current, requested
        )
    if (state, requested) not in ALLOWED:
        return _refuse(
            "TRANSITION_NOT_ALLOWED",
            f"a {state.value} match cannot become {requested.value}",
            current,
            requested,
        )
    if requested is not MatchStatus.CLOSED:
        if outcome is not None or transition_months is not None:
            return _refuse(
                "OUTCOME_NOT_ALLOWED",
                "only closing takes an outcome",
                current,
                requested,
                "outcome",
            )
        return Transition(state, requested)
    return _closing(state, outcome, transition_months, note, settings)


def _closing(
    state: MatchStatus,
    outcome: Outcome | None,
    months: int | None,
    note: str | None,
    settings: LifecycleSettings,
) -> Transition | Refusal:
    closed = MatchStatus.CLOSED
    if outcome is None:
        return _refuse(
            "OUTCOME_REQUIRED", "closing needs an outcome", state.value, closed, "outcome"
        )
    if outcome in NOTE_REQUIRED and not (note or "").strip():
        return _refuse(
            "NOTE_REQUIRED",
            "say which service the household was referred to",
            state.value,
            closed,
            "note",
        )
    if outcome is not Outcome.EXITED:
        if months is not None:
            return _refuse(
                "TRANSITION_NOT_APPLICABLE",
                "only an exit has a transition period",
                state.value,
                closed,
                "transition_months",
            )
        return Transition(state, closed, outcome)
    low, high = settings.min_transition_months, settings.max_transition_months
    if months is None or not low <= months <= high:
        return _refuse(
            "TRANSITION_MONTHS",
            f"an exit needs a transition of {low}–{high} months",
            state.value,
            closed,
            "transition_months",
        )
    return Transition(state, closed, outcome, months)


def transition_until(closed_on: date, months: int) -> date:
    """The last day the household is still watched after an exit."""
    return add_months(closed_on, months)


def takes_visits(status: str) -> bool:
    """Only an active match is visited: a proposal is not yet anyone's, a closed one no more."""
    return status == MatchStatus.ACTIVE


# ---- the transition period (渐退期) is watched ----------------------------------------------

# Guangxi's practice: a household that left assistance is checked monthly until its
# transition ends, so a relapse is caught before it becomes a crisis.
TRANSITION_CHECK_MONTHS = 1


def in_transition(transition_until: date | None, today: date) -> bool:
    return transition_until is not None and today <= transition_until


def takes_transition_visits(status: str, transition_until: date | None, day: date) -> bool:
    """A closed match whose household is still in its transition takes check visits."""
    return status == MatchStatus.CLOSED and in_transition(transition_until, day)


def transition_check_after(seen_on: date, transition_until: date) -> date | None:
    """The next monthly check after one on `seen_on`; the last falls on the transition's end,
    and after that there is none."""
    if seen_on >= transition_until:
        return None
    return min(add_months(seen_on, TRANSITION_CHECK_MONTHS), transition_until)


def reopen_refusal(
    transition_until: date | None, today: date, *, has_active_match: bool
) -> str | None:
    """Why support cannot be reopened for a household, or None: only during its transition,
    and only when nobody follows it already."""
    if not in_transition(transition_until, today):
        return "NOT_IN_TRANSITION"
    if has_active_match:
        return "ALREADY_SUPPORTED"
    return None
