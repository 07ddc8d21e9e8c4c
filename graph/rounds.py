"""Visit rounds in the graph: what is due for a worker, a household's availability, and
the planned `(:Round)` with its stops.

`(:Round {id, worker_id, station_id, township_id, date, start, end, km, travel_minutes,
engine, warnings, dropped_household_ids, dropped_kinds, dropped_reasons, planned_at,
planned_by, version})-[:HAS_STOP]->(:RoundStop {position, visit_id, household_id, kind,
arrival, start, departure, travel_minutes, km, late, warnings, responsible_worker_id})
-[:AT]->(:Household)`. One round per worker and date: planning again replaces its stops.
A stop is done when a visit to its household is recorded on the round's date (China time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.driver import Graph
from graph.notifications import notify_tx
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class RoundWorker:
    id: str
    station_id: str
    township_id: str
    home_lat: float | None
    home_lon: float | None
    station_lat: float | None
    station_lon: float | None
    travel_mode: str | None


@dataclass(frozen=True, slots=True)
class DueHousehold:
    """A household one worker follows and what makes it due on a date."""

    household_id: str
    lat: float | None
    lon: float | None
    warning_level: str
    alert_id: str | None
    alert_level: str | None
    alert_due_at: datetime | None
    follow_up_due: date | None
    review_due: date | None
    windows: tuple[str, ...]  # "HH:MM-HH:MM"
    unavailable_weekdays: tuple[int, ...]  # ISO weekday, 1 = Monday


_WORKERS: LiteralString = """
MATCH (w:SocialWorker)-[:WORKS_AT]->(s:Station)
WHERE ($worker_id IS NULL OR w.id = $worker_id)
  AND ($station_id IS NULL OR s.id = $station_id)
  AND ($all_scope OR s.township_id IN $townships)
RETURN w.id AS id, s.id AS station_id, s.township_id AS township_id,
       w.home_lat AS home_lat, w.home_lon AS home_lon, s.lat AS station_lat,
       s.lon AS station_lon, w.travel_mode AS travel_mode
ORDER BY w.id
"""

# One row per household: its oldest open alert, the match's follow-up and the class review.
_DUE: LiteralString = """
UNWIND $worker_ids AS wid
MATCH (:SocialWorker {id: wid})<-[:BY]-(m:Match {status: 'ACTIVE'})-[:FOR]->(h:Household)
OPTIONAL MATCH (a:Alert {status: 'OPEN'})-[:ABOUT]->(h)
WITH wid, m, h, a ORDER BY a.severity DESC, a.due_at
WITH wid, m, h, collect(a)[0] AS a
WHERE a IS NOT NULL OR m.follow_up_due <= $day OR h.next_review_due <= $day
   OR h.warning_level IN ['ORANGE', 'RED']
RETURN wid, h.id AS household_id, h.lat AS lat, h.lon AS lon,
       coalesce(h.warning_level, 'NONE') AS warning_level, a.id AS alert_id,
       a.level AS alert_level, a.due_at AS alert_due_at, m.follow_up_due AS follow_up_due,
       h.next_review_due AS review_due, coalesce(h.availability_windows, []) AS windows,
       coalesce(h.unavailable_weekdays, []) AS unavailable_weekdays
ORDER BY wid, household_id
"""


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


async def round_workers(
    graph: Graph, *, scope: Scope, worker_id: str | None, station_id: str | None
) -> list[RoundWorker]:
    records, _, _ = await graph.driver.execute_query(
        _WORKERS,
        worker_id=worker_id,
        station_id=station_id,
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    return [
        RoundWorker(
            id=r["id"],
            station_id=r["station_id"],
            township_id=r["township_id"],
            home_lat=_float(r["home_lat"]),
            home_lon=_float(r["home_lon"]),
            station_lat=_float(r["station_lat"]),
            station_lon=_float(r["station_lon"]),
            travel_mode=r["travel_mode"],
        )
        for r in records
    ]


async def due_households(
    graph: Graph, worker_ids: Sequence[str], day: date
) -> dict[str, list[DueHousehold]]:
    records, _, _ = await graph.driver.execute_query(
        _DUE, worker_ids=list(worker_ids), day=day, database_=graph.database, routing_="r"
    )
    out: dict[str, list[DueHousehold]] = {w: [] for w in worker_ids}
    for r in records:
        out[r["wid"]].append(
            DueHousehold(
                household_id=r["household_id"],
                lat=_float(r["lat"]),
                lon=_float(r["lon"]),
                warning_level=r["warning_level"],
                alert_id=r["alert_id"],
                alert_level=r["alert_level"],
                alert_due_at=_native(r["alert_due_at"]),
                follow_up_due=_native(r["follow_up_due"]),
                review_due=_native(r["review_due"]),
                windows=tuple(r["windows"]),
                unavailable_weekdays=tuple(int(d) for d in r["unavailable_weekdays"]),
            )
        )
    return out


# ---- writes ------------------------------------------------------------------------------

_WRITE_ROUND: LiteralString = """
MERGE (r:Round {id: $round.id})
ON CREATE SET r.version = 0
SET r += $round, r.planned_at = $now, r.planned_by = $actor_id, r.version = r.version + 1
WITH r
OPTIONAL MATCH (r)-[:HAS_STOP]->(old:RoundStop)
DETACH DELETE old
WITH DISTINCT r
UNWIND $stops AS st
MATCH (h:Household {id: st.household_id})
CREATE (r)-[:HAS_STOP]->(x:RoundStop)-[:AT]->(h)
SET x = st
"""

_AVAILABILITY: LiteralString = """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
WITH h, {windows: coalesce(h.availability_windows, []),
         unavailable_weekdays: coalesce(h.unavailable_weekdays, [])} AS before
