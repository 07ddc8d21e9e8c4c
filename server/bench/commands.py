"""`bangfu bench …`: the benchmarks' command lines, each printing its JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=None, default=str))


def add_bench_commands(bench: argparse.ArgumentParser) -> None:
    bsub = bench.add_subparsers(dest="bench", required=True)
    b_import = bsub.add_parser("import")
    b_import.add_argument("--households", type=int, default=10_000)
    b_import.add_argument("--seed", type=int, default=1)
    b_import.add_argument("--json", action="store_true")
    b_import.set_defaults(handler=_cmd_bench_import)
    b_assign = bsub.add_parser("assignment")
    b_assign.add_argument("--households", type=int, default=50_000)
    b_assign.add_argument("--workers", type=int, default=1_000)
    b_assign.add_argument("--seed", type=int, default=1)
    b_assign.add_argument("--json", action="store_true")
    b_assign.set_defaults(handler=_cmd_bench_assignment)
    b_gap = bsub.add_parser("gap")
    b_gap.add_argument("--instances", type=Path, default=None)
    b_gap.add_argument("--generate", action="store_true", help="tight C/D/E instances")
    b_gap.add_argument("--seconds", type=float, default=10.0)
    b_gap.add_argument("--json", action="store_true")
    b_gap.set_defaults(handler=_cmd_bench_gap)
    b_sol = bsub.add_parser("solomon")
    b_sol.add_argument("--instances", type=Path, required=True)
    b_sol.add_argument("--seconds", type=float, default=10.0)
    b_sol.add_argument("--only", default=None, help="comma-separated names, e.g. C101,R101")
    b_sol.add_argument("--no-pyvrp", action="store_true", help="OR-Tools alone")
    b_sol.add_argument(
        "--cpu", action="store_true", help="seconds of CPU per engine, not wall (a shared machine)"
    )
    b_sol.add_argument("--json", action="store_true")
    b_sol.set_defaults(handler=_cmd_bench_solomon)
    b_day = bsub.add_parser("rounds-day")
    b_day.add_argument("--stops", type=int, default=20)
    b_day.add_argument("--runs", type=int, default=5)
    b_day.add_argument("--seed", type=int, default=1)
    b_day.add_argument(
        "--cpu",
        action="store_true",
        help="the plan's limit in CPU seconds, not wall (loaded machine)",
    )
    b_day.add_argument("--json", action="store_true")
    b_day.set_defaults(handler=_cmd_bench_rounds_day)
    b_dash = bsub.add_parser("dashboard", help="the county dashboard's statements, timed")
    b_dash.add_argument("--households", type=int, default=10_000)
    b_dash.add_argument("--seed", type=int, default=1)
    b_dash.add_argument("--runs", type=int, default=3)
    b_dash.add_argument("--json", action="store_true")
    b_dash.set_defaults(handler=_cmd_bench_dashboard)
    b_market = bsub.add_parser("market", help="fair allocation vs first-come claiming")
    b_market.add_argument("--households", type=int, default=10_000)
    b_market.add_argument("--seed", type=int, default=1)
    b_market.add_argument("--seconds", type=float, default=20.0)
    b_market.add_argument("--json", action="store_true")
    b_market.set_defaults(handler=_cmd_bench_market)
    b_prov = bsub.add_parser("province", help="a province re-plan as county shards on arq")
    b_prov.add_argument("--households", type=int, default=1_500_000)
    b_prov.add_argument("--workers", type=int, default=30_000)
    b_prov.add_argument(
        "--counties", default="30", help="a count, or several (1,5,10,30): a growth row each"
    )
    b_prov.add_argument("--processes", type=int, default=2, help="arq worker processes")
    b_prov.add_argument("--seed", type=int, default=1)
    b_prov.add_argument("--json", action="store_true")
    b_prov.set_defaults(handler=_cmd_bench_province)
    b_api = bsub.add_parser("api", help="closed-loop GraphQL clients against the real stack")
    b_api.add_argument("--clients", type=int, default=50)
    b_api.add_argument("--seconds", type=float, default=20.0)
    b_api.add_argument("--web-workers", type=int, default=None, help="BANGFU_WEB_WORKERS")
    b_api.add_argument("--json", action="store_true")
    b_api.set_defaults(handler=_cmd_bench_api)
    b_docs = bsub.add_parser("documents", help="every frontend query document, timed")
    b_docs.add_argument("--repeats", type=int, default=5)
    b_docs.add_argument("--json", action="store_true")
    b_docs.set_defaults(handler=_cmd_bench_documents)


def _cmd_bench_import(args: argparse.Namespace) -> int:
    from server.bench.import_bench import run_import_bench

    print_json(run_import_bench(households=args.households, seed=args.seed))
    return 0


def _cmd_bench_assignment(args: argparse.Namespace) -> int:
    from server.bench.assignment import run_assignment_bench

    print_json(
        run_assignment_bench(households=args.households, workers=args.workers, seed=args.seed)
    )
    return 0


def _cmd_bench_gap(args: argparse.Namespace) -> int:
    from server.bench.gap import run_gap_bench, run_generated_bench

    if args.generate:
        print_json(run_generated_bench(time_limit_s=args.seconds))
        return 0
    if args.instances is None:
        sys.stderr.write("bench gap: give --instances DIR or --generate\n")
        return 2
    print_json(run_gap_bench(args.instances, time_limit_s=args.seconds))
    return 0


def _cmd_bench_solomon(args: argparse.Namespace) -> int:
    from server.bench.solomon import run_solomon_bench

    only = {n.strip().upper() for n in args.only.split(",")} if args.only else None
    rows = run_solomon_bench(
        args.instances, args.seconds, only=only, pyvrp=not args.no_pyvrp, cpu_clock=args.cpu
    )
    print_json(rows)
    return 0


def _cmd_bench_rounds_day(args: argparse.Namespace) -> int:
    from server.bench.rounds_day import run_rounds_day_bench

    print_json(
        run_rounds_day_bench(stops=args.stops, runs=args.runs, seed=args.seed, cpu_clock=args.cpu)
    )
    return 0


def _cmd_bench_dashboard(args: argparse.Namespace) -> int:
    from server.bench.dashboard import run_dashboard_bench

    print_json(run_dashboard_bench(households=args.households, seed=args.seed, runs=args.runs))
    return 0


def _cmd_bench_market(args: argparse.Namespace) -> int:
    from server.bench.market import run_market_bench

    print_json(run_market_bench(households=args.households, seed=args.seed, seconds=args.seconds))
    return 0


def _cmd_bench_province(args: argparse.Namespace) -> int:
    from server.bench.province import run_province_bench

    counties = [int(c) for c in str(args.counties).split(",") if c.strip()]
    print_json(
        run_province_bench(
            households=args.households,
            workers=args.workers,
            counties=counties,
            processes=args.processes,
            seed=args.seed,
        )
    )
    return 0


def _cmd_bench_api(args: argparse.Namespace) -> int:
    from server.bench.api import run_api_bench

    print_json(
        run_api_bench(clients=args.clients, seconds=args.seconds, web_workers=args.web_workers)
    )
    return 0


def _cmd_bench_documents(args: argparse.Namespace) -> int:
    from server.bench.documents import run_documents_bench

    print_json(run_documents_bench(repeats=args.repeats))
    return 0
