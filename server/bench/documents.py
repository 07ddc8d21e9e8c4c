"""`bangfu bench documents`: every query document the frontend sends, on the demo county.

Each document of `server.bench.ui_documents.BUDGETS` is sent as the role whose page sends
it, with ids that role finds through the API itself (its first household, station, alert,
... as its own pages would list them), `repeats` times in a row on one connection. The
bench reports per document its Cypher round trips (all, and its own: those not spent on
reads shared with other requests for 2 s) against its budget, and its time (best, median,
worst), and lists the documents over their round-trip budget or slower than SLOW_MS at the
median. Without `BANGFU_URL` it starts its own stack with the demo county, like `bench api`.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from server.bench.api import HttpClient, graphql, login
from server.bench.ui_documents import BUDGETS, FRAGMENTS, QUERIES, with_fragments
from server.roles import DEMO_USERNAMES, Role

SLOW_MS = 250.0  # the API's p95 target (issue 14): a page's documents should meet it alone

# Where a role finds an id of each kind, as its pages list them: (document, path to a list).
_FINDERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "household": ("{ households(first: 1) { edges { node { id } } } }", ("households", "edges")),
    "station": ("{ stations(first: 1) { edges { node { id } } } }", ("stations", "edges")),
    "worker": ("{ socialWorkers(first: 1) { edges { node { id } } } }", ("socialWorkers", "edges")),
    "plan": ("{ caseloadPlans(first: 1) { edges { node { id } } } }", ("caseloadPlans", "edges")),
    "alert": ("{ alerts(first: 1) { edges { node { id } } } }", ("alerts", "edges")),
    "match": ("{ matches(first: 1) { edges { node { id } } } }", ("matches", "edges")),
    "need": ("{ needs(first: 1) { edges { node { id } } } }", ("needs", "edges")),
    "township": ("{ regions(level: TOWNSHIP) { id } }", ("regions",)),
    "village": ("{ regions(level: VILLAGE) { id } }", ("regions",)),
    "job_posting": ("{ jobPostings { id } }", ("jobPostings",)),
}
_ME = "{ me { scopeId } }"


@dataclass
class RolePlaces:
    """The ids one role found (None: it may not list that kind, or there is none)."""

    inside: dict[str, str | None] = field(default_factory=dict)
    own_id: str | None = None


@dataclass(frozen=True)
class DocumentFigure:
    """One document's measurement: round trips of the cheapest run, times of all runs."""

    cypher: int  # round trips of the cheapest run, shared reads included
    # The fewest a run paid for itself, what a budget pins: reads shared with other requests
    # for 2 s (server/shared_reads.py) are paid by whichever request misses first.
    own_cypher: int
    on_leader: int  # round trips not routed to a follower on a cluster
    ms: tuple[float, ...]
    errors: tuple[str, ...]


def _first_id(body: dict[str, Any], path: tuple[str, ...]) -> str | None:
    found: Any = body.get("data")
    for key in path:
        if not isinstance(found, dict):
            return None
        found = found.get(key)
    if not isinstance(found, list) or not found:
        return None
    item = found[0]
    node = item.get("node", item)
    return str(node["id"]) if isinstance(node, dict) and "id" in node else None


async def find_places(client: HttpClient, token: str) -> RolePlaces:
    """The first id of each kind the role sees through the API, and its own record."""
    places = RolePlaces()
    for kind, (document, path) in _FINDERS.items():
        places.inside[kind] = _first_id(await graphql(client, document, {}, token), path)
    me = await graphql(client, _ME, {}, token)
    places.own_id = ((me.get("data") or {}).get("me") or {}).get("scopeId")
    return places


async def measure_document(
    client: HttpClient, document: str, variables: dict[str, Any], token: str, repeats: int
) -> DocumentFigure:
    """`repeats` runs of one document: the first also plans its Cypher in Neo4j, so the
    cheapest run is the figure a steady page costs."""
    runs: list[tuple[int, int, int]] = []
    times: list[float] = []
    errors: list[str] = []
    for _ in range(repeats):
        started = time.perf_counter()
        body = await graphql(client, document, variables, token)
        times.append(round((time.perf_counter() - started) * 1000, 1))
        if body.get("errors"):
            errors.append(str(body["errors"][0].get("message"))[:200])
        ext = body.get("extensions") or {}
        count, shared = int(ext.get("cypherQueries", 0)), int(ext.get("cypherShared", 0))
        runs.append((count, count - shared, int(ext.get("cypherOnLeader", 0))))
    cypher, _, on_leader = min(runs)
    own = min(r[1] for r in runs)
    return DocumentFigure(cypher, own, on_leader, tuple(times), tuple(errors))


async def measure_documents(url: str, password: str, repeats: int) -> dict[str, Any]:
    client = HttpClient(url)
    try:
        roles = sorted({b.role for b in BUDGETS.values()}, key=lambda r: r.value)
        tokens: dict[Role, str] = {}
        places: dict[Role, RolePlaces] = {}
        for role in roles:
            tokens[role] = await login(client, DEMO_USERNAMES[role], password)
            places[role] = await find_places(client, tokens[role])
        load_before = os.getloadavg()[0]
        rows: dict[str, dict[str, Any]] = {}
        for name, budget in sorted(BUDGETS.items()):
            if name not in QUERIES:
                continue
            document = with_fragments(QUERIES[name], FRAGMENTS)
            variables = budget.variables(places[budget.role])
            figure = await measure_document(
                client, document, variables, tokens[budget.role], repeats
            )
            rows[name] = {
                "role": budget.role.value,
                "cypher": figure.cypher,
                "own_cypher": figure.own_cypher,
                "budget": budget.cypher,
                "on_leader": figure.on_leader,
                "best_ms": min(figure.ms),
                "median_ms": statistics.median(figure.ms),
                "worst_ms": max(figure.ms),
                "errors": len(figure.errors),
                "first_error": figure.errors[0] if figure.errors else None,
            }
    finally:
        await client.close()
    medians = sorted(rows, key=lambda n: rows[n]["median_ms"], reverse=True)
    return {
        "documents": len(rows),
        "repeats": repeats,
        "over_budget": sorted(n for n, r in rows.items() if r["own_cypher"] > r["budget"]),
        "slow_ms": SLOW_MS,
        "slow": [n for n in medians if rows[n]["median_ms"] > SLOW_MS],
        "with_errors": sorted(n for n, r in rows.items() if r["errors"]),
        "slowest": [{"document": n, "median_ms": rows[n]["median_ms"]} for n in medians[:5]],
        # Which kinds each role found an id of (a document sent with none reads nothing).
        "ids_found": {
            role.value: sorted(k for k, v in found.inside.items() if v)
            for role, found in places.items()
        },
        "median_of_medians_ms": statistics.median(r["median_ms"] for r in rows.values()),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "per_document": rows,
    }


def run_documents_bench(*, repeats: int) -> dict[str, Any]:
    from server.bench.api import DEFAULT_WEB_WORKERS, own_stack

    password = os.environ.get("BANGFU_DEMO_PASSWORD", "bangfu-demo")
    external = os.environ.get("BANGFU_URL")
    if external:
        result = asyncio.run(measure_documents(external.rstrip("/"), password, repeats))
        result["url"] = external
        return result
    with own_stack(DEFAULT_WEB_WORKERS) as (url, _):
        result = asyncio.run(measure_documents(url, password, repeats))
    result["url"] = "own stack (throw-away, demo county)"
    return result
