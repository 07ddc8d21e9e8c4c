"""The match state machine: every allowed move, and every other one refused with the
state the match is in."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from matching.lifecycle import (
    ALLOWED,
    LifecycleSettings,
    MatchStatus,
    Outcome,
    Refusal,
    Transition,
    takes_visits,
    transition,
    transition_until,
)

S = MatchStatus


@pytest.mark.parametrize(
    ("current", "requested"),
    [(S.PROPOSED, S.ACTIVE), (S.PROPOSED, S.REJECTED), (S.ACTIVE, S.TRANSFERRED)],
)
def test_allowed_moves_without_outcome(current: S, requested: S) -> None:
    assert transition(current, requested) == Transition(current, requested)


@pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.EXITED])
def test_closing_an_active_match_with_each_outcome(outcome: Outcome) -> None:
    result = transition("ACTIVE", S.CLOSED, outcome=outcome, note="转介至县残联")
    assert result == Transition(S.ACTIVE, S.CLOSED, outcome)


@pytest.mark.parametrize(
    ("current", "requested"),
    [(c, r) for c, r in product(S, S) if (c, r) not in ALLOWED],
)
def test_every_other_move_is_refused_with_the_current_state(current: S, requested: S) -> None:
    result = transition(current, requested, outcome=Outcome.STABLE)
    assert isinstance(result, Refusal)
    assert result.code == "TRANSITION_NOT_ALLOWED"
    assert result.current == current.value and result.requested is requested
    assert current.value in result.message


def test_closing_a_closed_match_says_it_is_closed() -> None:
    result = transition("CLOSED", S.CLOSED, outcome=Outcome.STABLE)
    assert isinstance(result, Refusal) and result.current == "CLOSED"


def test_an_unknown_state_is_refused() -> None:
    result = transition("LOST", S.ACTIVE)
    assert isinstance(result, Refusal) and result.code == "UNKNOWN_STATE"


def test_closing_needs_an_outcome() -> None:
    result = transition("ACTIVE", S.CLOSED)
    assert isinstance(result, Refusal)
    assert (result.code, result.field) == ("OUTCOME_REQUIRED", "outcome")


def test_only_closing_takes_an_outcome() -> None:
    result = transition("PROPOSED", S.ACTIVE, outcome=Outcome.STABLE)
    assert isinstance(result, Refusal) and result.code == "OUTCOME_NOT_ALLOWED"


def test_a_referral_says_where_to() -> None:
    result = transition("ACTIVE", S.CLOSED, outcome=Outcome.REFERRED, note="  ")
    assert isinstance(result, Refusal) and (result.code, result.field) == ("NOTE_REQUIRED", "note")


@pytest.mark.parametrize("months", [6, 9, 12])
def test_an_exit_carries_a_transition_of_six_to_twelve_months(months: int) -> None:
    result = transition("ACTIVE", S.CLOSED, outcome=Outcome.EXITED, transition_months=months)
    assert result == Transition(S.ACTIVE, S.CLOSED, Outcome.EXITED, months)


@pytest.mark.parametrize("months", [None, 0, 5, 13])
def test_an_exit_without_a_proper_transition_is_refused(months: int | None) -> None:
    result = transition("ACTIVE", S.CLOSED, outcome=Outcome.EXITED, transition_months=months)
    assert isinstance(result, Refusal)
    assert (result.code, result.field) == ("TRANSITION_MONTHS", "transition_months")


def test_only_an_exit_has_a_transition() -> None:
    result = transition("ACTIVE", S.CLOSED, outcome=Outcome.MOVED, transition_months=6)
    assert isinstance(result, Refusal) and result.code == "TRANSITION_NOT_APPLICABLE"


def test_the_transition_bounds_are_settings() -> None:
    short = LifecycleSettings(min_transition_months=3, max_transition_months=6)
    ok = transition("ACTIVE", S.CLOSED, outcome=Outcome.EXITED, transition_months=3, settings=short)
    assert isinstance(ok, Transition)


def test_the_transition_ends_months_after_the_exit() -> None:
    assert transition_until(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_only_an_active_match_takes_visits() -> None:
    assert [s for s in S if takes_visits(s)] == [S.ACTIVE]
