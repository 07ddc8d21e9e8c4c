"""Tightly capacitated generalized assignment instances, generated the published way.

Yagiura, Ibaraki and Glover's large minimisation sets (after Chu & Beasley 1997 and
Laguna et al. 1995) come in types C, D and E; every agent's capacity is 80 % of the mean
demand per agent, b_i = floor(0.8 * sum_j r_ij / m), which makes them tight:

- C: r_ij uniform on [5, 25], c_ij uniform on [10, 50] (integers);
- D: r_ij uniform on [1, 100], c_ij = 111 - r_ij + e_ij, e_ij uniform on [-10, 10]
  (costs inversely correlated with resource use, the hardest of the three);
- E: r_ij = floor(1 - 10 ln u), u uniform on (0, 1], and c_ij = floor(1000 / r_ij - 10 v),
  v uniform on [0, 1] (cheap only where the resource use is large).

Pure and seeded: the same (type, n, m, seed) always gives the same instance.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from matching.gap import GapInstance

GapType = Literal["C", "D", "E"]
GAP_TYPES: tuple[GapType, ...] = ("C", "D", "E")


def generate_gap(kind: GapType, n: int, m: int, seed: int) -> GapInstance:
    """An instance of `kind` with n jobs (items) and m agents; minimisation."""
    if n < 1 or m < 1:
        raise ValueError("a GAP instance needs at least one job and one agent")
    rng = np.random.default_rng([ord(kind), n, m, seed])
    if kind == "C":
        resource = rng.integers(5, 26, size=(m, n))
        cost = rng.integers(10, 51, size=(m, n))
    elif kind == "D":
        resource = rng.integers(1, 101, size=(m, n))
        cost = 111 - resource + rng.integers(-10, 11, size=(m, n))
    elif kind == "E":
        u = 1.0 - rng.random(size=(m, n))  # (0, 1]
        resource = np.floor(1.0 - 10.0 * np.log(u)).astype(np.int64)
        cost = np.floor(1000.0 / resource - 10.0 * rng.random(size=(m, n))).astype(np.int64)
    else:
        raise ValueError(f"unknown GAP type {kind!r}")
    capacity = np.floor(0.8 * resource.sum(axis=1) / m).astype(np.int64)
    return GapInstance(
        m=m,
        n=n,
        cost=tuple(tuple(int(v) for v in row) for row in cost),
        resource=tuple(tuple(int(v) for v in row) for row in resource),
        capacity=tuple(int(v) for v in capacity),
    )


def instance_name(kind: GapType, n: int, m: int, seed: int) -> str:
    return f"gen-{kind}-{n}x{m}-s{seed}"
