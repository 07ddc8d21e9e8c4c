"""`bangfu bench solomon`: the Solomon VRPTW instances, OR-Tools and PyVRP at equal time.

Distance-only objective, fleet at most the instance's, every customer served; distances
recomputed at full precision from the routes and compared with `bks_distance_only.csv`.
Reads the instance files and the table from one directory (../shared/benchmarks/solomon);
the data is never copied into the project.
"""

from __future__ import annotations

import csv
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from matching.rounds.ortools_engine import OrToolsEngine, OrToolsOptions
from matching.rounds.problem import NoRoute, RoutingEngine, RoutingUnsupported
from matching.rounds.solomon import (
    SolomonInstance,
    check_routes,
    parse_solomon,
    real_distance,
    solomon_problem,
)


def load_bks(instances_dir: Path) -> dict[str, dict[str, str]]:
    with (instances_dir / "bks_distance_only.csv").open(newline="", encoding="utf-8") as f:
        return {row["instance"]: row for row in csv.DictReader(f)}


def _gap(found: float | None, known: float) -> float | None:
    return None if found is None else round(100.0 * (found - known) / known, 3)


def _run(
    engine: RoutingEngine, inst: SolomonInstance, seconds: float
) -> tuple[int | None, float | None, float, float, list[str]]:
    """(vehicles, real distance, wall seconds, CPU seconds, what is wrong)."""
    began, cpu = time.perf_counter(), time.process_time()
    try:
        sol = engine.solve(solomon_problem(inst), seconds)
    except (NoRoute, RoutingUnsupported) as exc:
        return None, None, time.perf_counter() - began, time.process_time() - cpu, [str(exc)]
    used_cpu = time.process_time() - cpu
    problems = check_routes(inst, sol.routes)
    used = sum(1 for r in sol.routes if r)
    return used, round(real_distance(inst, sol.routes), 3), sol.seconds, used_cpu, problems


def run_solomon_bench(
    instances_dir: Path,
    seconds: float = 10.0,
    *,
    only: set[str] | None = None,
    options: OrToolsOptions | None = None,
    pyvrp: bool = True,
    cpu_clock: bool = False,
) -> list[dict[str, Any]]:
    """One row per instance (file order), OR-Tools first, then PyVRP on the same instance
    with the same time. `only` limits the instances by name (e.g. {"C101", "R101"}).
    `cpu_clock`: each engine gets `seconds` of CPU, not of wall (fair on a loaded machine)."""
    bks = load_bks(instances_dir)
    ortools = OrToolsEngine(replace(options or OrToolsOptions(), cpu_clock=cpu_clock))
    rows: list[dict[str, Any]] = []
    for path in sorted(instances_dir.glob("*.txt")):
        name = path.stem.upper()
        if (only is not None and name not in only) or name not in bks:
            continue
        inst = parse_solomon(path.read_text(encoding="ascii"))
        known = float(bks[name]["distance"])
        vehicles, distance, took, cpu, problems = _run(ortools, inst, seconds)
        row: dict[str, Any] = {
            "instance": name,
            "vehicles": vehicles,
            "distance": distance,
            "bks_vehicles": int(bks[name]["vehicles"]),
            "bks_distance": known,
            "gap_pct": _gap(distance, known),
            "seconds": round(took, 3),
            "pyvrp_distance": None,
            "pyvrp_gap_pct": None,
            # The CPU the solver had in those seconds: on a shared machine it can be less.
            "cpu_seconds": round(cpu, 3),
        }
        if problems:
            row["problems"] = problems
        if bks[name].get("note"):
            row["bks_note"] = bks[name]["note"]
        if pyvrp:
            from matching.rounds.pyvrp_engine import PyVrpEngine

            p_vehicles, p_distance, p_took, p_cpu, p_problems = _run(
                PyVrpEngine(cpu_clock=cpu_clock), inst, seconds
            )
            row["pyvrp_distance"] = p_distance
            row["pyvrp_gap_pct"] = _gap(p_distance, known)
            row["pyvrp_vehicles"] = p_vehicles
            row["pyvrp_seconds"] = round(p_took, 3)
            row["pyvrp_cpu_seconds"] = round(p_cpu, 3)
            if p_problems:
                row["pyvrp_problems"] = p_problems
        rows.append(row)
    return rows
