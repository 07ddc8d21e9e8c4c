"""The demo county's shape (from DOMAIN.md) and the weighted draws every part uses."""

import random
from bisect import bisect
from collections.abc import Sequence
from datetime import date
from itertools import accumulate
from typing import Final, Generic, TypeVar

DEMO_TODAY: Final = date(2026, 11, 1)
COUNTY_NAME: Final = "娄烦县"
AREA_CODE: Final = "140123"  # 娄烦县
# Neighbouring Taiyuan codes, used only if one birth date and sex exhaust 500 sequence numbers.
OTHER_AREA_CODES: Final = ("140122", "140121", "140181", "140105", "140106", "140107", "140108")
CENTRE: Final = (37.9, 112.0)
BASE_VILLAGES: Final = 117
BASE_TOWNSHIPS: Final = 12
BASE_SIDE_KM: Final = 60.0
HOUSEHOLDS_PER_VILLAGE: Final = 10_000 / BASE_VILLAGES  # the county keeps 117 villages to here
VILLAGES_PER_TOWNSHIP: Final = BASE_VILLAGES / BASE_TOWNSHIPS
# Rural minimum-living line, yuan/month (Loufan's was 320 in 2016 and has risen each year).
DIBAO_LINE: Final = 600.0
CAPACITY_RATIO: Final = (1.15, 1.25)  # total caseload capacity / total household weight

KM_PER_DEG_LAT: Final = 111.0

T = TypeVar("T")


# ---- weighted choices -------------------------------------------------------------------


class Choice(Generic[T]):
    """Weighted choice by bisection: several times faster than Random.choices per call."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = [p[0] for p in pairs]
        self.cum = list(accumulate(p[1] for p in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cum, rng.random() * self.total)]


def weighted_choice(spec: str) -> Choice[str]:
    """'王8.5 李6.5 ...' -> choice over each token's text, weighted by its trailing number."""
    pairs = []
    for token in spec.split():
        i = next(k for k, ch in enumerate(token) if ch.isdigit())
        pairs.append((token[:i], float(token[i:])))
    return Choice(pairs)


def randint(rng: random.Random, lo: int, hi: int) -> int:
    """Like rng.randint(lo, hi), at a fifth of the cost (this module draws millions)."""
    return lo + int(rng.random() * (hi - lo + 1))
