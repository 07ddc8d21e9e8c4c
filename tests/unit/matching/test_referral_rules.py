"""The referral state machine and the transition-period rules, without services."""

from __future__ import annotations

from datetime import date

from matching.lifecycle import (
    reopen_refusal,
    takes_transition_visits,
    transition_check_after,
)
from matching.referral import (
    ReferralAnswer,
    ReferralRefusal,
    ReferralStatus,
    ReferralTarget,
    answer,
    due_on,
    is_overdue,
    target_problem,
)


def test_a_referral_moves_sent_accepted_completed_or_sent_refused_only() -> None:
    assert answer("SENT", ReferralAnswer.ACCEPT, None) is ReferralStatus.ACCEPTED
    assert answer("SENT", ReferralAnswer.REFUSE, "不符合条件") is ReferralStatus.REFUSED
    assert answer("ACCEPTED", ReferralAnswer.FEEDBACK, "已办结") is ReferralStatus.COMPLETED
    for current, given in [
        ("SENT", ReferralAnswer.FEEDBACK),
        ("ACCEPTED", ReferralAnswer.ACCEPT),
        ("ACCEPTED", ReferralAnswer.REFUSE),
        ("REFUSED", ReferralAnswer.ACCEPT),
        ("COMPLETED", ReferralAnswer.FEEDBACK),
    ]:
        refused = answer(current, given, "x")
        assert isinstance(refused, ReferralRefusal) and refused.code == "TRANSITION_NOT_ALLOWED"
    unknown = answer("LOST", ReferralAnswer.ACCEPT, None)
    assert isinstance(unknown, ReferralRefusal) and unknown.code == "UNKNOWN_STATE"


def test_a_refusal_and_feedback_need_words() -> None:
    for given, state in [(ReferralAnswer.REFUSE, "SENT"), (ReferralAnswer.FEEDBACK, "ACCEPTED")]:
        refused = answer(state, given, "  ")
        assert isinstance(refused, ReferralRefusal)
        assert (refused.code, refused.field) == ("REQUIRED", "note")


def test_the_target_and_the_time_limit() -> None:
    dept = ReferralTarget.DEPARTMENT
    assert target_problem(dept, department="EDUCATION", target_id=None) is None
    assert target_problem(dept, department=None, target_id=None) == ReferralRefusal(
        "REQUIRED", "name the department", "department"
    )
    station = ReferralTarget.STATION
    assert target_problem(station, department=None, target_id="st-1") is None
    problem = target_problem(station, department="EDUCATION", target_id="st-1")
    assert problem is not None and problem.field == "department"
    assert due_on(date(2026, 12, 25), 10) == date(2027, 1, 4)
    for days in (0, 61):
        late = due_on(date(2026, 12, 1), days)
        assert isinstance(late, ReferralRefusal) and late.field == "days"


def test_only_an_open_referral_past_its_day_is_overdue() -> None:
    due = date(2026, 12, 10)
    assert not is_overdue("SENT", due, due)
    assert is_overdue("SENT", due, date(2026, 12, 11))
    assert is_overdue("ACCEPTED", due, date(2026, 12, 11))
    assert not is_overdue("COMPLETED", due, date(2027, 1, 1))


def test_a_transition_is_checked_monthly_until_its_last_day() -> None:
    until = date(2027, 6, 3)
    assert transition_check_after(date(2026, 12, 3), until) == date(2027, 1, 3)
    assert transition_check_after(date(2027, 5, 20), until) == until
    assert transition_check_after(until, until) is None
    assert takes_transition_visits("CLOSED", until, until)
    assert not takes_transition_visits("CLOSED", until, date(2027, 6, 4))
    assert not takes_transition_visits("REJECTED", until, date(2027, 1, 1))
    assert not takes_transition_visits("CLOSED", None, date(2027, 1, 1))


def test_support_reopens_only_during_a_transition_and_only_once() -> None:
    until = date(2027, 6, 3)
    assert reopen_refusal(until, date(2027, 1, 1), has_active_match=False) is None
    assert reopen_refusal(until, date(2027, 1, 1), has_active_match=True) == "ALREADY_SUPPORTED"
    assert reopen_refusal(until, date(2027, 6, 4), has_active_match=False) == "NOT_IN_TRANSITION"
    assert reopen_refusal(None, date(2027, 1, 1), has_active_match=False) == "NOT_IN_TRANSITION"
