"""Rescoring households (监测预警): their events scored into a level, an alert raised
where the level rises.

An event recorded through the API rescored its household in the same transaction (see
`server.services.indicator_events`), so the alert it causes exists when the mutation
answers. Rescoring an area, or the nightly pass that lets old events age out, runs as a job
in batches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from neo4j import AsyncManagedTransaction

from graph.alerts import AlertRecord, NewAlert, raise_alerts_tx
from graph.audit import Actor, AuditEntry, record_audit_many
from graph.caseload_weights import refresh_match_weights_tx
from graph.driver import Graph
from graph.indicator_events import IndicatorEventRecord, events_since_tx
from graph.jobs import ReportProgress
from graph.scope import Scope
from graph.warning_levels import (
    ScoreUpdate,
    WatchScope,
    households_to_rescore,
    lock_scoring_facts_tx,
    write_scores_tx,
)
from matching.caseload_weights import caseload_weight
from matching.warning import (
    HouseholdIncome,
    WarningEvent,
    WarningSettings,
    level_rank,
    score_household,
)
from server.clock import Clock
from server.services.writes import run_write

WARNING_SETTINGS: Final = WarningSettings()
RESCORE_BATCH: Final = 200

ProgressCallback = ReportProgress  # a code and its parameters (graph.jobs)


@dataclass(frozen=True, slots=True)
class Rescored:
    household_id: str
    level_before: str
    level: str
    score: float
    indicators: tuple[str, ...]
    alert: AlertRecord | None  # raised by this rescoring (the level rose)


def alert_id(household_id: str, level: str, event_ids: Sequence[str]) -> str:
    """The same evidence gives the same id, so a rescoring retried or run twice (the form
    and the nightly pass) raises one alert."""
    evidence = f"{household_id}|{level}|{','.join(sorted(event_ids))}"
    return "al-" + hashlib.sha256(evidence.encode()).hexdigest()[:20]


async def rescore_tx(
    tx: AsyncManagedTransaction,
    *,
    household_ids: Sequence[str],
    settings: WarningSettings,
    now: datetime,
    today: date,
    actor: Actor,
) -> list[Rescored]:
    """Rescore the households in the caller's transaction; raise an alert where the level
    rose. Running it again with nothing new changes nothing."""
    facts = await lock_scoring_facts_tx(tx, household_ids=household_ids, now=now)
    since = today - timedelta(days=settings.window_days)
    events = await events_since_tx(tx, household_ids=[f.household_id for f in facts], since=since)
    updates, alerts, audits, scored = [], [], [], []
    for f in facts:
        result = score_household(
            [_warning_event(e) for e in events[f.household_id]],
            HouseholdIncome(size=f.size, monthly_income_per_person=f.monthly_income_per_person),
            settings,
            today,
        )
        updates.append(ScoreUpdate(f.household_id, result.level, result.score, result.indicators))
        scored.append((f, result))
        if result.level != f.level:
            audits.append(
                AuditEntry(
                    action="RESCORE_HOUSEHOLD",
                    entity_type="Household",
                    entity_id=f.household_id,
                    before={"warning_level": f.level},
                    after={"warning_level": result.level, "score": result.score},
                )
            )
        if level_rank(result.level) > level_rank(f.level) and result.deadline_days is not None:
            alerts.append(
                NewAlert(
                    id=alert_id(f.household_id, result.level, result.event_ids),
                    household_id=f.household_id,
                    level=result.level,
                    score=result.score,
                    indicators=result.indicators,
                    event_ids=result.event_ids,
                    raised_at=now,
                    due_at=now + timedelta(days=result.deadline_days),
                )
            )
    await write_scores_tx(tx, updates=updates)
    await record_audit_many(tx, actor=actor, entries=audits)
    # A level that changed may change the household's caseload weight (orange 2, red 3).
    changed = [f.household_id for f, r in scored if r.level != f.level]
    await refresh_match_weights_tx(tx, household_ids=changed, actor=actor, weigh=caseload_weight)
    raised = {a.household_id: a for a in await raise_alerts_tx(tx, alerts=alerts, actor=actor)}
    return [
        Rescored(
            household_id=f.household_id,
            level_before=f.level,
            level=r.level,
            score=r.score,
            indicators=r.indicators,
            alert=raised.get(f.household_id),
        )
        for f, r in scored
    ]


def _warning_event(e: IndicatorEventRecord) -> WarningEvent:
    return WarningEvent(kind=e.kind, occurred_on=e.occurred_on, amount=e.amount, id=e.id)


@dataclass(frozen=True, slots=True)
class RescoreReport:
    households: int
    changed: int
    alerts_raised: int

    def to_json(self) -> dict[str, Any]:
        return {
            "households": self.households,
            "changed": self.changed,
            "alerts_raised": self.alerts_raised,
        }


async def rescore_many(
    graph: Graph,
    household_ids: Sequence[str],
    *,
    actor: Actor,
    clock: Clock,
    settings: WarningSettings = WARNING_SETTINGS,
    progress: ProgressCallback | None = None,
    start: float = 0.0,
    end: float = 1.0,
) -> RescoreReport:
    """Rescore in batches, one transaction each: a retry after a crash redoes at most one
    batch, and redoing it raises nothing twice."""
    when, today = clock.now(), clock.today()
    changed = raised = 0
    ids = list(household_ids)
    for i in range(0, len(ids), RESCORE_BATCH):
        batch = ids[i : i + RESCORE_BATCH]
        results = await run_write(
            graph,
            rescore_tx,
            household_ids=batch,
            settings=settings,
            now=when,
            today=today,
            actor=actor,
        )
        changed += sum(1 for r in results if r.level != r.level_before)
        raised += sum(1 for r in results if r.alert is not None)
        if progress:
            done = min(len(ids), i + RESCORE_BATCH)
            await progress(
                start + (end - start) * done / len(ids),
                "RESCORING",
                done=done,
                total=len(ids),
            )
    return RescoreReport(households=len(ids), changed=changed, alerts_raised=raised)


async def rescore_area(
    graph: Graph,
    *,
    scope: Scope,
    watch: WatchScope,
    actor: Actor,
    clock: Clock,
    progress: ProgressCallback | None = None,
) -> RescoreReport:
    ids = await households_to_rescore(graph, scope=scope, watch=watch)
    if progress:
        await progress(0.05, "RESCORE_READ", households=len(ids))
    return await rescore_many(
        graph, ids, actor=actor, clock=clock, progress=progress, start=0.05, end=1.0
    )
