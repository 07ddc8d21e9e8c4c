"""Stale pairings (失联配对): active matches nobody has visited lately, and workers who have
recorded no contact, for the supervisor's view; and the one-click reminder to a worker.

"Contact" is a visit where someone was met (`Match.last_contact_at`); a match never
visited counts from its activation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.match_lifecycle import MATCH_FIELDS, MatchRecord, match_record
from graph.notifications import NOTIFICATION, NotificationRecord, notify_tx
from graph.values import as_datetime

_SINCE: LiteralString = (
    "coalesce(m.last_contact_at, m.activated_at, datetime({date: m.started_on}))"
)

_STALE_FILTER: LiteralString = (
    """
MATCH (m:Match {status: 'ACTIVE'})-[:FOR]->(h:Household)
MATCH (m)-[:BY]->(w:SocialWorker)-[:WORKS_AT]->(s:Station)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($station_id IS NULL OR s.id = $station_id)
WITH m, h, w, s, """
    + _SINCE
    + """ AS since
WHERE since < $cutoff
"""
)

# Longest without contact first: that is who the supervisor calls.
_STALE_PAGE: LiteralString = (
    _STALE_FILTER
    + """
RETURN """
    + MATCH_FIELDS
    + """ AS match, h.id AS household_id, w.id AS worker_id, s.id AS station_id, since,
       EXISTS { MATCH (n:Notification {id: 'reminder:' + m.id + ':' + $day}) } AS reminded
ORDER BY since, m.id LIMIT $limit
"""
)
_STALE_COUNT: LiteralString = _STALE_FILTER + " RETURN count(m) AS n"

_SILENT_WORKERS: LiteralString = (
    """
MATCH (w:SocialWorker)-[:WORKS_AT]->(s:Station)
WHERE ($all_scope OR s.township_id IN $townships)
  AND ($station_id IS NULL OR s.id = $station_id)
MATCH (w)<-[:BY]-(m:Match {status: 'ACTIVE'})
WITH w, s, count(m) AS active, max(m.last_contact_at) AS last_contact,
     min("""
    + _SINCE
    + """) AS oldest,
     sum(CASE WHEN """
    + _SINCE
    + """ < $cutoff THEN 1 ELSE 0 END) AS stale
WHERE coalesce(last_contact, oldest) < $cutoff
RETURN w.id AS worker_id, s.id AS station_id, active, stale, last_contact
ORDER BY last_contact, w.id LIMIT $limit
"""
)


@dataclass(frozen=True, slots=True)
class StaleMatch:
    match: MatchRecord
    since: datetime  # last contact, or activation when never met
    reminded_today: bool


@dataclass(frozen=True, slots=True)
class SilentWorker:
    worker_id: str
    station_id: str
    active_matches: int
    stale_matches: int
    last_contact_at: datetime | None


async def stale_matches(
    graph: Graph,
    *,
    scope_params: dict[str, Any],
    station_id: str | None,
    cutoff: datetime,
    day: date,
    limit: int,
) -> tuple[list[StaleMatch], int]:
    params = {**scope_params, "station_id": station_id, "cutoff": cutoff}
    records, _, _ = await graph.driver.execute_query(
        _STALE_PAGE,
        **params,
        day=day.isoformat(),
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    counted, _, _ = await graph.driver.execute_query(
        _STALE_COUNT, **params, database_=graph.database, routing_="r"
    )
    rows = []
    for r in records:
        since = as_datetime(r["since"])
        assert since is not None
        record = match_record(
            r["match"],
            household_id=r["household_id"],
            worker_id=r["worker_id"],
            station_id=r["station_id"],
        )
        rows.append(StaleMatch(match=record, since=since, reminded_today=bool(r["reminded"])))
    return rows, int(counted[0]["n"])


async def silent_workers(
    graph: Graph,
    *,
    scope_params: dict[str, Any],
    station_id: str | None,
    cutoff: datetime,
    limit: int,
) -> list[SilentWorker]:
    records, _, _ = await graph.driver.execute_query(
        _SILENT_WORKERS,
        **scope_params,
        station_id=station_id,
        cutoff=cutoff,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [
        SilentWorker(
            worker_id=r["worker_id"],
            station_id=r["station_id"],
            active_matches=int(r["active"]),
            stale_matches=int(r["stale"]),
            last_contact_at=as_datetime(r["last_contact"]),
        )
        for r in records
    ]


# ---- the reminder ------------------------------------------------------------------------

# Locking the match serialises two clicks, so the second sees the first's notification.
_LOCK_ACTIVE: LiteralString = """
MATCH (m:Match {id: $match_id, status: 'ACTIVE'})-[:FOR]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
MATCH (m)-[:BY]->(w:SocialWorker)
SET m.locked_by = $marker
REMOVE m.locked_by
RETURN w.id AS worker_id, m.follow_up_due AS follow_up_due,
       EXISTS { MATCH (:Notification {id: $notification_id}) } AS sent
"""

_READ_NOTIFICATION: LiteralString = (
    "MATCH (n:Notification {id: $id}) RETURN " + NOTIFICATION + " AS n"
)


@dataclass(frozen=True, slots=True)
class Reminder:
    notification: NotificationRecord
    already_sent: bool


def reminder_id(match_id: str, day: date) -> str:
    """One reminder per match per day, however often it is clicked."""
    return f"reminder:{match_id}:{day.isoformat()}"


async def remind_worker_tx(
    tx: AsyncManagedTransaction,
    *,
    match_id: str,
    scope_params: dict[str, Any],
    actor: Actor,
    day: date,
    message: str,
) -> Reminder | None:
    """None when no active match of that id is in the scope."""
    notification_id = reminder_id(match_id, day)
    r = await (
        await tx.run(
            _LOCK_ACTIVE,
            match_id=match_id,
            marker=actor.id,
            notification_id=notification_id,
            **scope_params,
        )
    ).single()
    if r is None:
        return None
    if not r["sent"]:
        await notify_tx(
            tx,
            now=actor.at,
            notification_id=notification_id,
            recipient_kind="WORKER",
            recipient_id=r["worker_id"],
            kind="VISIT_REMINDER",
            message=message,
            subject_type="Match",
            subject_id=match_id,
            params={"matchId": match_id},
        )
        await record_audit(
            tx,
            actor=actor,
            action="REMIND_WORKER",
            entity_type="Match",
            entity_id=match_id,
            before=None,
            after={"notification_id": notification_id, "worker_id": r["worker_id"]},
        )
    n = await (await tx.run(_READ_NOTIFICATION, id=notification_id)).single()
    assert n is not None
    return Reminder(NotificationRecord.from_node(n["n"]), already_sent=bool(r["sent"]))
