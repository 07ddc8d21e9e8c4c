"""The tight generalized-assignment generator: Yagiura's recipe, reproducible by seed."""

from __future__ import annotations

import numpy as np
import pytest

from matching.gap_generator import GAP_TYPES, GapType, generate_gap, instance_name


@pytest.mark.parametrize("kind", GAP_TYPES)
def test_shape_and_capacity(kind: GapType) -> None:
    inst = generate_gap(kind, 120, 7, seed=3)
    assert (inst.m, inst.n) == (7, 120)
    assert len(inst.cost) == len(inst.resource) == len(inst.capacity) == 7
    assert all(len(row) == 120 for row in (*inst.cost, *inst.resource))
    r = np.array(inst.resource)
    # b_i = 0.8 * sum_j r_ij / m, rounded down: tight, 80 % of the mean demand per agent.
    assert list(inst.capacity) == [int(v) for v in np.floor(0.8 * r.sum(axis=1) / 7)]
    assert r.min() >= 1


def test_published_ranges() -> None:
    c = generate_gap("C", 400, 10, seed=1)
    assert {min(map(min, c.resource)), max(map(max, c.resource))} <= set(range(5, 26))
    assert min(map(min, c.cost)) >= 10 and max(map(max, c.cost)) <= 50
    d = generate_gap("D", 400, 10, seed=1)
    r, cost = np.array(d.resource), np.array(d.cost)
    assert r.min() >= 1 and r.max() <= 100
    assert np.all(np.abs(cost - (111 - r)) <= 10)  # inversely correlated, noise +-10
    e = generate_gap("E", 400, 10, seed=1)
    r, cost = np.array(e.resource), np.array(e.cost)
    assert r.min() >= 1
    assert np.all((cost <= 1000 / r) & (cost >= 1000 / r - 11))


def test_reproducible_by_seed() -> None:
    assert generate_gap("D", 50, 5, seed=7) == generate_gap("D", 50, 5, seed=7)
    assert generate_gap("D", 50, 5, seed=7) != generate_gap("D", 50, 5, seed=8)
    assert generate_gap("C", 50, 5, seed=7) != generate_gap("E", 50, 5, seed=7)


def test_rejects_empty_and_unknown() -> None:
    with pytest.raises(ValueError):
        generate_gap("C", 0, 5, seed=1)
    with pytest.raises(ValueError):
        generate_gap("Z", 10, 5, seed=1)  # type: ignore[arg-type]


def test_instance_name() -> None:
    assert instance_name("C", 900, 30, 1) == "gen-C-900x30-s1"
