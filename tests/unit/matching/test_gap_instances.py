"""OR-Library generalized assignment: parsing, and the known optimum on a few gap1 problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.gap import (
    GapFormatError,
    gap_feasible,
    gap_value,
    greedy_start,
    parse_gap,
    solve_gap,
)
from server.bench.gap import run_gap_bench

GAP_DIR = Path(__file__).resolve().parents[4] / "shared" / "benchmarks" / "gap"
needs_data = pytest.mark.skipif(not (GAP_DIR / "gap1.txt").exists(), reason="no GAP data")

# Two problems, rows wrapped at odd places: line breaks must mean nothing.
TWO = """2
 2 3
 5 1
 9 2 2 7
 3 1 1
 2 2 3
 4 4
1 2 6 1 4 2
   5
"""


def test_parse_ignores_line_breaks() -> None:
    a, b = parse_gap(TWO)
    assert (a.m, a.n) == (2, 3)
    assert a.cost == ((5, 1, 9), (2, 2, 7))
    assert a.resource == ((3, 1, 1), (2, 2, 3))
    assert a.capacity == (4, 4)
    assert (b.m, b.n) == (1, 2)
    assert b.cost == ((6, 1),) and b.resource == ((4, 2),) and b.capacity == (5,)


@pytest.mark.parametrize(
    "text",
    ["", "x", "1 2 3 1 1 1", "1 1 1 5 3 2 9"],
    ids=["empty", "not-a-number", "truncated", "trailing"],
)
def test_parse_rejects_bad_files(text: str) -> None:
    with pytest.raises(GapFormatError):
        parse_gap(text)


def test_small_problem_both_senses() -> None:
    a, _ = parse_gap(TWO)
    best_max = solve_gap(a, sense="max", time_limit_s=5)
    best_min = solve_gap(a, sense="min", time_limit_s=5)
    # By hand, of the four feasible assignments (13, 16, 12, 13): jobs 0 and 2 at agent 0
    # and job 1 at agent 1 give 5 + 9 + 2 = 16; job 0 at agent 1, the others at agent 0,
    # 2 + 1 + 9 = 12.
    assert (best_max.value, best_max.status) == (16, "OPTIMAL")
    assert (best_min.value, best_min.status) == (12, "OPTIMAL")
    assert gap_feasible(a, best_max.assignment) and gap_value(a, best_max.assignment) == 16


@needs_data
@pytest.mark.parametrize("index,known", [(1, 336), (2, 327)])
def test_gap1_reaches_the_known_optimum(index: int, known: int) -> None:
    inst = parse_gap((GAP_DIR / "gap1.txt").read_text())[index - 1]
    start = greedy_start(inst, "max")
    assert start is None or gap_feasible(inst, start)
    res = solve_gap(inst, sense="max", time_limit_s=10)
    assert res.status == "OPTIMAL" and res.value == known
    assert gap_feasible(inst, res.assignment)


@needs_data
def test_gap_bench_rows() -> None:
    rows = run_gap_bench(GAP_DIR, 5, only={"gap1.txt"})
    assert [r["problem"] for r in rows] == [1, 2, 3, 4, 5]
    assert all(r["found"] == r["known"] and r["sense"] == "max" for r in rows)
    assert set(rows[0]) >= {"instance", "problem", "sense", "known", "found", "seconds", "status"}
