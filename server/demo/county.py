"""A synthetic county shaped like the source documents (Taiyuan's Loufan county).

`generate_county` is pure and deterministic: the same arguments give equal records, because
all randomness comes from one `random.Random(seed)` and nothing iterates over a set or a
hash-ordered collection. Dates are relative to `today` (a fixed default, so a seed always
gives the same county; pass `date.today()` for a live demo).

Shape, from DOMAIN.md: 117 villages in 12 townships for a county of up to ~10,000
households, ~85 households per village beyond that; ~3.3 people per household; mostly dibao
households; one social work station per township with 5-10 workers whose total caseload
capacity is ~1.2x the weighted households.
"""

import gc
import random
from datetime import date

from graph.county_writer import County
from server.demo.helpers import (
    conflict_records,
    social_worker_records,
    station_records,
    volunteer_records,
)
from server.demo.households import household_pass
from server.demo.names import IdNumbers
from server.demo.organisations import charity_records, enterprise_records
from server.demo.places import layout, region_records
from server.demo.shape import AREA_CODE, DEMO_TODAY

# ---- the county -------------------------------------------------------------------------


def generate_county(
    *,
    households: int = 10_000,
    seed: int = 1,
    workers: int | None = None,
    today: date = DEMO_TODAY,
) -> County:
    """A synthetic county of `households` households; `workers` social workers if given
    (spread over the stations by household count), else 5-10 per station."""
    if households < 0:
        raise ValueError("households must be >= 0")
    if workers is not None and workers < 0:
        raise ValueError("workers must be >= 0")
    # The generator allocates millions of long-lived objects and no cycles; pausing the
    # cyclic collector saves it from rescanning the growing heap (~20% of the run).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(households, seed, workers, today)
    finally:
        if gc_was_enabled:
            gc.enable()


def _generate(households: int, seed: int, workers: int | None, today: date) -> County:
    rng = random.Random(seed)
    townships = layout(rng, households)
    ids = IdNumbers()
    reg = household_pass(rng, townships, households, ids, today)
    stations = station_records(rng, townships)
    social_workers, worker_homes = social_worker_records(
        rng, townships, stations, reg, workers, ids, today
    )
    volunteers, volunteer_homes = volunteer_records(rng, townships, today)
    scale = max(households, 1) / 10_000
    charities = charity_records(rng, townships, scale)
    enterprises = enterprise_records(rng, townships, scale)
    conflicts = conflict_records(rng, reg, worker_homes + volunteer_homes, len(social_workers))
    return County(
        regions=tuple(region_records(townships)),
        households=tuple(reg.households),
        people=tuple(reg.people),
        needs=tuple(reg.needs),
        stations=tuple(stations),
        workers=tuple(social_workers),
        volunteers=tuple(volunteers),
        charities=tuple(charities),
        enterprises=tuple(enterprises),
        conflicts=tuple(conflicts),
        county_id=f"rg-{AREA_CODE}",
    )
