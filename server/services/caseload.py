"""Caseload plans: request one for a scope and compute it (in the worker); deciding one is
`server.services.caseload_approval`.

The optimiser (`matching`) sees only facts; this module turns a graph snapshot into those
facts, and the optimiser's plan into reviewable items.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from arq.connections import ArqRedis

from graph.audit import Actor
from graph.caseload_plans import (
    PlanItemRecord,
    PlanRecord,
    create_plan,
    fail_plan,
    finish_plan,
    plan_by_id,
    plan_input,
    plan_pairs,
    store_plan_input,
    write_plan_items,
)
from graph.caseload_snapshot import CaseloadSnapshot, PlanScope, read_snapshot, resolve_plan_scope
from graph.driver import Graph
from graph.jobs import JobRecord, ReportProgress
from graph.scope import EVERYWHERE, Scope
from graph.social_workers import SocialWorkerRecord
from graph.stations import stations_by_id
from matching import (
    BalancePriority,
    CaseloadPlan,
    CaseloadProblem,
    CaseloadSettings,
    assign_caseload,
    check_caseload,
    settings_for_balance,
)
from matching.caseload_weights import caseload_weight
from matching.checks import road_km
from matching.fingerprint import canonical, input_hash, problem_from_canonical
from server.caseload_facts import caseload_problem
from server.clock import Clock
from server.services.errors import (
    EntityNotFound,
    invalid,
)
from server.services.jobs import JobQueueUnavailable, start_job

FOLLOW_UP_DAYS = 30  # the first follow-up visit of a new pairing is due within a month
MAX_EXTRA_WORKERS = 20

ProgressCallback = ReportProgress  # a code and its parameters (graph.jobs)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """A scenario to solve without committing it."""

    extra_workers: tuple[tuple[str, int], ...] = ()  # (station id, how many)
    cap_factor: float | None = None  # every caseload limit times this
    workers_on_leave: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "extra_workers": [{"station_id": s, "count": n} for s, n in self.extra_workers],
            "cap_factor": self.cap_factor,
            "workers_on_leave": list(self.workers_on_leave),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WhatIf:
        return cls(
            extra_workers=tuple((e["station_id"], int(e["count"])) for e in data["extra_workers"]),
            cap_factor=data.get("cap_factor"),
            workers_on_leave=tuple(data.get("workers_on_leave") or ()),
        )


def _check_what_if(what_if: WhatIf, scope: PlanScope, station_townships: dict[str, str]) -> None:
    if what_if.cap_factor is not None and not 0.1 <= what_if.cap_factor <= 3.0:
        raise invalid("what_if.cap_factor", "must be between 0.1 and 3", "OUT_OF_RANGE")
    for station_id, count in what_if.extra_workers:
        if not 0 <= count <= MAX_EXTRA_WORKERS:
            raise invalid(
                "what_if.extra_workers.count",
                f"must be between 0 and {MAX_EXTRA_WORKERS}",
                "OUT_OF_RANGE",
            )
        if station_townships.get(station_id) not in scope.townships:
            raise invalid(
                "what_if.extra_workers.station_id",
                f"station {station_id} is not in the plan's scope",
                "UNKNOWN_STATION",
            )


async def request_plan(
    graph: Graph,
    arq: ArqRedis,
    *,
    viewer_scope: Scope,
    actor: Actor,
    scope_kind: str,
    scope_id: str,
    what_if: WhatIf | None,
    now: datetime,
    balance: BalancePriority = BalancePriority.TRAVEL_FIRST,
) -> tuple[PlanRecord, JobRecord]:
    scope = await resolve_plan_scope(graph, scope_kind, scope_id)
    if scope is None or not (
        viewer_scope.unrestricted or set(scope.townships) <= set(viewer_scope.townships or ())
    ):
        raise EntityNotFound(scope_kind.title(), scope_id, "scope_id")
    if what_if is not None:
        stations = await stations_by_id(graph, [s for s, _ in what_if.extra_workers])
        _check_what_if(what_if, scope, {s.id: s.township_id for s in stations if s})
    stamp = now.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    plan_id = f"plan-{stamp}-{uuid.uuid4().hex[:8]}"
    job_id = f"caseload-plan:{plan_id}"
    plan = await create_plan(
        graph,
        plan_id=plan_id,
        scope_kind=scope.kind,
        scope_id=scope.id,
        scope_name=scope.name,
        townships=scope.townships,
        what_if=what_if.to_json() if what_if else None,
        job_id=job_id,
        created_by=actor.id,
        now=now,
        balance_priority=balance.value,
    )
    try:
        job = await start_job(
            graph,
            arq,
            job_id=job_id,
            function="caseload_plan",
            params={"plan_id": plan_id},
            created_by=actor.id,
            now=now,
        )
    except JobQueueUnavailable:
        # No plan may stay COMPUTING with no job to compute it.
        await fail_plan(graph, plan_id, ["JOB_QUEUE_UNAVAILABLE"])
        raise
    return plan, job


# --- computing ----------------------------------------------------------------------------


def _what_if_workers(
    snapshot: CaseloadSnapshot, what_if: WhatIf, station_homes: dict[str, tuple[float, float]]
) -> list[SocialWorkerRecord]:
    """Today's workers changed by the scenario: scaled limits and hypothetical new workers
    (at the station, with the station's median limit and reach)."""
    workers = list(snapshot.workers)
    if what_if.cap_factor is not None:
        factor = what_if.cap_factor
        workers = [replace(w, caseload_limit=int(w.caseload_limit * factor)) for w in workers]
    for station_id, count in what_if.extra_workers:
        peers = [w for w in workers if w.station_id == station_id] or workers
        if not peers:
            continue
        lat, lon = station_homes[station_id]
        for n in range(count):
            workers.append(
                replace(
                    peers[0],
                    id=f"whatif-{station_id}-{n + 1}",
                    station_id=station_id,
                    name=f"新增社工 {n + 1}",
                    home_lat=lat,
                    home_lon=lon,
                    caseload_limit=int(statistics.median(p.caseload_limit for p in peers)),
                    reach_km=float(statistics.median(p.reach_km for p in peers)),
                    skills=(),
                )
            )
    return workers


def build_problem(
    snapshot: CaseloadSnapshot,
    what_if: WhatIf | None,
    station_homes: dict[str, tuple[float, float]],
    settings: CaseloadSettings,
) -> CaseloadProblem:
    workers = (
        _what_if_workers(snapshot, what_if, station_homes) if what_if else list(snapshot.workers)
    )
    in_scope = {w.id for w in workers}
    current = {h: m.worker_id for h, m in snapshot.current.items() if m.worker_id in in_scope}
    # What a worker carries outside the scope stays theirs: the plan fills only the rest.
    room = [
        replace(w, caseload_limit=max(0, w.caseload_limit - snapshot.load_elsewhere.get(w.id, 0)))
        for w in workers
    ]
    return caseload_problem(
        households=[row.record for row in snapshot.households],
        workers=room,
        conflicts=snapshot.conflicts,
        current=current,
        on_leave=what_if.workers_on_leave if what_if else (),
        settings=settings,
    )


def plan_items(
    plan_id: str, snapshot: CaseloadSnapshot, problem: CaseloadProblem, plan: CaseloadPlan
) -> list[PlanItemRecord]:
    facts = {h.id: h for h in problem.households}
    rows = {r.record.id: r for r in snapshot.households}
    items: list[PlanItemRecord] = []

    def item(hid: str, kind: str, **fields: Any) -> PlanItemRecord:
        # The household's worker today, even one outside the plan's scope (a worker moved to
        # another station): approving the plan transfers that match too.
        current = snapshot.current.get(hid)
        from_worker = current.worker_id if current else None
        base: dict[str, Any] = {
            "id": f"{plan_id}/{hid}",
            "plan_id": plan_id,
            "kind": kind,
            "status": "PROPOSED" if kind in ("NEW", "MOVED") else "EXPLAINS",
            "household_id": hid,
            "household_version": rows[hid].version,
            "warning_level": facts[hid].warning,
            "weight": facts[hid].weight,
            "from_worker_id": from_worker,
            "from_match_id": current.match_id if current else None,
            "to_worker_id": None,
            "distance_km": None,
            "reasons": (),
            "next_best_worker_id": None,
            "next_best_extra_km": None,
            "next_best_note": None,
            "left_out_reason": None,
            "left_out_detail": None,
            "what_would_change": None,
        }
        return PlanItemRecord(**(base | fields))

    for p in plan.pairings:
        today = snapshot.current.get(p.household_id)
        from_worker = today.worker_id if today else None
        kind = (
            "NEW" if from_worker is None else "UNCHANGED" if from_worker == p.worker_id else "MOVED"
        )
        items.append(
            item(
                p.household_id,
                kind,
                to_worker_id=p.worker_id,
                distance_km=round(p.distance_km, 3),
                reasons=p.reasons,
                next_best_worker_id=p.next_best_worker_id,
                next_best_extra_km=p.next_best_extra_km,
                next_best_note=p.next_best_note or None,
            )
        )
    for u in plan.unassigned:
        items.append(
            item(
                u.household_id,
                "LEFT_OUT",
                left_out_reason=u.reason,
                left_out_detail=u.detail,
                what_would_change=u.what_would_change,
                # For a household left out: the nearest worker and how far (the page names
                # them; the detail texts are for developers and carry ids).
                next_best_worker_id=u.nearest_worker_id,
                next_best_extra_km=u.nearest_km,
                releases_match=facts[u.household_id].current_worker_id is not None,
            )
        )
    return items


def summarise(
    problem: CaseloadProblem,
    plan: CaseloadPlan,
    items: list[PlanItemRecord],
    load_elsewhere: Mapping[str, int] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The plan's figures; a worker's load and limit include what they carry outside the
    scope (`load_elsewhere`), which the problem had taken off their limit."""
    elsewhere = load_elsewhere or {}
    facts = {h.id: h for h in problem.households}
    workers = {w.id: w for w in problem.workers}
    detour = problem.settings.detour_factor
    today = [h for h in problem.households if h.current_worker_id in workers]
    kinds = Counter(i.kind for i in items)
    summary = {
        "households": len(problem.households),
        "assigned": len(plan.pairings),
        "unassigned": len(plan.unassigned),
        "newCount": kinds["NEW"],
        "movedCount": kinds["MOVED"],
        "unchangedCount": kinds["UNCHANGED"],
        "leftOutCount": kinds["LEFT_OUT"],
        "travelKm": round(plan.levels.travel_km, 2),
        "coveredPriority": plan.levels.covered_priority,
        "todayAssigned": len(today),
        "todayTravelKm": round(
            sum(
                road_km(h, workers[h.current_worker_id or ""], detour) for h in today if h.location
            ),
            2,
        ),
        "todayCoveredPriority": float(sum(h.priority for h in today)),
        "moves": len(plan.moves),
        # Utilisation spread (load / limit) and the travel the balance stage added.
        "utilisationMax": plan.balance.utilisation_max if plan.balance else None,
        "utilisationMin": plan.balance.utilisation_min if plan.balance else None,
        "utilisationStddev": plan.balance.utilisation_stddev if plan.balance else None,
        "balanceExtraTravelPct": plan.balance.extra_travel_pct if plan.balance else None,
    }
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    n_before: Counter[str] = Counter()
    n_after: Counter[str] = Counter()
    for h in today:
        before[h.current_worker_id or ""] += h.weight
        n_before[h.current_worker_id or ""] += 1
    for p in plan.pairings:
        after[p.worker_id] += facts[p.household_id].weight
        n_after[p.worker_id] += 1
    loads = [
        {
            "worker_id": w.id,
            "limit": w.capacity + elsewhere.get(w.id, 0),
            "before": before[w.id] + elsewhere.get(w.id, 0),
            "after": after[w.id] + elsewhere.get(w.id, 0),
            "households_before": n_before[w.id],
            "households_after": n_after[w.id],
        }
        for w in problem.workers
    ]
    return summary, loads


async def compute_plan(
    graph: Graph, plan_id: str, progress: ProgressCallback, *, clock: Clock
) -> PlanRecord:
    """The job body: idempotent, so a retried job finishes the same plan, never a second."""
    try:
        return await _compute_plan(graph, plan_id, progress, clock=clock)
    except Exception as exc:
        # A plan never stays COMPUTING after its job gave up on it.
        await fail_plan(graph, plan_id, [f"{type(exc).__name__}: {exc}"[:500]])
        raise


async def _compute_plan(
    graph: Graph, plan_id: str, progress: ProgressCallback, *, clock: Clock
) -> PlanRecord:
    plan = await plan_by_id(graph, plan_id, scope=EVERYWHERE)
    if plan is None:
        raise LookupError(f"plan {plan_id} does not exist")
    if plan.status != "COMPUTING":
        return plan
    scope = await resolve_plan_scope(graph, plan.scope_kind, plan.scope_id)
    if scope is None:
        await fail_plan(graph, plan_id, [f"the scope {plan.scope_id} no longer exists"])
        raise LookupError(f"scope {plan.scope_id} no longer exists")
    await progress(0.05, "PLAN_READING")
    snapshot = await read_snapshot(graph, scope, weigh=caseload_weight)
    what_if = WhatIf.from_json(plan.what_if) if plan.what_if else None
    homes: dict[str, tuple[float, float]] = {}
    if what_if:
        stations = await stations_by_id(graph, [s for s, _ in what_if.extra_workers])
        homes = {s.id: (s.lat, s.lon) for s in stations if s}
    settings = settings_for_balance(BalancePriority(plan.balance_priority))
    problem = build_problem(snapshot, what_if, homes, settings)
    await progress(
        0.15,
        "PLAN_SOLVING",
        households=len(problem.households),
        workers=len(problem.workers),
    )
    result = await asyncio.to_thread(assign_caseload, problem)
    violations = await asyncio.to_thread(check_caseload, problem, result)
    if violations:
        raise RuntimeError(
            "the plan broke hard rules: "
            + "; ".join(f"{v.code}: {v.detail}" for v in violations[:20])
        )
    await progress(0.7, "PLAN_WRITING")
    await store_plan_input(graph, plan_id, encode_problem(problem), PROBLEM_FORMAT)
    items = plan_items(plan_id, snapshot, problem, result)
    await write_plan_items(graph, items, link_proposals=what_if is None)
    summary, loads = summarise(problem, result, items, snapshot.load_elsewhere)
    finished = await finish_plan(
        graph,
        plan_id,
        {
            "status": "WHAT_IF" if what_if else "PROPOSED",
            "solver": result.solver,
            "solver_version": result.solver_version,
            "objective": result.objective,
            "bound": result.bound,
            "gap": result.gap,
            "gap_level": result.gap_level,
            "solve_seconds": round(result.seconds, 3),
            "input_hash": result.input_hash,
            "restricted_candidates": result.restricted_candidates,
            "notes": list(result.notes),
            "summary": json.dumps(summary),
            "worker_loads": json.dumps(loads),
            "balance": json.dumps(asdict(result.balance) if result.balance else None),
            "worker_versions": json.dumps(snapshot.worker_versions),
            "settings": json.dumps(asdict(settings), sort_keys=True),
        },
        now=clock.now(),
    )
    return finished or plan


# --- reproducing ---------------------------------------------------------------------------

PROBLEM_FORMAT = "canonical-json-1+zlib"


def encode_problem(problem: CaseloadProblem) -> bytes:
    return zlib.compress(json.dumps(canonical(problem), separators=(",", ":")).encode(), 6)


def decode_problem(data: bytes) -> CaseloadProblem:
    return problem_from_canonical(json.loads(zlib.decompress(data)))


@dataclass(frozen=True, slots=True)
class Reproduction:
    input_hash: str | None
    recomputed_hash: str
    identical: bool
    differing_households: int
    seconds: float


async def reproduce(graph: Graph, *, viewer_scope: Scope, plan_id: str) -> Reproduction | None:
    """Solve the plan's stored input again and compare household by household."""
    plan = await plan_by_id(graph, plan_id, scope=viewer_scope)
    stored = await plan_input(graph, plan_id) if plan else None
    if plan is None or stored is None:
        return None
    problem = decode_problem(stored[0])
    started = time.perf_counter()
    again = await asyncio.to_thread(assign_caseload, problem)
    seconds = time.perf_counter() - started
    before = await plan_pairs(graph, plan_id)
    after: dict[str, str | None] = {p.household_id: p.worker_id for p in again.pairings}
    after |= {u.household_id: None for u in again.unassigned}
    differing = sum(1 for h in before.keys() | after.keys() if before.get(h) != after.get(h))
    recomputed = input_hash(problem)
    return Reproduction(
        input_hash=plan.input_hash,
        recomputed_hash=recomputed,
        identical=differing == 0 and recomputed == plan.input_hash,
        differing_households=differing,
        seconds=round(seconds, 3),
    )
