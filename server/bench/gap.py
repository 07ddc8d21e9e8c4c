"""`bangfu bench gap`: the OR-Library generalized assignment problems against optima.csv.

Reads the instance files and the table from one directory (../shared/benchmarks/gap); the
data is never copied into the project.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from matching.gap import Sense, gap_feasible, parse_gap, solve_gap
from matching.gap_generator import GapType, generate_gap, instance_name

# Tight instances after Yagiura et al.: (type, jobs, agents), sizes of their large sets
# (900 x 15 up to 1600 x 80) for each type, and E 900 x 60, the worst row of the first run.
GENERATED: tuple[tuple[GapType, int, int], ...] = (
    *((kind, n, m) for kind in ("C", "D", "E") for n, m in ((900, 15), (1600, 40), (1600, 80))),
    ("E", 900, 60),
)


def load_optima(instances_dir: Path) -> list[dict[str, str]]:
    with (instances_dir / "optima.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run_gap_bench(
    instances_dir: Path,
    time_limit_s: float = 10,
    *,
    only: set[str] | None = None,
    seed: int = 0,
    workers: int = 2,
) -> list[dict[str, Any]]:
    """One row per problem: {instance, problem, sense, known, found, seconds, status}
    (plus bound, gap_pct, known_status). `only` limits the files (e.g. {"gap1.txt"})."""
    rows = load_optima(instances_dir)
    files: dict[str, Any] = {}
    out: list[dict[str, Any]] = []
    for row in rows:
        name = row["instance_file"]
        if only is not None and name not in only:
            continue
        if name not in files:
            files[name] = parse_gap((instances_dir / name).read_text(encoding="ascii"))
        index = int(row["problem_index"])
        sense: Sense = "max" if row["sense"] == "max" else "min"
        known = int(row["optimal_cost"])
        res = solve_gap(
            files[name][index - 1],
            sense=sense,
            time_limit_s=time_limit_s,
            seed=seed,
            workers=workers,
        )
        gap_pct = None
        if res.value is not None:
            gap_pct = round(
                100.0 * (known - res.value if sense == "max" else res.value - known) / abs(known), 4
            )
        out.append(
            {
                "instance": name.removesuffix(".txt"),
                "problem": index,
                "sense": sense,
                "known": known,
                "found": res.value,
                "seconds": round(res.seconds, 3),
                "status": res.status,
                "bound": res.bound,
                "gap_pct": gap_pct,
                "known_status": row["status"],
            }
        )
    return out


def run_generated_bench(
    specs: tuple[tuple[GapType, int, int], ...] = GENERATED,
    time_limit_s: float = 10,
    *,
    seeds: tuple[int, ...] = (1,),
    workers: int = 2,
) -> list[dict[str, Any]]:
    """One row per generated instance: {instance, type, n, m, seed, lower_bound, found,
    gap_pct, seconds, feasible, status}; the lower bound is the LP relaxation's (by its
    Lagrangian dual), so gap_pct over-states the distance to the optimum."""
    out: list[dict[str, Any]] = []
    for kind, n, m in specs:
        for seed in seeds:
            inst = generate_gap(kind, n, m, seed)
            res = solve_gap(inst, sense="min", time_limit_s=time_limit_s, seed=0, workers=workers)
            feasible = res.value is not None and gap_feasible(inst, res.assignment)
            gap_pct = None
            if res.value is not None and res.bound:
                gap_pct = round(100.0 * (res.value - res.bound) / abs(res.bound), 4)
            out.append(
                {
                    "instance": instance_name(kind, n, m, seed),
                    "type": kind,
                    "n": n,
                    "m": m,
                    "seed": seed,
                    "lower_bound": res.bound,
                    "found": res.value,
                    "gap_pct": gap_pct,
                    "seconds": round(res.seconds, 3),
                    "feasible": feasible,
                    "status": res.status,
                }
            )
    return out
