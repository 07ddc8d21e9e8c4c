"""Care visits that are due, offered to volunteers nearby as care tasks (陪伴探访).

A household its worker follows is due a care visit by the cadence of its warning level
(matching/cadence.py: red every 7 days, orange 14, yellow 21, blue 30, none 30), counted from
the worker's last visit or, before any, from when the pairing began (the first-visit rule).
From a few days before that date, and while it stays unvisited, the visit is offered as a
care task when at least one volunteer lives within their declared radius of its village.
The worker's own follow-up does not move: the worker keeps responsibility.

Pure: the caller passes the facts and today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from matching.cadence import DEFAULT_CADENCE, CadenceSettings, first_visit_due, next_care_visit
from matching.geo import haversine_km

LEAD_DAYS: Final = 3  # offered from three days before the care visit falls due
OFFER_KIND: Final = "COMPANY_VISIT"  # needs no skill: any volunteer nearby may go


@dataclass(frozen=True, slots=True)
class FollowedHousehold:
    household_id: str
    worker_id: str
    warning_level: str | None
    last_visit: date | None  # the worker's last visit
    started_on: date  # when the pairing began
    lat: float  # the village's centre: a task is placed no finer than its village
    lon: float


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A volunteer as far as an offer cares: where they live and how far they go."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class CareOffer:
    household_id: str
    worker_id: str
    cycle_due: date  # the care visit's date by the cadence: one offer per household and date
    due_on: date  # when the volunteer should go: the cycle's date, or today when overdue
    nearest_km: float


def care_visit_due(h: FollowedHousehold, settings: CadenceSettings = DEFAULT_CADENCE) -> date:
    if h.last_visit is None:
        return first_visit_due(h.started_on, warning_level=h.warning_level, settings=settings)
    return next_care_visit(h.last_visit, h.warning_level, settings)


def care_offers(
    households: Sequence[FollowedHousehold],
    volunteers: Sequence[Neighbour],
    today: date,
    settings: CadenceSettings = DEFAULT_CADENCE,
) -> list[CareOffer]:
    """The care visits due by `today + LEAD_DAYS` that some volunteer can reach, soonest
    first. A household followed by two workers is offered once (the first worker by id)."""
    horizon = today + timedelta(days=LEAD_DAYS)
    seen: set[str] = set()
    out: list[CareOffer] = []
    for h in sorted(households, key=lambda x: (x.household_id, x.worker_id)):
        if h.household_id in seen:
            continue
        seen.add(h.household_id)
        cycle = care_visit_due(h, settings)
        if cycle > horizon:
            continue
        reach = [
            km
            for km, radius in (
                (haversine_km(v.lat, v.lon, h.lat, h.lon), v.radius_km) for v in volunteers
            )
            if km <= radius
        ]
        if not reach:
            continue
        nearest = round(min(reach), 1)
        out.append(CareOffer(h.household_id, h.worker_id, cycle, max(cycle, today), nearest))
    return sorted(out, key=lambda o: (o.due_on, o.household_id))
