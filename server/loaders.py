"""The one registry of DataLoaders, built per request (`Context.loaders`), so a page of N
households costs a constant number of Cypher round trips rather than N of them.

Each loader reads in the principal's audience (`server.roles.audience_of`): the graph
function it calls returns only that audience's projection, and an audience that may not
read a noun at all (members for anyone but casework; households for charities and
enterprises) gets nothing without a query being run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar, cast

from strawberry.dataloader import DataLoader

from graph.adoption_reads import EvidenceRow, evidence_of
from graph.audience import Audience
from graph.driver import Graph
from graph.household_detail import HouseholdListRow, household_details
from graph.households import (
    HouseholdRow,
    HouseholdSketch,
    household_sketches_by_id,
    households_by_id,
)
from graph.match_lifecycle import MatchRecord, matches_by_id
from graph.members import PersonRecord, members_by_household
from graph.needs import NeedRecord, needs_by_household
from graph.regions import RegionRecord, regions_by_id
from graph.scope import NOWHERE, Scope, resolve_scope
from graph.social_workers import (
    WorkerRead,
    households_by_worker,
    load_by_worker,
    worker_by_household,
    worker_reads_by_id,
)
from graph.stations import StationRecord, counts_by_station, stations_by_id
from graph.timeline import user_names_by_id
from graph.visits import VisitRecord, visits_by_match
from server.auth import Principal
from server.roles import audience_of
from server.shared_reads import SCOPES

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")


def _loader(fn: Callable[[Sequence[str]], Awaitable[Sequence[V]]]) -> DataLoader[str, V]:
    async def load(keys: list[str]) -> Sequence[V]:
        return await fn(keys)

    return DataLoader(load_fn=load, max_batch_size=1000)


HouseholdRead = HouseholdRow | HouseholdSketch


def _nothing(empty: Callable[[], V]) -> Callable[[Sequence[str]], Awaitable[list[V]]]:
    """For an audience that may not read a noun: an answer per key, no query."""

    async def none(keys: Sequence[str]) -> list[V]:
        return [empty() for _ in keys]

    return none


@dataclass
class Loaders:
    principal: Principal | None
    graph: Graph
    audience: Audience
    household: DataLoader[str, HouseholdRead | None]  # a sketch for volunteers
    members: DataLoader[str, list[PersonRecord]]  # casework only
    needs: DataLoader[str, list[NeedRecord]]
    worker_of_household: DataLoader[str, WorkerRead | None]
    worker: DataLoader[str, WorkerRead | None]
    worker_load: DataLoader[str, tuple[int, int]]
    worker_households: DataLoader[str, list[HouseholdRow]]  # casework only
    station: DataLoader[str, StationRecord | None]
    station_counts: DataLoader[str, tuple[int, int]]
    region: DataLoader[str, RegionRecord | None]
    match: DataLoader[str, MatchRecord | None]  # out of the caller's scope reads as None
    visits: DataLoader[str, list[VisitRecord]]  # by match id, newest first
    user_name: DataLoader[str, str | None]
    evidence: DataLoader[str, list[EvidenceRow]]  # by adoption id, oldest first
    _scope: Scope | None = None

    async def scope(self) -> Scope:
        """The principal's scope, resolved once per request (and shared between requests
        for a moment: server/shared_reads.py)."""
        if self._scope is None:
            p = self.principal
            if p is None:
                self._scope = NOWHERE
            else:
                graph, key = self.graph, (p.role.value, p.scope_kind, p.scope_id)
                self._scope = await SCOPES.get(
                    graph,
                    key,
                    lambda: resolve_scope(graph, role=key[0], kind=key[1], scope_id=key[2]),
                )
        return self._scope


def build_loaders(graph: Graph, principal: Principal | None) -> Loaders:
    loaders: Loaders
    audience = audience_of(principal.role if principal else None)
    casework = audience is Audience.CASEWORK

    async def households_in_scope(ids: Sequence[str]) -> list[HouseholdRead | None]:
        scope = await loaders.scope()
        if audience is Audience.CASEWORK:
            return list(await households_by_id(graph, ids, scope=scope))
        if audience is Audience.VOLUNTEER:
            return list(await household_sketches_by_id(graph, ids, scope=scope))
        return [None for _ in ids]  # charities and enterprises read no household

    async def matches_in_scope(ids: Sequence[str]) -> list[MatchRecord | None]:
        if not casework:  # a match names a household and its worker: casework only
            return [None for _ in ids]
        return await matches_by_id(graph, ids, scope=await loaders.scope())

    async def user_names(ids: Sequence[str]) -> list[str | None]:
        return await user_names_by_id(graph, list(ids))

    loaders = Loaders(
        principal=principal,
        graph=graph,
        audience=audience,
        household=_loader(households_in_scope),
        members=_loader(
            partial(members_by_household, graph) if casework else _nothing(list[PersonRecord])
        ),
        needs=_loader(partial(needs_by_household, graph, audience=audience)),
        worker_of_household=_loader(partial(worker_by_household, graph, audience=audience)),
        worker=_loader(partial(worker_reads_by_id, graph, audience=audience)),
        worker_load=_loader(partial(load_by_worker, graph)),
        worker_households=_loader(
            partial(households_by_worker, graph) if casework else _nothing(list[HouseholdRow])
        ),
        station=_loader(partial(stations_by_id, graph)),
        station_counts=_loader(partial(counts_by_station, graph)),
        region=_loader(partial(regions_by_id, graph)),
        match=_loader(matches_in_scope),
        visits=_loader(
            partial(visits_by_match, graph) if casework else _nothing(list[VisitRecord])
        ),
        user_name=_loader(user_names),
        evidence=_loader(partial(evidence_of, graph)),
    )
    return loaders


def now_or_later(loader: DataLoader[str, V], key: str, build: Callable[[V], R]) -> R:
    """`build` of the loader's value for `key`: at once when the request already holds it
    (a page's read primed it), else after the load.

    graphql-core awaits an awaitable that a resolver returns, so a synchronous resolver
    that returns this costs no task when the value is at hand: a list of 50 rows with three
    such columns spent most of its time scheduling 150 tasks that had nothing to wait for.
    Strawberry types the field from the resolver's annotation, hence the cast."""
    held = loader.cache_map.get(key)
    if held is not None and held.done() and not held.cancelled() and held.exception() is None:
        return build(held.result())

    async def later() -> R:
        return build(await loader.load(key))

    return cast(R, later())


def household_id_of(read: HouseholdRead) -> str:
    return read.record.id if isinstance(read, HouseholdRow) else read.id


def prime_households(loaders: Loaders, rows: Sequence[HouseholdRead]) -> None:
    """A page already read these households: later look-ups need no query."""
    loaders.household.prime_many({household_id_of(r): r for r in rows})


def prime_household_list(loaders: Loaders, rows: Sequence[HouseholdListRow]) -> None:
    """The list read its rows' regions and workers: its columns need no query (the rows
    themselves are primed with every page's, `prime_households`)."""
    for r in rows:
        hid = r.household.record.id
        loaders.worker_of_household.prime(hid, r.worker)
        if r.worker is not None:
            loaders.worker.prime(r.worker.id, r.worker)
        for region in (r.village, r.township):
            if region is not None:
                loaders.region.prime(region.id, region)


async def load_household_page(loaders: Loaders, household_id: str) -> HouseholdRead | None:
    """The household for its page: in the casework audience one query reads it with its
    regions, members, needs and worker, and primes their loaders (the page's nested fields
    then cost no round trip); other audiences read through the loaders."""
    if loaders.audience is not Audience.CASEWORK:
        return await loaders.household.load(household_id)
    scope = await loaders.scope()
    (detail,) = await household_details(loaders.graph, [household_id], scope=scope)
    if detail is None:
        return None
    loaders.household.prime(household_id, detail.household)
    loaders.members.prime(household_id, list(detail.members))
    loaders.needs.prime(household_id, list(detail.needs))
    loaders.worker_of_household.prime(household_id, detail.worker)
    for region in (detail.village, detail.township):
        if region is not None:
            loaders.region.prime(region.id, region)
    if detail.worker is not None:
        loaders.worker.prime(detail.worker.id, detail.worker)
        loaders.worker_load.prime(detail.worker.id, detail.worker_load)
    if detail.station is not None:
        loaders.station.prime(detail.station.id, detail.station)
    return detail.household


__all__ = [
    "HouseholdRead",
    "Loaders",
    "build_loaders",
    "household_id_of",
    "load_household_page",
    "now_or_later",
    "prime_household_list",
    "prime_households",
    "Any",
]
