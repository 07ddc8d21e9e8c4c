"""A province in shards: counties cut where no reach joins them, solved apart as well as
together, merged into one plan with a gap per county, a shard reported twice counted once."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from matching import assign_caseload
from matching.province import (
    IncompleteProvince,
    ShardKey,
    merge_shards,
    reach_groups,
    shard_outcome,
    split_by_reach,
)
from tests.unit.matching.caseload_builders import household, problem, worker


def _two_valleys(gap_km: float, *, with_stray: bool = False) -> tuple:
    """Two groups of workers and households `gap_km` apart; reach 15 km."""
    rng = random.Random(5)
    workers = [
        worker(f"w-a{i}", rng.uniform(0, 10), rng.uniform(0, 10), capacity=4) for i in range(3)
    ]
    workers += [
        worker(f"w-b{i}", gap_km + rng.uniform(0, 10), rng.uniform(0, 10), capacity=4)
        for i in range(2)
    ]
    homes = [household(f"h-a{i}", rng.uniform(0, 10), rng.uniform(0, 10)) for i in range(9)]
    homes += [
        household(f"h-b{i}", gap_km + rng.uniform(0, 10), rng.uniform(0, 10)) for i in range(6)
    ]
    if with_stray:
        homes.append(household("h-nowhere", None))
    return workers, homes


def test_a_county_splits_where_no_reach_joins_its_workers() -> None:
    workers, homes = _two_valleys(200.0, with_stray=True)
    p = problem(workers, homes, conflicts={("w-b0", "h-b1"), ("w-a0", "h-a0")})
    shards = split_by_reach(p, min_households=1)
    assert [len(s.households) for s in shards] == [10, 6]  # largest first, the stray in it
    assert {w.id for w in shards[0].workers} == {"w-a0", "w-a1", "w-a2"}
    assert {h.id for h in shards[1].households} == {f"h-b{i}" for i in range(6)}
    assert shards[1].conflicts == frozenset({("w-b0", "h-b1")})
    assert "h-nowhere" in {h.id for h in shards[0].households}


def test_reach_that_could_join_two_groups_keeps_them_together() -> None:
    # 25 km apart with reach 15 km: a household between could be served from both sides.
    workers, homes = _two_valleys(25.0)
    assert len(reach_groups(problem(workers, homes))) == 1


def test_small_groups_are_packed_into_one_shard() -> None:
    workers, homes = _two_valleys(200.0)
    assert len(split_by_reach(problem(workers, homes), min_households=100)) == 1
    assert len(split_by_reach(problem(workers, homes), min_households=5)) == 2


def test_shards_solved_apart_make_the_same_plan_as_the_county_solved_whole() -> None:
    workers, homes = _two_valleys(200.0)
    # No balance stage: its target is per problem, so a shard aims at its own utilisation.
    p = problem(workers, homes, balance_margin=None)
    whole = assign_caseload(p)
    parts = [assign_caseload(s) for s in split_by_reach(p, min_households=1)]
    apart = {(x.household_id, x.worker_id) for plan in parts for x in plan.pairings}
    assert apart == {(x.household_id, x.worker_id) for x in whole.pairings}
    travel = sum(plan.levels.travel_km for plan in parts)
    assert travel == pytest.approx(whole.levels.travel_km)


def _outcomes(county: str, gaps: list[float]) -> list:
    workers, homes = _two_valleys(200.0)
    p = problem(workers, homes)
    plan = assign_caseload(p)
    return [
        shard_outcome(ShardKey(county, k), len(gaps), p, replace(plan, gap=g))
        for k, g in enumerate(gaps)
    ]


def test_the_merge_gives_each_county_its_worst_shard_gap() -> None:
    merged = merge_shards(_outcomes("c-1", [0.001, 0.004]) + _outcomes("c-2", [0.0]))
    assert [c.county for c in merged.counties] == ["c-1", "c-2"]
    first, second = merged.counties
    assert first.gap == 0.004 and first.parts == 2 and second.gap == 0.0
    assert merged.worst_county_gap == 0.004
    assert merged.mean_county_gap == pytest.approx(0.002)
    assert merged.households == 3 * 15
    assert first.assigned == 2 * merged.counties[1].assigned


def test_a_shard_reported_twice_counts_once() -> None:
    outcomes = _outcomes("c-1", [0.001, 0.002])
    assert merge_shards(outcomes + outcomes[::-1]) == merge_shards(outcomes)


def test_a_county_missing_a_shard_is_not_merged() -> None:
    outcomes = _outcomes("c-1", [0.001, 0.002, 0.003])
    with pytest.raises(IncompleteProvince, match="c-1"):
        merge_shards([outcomes[0], outcomes[2]])