SET h.availability_windows = $windows, h.unavailable_weekdays = $weekdays,
    h.version = coalesce(h.version, 0) + 1
RETURN before, h.version AS version
"""


async def write_round_tx(
    tx: AsyncManagedTransaction,
    *,
    round_props: dict[str, Any],
    stops: list[dict[str, Any]],
    actor: Actor,
) -> None:
    """Write the round, and tell each responsible worker whose visit it takes over (a
    station's plan gives an urgent visit to a colleague when they cannot make its deadline);
    the notice is keyed by round and household, so planning again does not repeat it."""
    await tx.run(_WRITE_ROUND, now=actor.at, round=round_props, stops=stops, actor_id=actor.id)
    day = round_props["date"].isoformat()
    for s in stops:
        responsible = s.get("responsible_worker_id")
        if not responsible or responsible == round_props["worker_id"]:
            continue
        await notify_tx(
            tx,
            now=actor.at,
            notification_id=f"handover-{round_props['id']}-{s['household_id']}",
            recipient_kind="WORKER",
            recipient_id=responsible,
            kind="VISIT_HANDED_OVER",
            message="VISIT_HANDED_OVER",  # a code: the page says it from kind and params
            subject_type="Household",
            subject_id=s["household_id"],
            params={
                "date": day,
                "householdId": s["household_id"],
                "workerId": round_props["worker_id"],
                "visitKind": s["kind"],
            },
        )
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                action="PLAN_ROUND",
                entity_type="Round",
                entity_id=round_props["id"],
                before=None,
                after={
                    "date": round_props["date"].isoformat(),
                    "stops": [s["household_id"] for s in stops],
                    "dropped": list(round_props["dropped_household_ids"]),
                },
            )
        ],
    )


async def set_availability_tx(
    tx: AsyncManagedTransaction,
    *,
    scope: Scope,
    household_id: str,
    windows: list[str],
    weekdays: list[int],
    actor: Actor,
) -> int | None:
    """The household's new version, or None when it is not in the scope."""
    result = await tx.run(
        _AVAILABILITY,
        household_id=household_id,
        windows=windows,
        weekdays=weekdays,
        **scope.params(),
    )
    record = await result.single()
    if record is None:
        return None
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                action="SET_HOUSEHOLD_AVAILABILITY",
                entity_type="Household",
                entity_id=household_id,
                before=dict(record["before"]),
                after={"windows": windows, "unavailable_weekdays": weekdays},
            )
        ],
    )
    return int(record["version"])


# ---- reading rounds ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoundStopRow:
    position: int
    visit_id: str
    household_id: str
    kind: str
    arrival: int
    start: int
    departure: int
    travel_minutes: int
    km: float
    late: str | None
    warnings: tuple[str, ...]
    responsible_worker_id: str | None
    visit_recorded_id: str | None  # a visit recorded on the round's date
    windows: tuple[str, ...] = ()  # the household's availability, "HH:MM-HH:MM"
    unavailable_weekdays: tuple[int, ...] = ()  # ISO weekday, 1 = Monday


@dataclass(frozen=True, slots=True)
class RoundRow:
    id: str
    worker_id: str
    station_id: str
    date: date
    start: int
    end: int
    km: float
    travel_minutes: int
    engine: str
    warnings: tuple[str, ...]
    dropped: tuple[tuple[str, str, str], ...]  # (household id, kind, reason)
    version: int
    stops: tuple[RoundStopRow, ...]


