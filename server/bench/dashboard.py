"""`bangfu bench dashboard`: the county dashboard's statements on a demo county with history.

The county (10k households by default) is written, a county-wide caseload plan is computed
and approved through the app's own services, then synthetic visits and alerts are added
(`graph.activity_fixture`) so every statement has rows to read. Each statement of the
dashboard is then timed on its own (the best and worst of `runs` warm runs), and the whole
dashboard read once more as the GraphQL resolver reads it (one transaction).
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from graph.activity_fixture import active_matches, write_activity
from graph.audit import Actor
from graph.caseload_plans import create_plan
from graph.caseload_snapshot import resolve_plan_scope
from graph.county_writer import write_county
from graph.dashboard import dashboard_figures, home_region, time_statements
from graph.driver import Graph, GraphConfig, open_graph, verify_graph
from graph.migrations import apply_migrations
from graph.registry_stats import count_households
from graph.scope import EVERYWHERE
from server.clock import FixedClock, SystemClock
from server.demo.county import generate_county
from server.neo4j_launcher import EmbeddedNeo4j, free_port, start_embedded_neo4j
from server.services.caseload import compute_plan
from server.services.caseload_approval import approve
from server.settings import Settings

LEVELS = (("BLUE", 1), ("YELLOW", 2), ("ORANGE", 3), ("RED", 4))


async def _no_progress(fraction: float, message: str, /, **params: object) -> None:
    return None


async def _history(graph: Graph, county_id: str, seed: int, now: datetime) -> dict[str, int]:
    """A county plan approved whole, then visits on most matches and alerts on some."""
    scope = await resolve_plan_scope(graph, "COUNTY", county_id)
    assert scope is not None
    plan = await create_plan(
        graph,
        plan_id="plan-bench-dashboard",
        scope_kind="COUNTY",
        scope_id=county_id,
        scope_name=scope.name,
        townships=scope.townships,
        what_if=None,
        job_id="bench",
        created_by=None,
        balance_priority="TRAVEL_FIRST",
        now=now,
    )
    plan = await compute_plan(graph, plan.id, _no_progress, clock=FixedClock(now))
    actor = Actor(id="bench", role="ADMIN", at=now)
    await approve(
        graph,
        viewer_scope=EVERYWHERE,
        actor=actor,
        plan_id=plan.id,
        expected_version=plan.version,
        household_ids=None,
        today=now.date(),
    )
    rng = random.Random(seed)
    visits, alerts = [], []
    for i, m in enumerate(await active_matches(graph)):
        at = now - timedelta(days=rng.randint(1, 80), hours=rng.randint(0, 23))
        if rng.random() < 0.8:
            due = (at + timedelta(days=rng.choice((30, 60, 90)))).date()
            visits.append(
                {
                    "id": f"v-bench-{i}",
                    "match_id": m["match_id"],
                    "household_id": m["household_id"],
                    "visited_at": at,
                    "follow_up_due": due,
                }
            )
        if rng.random() < 0.08:
            level, severity = rng.choice(LEVELS)
            raised = at - timedelta(hours=rng.randint(1, 200))
            alerts.append(
                {
                    "id": f"al-bench-{i}",
                    "household_id": m["household_id"],
                    "level": level,
                    "severity": severity,
                    "raised_at": raised,
                    "due_at": raised + timedelta(days=3),
                }
            )
    await write_activity(graph, visits, alerts)
    return {"visits": len(visits), "alerts": len(alerts)}


async def _bench(config: GraphConfig, households: int, seed: int, runs: int) -> dict[str, Any]:
    graph = open_graph(config)
    try:
        await verify_graph(graph, config.uri)
        now = SystemClock().now()
        await apply_migrations(graph, now=now)
        written: dict[str, int] = {}
        if await count_households(graph) == 0:
            generated = generate_county(households=households, seed=seed)
            await write_county(graph, generated, None, now=now)
        county = await home_region(graph, EVERYWHERE)
        assert county is not None
        if not await active_matches(graph):
            written = await _history(graph, county, seed, now)
        today = now.date()
        since = now.astimezone(UTC) - timedelta(weeks=12)
        worst: dict[str, float] = {}
        best: dict[str, float] = {}
        for _ in range(runs):
            timings = await time_statements(
                graph, EVERYWHERE, region_id=county, today=today, since=since
            )
            for name, seconds in timings.items():
                worst[name] = max(worst.get(name, 0.0), seconds)
                best[name] = min(best.get(name, 1e9), seconds)
        started = time.perf_counter()
        figures = await dashboard_figures(
            graph, EVERYWHERE, region_id=county, today=today, since=since
        )
        whole = time.perf_counter() - started
        assert figures is not None
        slowest = max(worst, key=lambda k: worst[k])
        return {
            "households": sum(p.households for p in figures.parts),
            "assigned": sum(p.assigned for p in figures.parts),
            "stations": len(figures.stations),
            "alerts": sum(w.count for w in figures.alert_weeks),
            "written": written,
            "runs": runs,
            "statement_ms_best": {k: round(v * 1000, 1) for k, v in best.items()},
            "statement_ms_worst": {k: round(v * 1000, 1) for k, v in worst.items()},
            "slowest": slowest,
            "slowest_ms": round(worst[slowest] * 1000, 1),
            "whole_dashboard_ms": round(whole * 1000, 1),
        }
    finally:
        await graph.close()


def run_dashboard_bench(*, households: int, seed: int, runs: int) -> dict[str, Any]:
    """With NEO4J_URI unset, a throw-away embedded Neo4j is started and stopped after; with
    it set, that graph is used (a county and history are written only where missing)."""
    settings = Settings.from_env()
    server: EmbeddedNeo4j | None = None
    tmp: str | None = None
    if settings.neo4j_uri is None:
        tmp = tempfile.mkdtemp(prefix="bangfu-bench-")
        server = start_embedded_neo4j(
            port=free_port(),
            data_dir=Path(tmp) / "neo4j",
            heap=os.environ.get("BANGFU_NEO4J_HEAP", "1g"),
        )
        config = GraphConfig(uri=server.uri, auth=None, database=None)
    else:
        config = GraphConfig(
            uri=settings.neo4j_uri, auth=settings.neo4j_auth, database=settings.neo4j_database
        )
    try:
        result = asyncio.run(_bench(config, households, seed, runs))
        result["neo4j"] = "embedded (throw-away)" if server else settings.neo4j_uri
        return result
    finally:
        if server is not None:
            server.stop()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
