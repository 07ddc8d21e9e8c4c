"""The one registry of DataLoaders, built per request (`Context.loaders`), so a page of N
households costs a constant number of Cypher round trips rather than N of them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph.driver import Graph
from graph.households import HouseholdRow, households_by_id
from graph.match_lifecycle import MatchRecord, matches_by_id
from graph.members import PersonRecord, members_by_household
from graph.needs import NeedRecord, needs_by_household
from graph.regions import RegionRecord, regions_by_id
from graph.scope import NOWHERE, Scope, resolve_scope
from graph.social_workers import (
    SocialWorkerRecord,
    households_by_worker,
    load_by_worker,
    worker_by_household,
    workers_by_id,
)
from graph.stations import StationRecord, counts_by_station, stations_by_id
from graph.timeline import user_names_by_id
from graph.visits import VisitRecord, visits_by_match
from server.auth import Principal

K = TypeVar("K")
V = TypeVar("V")


def _loader(fn: Callable[[Sequence[str]], Awaitable[Sequence[V]]]) -> DataLoader[str, V]:
    async def load(keys: list[str]) -> Sequence[V]:
        return await fn(keys)

    return DataLoader(load_fn=load, max_batch_size=1000)


@dataclass
class Loaders:
    principal: Principal | None
    graph: Graph
    household: DataLoader[str, HouseholdRow | None]
    members: DataLoader[str, list[PersonRecord]]
    needs: DataLoader[str, list[NeedRecord]]
    worker_of_household: DataLoader[str, SocialWorkerRecord | None]
    worker: DataLoader[str, SocialWorkerRecord | None]
    worker_load: DataLoader[str, tuple[int, int]]
    worker_households: DataLoader[str, list[HouseholdRow]]
    station: DataLoader[str, StationRecord | None]
    station_counts: DataLoader[str, tuple[int, int]]
    region: DataLoader[str, RegionRecord | None]
    match: DataLoader[str, MatchRecord | None]  # out of the caller's scope reads as None
    visits: DataLoader[str, list[VisitRecord]]  # by match id, newest first
    user_name: DataLoader[str, str | None]
    _scope: Scope | None = None

    async def scope(self) -> Scope:
        """The principal's scope, resolved once per request."""
        if self._scope is None:
            p = self.principal
            self._scope = (
                NOWHERE
                if p is None
                else await resolve_scope(
                    self.graph, role=p.role.value, kind=p.scope_kind, scope_id=p.scope_id
                )
            )
        return self._scope


def build_loaders(graph: Graph, principal: Principal | None) -> Loaders:
    loaders: Loaders

    async def households_in_scope(ids: Sequence[str]) -> list[HouseholdRow | None]:
        return await households_by_id(graph, ids, scope=await loaders.scope())

    async def matches_in_scope(ids: Sequence[str]) -> list[MatchRecord | None]:
        return await matches_by_id(graph, ids, scope=await loaders.scope())

    async def user_names(ids: Sequence[str]) -> list[str | None]:
        return await user_names_by_id(graph, list(ids))

    loaders = Loaders(
        principal=principal,
        graph=graph,
        household=_loader(households_in_scope),
        members=_loader(partial(members_by_household, graph)),
        needs=_loader(partial(needs_by_household, graph)),
        worker_of_household=_loader(partial(worker_by_household, graph)),
        worker=_loader(partial(workers_by_id, graph)),
        worker_load=_loader(partial(load_by_worker, graph)),
        worker_households=_loader(partial(households_by_worker, graph)),
        station=_loader(partial(stations_by_id, graph)),
        station_counts=_loader(partial(counts_by_station, graph)),
        region=_loader(partial(regions_by_id, graph)),
        match=_loader(matches_in_scope),
        visits=_loader(partial(visits_by_match, graph)),
        user_name=_loader(user_names),
    )
    return loaders


def prime_households(loaders: Loaders, rows: Sequence[HouseholdRow]) -> None:
    """A page already read these households: later look-ups need no query."""
    loaders.household.prime_many({r.record.id: r for r in rows})


__all__ = ["Loaders", "build_loaders", "prime_households", "Any"]
