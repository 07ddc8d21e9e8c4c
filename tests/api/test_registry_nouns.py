"""What the registry nouns (charity, enterprise, station, social worker, volunteer) share,
tested over one table: an invalid record is refused with typed problems and writes nothing;
organisations belong to the county, so a station manager neither registers nor edits one.
Each noun's own behaviour stays in its test_registry_<noun>.py (documents and inputs too)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from graph.driver import Graph
from tests.api.registry_support import Area, area_of, forbidden, node_props, problems, totals
from tests.api.test_registry_charities import CREATE_CHARITY, UPDATE_CHARITY, _charity_input
from tests.api.test_registry_charities import _create as create_charity
from tests.api.test_registry_enterprises import (
    CREATE_ENTERPRISE,
    UPDATE_ENTERPRISE,
    _enterprise_input,
)
from tests.api.test_registry_enterprises import _create as create_enterprise
from tests.api.test_registry_social_workers import CREATE_WORKER, _worker_input
from tests.api.test_registry_stations import CREATE_STATION, _station_input
from tests.api.test_registry_volunteers import CREATE_VOLUNTEER, _volunteer_input
from tests.conftest import GraphQLClient


@dataclass(frozen=True, slots=True)
class Refusal:
    """A create the noun's validation refuses, field by field."""

    user: str
    document: str
    mutation: str
    bad: Callable[[Area], dict[str, Any]]
    problems: set[tuple[str, str]] = field(default_factory=set)


REFUSALS: dict[str, Refusal] = {
    # a village is not a place a charity registers for, and budgets are not negative
    "charity": Refusal(
        "coordinator",
        CREATE_CHARITY,
        "createCharity",
        lambda area: _charity_input(area.village_id, budgetYuan=-1, focusKinds=[]),
        {("regionIds", "UNKNOWN_REGION"), ("budgetYuan", "OUT_OF_RANGE")}
        | {("focusKinds", "MISSING_VALUE")},
    ),
    "enterprise": Refusal(
        "coordinator",
        CREATE_ENTERPRISE,
        "createEnterprise",
        lambda area: _enterprise_input("rg-no-such-region", jobsOffered=-4, sectors=[]),
        {("regionIds", "UNKNOWN_REGION"), ("jobsOffered", "OUT_OF_RANGE")}
        | {("sectors", "MISSING_VALUE")},
    ),
    "station": Refusal(
        "admin",
        CREATE_STATION,
        "createStation",
        lambda area: _station_input("rg-t-nowhere", lat=60.0, phone="12345"),
        {("townshipId", "UNKNOWN_REGION"), ("lat", "OUTSIDE_CHINA")} | {("phone", "INVALID_PHONE")},
    ),
    "social worker": Refusal(
        "coordinator",
        CREATE_WORKER,
        "createSocialWorker",
        lambda area: _worker_input(
            "st-no-such-station", caseloadLimit=-3, homeLat=80.0, idNumber="110101198001011234"
        ),
        {("stationId", "UNKNOWN_STATION"), ("caseloadLimit", "OUT_OF_RANGE")}
        | {("homeLat", "OUTSIDE_CHINA"), ("idNumber", "INVALID_ID_NUMBER")},
    ),
    # a station manager naming a village outside their township, and bad coordinates
    "volunteer": Refusal(
        "station",
        CREATE_VOLUNTEER,
        "createVolunteer",
        lambda area: _volunteer_input(area.other_village_id, lon=140.0, name=""),
        {("villageId", "UNKNOWN_REGION"), ("lon", "OUTSIDE_CHINA")} | {("name", "MISSING_VALUE")},
    ),
}


@pytest.mark.parametrize("noun", list(REFUSALS))
async def test_an_invalid_record_is_refused_and_writes_nothing(
    noun: str, gql: GraphQLClient, graph: Graph
) -> None:
    # given
    case = REFUSALS[noun]
    area = await area_of(graph, "station")
    before = await totals(graph)
    # when
    result = gql.as_user(case.user).execute(case.document, {"input": case.bad(area)})
    # then
    refused = result["data"][case.mutation]
    assert refused["__typename"] == "InvalidInput"
    assert problems(refused) == case.problems
    assert await totals(graph) == before


@dataclass(frozen=True, slots=True)
class Organisation:
    create: str
    update: str
    register: Callable[..., dict[str, Any]]  # (client, region id) -> the created entity
    input: Callable[..., dict[str, Any]]  # (region id) -> a valid create input
    edit: dict[str, Any]  # a valid change of one field


ORGANISATIONS: dict[str, Organisation] = {
    "charity": Organisation(
        CREATE_CHARITY, UPDATE_CHARITY, create_charity, _charity_input, {"budgetYuan": 1}
    ),
    "enterprise": Organisation(
        CREATE_ENTERPRISE,
        UPDATE_ENTERPRISE,
        create_enterprise,
        _enterprise_input,
        {"jobsOffered": 0},
    ),
}


@pytest.mark.parametrize("noun", list(ORGANISATIONS))
async def test_a_station_manager_may_neither_register_nor_edit_an_organisation(
    noun: str, gql: GraphQLClient, graph: Graph
) -> None:
    # given: organisations belong to the county (issue 8, finding 5); one working in the
    # station's own township
    org = ORGANISATIONS[noun]
    area = await area_of(graph, "station")
    entity = org.register(gql.as_user("coordinator"), area.township_id)
    station = gql.as_user("station")
    before, entity_before = await totals(graph), await node_props(graph, entity["id"])
    # when
    created = station.execute(org.create, {"input": org.input(area.township_id)})
    shrunk = station.execute(org.update, {"input": {"id": entity["id"], "regionIds": []}})
    edited = station.execute(org.update, {"input": {"id": entity["id"], **org.edit}})
    # then
    for body in (created, shrunk, edited):
        assert body["data"] is None and forbidden(body)
    assert await totals(graph) == before
    assert await node_props(graph, entity["id"]) == entity_before
