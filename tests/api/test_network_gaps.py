"""Gap analysis and the network picture on a small fixture county of their own.

The fixture is written with the app's own writer (`graph.county_writer.write_county`) and its
matches made by the app's own reassignment use case; the queries are asked over the fixture's
townships only, so the session's demo county does not change the answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from graph.audit import Actor
from graph.county_writer import County, write_county
from graph.driver import Graph, GraphConfig, open_graph
from graph.gaps import (
    eligibility_review,
    idle_organisations,
    idle_volunteers,
    single_point_workers,
    uncovered_by_village,
    unserved_need_kinds,
    village_coverage,
)
from graph.households import HouseholdRecord
from graph.needs import NeedRecord
from graph.network import NetworkFilter, network_picture
from graph.organisations import CharityRecord
from graph.regions import RegionRecord
from graph.scope import NOWHERE, Scope
from graph.social_workers import SocialWorkerRecord
from graph.stations import StationRecord
from graph.users import upsert_user
from graph.volunteers import VolunteerRecord
from server.auth import hash_password
from server.clock import FixedClock
from server.roles import Role
from server.services.adoptions import ClaimCommand, claim_need
from server.services.market import CapacityCommand, set_capacity
from server.services.reassignment import reassign_household
from server.services.registry import Caller
from tests.api.follow_up_support import backdate
from tests.conftest import GraphQLClient, Services
from tests.support.clock import app_now

T1, T2 = "fx-gap-t1", "fx-gap-t2"
AREA = Scope(townships=(T1, T2)).params()
TODAY = date(2026, 12, 3)
LINE = 600.0


def _household(hid: str, village: str, level: str, tier: str, income: float) -> HouseholdRecord:
    return HouseholdRecord(
        id=hid, village_id=village, tier=tier, dibao_class="C" if tier == "DIBAO" else None,
        causes=("ILLNESS",), special_groups=(), size=2, monthly_income_per_person=income,
        lat=25.001, lon=102.001, address="某村1号", phone="13800000000", warning_level=level,
        risk_score=0.5, next_review_due=None, needs_skills=(),
    )  # fmt: skip


def _worker(wid: str, lat: float) -> SocialWorkerRecord:
    return SocialWorkerRecord(
        id=wid, station_id="fx-gap-s1", name=f"社工{wid[-1]}", sex="F", phone="13900000000",
        id_number="", home_lat=lat, home_lon=102.0, caseload_limit=20, reach_km=10.0,
        travel_mode="EBIKE", skills=("MEDICAL", "PSYCHOLOGICAL", "DISABILITY_CARE"), languages=(),
    )  # fmt: skip


def fixture_county() -> County:
    regions = (
        RegionRecord("fx-gap-c", "测试县", "COUNTY", None, 25.0, 102.0),
        RegionRecord(T1, "甲镇", "TOWNSHIP", "fx-gap-c", 25.0, 102.0),
        RegionRecord(T2, "乙镇", "TOWNSHIP", "fx-gap-c", 25.5, 102.5),
        RegionRecord("fx-gap-v1", "一村", "VILLAGE", T1, 25.0, 102.0),
        RegionRecord("fx-gap-v2", "二村", "VILLAGE", T1, 25.01, 102.01),
        RegionRecord("fx-gap-v3", "三村", "VILLAGE", T2, 25.5, 102.5),
    )
    households = (
        _household("fx-gap-h1", "fx-gap-v1", "RED", "DIBAO", 300.0),
        _household("fx-gap-h2", "fx-gap-v1", "ORANGE", "DIBAO", 400.0),
        _household("fx-gap-h3", "fx-gap-v2", "NONE", "DIBAO", 900.0),  # 错保
        _household("fx-gap-h4", "fx-gap-v2", "YELLOW", "TEMPORARY", 250.0),  # 漏保
    )
    needs = (
        NeedRecord("fx-gap-n1", "fx-gap-h1", "HOUSING", "修缮", 5000, "HIGH", "OPEN"),
        NeedRecord("fx-gap-n2", "fx-gap-h2", "MEDICAL", "药费", 800, "HIGH", "OPEN"),
        NeedRecord("fx-gap-n3", "fx-gap-h1", "MEDICAL", "复查", 300, "LOW", "FULFILLED"),
    )
    return County(
        regions=regions,
        households=households,
        people=(),
        needs=needs,
        stations=(StationRecord("fx-gap-s1", "甲镇社工站", T1, 25.0, 102.0, "0871"),),
        workers=(_worker("fx-gap-w1", 25.0), _worker("fx-gap-w2", 25.002)),
        volunteers=(
            VolunteerRecord(
                "fx-gap-x1", "志愿者甲", "fx-gap-v1", 25.0, 102.0, "M", "13700000000", (), "GRID"
            ),
        ),
        charities=(CharityRecord("fx-gap-c1", "测试基金会", ("MEDICAL",), 10_000, (T1,)),),
        enterprises=(),
        conflicts=(),
        county_id="fx-gap-c",
    )


@pytest.fixture(scope="module", autouse=True)
async def fixture_county_removed_afterwards(seeded: Services) -> AsyncIterator[None]:
    """The fixture county lives beside the demo county for this module only: tests that pick
    'a village elsewhere' must not find its villages afterwards."""
    yield
    graph = open_graph(GraphConfig(uri=seeded.neo4j.uri, auth=None, database=None))
    try:
        await graph.driver.execute_query("MATCH (a:Adoption {org_id: 'fx-gap-c1'}) DETACH DELETE a")
        await graph.driver.execute_query(
            "MATCH (m:Match) WHERE m.household_id STARTS WITH 'fx-gap-' DETACH DELETE m"
        )
        await graph.driver.execute_query(
            "MATCH (n) WHERE n.id STARTS WITH 'fx-gap' OR n.id = 'user-fx-gap-coordinator' "
            "DETACH DELETE n"
        )
    finally:
        await graph.close()


@pytest.fixture
async def fixture(graph: Graph) -> dict[str, Any]:
    await write_county(graph, fixture_county(), now=app_now())
    existing, _, _ = await graph.driver.execute_query(
        "MATCH (:Household {id: 'fx-gap-h1'})<-[:FOR]-(m:Match {status: 'ACTIVE'}) RETURN m.id"
    )
    matches = []
    if not existing:  # the fixture is shared by the tests of this module's session
        for hid in ("fx-gap-h1", "fx-gap-h3"):
            done = await reassign_household(
                graph,
                viewer_scope=Scope(townships=(T1,)),
                actor=Actor(id="test", role="ADMIN", at=app_now()),
                household_id=hid,
                worker_id="fx-gap-w1",
                reason="测试配对",
                override=False,
                today=TODAY,
            )
            matches.append(done.match_id)
        await backdate(graph, matches[:1], days=40)
    return {"matches": matches}


async def test_uncovered_households_by_village_red_and_orange_first(
    graph: Graph, fixture: dict[str, Any]
) -> None:
    rows = await uncovered_by_village(graph, scope_params=AREA, township_id=None, limit=10)
    by_village = {r.village_id: r for r in rows}
    assert set(by_village) == {"fx-gap-v1", "fx-gap-v2"}
    v1 = by_village["fx-gap-v1"]
    assert (v1.households, v1.uncovered, v1.red, v1.orange) == (2, 1, 0, 1)
    assert v1.urgent_household_ids == ("fx-gap-h2",)
    assert rows[0].village_id == "fx-gap-v1"  # the orange one before the yellow one


async def test_single_point_worker_and_colleagues_with_room(
    graph: Graph, fixture: dict[str, Any]
) -> None:
    rows = await single_point_workers(
        graph, scope_params=AREA, township_id=T1, identity=True, limit=10
    )
    assert [r.worker_id for r in rows] == ["fx-gap-w1"]
    w1 = rows[0]
    assert set(w1.household_ids) == {"fx-gap-h1", "fx-gap-h3"}
    assert w1.urgent_household_ids == ("fx-gap-h1",)
    assert w1.worker_name == "社工1" and w1.colleagues_in_reach == 1
    assert w1.colleagues_room == 20 and w1.colleagues_can_absorb
    hidden = await single_point_workers(
        graph, scope_params=AREA, township_id=T1, identity=False, limit=10
    )
    assert hidden[0].worker_name is None


async def test_idle_capacity_tolerates_no_marketplace_links(
    graph: Graph, fixture: dict[str, Any]
) -> None:
    orgs, total = await idle_organisations(
        graph, scope_params=AREA, township_id=None, since=TODAY, limit=10
    )
    assert total == 1 and orgs[0].id == "fx-gap-c1" and orgs[0].last_adoption_on is None
    volunteers, total = await idle_volunteers(
        graph, scope_params=AREA, township_id=None, identity=True, limit=10
    )
    assert total == 1 and volunteers[0].id == "fx-gap-x1"


async def test_need_kinds_with_no_provider(graph: Graph, fixture: dict[str, Any]) -> None:
    rows = await unserved_need_kinds(graph, scope_params=AREA, township_id=None)
    # housing has nobody; medical is the charity's focus, so it is served
    assert [(r.township_id, r.kind, r.open_needs) for r in rows] == [(T1, "HOUSING", 1)]


async def test_village_coverage_and_eligibility_review(
    graph: Graph, fixture: dict[str, Any]
) -> None:
    rows = await village_coverage(graph, scope_params=AREA, township_id=None, today=TODAY)
    by_village = {r.village_id: r for r in rows}
    assert set(by_village) == {"fx-gap-v1", "fx-gap-v2", "fx-gap-v3"}
    v1, v3 = by_village["fx-gap-v1"], by_village["fx-gap-v3"]
    assert (v1.households, v1.with_worker, v1.needs, v1.needs_met) == (2, 1, 3, 1)
    assert v1.visited_in_cadence == 1  # the follow-up lies ahead of TODAY
    assert (v3.households, v3.with_worker, v3.needs) == (0, 0, 0)

    signals, totals = await eligibility_review(
        graph, scope_params=AREA, township_id=None, line=LINE, identity=True, limit=10
    )
    assert {(s.signal, s.household_id) for s in signals} == {
        ("COVERED_ABOVE_LINE", "fx-gap-h3"),
        ("UNCOVERED_BELOW_LINE", "fx-gap-h4"),
    }
    assert totals == {"COVERED_ABOVE_LINE": 1, "UNCOVERED_BELOW_LINE": 1}


async def test_every_gap_is_empty_on_an_empty_area(graph: Graph, fixture: dict[str, Any]) -> None:
    for scope in (NOWHERE.params(), Scope(townships=(T2,)).params()):
        assert (
            await uncovered_by_village(graph, scope_params=scope, township_id=None, limit=5) == []
        )
        assert (
            await single_point_workers(
                graph, scope_params=scope, township_id=None, identity=True, limit=5
            )
            == []
        )
        assert await idle_organisations(
            graph, scope_params=scope, township_id=None, since=TODAY, limit=5
        ) == ([], 0)
        assert await idle_volunteers(
            graph, scope_params=scope, township_id=None, identity=True, limit=5
        ) == ([], 0)
        assert await unserved_need_kinds(graph, scope_params=scope, township_id=None) == []
        assert await eligibility_review(
            graph, scope_params=scope, township_id=None, line=LINE, identity=True, limit=5
        ) == ([], {})
    assert await village_coverage(graph, scope_params=NOWHERE.params(), township_id=None,
                                  today=TODAY) == []  # fmt: skip


async def test_network_picture_links_and_filters(graph: Graph, fixture: dict[str, Any]) -> None:
    picture = await network_picture(
        graph, scope_params=AREA, flt=NetworkFilter(township_id=T1), identity=True
    )
    kinds = {n.id: n.kind for n in picture.nodes}
    assert kinds["fx-gap-h1"] == "HOUSEHOLD" and kinds["fx-gap-w1"] == "SOCIAL_WORKER"
    assert kinds["fx-gap-s1"] == "STATION" and kinds["fx-gap-c1"] == "CHARITY"
    assert "fx-gap-v3" not in kinds  # another township
    edges = {(e.source, e.target, e.kind) for e in picture.edges}
    assert ("fx-gap-w1", "fx-gap-h1", "RESPONSIBLE") in edges
    assert ("fx-gap-w1", "fx-gap-s1", "WORKS_AT") in edges
    assert ("fx-gap-s1", T1, "SERVES") in edges
    assert ("fx-gap-c1", T1, "ACTIVE_IN") in edges
    w1 = next(n for n in picture.nodes if n.id == "fx-gap-w1")
    assert w1.label == "社工1" and w1.load > 0
    assert all(n.lat is None for n in picture.nodes if n.kind == "HOUSEHOLD")  # no home point

    red_only = await network_picture(
        graph,
        scope_params=AREA,
        flt=NetworkFilter(township_id=T1, warning_level="RED", link_kinds=("RESPONSIBLE",)),
        identity=False,
    )
    households = [n.id for n in red_only.nodes if n.kind == "HOUSEHOLD"]
    assert households == ["fx-gap-h1"]
    assert {e.kind for e in red_only.edges} == {"RESPONSIBLE"}
    assert all(n.label is None for n in red_only.nodes)


GAPS = """
query ($t: ID) {
  networkGaps(townshipId: $t, staleDays: 30) {
    uncoveredVillages { villageId uncovered urgentHouseholdIds }
    singlePointWorkers { workerId workerName householdIds colleaguesCanAbsorb }
    villageCoverage { villageId workerShare cadenceShare needsShare }
    eligibilityReview { line coveredAboveLineCount uncoveredBelowLineCount items { householdId } }
    staleLinks { totalCount pairings { match { id } } }
  }
  networkGraph(filter: {townshipId: $t, linkKinds: [RESPONSIBLE]}) {
    nodes { id kind label } edges { source target kind }
  }
}
"""


async def test_through_graphql_for_the_coordinator_and_refused_to_outside_roles(
    gql: GraphQLClient, graph: Graph, fixture: dict[str, Any]
) -> None:
    await upsert_user(
        graph,
        user_id="user-fx-gap-coordinator",
        username="fx-gap-coordinator",
        password_hash=hash_password("bangfu-demo"),
        role="COORDINATOR",
        display_name="测试统筹",
        scope_kind="COUNTY",
        scope_id="fx-gap-c",
        now=app_now(),
    )
    coordinator = gql.as_user("fx-gap-coordinator")
    body = coordinator.execute(GAPS, {"t": T1})
    assert "errors" not in body, body
    gaps = body["data"]["networkGaps"]
    assert [w["workerId"] for w in gaps["singlePointWorkers"]] == ["fx-gap-w1"]
    assert gaps["eligibilityReview"]["coveredAboveLineCount"] == 1
    stale = {p["match"]["id"] for p in gaps["staleLinks"]["pairings"]}
    assert len(stale) == 1  # the match backdated by 40 days
    v1 = next(v for v in gaps["villageCoverage"] if v["villageId"] == "fx-gap-v1")
    assert v1["workerShare"] == 0.5
    edges = body["data"]["networkGraph"]["edges"]
    assert {e["kind"] for e in edges} == {"RESPONSIBLE"} and len(edges) == 2

    # the demo county's coordinator: the fixture's township lies outside, so nothing
    outside = gql.as_user("coordinator").execute(GAPS, {"t": T1})["data"]
    assert outside["networkGraph"] == {"nodes": [], "edges": []}
    assert outside["networkGaps"]["singlePointWorkers"] == []

    for role in ("charity", "enterprise", "volunteer"):
        refused = gql.as_user(role).execute(GAPS, {"t": T1})
        codes = {e["extensions"]["code"] for e in refused["errors"]}
        assert codes == {"FORBIDDEN"}, refused
        assert refused.get("data") is None or not any((refused["data"] or {}).values())

    bad = coordinator.execute(
        "query { networkGaps(staleDays: 0) { uncoveredVillages { villageId } } }"
    )
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_adoption_is_a_link_and_its_organisation_no_longer_idle(
    graph: Graph, fixture: dict[str, Any]
) -> None:
    # Last in the module: it leaves the charity with an adoption of the orange household's need.
    charity = Caller(
        Actor("test-charity", "CHARITY", app_now()),
        Role.CHARITY,
        Scope(townships=(T1,)),
        "fx-gap-c1",
    )
    await set_capacity(
        graph, charity, CapacityCommand("fx-gap-c1", None, 10_000, "YEAR", ("MEDICAL",), 5)
    )
    rows, _, _ = await graph.driver.execute_query(
        "MATCH (n:Need {id: 'fx-gap-n2'}) RETURN coalesce(n.version, 1) AS v"
    )
    clock = FixedClock(datetime(2026, 12, 3, 2, 0, tzinfo=UTC))
    await claim_need(
        graph, charity, ClaimCommand("fx-gap-n2", rows[0]["v"], None), clock=clock, claim_days=7
    )

    picture = await network_picture(
        graph, scope_params=AREA, flt=NetworkFilter(township_id=T1), identity=True
    )
    edges = {(e.source, e.target, e.kind) for e in picture.edges}
    assert ("fx-gap-c1", "fx-gap-h2", "ADOPTS") in edges
    charity_node = next(n for n in picture.nodes if n.id == "fx-gap-c1")
    assert charity_node.load == 1
    _, total = await idle_organisations(
        graph, scope_params=AREA, township_id=None, since=TODAY, limit=10
    )
    assert total == 0
