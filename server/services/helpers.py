"""Use cases on the helpers a county runs: stations (社工站), social workers (社工) and
volunteers (志愿者, 网格员)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from graph.county_writer import record_props
from graph.driver import Graph
from graph.registry_writes import new_id
from graph.social_workers import (
    SocialWorkerRecord,
    create_social_worker_tx,
    update_social_worker_tx,
    workers_by_id,
)
from graph.stations import StationRecord, create_station_tx, stations_by_id, update_station_tx
from graph.volunteers import (
    VolunteerRow,
    create_volunteer_tx,
    update_volunteer_tx,
    volunteers_by_id,
)
from server.registry.household_facts import in_vocabulary_order
from server.registry.validation import FieldError, validate_social_worker
from server.registry.vocabulary import SKILLS, TRAVEL_MODE_REACH_KM
from server.services import values as v
from server.services.errors import UNKNOWN_STATION, EntityNotFound
from server.services.registry import (
    Caller,
    EntityChanges,
    NewEntity,
    in_scope,
    merged,
    only,
    refuse_if,
    region_errors,
)
from server.services.registry_checks import (
    social_worker_limits,
    validate_station,
    validate_volunteer,
)
from server.services.writes import run_write

STATION_FIELDS: Final = frozenset({"name", "township_id", "lat", "lon", "phone"})
WORKER_FIELDS: Final = frozenset(
    {
        "station_id",
        "name",
        "sex",
        "phone",
        "id_number",
        "home_lat",
        "home_lon",
        "caseload_limit",
        "reach_km",
        "travel_mode",
        "skills",
        "languages",
    }
)
VOLUNTEER_FIELDS: Final = frozenset(
    {"village_id", "name", "sex", "phone", "lat", "lon", "skills", "kind"}
)


# ---- stations ---------------------------------------------------------------------------


def station_props(f: Mapping[str, object]) -> dict[str, Any]:
    return {
        "name": v.text(f.get("name")),
        "lat": v.number(f.get("lat")),
        "lon": v.number(f.get("lon")),
        "phone": v.text(f.get("phone")),
    }


async def _station_in_scope(graph: Graph, caller: Caller, station_id: str) -> StationRecord | None:
    station = (await stations_by_id(graph, [station_id]))[0]
    if station is None or not in_scope(caller.scope, [station.township_id]):
        return None
    return station


async def create_station(graph: Graph, caller: Caller, cmd: NewEntity) -> StationRecord:
    fields = only(cmd.fields, STATION_FIELDS)
    errors = validate_station(fields)
    township_id = v.text(fields.get("township_id"))
    if township_id:
        errors += await region_errors(
            graph, caller.scope, field="township_id", region_ids=[township_id], levels={"TOWNSHIP"}
        )
    refuse_if(errors)
    result: StationRecord = await run_write(
        graph,
        create_station_tx,
        actor=caller.actor,
        station_id=new_id("st"),
        township_id=township_id,
        props=station_props(fields),
    )
    return result


async def update_station(graph: Graph, caller: Caller, cmd: EntityChanges) -> StationRecord:
    station = await _station_in_scope(graph, caller, cmd.entity_id)
    if station is None:
        raise EntityNotFound("Station", cmd.entity_id)
    changes = only(cmd.changes, STATION_FIELDS)
    after = merged(record_props(station), changes)
    errors = validate_station(after)
    township_id = v.text(changes.get("township_id"))
    if township_id and township_id != station.township_id:
        errors += await region_errors(
            graph, caller.scope, field="township_id", region_ids=[township_id], levels={"TOWNSHIP"}
        )
    refuse_if(errors)
    result: StationRecord = await run_write(
        graph,
        update_station_tx,
        actor=caller.actor,
        station_id=station.id,
        expected_version=cmd.expected_version,
        props={k: val for k, val in station_props(after).items() if k in changes},
        township_id=township_id or None,
    )
    return result


# ---- social workers ---------------------------------------------------------------------


def worker_props(f: Mapping[str, object]) -> dict[str, Any]:
    return {
        "name": v.text(f.get("name")),
        "sex": v.text(f.get("sex")),
        "phone": v.text(f.get("phone")),
        "id_number": v.text(f.get("id_number")).upper(),
        "home_lat": v.number(f.get("home_lat")),
        "home_lon": v.number(f.get("home_lon")),
        "caseload_limit": v.whole(f.get("caseload_limit")),
        "reach_km": v.number(f.get("reach_km")),
        "travel_mode": v.text(f.get("travel_mode")),
        "skills": list(in_vocabulary_order(v.strings(f.get("skills")), SKILLS)),
        "languages": v.strings(f.get("languages")),
    }


async def _worker_errors(graph: Graph, caller: Caller, f: Mapping[str, object]) -> list[FieldError]:
    errors = validate_social_worker(f) + social_worker_limits(f)
    station_id = v.text(f.get("station_id"))
    if station_id and await _station_in_scope(graph, caller, station_id) is None:
        reason = f"No station '{station_id}' in your area."
        errors.append(FieldError("station_id", reason, UNKNOWN_STATION))
    return errors


async def create_social_worker(graph: Graph, caller: Caller, cmd: NewEntity) -> SocialWorkerRecord:
    fields = only(cmd.fields, WORKER_FIELDS)
    mode = fields.get("travel_mode")
    if fields.get("reach_km") is None and isinstance(mode, str) and mode in TRAVEL_MODE_REACH_KM:
        fields["reach_km"] = TRAVEL_MODE_REACH_KM[mode]  # how far that mode usually goes
    refuse_if(await _worker_errors(graph, caller, fields))
    result: SocialWorkerRecord = await run_write(
        graph,
        create_social_worker_tx,
        actor=caller.actor,
        worker_id=new_id("sw"),
        station_id=v.text(fields.get("station_id")),
        props=worker_props(fields),
    )
    return result


async def update_social_worker(
    graph: Graph, caller: Caller, cmd: EntityChanges
) -> SocialWorkerRecord:
    worker = (await workers_by_id(graph, [cmd.entity_id]))[0]
    if worker is None or await _station_in_scope(graph, caller, worker.station_id) is None:
        raise EntityNotFound("SocialWorker", cmd.entity_id)
    changes = only(cmd.changes, WORKER_FIELDS)
    after = merged(record_props(worker), changes)
    errors = await _worker_errors(graph, caller, after)
    refuse_if(errors)
    station_id = v.text(changes.get("station_id"))
    result: SocialWorkerRecord = await run_write(
        graph,
        update_social_worker_tx,
        actor=caller.actor,
        worker_id=worker.id,
        expected_version=cmd.expected_version,
        props={k: val for k, val in worker_props(after).items() if k in changes},
        station_id=station_id or None,
    )
    return result


# ---- volunteers -------------------------------------------------------------------------


def volunteer_props(f: Mapping[str, object]) -> dict[str, Any]:
    return {
        "name": v.text(f.get("name")),
        "sex": v.text(f.get("sex")),
        "phone": v.text(f.get("phone")),
        "lat": v.number(f.get("lat")),
        "lon": v.number(f.get("lon")),
        "skills": list(in_vocabulary_order(v.strings(f.get("skills")), SKILLS)),
        "kind": v.text(f.get("kind")),
    }


async def _village_errors(graph: Graph, caller: Caller, village_id: str) -> list[FieldError]:
    return await region_errors(
        graph, caller.scope, field="village_id", region_ids=[village_id], levels={"VILLAGE"}
    )


async def create_volunteer(graph: Graph, caller: Caller, cmd: NewEntity) -> VolunteerRow:
    fields = only(cmd.fields, VOLUNTEER_FIELDS)
    errors = validate_volunteer(fields)
    village_id = v.text(fields.get("village_id"))
    if village_id:
        errors += await _village_errors(graph, caller, village_id)
    refuse_if(errors)
    result: VolunteerRow = await run_write(
        graph,
        create_volunteer_tx,
        actor=caller.actor,
        volunteer_id=new_id("vol"),
        village_id=village_id,
        props=volunteer_props(fields),
    )
    return result


async def update_volunteer(graph: Graph, caller: Caller, cmd: EntityChanges) -> VolunteerRow:
    row = (await volunteers_by_id(graph, [cmd.entity_id], scope=caller.scope))[0]
    if row is None:
        raise EntityNotFound("Volunteer", cmd.entity_id)
    changes = only(cmd.changes, VOLUNTEER_FIELDS)
    after = merged(record_props(row.record), changes)
    errors = validate_volunteer(after)
    village_id = v.text(changes.get("village_id"))
    if village_id and village_id != row.record.village_id:
        errors += await _village_errors(graph, caller, village_id)
    refuse_if(errors)
    result: VolunteerRow = await run_write(
        graph,
        update_volunteer_tx,
        actor=caller.actor,
        volunteer_id=row.record.id,
        expected_version=cmd.expected_version,
        props={k: val for k, val in volunteer_props(after).items() if k in changes},
        village_id=village_id or None,
    )
    return result
