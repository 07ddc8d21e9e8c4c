"""Supervision of the follow-through: stale pairings, reminders to workers, and a user's
own notifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from graph.driver import Graph
from graph.notifications import NotificationRecord, mark_read, recipients_of
from graph.stale_pairings import (
    Reminder,
    SilentWorker,
    StaleMatch,
    remind_worker_tx,
    silent_workers,
    stale_matches,
)
from server.auth import Principal
from server.clock import Clock
from server.registry.validation import FieldError
from server.services.errors import EntityNotFound, InvalidFields
from server.services.registry import Caller
from server.services.writes import run_write

DEFAULT_STALE_DAYS = 30  # the "no visit for N days", N by default
MAX_STALE_DAYS = 366


@dataclass(frozen=True, slots=True)
class StalePairings:
    days: int
    as_of: datetime
    matches: tuple[StaleMatch, ...]  # longest without contact first, up to the limit
    total_matches: int
    workers: tuple[SilentWorker, ...]  # no contact with any of their households for `days`


async def stale_pairings(
    graph: Graph,
    caller: Caller,
    *,
    days: int,
    station_id: str | None,
    clock: Clock,
    limit: int,
) -> StalePairings:
    if not 1 <= days <= MAX_STALE_DAYS:
        raise InvalidFields([FieldError("days", f"1 to {MAX_STALE_DAYS}", "OUT_OF_RANGE")])
    now = clock.now()
    cutoff = now - timedelta(days=days)
    scope = caller.scope.params()
    matches, total = await stale_matches(
        graph,
        scope_params=scope,
        station_id=station_id,
        cutoff=cutoff,
        day=clock.today(),
        limit=limit,
    )
    workers = await silent_workers(
        graph, scope_params=scope, station_id=station_id, cutoff=cutoff, limit=limit
    )
    return StalePairings(
        days=days, as_of=now, matches=tuple(matches), total_matches=total, workers=tuple(workers)
    )


async def remind_worker(graph: Graph, caller: Caller, match_id: str, *, today: date) -> Reminder:
    """One reminder per match per day: a second click finds the first and sends nothing."""
    message = f"please visit the household you follow soon (match {match_id})"
    reminder: Reminder | None = await run_write(
        graph,
        remind_worker_tx,
        match_id=match_id,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        day=today,
        message=message,
    )
    if reminder is None:
        raise EntityNotFound("Match", match_id, "match_id")
    return reminder


def inbox_of(principal: Principal) -> list[list[str]]:
    """The addresses whose notifications this user reads."""
    return recipients_of(
        user_id=principal.user_id,
        role=principal.role.value,
        scope_kind=principal.scope_kind,
        scope_id=principal.scope_id,
    )


async def mark_notification_read(
    graph: Graph, principal: Principal, notification_id: str, *, now: datetime
) -> NotificationRecord:
    record = await mark_read(
        graph, notification_id=notification_id, recipients=inbox_of(principal), now=now
    )
    if record is None:  # someone else's reads as missing
        raise EntityNotFound("Notification", notification_id)
    return record
