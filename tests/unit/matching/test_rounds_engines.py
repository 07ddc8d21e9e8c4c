"""The routing engines on the same problems: Solomon's format read, routes checked at full
precision, and PyVRP (the second engine) agreeing with OR-Tools on a small day."""

from __future__ import annotations

import random
import time

import pytest
from rounds_builders import at, day, plan_cost, visit

from matching.rounds import plan_worker_day
from matching.rounds.ortools_engine import OrToolsEngine, OrToolsOptions
from matching.rounds.problem import RoutingUnsupported
from matching.rounds.pyvrp_engine import PyVrpEngine
from matching.rounds.solomon import check_routes, parse_solomon, real_distance, solomon_problem

# A made-up instance in Solomon's layout (depot + 4 customers), header spacing as in R101.
TINY = """TINY1

VEHICLE
NUMBER     CAPACITY
  2         20

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME
 
    0     10         10          0          0        100          0
    1     13         14         10          0         50          5
    2     16         18          5         10         60          5
    3      7          6         10          0         50          5
    4      4          2          5          0         60          5
""".replace("\n", "\r\n")


def test_solomon_rows_are_read_by_words_not_columns() -> None:
    inst = parse_solomon(TINY)
    assert (inst.name, inst.vehicles, inst.capacity) == ("TINY1", 2, 20)
    assert inst.x == (10, 13, 16, 7, 4) and inst.ready[2] == 10 and inst.due[0] == 100


@pytest.mark.parametrize("engine", [OrToolsEngine(), PyVrpEngine()])
def test_both_engines_find_the_two_straight_routes(engine: OrToolsEngine | PyVrpEngine) -> None:
    inst = parse_solomon(TINY)
    sol = engine.solve(solomon_problem(inst), 0.5)
    assert check_routes(inst, sol.routes) == []
    assert real_distance(inst, sol.routes) == pytest.approx(40.0)


@pytest.mark.parametrize(
    "engine", [OrToolsEngine(OrToolsOptions(cpu_clock=True)), PyVrpEngine(cpu_clock=True)]
)
def test_on_the_cpu_clock_both_engines_stop_after_their_cpu_seconds(
    engine: OrToolsEngine | PyVrpEngine,
) -> None:
    # The bench's fair mode on a shared machine: the limit counts CPU, not the wall.
    inst = parse_solomon(TINY)
    cpu = time.process_time()
    sol = engine.solve(solomon_problem(inst), 0.3)
    used = time.process_time() - cpu
    assert check_routes(inst, sol.routes) == []
    assert real_distance(inst, sol.routes) == pytest.approx(40.0)
    # (OR-Tools may end sooner on four customers: nothing left to search.)
    assert used < 3.0


def test_the_checker_names_what_is_wrong() -> None:
    inst = parse_solomon(TINY)
    assert "not every customer served exactly once" in check_routes(inst, ((1, 2), (3,)))
    assert any("over capacity" in p for p in check_routes(inst, ((1, 2, 3, 4), ())))


def test_pyvrp_plans_a_simple_day_as_well_as_ortools() -> None:
    rng = random.Random(7)
    visits = [visit(i, at(rng.uniform(-4, 4), rng.uniform(-4, 4))) for i in range(8)]
    d = day()
    ours = plan_worker_day(d, visits, time_limit_s=0.3)
    theirs = plan_worker_day(d, visits, engine=PyVrpEngine(), time_limit_s=0.3)
    assert theirs.engine == "pyvrp" and not theirs.dropped
    assert plan_cost(d, visits, theirs) == plan_cost(d, visits, ours)


def test_pyvrp_refuses_what_it_cannot_express() -> None:
    visits = [visit(0, at(1, 1), pinned=True), visit(1, at(2, 2), pinned=True)]
    with pytest.raises(RoutingUnsupported):
        plan_worker_day(day(), visits, engine=PyVrpEngine(), time_limit_s=0.1)
