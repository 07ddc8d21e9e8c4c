"""The registry descriptions of the helpers a county runs: stations (社工站), social workers
(社工) and volunteers (志愿者, 网格员). Each noun is an `EntitySpec`; the one create / update
is `server.services.registry_entities`, which the mutations call with the spec."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from graph.driver import Graph
from graph.registry_writes import Link
from graph.social_workers import SOCIAL_WORKER_WRITES, SocialWorkerRecord, workers_by_id
from graph.stations import STATION_WRITES, StationRecord, stations_by_id
from graph.volunteers import VOLUNTEER_WRITES, VolunteerRow, volunteers_by_id
from server.registry.household_facts import in_vocabulary_order
from server.registry.validation import FieldError, validate_social_worker
from server.registry.vocabulary import SKILLS, TRAVEL_MODE_REACH_KM
from server.services import values as v
from server.services.errors import UNKNOWN_STATION
from server.services.registry import (
    Caller,
    in_scope,
)
from server.services.registry_checks import (
    social_worker_limits,
    validate_station,
    validate_volunteer,
)
from server.services.registry_entities import EntitySpec, one_id, one_region

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


STATION: Final[EntitySpec[StationRecord]] = EntitySpec(
    entity="Station",
    id_prefix="st",
    fields=STATION_FIELDS,
    writes=STATION_WRITES,
    props=station_props,
    validate=validate_station,
    link=one_region("township_id", "TOWNSHIP"),
    record=lambda station: station,
    find=_station_in_scope,
)


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


def _worker_errors(f: Mapping[str, object]) -> list[FieldError]:
    return validate_social_worker(f) + social_worker_limits(f)


async def _station_errors(graph: Graph, caller: Caller, station_id: Link) -> list[FieldError]:
    if await _station_in_scope(graph, caller, str(station_id)) is not None:
        return []
    reason = f"No station '{station_id}' in your area."
    return [FieldError("station_id", reason, UNKNOWN_STATION)]


def _default_reach(fields: dict[str, object]) -> dict[str, object]:
    mode = fields.get("travel_mode")
    if fields.get("reach_km") is None and isinstance(mode, str) and mode in TRAVEL_MODE_REACH_KM:
        fields["reach_km"] = TRAVEL_MODE_REACH_KM[mode]  # how far that mode usually goes
    return fields


async def _worker_in_scope(
    graph: Graph, caller: Caller, worker_id: str
) -> SocialWorkerRecord | None:
    worker = (await workers_by_id(graph, [worker_id]))[0]
    if worker is None or await _station_in_scope(graph, caller, worker.station_id) is None:
        return None
    return worker


SOCIAL_WORKER: Final[EntitySpec[SocialWorkerRecord]] = EntitySpec(
    entity="SocialWorker",
    id_prefix="sw",
    fields=WORKER_FIELDS,
    writes=SOCIAL_WORKER_WRITES,
    props=worker_props,
    validate=_worker_errors,
    link=one_id("station_id", _station_errors),
    record=lambda worker: worker,
    find=_worker_in_scope,
    prepare=_default_reach,
)


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


async def _volunteer(graph: Graph, caller: Caller, volunteer_id: str) -> VolunteerRow | None:
    return (
        await volunteers_by_id(graph, [volunteer_id], scope=caller.scope, audience=caller.audience)
    )[0]


VOLUNTEER: Final[EntitySpec[VolunteerRow]] = EntitySpec(
    entity="Volunteer",
    id_prefix="vol",
    fields=VOLUNTEER_FIELDS,
    writes=VOLUNTEER_WRITES,
    props=volunteer_props,
    validate=validate_volunteer,
    link=one_region("village_id", "VILLAGE"),
    record=lambda row: row.record,
    find=_volunteer,
)
