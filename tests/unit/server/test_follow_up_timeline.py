"""The household timeline and statement, built from a hand-made history: order, titles,
who did it, what counts as help; and the GraphQL enums kept equal to the domain's."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from graph.audit import AuditEventRecord
from graph.households import HouseholdRecord, HouseholdRow
from graph.match_lifecycle import MatchRecord
from graph.timeline import (
    AlertFact,
    EscalationFact,
    EventFact,
    HouseholdHistory,
    MatchFact,
    NeedFact,
)
from graph.visits import VisitRecord
from matching.lifecycle import MatchStatus as DomainStatus
from matching.lifecycle import Outcome
from server.graphql.types.match import MatchOutcome, MatchStatus
from server.graphql.types.timeline import TimelineKind
from server.graphql.types.visit import VisitOutcome
from server.services.timeline import KINDS, statement, timeline
from server.services.visits import VISIT_OUTCOMES

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)


def household() -> HouseholdRow:
    record = HouseholdRecord(
        id="hh-1",
        village_id="v",
        tier="DIBAO",
        dibao_class="B",
        causes=("ILLNESS",),
        special_groups=(),
        size=3,
        monthly_income_per_person=400.0,
        lat=0.0,
        lon=0.0,
        address="",
        phone="",
        warning_level="NONE",
        risk_score=0.0,
        next_review_due=None,
        needs_skills=(),
    )
    return HouseholdRow(record=record, township_id="t", county_id="c", head_name="王某", version=1)


def match(**overrides: object) -> MatchRecord:
    base = MatchRecord(
        id="m-1",
        status="ACTIVE",
        household_id="hh-1",
        worker_id="sw-1",
        station_id="st-1",
        weight=1,
        started_on=T0.date(),
        follow_up_due=TODAY - timedelta(days=1),
        activated_at=T0,
        last_visit_at=None,
        last_contact_at=None,
        outcome=None,
        close_note=None,
        closed_at=None,
        transition_months=None,
        transferred_at=None,
        rejected_at=None,
        plan_id="plan-1",
        version=2,
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def fact(record: MatchRecord) -> MatchFact:
    return MatchFact(
        record=record,
        worker_name="李社工",
        station_name="城关社工站",
        proposed_at=T0 - timedelta(days=1),
        proposed_by="u-station",
        approved_by="u-station",
        closed_by=None,
        rejected_by=None,
        reject_reason=None,
        transfer_reason=None,
        source=None,
        reason=None,
    )


def visit(vid: str, at: datetime, outcome: str = "STABLE") -> VisitRecord:
    return VisitRecord(
        id=vid,
        match_id="m-1",
        household_id="hh-1",
        worker_id="sw-1",
        visited_at=at,
        place="家中",
        met=("户主",) if outcome != "NOT_MET" else (),
        findings="好",
        outcome=outcome,
        contact=outcome != "NOT_MET",
        next_follow_up=None,
        verifying=False,
        recorded_by="u-worker",
        recorded_at=at,
        discovered_need_ids=(),
        resolved_need_ids=(),
        resolved_alert_ids=(),
    )


def history(**overrides: object) -> HouseholdHistory:
    need = NeedFact(
        id="nd-1",
        kind="MEDICAL",
        description="药费",
        estimated_cost=500,
        status="FULFILLED",
        created_at=T0 + timedelta(days=2),
        reported_by="u-worker",
        resolved_at=None,
        resolved_by=None,
        organisations=("仁爱基金会",),
    )
    fulfilled = AuditEventRecord(
        id="a-2",
        at=T0 + timedelta(days=9),
        actor_id="u-station",
        actor_role="STATION_MANAGER",
        action="UPDATE_NEED",
        entity_type="Need",
        entity_id="nd-1",
        before={"status": "PLEDGED"},
        after={"status": "FULFILLED"},
        reason=None,
    )
    base = HouseholdHistory(
        household=household(),
        exited_on=None,
        transition_until=None,
        matches=(fact(match()),),
        visits=(
            visit("v-2", T0 + timedelta(days=5)),
            visit("v-1", T0 + timedelta(days=3), "NOT_MET"),
        ),
        needs=(need,),
        need_audit=(fulfilled,),
        alerts=(
            AlertFact(
                "al-1",
                "RED",
                "RESOLVED",
                T0 + timedelta(days=1),
                None,
                T0 + timedelta(days=5),
                "v-2",
                (),
            ),
            AlertFact("al-2", "BLUE", "OPEN", None, None, None, None, ()),
        ),
        events=(
            EventFact("ev-1", "HOSPITALISATION", T0.date(), None, None, "MEDICAL_INSURANCE", None),
        ),
        escalations=(
            EscalationFact("x-1", "FOLLOW_UP", "m-1", 2, T0 + timedelta(days=6), "STATION"),
        ),
        user_names={"u-worker": "李社工", "u-station": "张站长"},
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def test_the_timeline_is_in_time_order_with_titles_and_actors() -> None:
    entries = timeline(history(), today=TODAY)
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    kinds = [e.kind for e in entries]
    assert kinds[:3] == ["MATCH_PROPOSED", "EVENT", "MATCH_ACTIVATED"]
    assert kinds[-1] == "FOLLOW_UP_DUE" and dict(entries[-1].params)["overdue"] is True
    assert "ESCALATION" in kinds and kinds.count("VISIT") == 2
    # No composed words: codes and values the page says in its own language.
    assert all(" / " not in str(v) for e in entries for _, v in e.params)
    done = next(e for e in entries if e.kind == "NEED_STATUS_CHANGED")
    assert done.actor == "张站长" and dict(done.params)["status"] == "FULFILLED"
    assert next(e for e in entries if e.kind == "EVENT").actor == "MEDICAL_INSURANCE"


def test_a_node_without_its_time_is_left_out_rather_than_breaking_the_page() -> None:
    entries = timeline(history(), today=TODAY)
    assert "al-2" not in {e.subject_id for e in entries}  # raised_at missing


def test_an_exit_shows_when_the_transition_ends() -> None:
    closed = match(
        status="CLOSED", outcome="EXITED", closed_at=T0 + timedelta(days=20), transition_months=6
    )
    entries = timeline(
        history(matches=(fact(closed),), transition_until=date(2026, 9, 21)), today=TODAY
    )
    assert [e.kind for e in entries][-2:] == ["MATCH_CLOSED", "TRANSITION_ENDS"]
    assert "FOLLOW_UP_DUE" not in {e.kind for e in entries}


def test_the_statement_counts_contact_visits_and_fulfilled_needs() -> None:
    s = statement(history(), today=TODAY)
    assert s.since == T0.date() and s.head_name == "王某"
    assert [v.visited_on for v in s.visits] == [(T0 + timedelta(days=5)).date()]  # not NOT_MET
    assert [(n.cost_yuan, n.fulfilled_by, n.organisations) for n in s.needs_fulfilled] == [
        (500, "张站长", ("仁爱基金会",))
    ]
    assert (s.total_workers, s.total_visits, s.total_value_yuan, s.total_referrals) == (
        1,
        1,
        500,
        0,
    )


def test_a_proposal_never_accepted_is_not_help() -> None:
    proposal = match(status="PROPOSED", activated_at=None, started_on=None)
    s = statement(history(matches=(fact(proposal),)), today=TODAY)
    assert s.matches == () and s.total_workers == 0


def test_graphql_enums_equal_the_domain() -> None:
    assert [m.value for m in MatchStatus] == [m.value for m in DomainStatus]
    assert [m.value for m in MatchOutcome] == [m.value for m in Outcome]
    assert [m.value for m in VisitOutcome] == list(VISIT_OUTCOMES)
    assert [m.value for m in TimelineKind] == list(KINDS)