# The round and its stops as `_round_row` reads them.
ROUND: LiteralString = """r{.id, .worker_id, .station_id, .date, .start, .end, .km,
  .travel_minutes, .engine, .warnings, .dropped_household_ids, .dropped_kinds,
  .dropped_reasons, .version}"""
STOP_FIELDS: LiteralString = """.position, .visit_id, .household_id, .kind, .arrival, .start,
  .departure, .travel_minutes, .km, .late, .warnings, .responsible_worker_id"""

_ROUND_TAIL: LiteralString = (
    """
OPTIONAL MATCH (r)-[:HAS_STOP]->(x:RoundStop)
OPTIONAL MATCH (v:Visit {household_id: x.household_id})
  WHERE v.visited_at >= datetime({date: r.date, timezone: '+08:00'})
    AND v.visited_at < datetime({date: r.date + duration('P1D'), timezone: '+08:00'})
WITH r, x, collect(v.id)[0] AS recorded
OPTIONAL MATCH (hh:Household {id: x.household_id})
WITH r, x, recorded, hh ORDER BY x.position
WITH r, collect(CASE WHEN x IS NULL THEN NULL ELSE x {"""
    + STOP_FIELDS
    + """, recorded: recorded,
       windows: coalesce(hh.availability_windows, []),
       unavailable_weekdays: coalesce(hh.unavailable_weekdays, [])} END) AS stops
RETURN """
    + ROUND
    + """ AS r, stops ORDER BY r.worker_id
"""
)
_ROUND_BY_ID: LiteralString = (
    """
MATCH (r:Round {id: $id})
WHERE $all_scope OR r.township_id IN $townships
"""
    + _ROUND_TAIL
)
_ROUNDS_OF_STATION: LiteralString = (
    """
MATCH (r:Round {station_id: $station_id, date: $day})
WHERE $all_scope OR r.township_id IN $townships
"""
    + _ROUND_TAIL
)


def _round_row(r: Any, stops: list[Any]) -> RoundRow:
    ids, kinds, reasons = (
        r.get("dropped_household_ids") or [],
        r.get("dropped_kinds") or [],
        r.get("dropped_reasons") or [],
    )
    return RoundRow(
        id=r["id"],
        worker_id=r["worker_id"],
        station_id=r["station_id"],
        date=_native(r["date"]),
        start=int(r["start"]),
        end=int(r["end"]),
        km=float(r["km"]),
        travel_minutes=int(r["travel_minutes"]),
        engine=r["engine"],
        warnings=tuple(r.get("warnings") or ()),
        dropped=tuple(zip(ids, kinds, reasons, strict=True)),
        version=int(r["version"]),
        stops=tuple(
            RoundStopRow(
                position=int(s["position"]),
                visit_id=s["visit_id"],
                household_id=s["household_id"],
                kind=s["kind"],
                arrival=int(s["arrival"]),
                start=int(s["start"]),
                departure=int(s["departure"]),
                travel_minutes=int(s["travel_minutes"]),
                km=float(s["km"]),
                late=s.get("late"),
                warnings=tuple(s.get("warnings") or ()),
                responsible_worker_id=s.get("responsible_worker_id"),
                visit_recorded_id=s.get("recorded"),
                windows=tuple(s.get("windows") or ()),
                unavailable_weekdays=tuple(int(d) for d in s.get("unavailable_weekdays") or ()),
            )
            for s in stops
        ),
    )


async def round_by_id(graph: Graph, *, scope: Scope, round_id: str) -> RoundRow | None:
    records, _, _ = await graph.driver.execute_query(
        _ROUND_BY_ID, id=round_id, **scope.params(), database_=graph.database, routing_="r"
    )
    return _round_row(records[0]["r"], records[0]["stops"]) if records else None


async def rounds_of_station(
    graph: Graph, *, scope: Scope, station_id: str, day: date
) -> list[RoundRow]:
    records, _, _ = await graph.driver.execute_query(
        _ROUNDS_OF_STATION,
        station_id=station_id,
        day=day,
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    return [_round_row(r["r"], r["stops"]) for r in records]


_PLACES: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household {id: id})
WHERE $all_scope OR h.township_id IN $townships
RETURN h.id AS id, h.lat AS lat, h.lon AS lon
"""


async def household_places(
    graph: Graph, *, scope: Scope, household_ids: Sequence[str]
) -> dict[str, tuple[float, float] | None]:
    """Where each household in the scope is (None: no coordinates); absent: not in scope."""
    records, _, _ = await graph.driver.execute_query(
        _PLACES, ids=list(household_ids), **scope.params(), database_=graph.database, routing_="r"
    )
    return {
        r["id"]: (float(r["lat"]), float(r["lon"]))
        if r["lat"] is not None and r["lon"] is not None
        else None
        for r in records
    }
