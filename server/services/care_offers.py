"""The care-offer pass: care visits due by the warning-level cadence become care tasks that
volunteers nearby may take (matching/care_offers.py); the worker stays responsible and
still visits by the cadence. Run daily by the cron; safe to rerun (one task per household
and care-visit date, decided again under the household's lock)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.audit import Actor
from graph.care_offers import followed_households, offer_care_visit_tx, volunteer_reach
from graph.driver import Graph
from graph.registry_writes import new_id
from matching import care_offers as rules
from matching.care_tasks import DEFAULT_RADIUS_KM
from server.clock import Clock
from server.services.writes import run_write

SYSTEM = "system:care-offers"  # the pass acts as this actor


@dataclass(frozen=True, slots=True)
class CareOfferPass:
    due: int  # care visits due within the lead that a volunteer can reach
    offered: int  # tasks written by this run (a rerun writes none)


async def run_care_offer_pass(
    graph: Graph, *, clock: Clock, worker_ids: Sequence[str] | None = None
) -> CareOfferPass:
    """`worker_ids`: only those workers' households (None: everyone's)."""
    today = clock.today()
    households = [
        rules.FollowedHousehold(
            household_id=r["household_id"],
            worker_id=r["worker_id"],
            warning_level=r["warning_level"],
            last_visit=r["last_visit"],
            started_on=r["started_on"] or today,
            lat=float(r["lat"]),
            lon=float(r["lon"]),
        )
        for r in await followed_households(graph, worker_ids)
        if r["lat"] is not None and r["lon"] is not None
    ]
    volunteers = [
        rules.Neighbour(
            float(r["lat"]),
            float(r["lon"]),
            float(r["radius_km"]) if r["radius_km"] is not None else DEFAULT_RADIUS_KM,
        )
        for r in await volunteer_reach(graph)
    ]
    offers = rules.care_offers(households, volunteers, today)
    offered = 0
    for offer in offers:
        written: bool = await run_write(
            graph,
            offer_care_visit_tx,
            actor=Actor(SYSTEM, "SYSTEM", clock.now()),
            task_id=new_id("ct"),
            household_id=offer.household_id,
            worker_id=offer.worker_id,
            kind=rules.OFFER_KIND,
            cycle_due=offer.cycle_due,
            due_on=offer.due_on,
        )
        offered += int(written)
    return CareOfferPass(due=len(offers), offered=offered)
