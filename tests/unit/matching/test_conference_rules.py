"""The case conference's rules (个案会商): who may be convened when, what a decision needs,
and which moves its state takes."""

from __future__ import annotations

from datetime import date, timedelta

from matching.conference import (
    MAX_DAYS_AHEAD,
    MAX_DECISION_DAYS,
    AgencyKind,
    ConferenceRefusal,
    ConferenceStatus,
    DecisionDraft,
    Participant,
    close,
    complete_refusal,
    convene_problems,
    decision_problems,
    is_overdue,
    record_refusal,
)

TODAY = date(2026, 12, 3)
STATION = Participant("王芳", AgencyKind.STATION, "镇社工站", "站长")
OFFICER = Participant("李强", AgencyKind.DEPARTMENT, "县医保局", "科长")


def codes(refusals: list[ConferenceRefusal]) -> set[tuple[str | None, str]]:
    return {(r.field, r.code) for r in refusals}


def test_a_conference_is_convened_today_or_ahead_with_two_agencies() -> None:
    ok = convene_problems(
        held_on=TODAY, today=TODAY, topic="医疗与就学", participants=[STATION, OFFICER]
    )
    assert ok == []
    ahead = TODAY + timedelta(days=MAX_DAYS_AHEAD)
    assert (
        convene_problems(held_on=ahead, today=TODAY, topic="议题", participants=[STATION, OFFICER])
        == []
    )


def test_a_past_day_a_far_day_a_lone_participant_and_blanks_are_refused() -> None:
    past = convene_problems(
        held_on=TODAY - timedelta(days=1),
        today=TODAY,
        topic=" ",
        participants=[Participant("", AgencyKind.OTHER, "村委", None)],
    )
    assert codes(past) == {
        ("held_on", "PAST_DATE"),
        ("topic", "REQUIRED"),
        ("participants", "TOO_FEW"),
        ("participants.0.name", "REQUIRED"),
    }
    far = convene_problems(
        held_on=TODAY + timedelta(days=MAX_DAYS_AHEAD + 1),
        today=TODAY,
        topic="议题",
        participants=[STATION, OFFICER],
    )
    assert codes(far) == {("held_on", "OUT_OF_RANGE")}


def test_every_decision_has_what_one_owner_and_a_due_day_ahead() -> None:
    good = [
        DecisionDraft("申请助学金", "sw-1", None, TODAY),
        DecisionDraft("二次报销", None, "县医保局 李强", TODAY + timedelta(days=MAX_DECISION_DAYS)),
    ]
    assert decision_problems(good, today=TODAY) == []
    bad = [
        DecisionDraft("x", None, None, None),
        DecisionDraft("危房评估", "sw-1", "住建局", TODAY - timedelta(days=1)),
        DecisionDraft("低保复核", None, "民政办", TODAY + timedelta(days=MAX_DECISION_DAYS + 1)),
    ]
    assert codes(decision_problems(bad, today=TODAY)) == {
        ("decisions.0.what", "REQUIRED"),
        ("decisions.0.owner", "REQUIRED"),
        ("decisions.0.due_on", "REQUIRED"),
        ("decisions.1.owner", "NOT_APPLICABLE"),
        ("decisions.1.due_on", "PAST_DATE"),
        ("decisions.2.due_on", "OUT_OF_RANGE"),
    }
    assert codes(decision_problems([], today=TODAY)) == {("decisions", "REQUIRED")}


def test_only_a_scheduled_conference_is_recorded_on_or_after_its_day() -> None:
    assert record_refusal("SCHEDULED", TODAY, TODAY) is None
    assert record_refusal("SCHEDULED", TODAY - timedelta(days=3), TODAY) is None
    early = record_refusal("SCHEDULED", TODAY + timedelta(days=1), TODAY)
    assert early is not None and early.code == "NOT_YET_HELD"
    for done in ("HELD", "CLOSED", "CANCELLED"):
        refused = record_refusal(done, TODAY, TODAY)
        assert refused is not None and refused.code == "TRANSITION_NOT_ALLOWED"


def test_closing_waits_for_every_decision_and_cancelling_says_why() -> None:
    assert close("HELD", open_decisions=0, note=None) is ConferenceStatus.CLOSED
    waiting = close("HELD", open_decisions=2, note="结")
    assert isinstance(waiting, ConferenceRefusal) and waiting.code == "DECISIONS_OPEN"
    assert close("SCHEDULED", open_decisions=0, note="医保局无法到场") is ConferenceStatus.CANCELLED
    mute = close("SCHEDULED", open_decisions=0, note=" ")
    assert isinstance(mute, ConferenceRefusal) and (mute.field, mute.code) == ("note", "REQUIRED")
    for final in ("CLOSED", "CANCELLED"):
        again = close(final, open_decisions=0, note="再")
        assert isinstance(again, ConferenceRefusal) and again.code == "TRANSITION_NOT_ALLOWED"


def test_a_decision_is_done_once_with_words_and_is_overdue_only_while_open() -> None:
    assert complete_refusal("HELD", "OPEN", "已申请") is None
    mute = complete_refusal("HELD", "OPEN", "")
    assert mute is not None and mute.field == "note"
    twice = complete_refusal("HELD", "DONE", "再")
    assert twice is not None and twice.code == "TRANSITION_NOT_ALLOWED"
    closed = complete_refusal("CLOSED", "OPEN", "x")
    assert closed is not None and closed.code == "TRANSITION_NOT_ALLOWED"
    yesterday = TODAY - timedelta(days=1)
    assert is_overdue("OPEN", yesterday, TODAY) and not is_overdue("OPEN", TODAY, TODAY)
    assert not is_overdue("DONE", yesterday, TODAY)
