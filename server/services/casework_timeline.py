"""A household's timeline with its referrals (转介): sent, and answered or closed with
feedback; and its case conferences (个案会商) with their decisions. Kept beside
`server.services.timeline`, which reads the rest of its story."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from graph.conferences import conferences_of_household
from graph.driver import Graph
from graph.intakes import IntakeRecord, intakes_of_household
from graph.referrals import ReferralRecord, referrals_of_household
from graph.scope import Scope
from graph.timeline import user_names_by_id
from matching.approval import ParamValue
from server.clock import Clock
from server.services.conference_timeline import conference_entries
from server.services.timeline import KINDS, TimelineEntry, day_start, household_timeline

CONFERENCES_SHOWN = 50
INTAKES_SHOWN = 20


def referral_entries(
    referrals: list[ReferralRecord], names: Mapping[str, str | None], zone: tzinfo
) -> list[TimelineEntry]:
    out = []
    for r in referrals:
        params: tuple[tuple[str, ParamValue], ...] = (
            ("targetKind", r.target_kind),
            ("department", r.department),
            ("target", r.target_name),
            ("dueOn", r.due_on.isoformat()),
            ("status", r.status),
        )
        sent_at = r.created_at or day_start(r.sent_on, zone)
        who = names.get(r.created_by)
        out.append(TimelineEntry(sent_at, "REFERRAL_SENT", r.request, who, r.id, params))
        # The answer (accepted or refused, with its note), then the feedback that closed it:
        # two moments of the story, each with the status it left the referral in.
        if r.answered_at is not None:
            answer = "ACCEPTED" if r.status == "COMPLETED" else r.status
            at_answer = (*params[:-1], ("status", answer))
            out.append(
                TimelineEntry(r.answered_at, "REFERRAL_ANSWERED", r.note, None, r.id, at_answer)
            )
        if r.completed_at is not None:
            out.append(
                TimelineEntry(r.completed_at, "REFERRAL_ANSWERED", r.feedback, None, r.id, params)
            )
    return out


def intake_entries(
    intakes: list[IntakeRecord], names: Mapping[str, str | None], zone: tzinfo, household_id: str
) -> list[TimelineEntry]:
    """Where the story starts: a walk-in or hotline request about the household, or the one
    it was registered from, with who received it."""
    out = []
    for i in intakes:
        if i.received_at is None:
            continue
        params: tuple[tuple[str, ParamValue], ...] = (
            ("channel", i.channel),
            ("status", i.status),
            ("registered", i.outcome == "HOUSEHOLD" and i.result_id == household_id),
        )
        who = names.get(i.received_by)
        out.append(TimelineEntry(i.received_at, "INTAKE", i.summary, who, i.id, params))
    return out


async def household_timeline_with_referrals(
    graph: Graph, household_id: str, *, scope: Scope, clock: Clock
) -> list[TimelineEntry] | None:
    entries = await household_timeline(graph, household_id, scope=scope, clock=clock)
    if entries is None:
        return None
    referrals = await referrals_of_household(
        graph, household_id=household_id, scope_params=scope.params()
    )
    conferences = await conferences_of_household(
        graph, household_id=household_id, scope_params=scope.params(), limit=CONFERENCES_SHOWN
    )
    intakes = await intakes_of_household(
        graph, household_id=household_id, scope_params=scope.params(), limit=INTAKES_SHOWN
    )
    if not referrals and not conferences and not intakes:
        return entries
    creators = sorted(
        {r.created_by for r in referrals}
        | {c.convened_by for c in conferences}
        | {i.received_by for i in intakes}
    )
    names = dict(zip(creators, await user_names_by_id(graph, creators), strict=True))
    added = intake_entries(intakes, names, clock.zone, household_id)
    added += referral_entries(referrals, names, clock.zone)
    added += conference_entries(conferences, names, clock.zone, clock.today())
    return sorted([*entries, *added], key=lambda e: (e.at, KINDS.index(e.kind), e.subject_id))
