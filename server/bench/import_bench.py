"""`bangfu bench import`: households with members through the real import path
(parse, validate, check against the graph, upsert) into a real Neo4j."""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from graph.audit import Actor
from graph.county_writer import write_regions
from graph.driver import GraphConfig, open_graph, verify_graph
from graph.migrations import apply_migrations
from graph.scope import EVERYWHERE
from server.clock import SystemClock
from server.demo.county import generate_county
from server.neo4j_launcher import EmbeddedNeo4j, free_port, start_embedded_neo4j
from server.registry.household_csv_format import write_household_csv
from server.services.imports import import_households
from server.settings import Settings


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _process_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _process_cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds of a process so far (fields 14 and 15 of /proc/pid/stat)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _bench(
    config: GraphConfig, households: int, seed: int, neo4j_pid: int | None
) -> dict[str, Any]:
    graph = open_graph(config)
    try:
        await verify_graph(graph, config.uri)
        clock = SystemClock()
        await apply_migrations(graph, now=clock.now())
        county = generate_county(households=households, seed=seed)
        await write_regions(graph, county.regions)
        data = write_household_csv(county.households, county.people)
        load_before = os.getloadavg()[0]
        neo4j_cpu = _process_cpu_seconds(neo4j_pid)
        cpu = time.process_time()
        started = time.perf_counter()
        report = await import_households(
            graph,
            data,
            actor=Actor(id="bench", role="ADMIN", at=clock.now()),
            scope=EVERYWHERE,
            today=clock.today(),
            filename="bench",
        )
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        neo4j_cpu_after = _process_cpu_seconds(neo4j_pid)
        if not report.accepted:
            raise RuntimeError(f"the generated file was refused: {report.errors[:5]}")
        return {
            "households": report.households,
            "people": report.people,
            "seconds": round(seconds, 2),
            "households_per_second": round(report.households / seconds, 1),
            "peak_rss_mb": peak_rss_mb(),
            "file_mb": round(len(data) / 2**20, 1),
            "phase_seconds": report.phase_seconds,
            # The machine is shared: the 1-minute load average says how calm it was.
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            # CPU seconds spent, which a busy machine inflates far less than wall time.
            "cpu_seconds": {
                "python": round(cpu, 2),
                "neo4j": None
                if neo4j_cpu is None or neo4j_cpu_after is None
                else round(neo4j_cpu_after - neo4j_cpu, 2),
            },
        }
    finally:
        await graph.close()


def run_import_bench(*, households: int, seed: int) -> dict[str, Any]:
    """With NEO4J_URI unset, a throw-away embedded Neo4j is started and stopped after."""
    settings = Settings.from_env()
    server: EmbeddedNeo4j | None = None
    tmp: str | None = None
    if settings.neo4j_uri is None:
        tmp = tempfile.mkdtemp(prefix="bangfu-bench-")
        server = start_embedded_neo4j(
            port=free_port(),
            data_dir=Path(tmp) / "neo4j",
            heap=os.environ.get("BANGFU_NEO4J_HEAP", "2g"),
        )
        config = GraphConfig(uri=server.uri, auth=None, database=None)
    else:
        config = GraphConfig(
            uri=settings.neo4j_uri, auth=settings.neo4j_auth, database=settings.neo4j_database
        )
    try:
        pid = server.pid if server is not None else None
        result = asyncio.run(_bench(config, households, seed, pid))
        result["neo4j"] = "embedded (throw-away)" if server else settings.neo4j_uri
        if server is not None:
            result["neo4j_peak_rss_mb"] = _process_rss_mb(server.pid)
        return result
    finally:
        if server is not None:
            server.stop()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
