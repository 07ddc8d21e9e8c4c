"""`NEO4J_URI=neo4j://…`: the routing driver against the test's Neo4j (a single server
routes to itself), reads routed to readers, writes to the writer, and a read that follows
a write in the same process sees it (the shared bookmark manager)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta

import pytest
from neo4j import AsyncManagedTransaction

from graph.dashboard import dashboard_figures
from graph.driver import Graph, GraphConfig, graph_is_up, open_graph, verify_graph
from graph.household_detail import household_details, household_list_page
from graph.households import HouseholdFilter, household_count
from graph.jobs import JobText, create_job, finish_job, job_by_id
from graph.network import NetworkFilter, network_picture
from graph.scope import EVERYWHERE
from server.demo.shape import AREA_CODE
from tests.conftest import Services
from tests.support.clock import app_now, app_today


@pytest.fixture
async def routed(seeded: Services) -> AsyncIterator[Graph]:
    uri = seeded.neo4j.uri.replace("bolt://", "neo4j://")
    graph = open_graph(GraphConfig(uri=uri, auth=None, database=None))
    try:
        await verify_graph(graph, uri)
        yield graph
    finally:
        await graph.close()


async def test_the_routing_driver_knows_readers_and_a_writer(routed: Graph) -> None:
    assert await graph_is_up(routed)
    async with routed.driver.session(default_access_mode="READ") as session:
        result = await session.run("CALL dbms.routing.getRoutingTable({}) YIELD servers")
        record = await result.single()
    assert record is not None
    servers = record["servers"]
    roles = {s["role"] for s in servers}
    assert {"READ", "WRITE", "ROUTE"} <= roles


async def test_reads_through_the_routing_driver_match_the_direct_ones(
    routed: Graph, graph: Graph
) -> None:
    flt = HouseholdFilter()
    page = await household_list_page(routed, scope=EVERYWHERE, flt=flt, after=None, limit=5)
    direct = await household_list_page(graph, scope=EVERYWHERE, flt=flt, after=None, limit=5)
    assert page == direct and len(page) == 5
    assert await household_count(routed, scope=EVERYWHERE, flt=flt) == await household_count(
        graph, scope=EVERYWHERE, flt=flt
    )
    ids = [row.household.record.id for row in page]
    details = await household_details(routed, ids, scope=EVERYWHERE)
    assert [d.household.record.id for d in details if d] == ids


async def test_a_read_after_a_write_sees_it(routed: Graph) -> None:
    job_id = f"job-routing-{uuid.uuid4().hex}"
    await create_job(
        routed, job_id=job_id, kind="ROUTING_PROBE", params={}, created_by=None, now=app_now()
    )
    await finish_job(
        routed,
        job_id,
        succeeded=True,
        message=JobText("ROUTING_PROBE_DONE"),
        result={"ok": True},
        now=app_now(),
    )
    job = await job_by_id(routed, job_id)  # a read, routed to a reader, after the bookmark
    assert job is not None and job.status == "SUCCEEDED"


async def test_a_read_session_carries_the_bookmarks_of_this_process_writes(routed: Graph) -> None:
    job_id = f"job-routing-{uuid.uuid4().hex}"
    await create_job(
        routed, job_id=job_id, kind="ROUTING_PROBE", params={}, created_by=None, now=app_now()
    )
    written = await routed.driver.execute_query_bookmark_manager.get_bookmarks()
    assert written  # the write left its bookmark with the manager every session shares

    async def read_job(tx: AsyncManagedTransaction) -> str | None:
        record = await (
            await tx.run("MATCH (j:Job {id: $id}) RETURN j.id AS id", id=job_id)
        ).single()
        return None if record is None else str(record["id"])

    async with routed.read_session() as session:
        assert await session.execute_read(read_job) == job_id
        seen = await session.last_bookmarks()
    # The read started from the write's bookmarks (a follower would have waited for them).
    assert set(written) <= set(seen.raw_values)


async def test_the_network_and_dashboard_reads_go_through_the_routing_driver(
    routed: Graph, graph: Graph
) -> None:
    params = EVERYWHERE.params()
    flt = NetworkFilter()
    picture = await network_picture(routed, scope_params=params, flt=flt, identity=False)
    direct = await network_picture(graph, scope_params=params, flt=flt, identity=False)
    assert picture == direct and picture.nodes
    today = app_today()
    since = datetime.combine(today, time(0), tzinfo=UTC) - timedelta(days=90)
    county = f"rg-{AREA_CODE}"
    figures = await dashboard_figures(
        routed, EVERYWHERE, region_id=county, today=today, since=since
    )
    assert figures == await dashboard_figures(
        graph, EVERYWHERE, region_id=county, today=today, since=since
    )
    assert figures is not None and figures.parts
