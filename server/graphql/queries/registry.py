"""Root queries over the registry: households, workers, stations, regions."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from strawberry.types import Info

from graph.audience import Audience
from graph.household_detail import household_list_page
from graph.households import HouseholdFilter as HouseholdFilterSpec
from graph.households import household_count, household_sketch_page
from graph.regions import list_regions
from graph.social_workers import worker_page
from graph.stations import StationRecord, station_page
from server.context import Context
from server.graphql.permissions import access
from server.graphql.types.connection import Connection, connection, decode_cursor, page_size
from server.graphql.types.registry import Household, Region, SocialWorker, Station
from server.graphql.types.vocabulary import Cause, DibaoClass, RegionLevel, Tier, WarningLevel
from server.loaders import (
    HouseholdRead,
    household_id_of,
    load_household_page,
    prime_household_list,
    prime_households,
)
from server.shared_reads import HOUSEHOLD_TOTALS


@strawberry.input
class HouseholdFilter:
    region_id: strawberry.ID | None = None
    tier: Tier | None = None
    dibao_class: DibaoClass | None = None
    cause: Cause | None = None
    warning_level: WarningLevel | None = None
    has_no_worker: bool | None = None
    search: str | None = strawberry.field(
        default=None, description="Part of a member's name; only for roles that see identity."
    )

    def to_spec(self, *, may_search: bool) -> HouseholdFilterSpec:
        return HouseholdFilterSpec(
            region_id=str(self.region_id) if self.region_id else None,
            tier=self.tier.value if self.tier else None,
            dibao_class=self.dibao_class.value if self.dibao_class else None,
            cause=self.cause.value if self.cause else None,
            warning_level=self.warning_level.value if self.warning_level else None,
            has_no_worker=self.has_no_worker,
            # Searching by name would reveal identity through the result set.
            search=(self.search or "").strip() or None if may_search else None,
        )


@strawberry.input
class SocialWorkerFilter:
    station_id: strawberry.ID | None = None
    search: str | None = None


@strawberry.type
class RegistryQuery:
    @strawberry.field(
        extensions=access("households"), description="Households in your scope, filtered."
    )
    async def households(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: HouseholdFilter | None = None,
    ) -> Connection[Household]:
        ctx = info.context
        size = page_size(first)
        p = ctx.principal
        spec = (filter or HouseholdFilter()).to_spec(may_search=bool(p and p.sees_identity))
        scope = await ctx.loaders.scope()
        casework = ctx.loaders.audience is Audience.CASEWORK

        async def read_page() -> list[HouseholdRead]:
            after_id, limit = decode_cursor(after), size + 1
            if not casework:
                return list(
                    await household_sketch_page(
                        ctx.graph, scope=scope, flt=spec, after=after_id, limit=limit
                    )
                )
            rows = await household_list_page(
                ctx.graph, scope=scope, flt=spec, after=after_id, limit=limit
            )
            prime_household_list(ctx.loaders, rows)
            return [r.household for r in rows]

        # The page and its total are independent reads: one wait instead of two.
        rows, total = await asyncio.gather(
            read_page(),
            HOUSEHOLD_TOTALS.get(
                ctx.graph,
                (scope, spec),
                lambda: household_count(ctx.graph, scope=scope, flt=spec),
            ),
        )
        prime_households(ctx.loaders, rows)
        return connection(
            rows, first=size, total=total, key=household_id_of, node=Household.from_read
        )

    @strawberry.field(
        extensions=access("household"), description="One household, if it is in your scope."
    )
    async def household(self, info: Info[Context, Any], id: strawberry.ID) -> Household | None:
        row = await load_household_page(info.context.loaders, str(id))
        return Household.from_read(row) if row else None

    @strawberry.field(
        extensions=access("socialWorkers"), description="Social workers in your scope."
    )
    async def social_workers(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: SocialWorkerFilter | None = None,
    ) -> Connection[SocialWorker]:
        ctx = info.context
        size = page_size(first)
        flt = filter or SocialWorkerFilter()
        rows, total = await worker_page(
            ctx.graph,
            scope=await ctx.loaders.scope(),
            station_id=str(flt.station_id) if flt.station_id else None,
            search=flt.search,
            after=decode_cursor(after),
            limit=size + 1,
            audience=ctx.loaders.audience,
        )
        ctx.loaders.worker.prime_many({r.id: r for r in rows})
        return connection(
            rows, first=size, total=total, key=lambda r: r.id, node=SocialWorker.from_record
        )

    @strawberry.field(extensions=access("socialWorker"))
    async def social_worker(
        self, info: Info[Context, Any], id: strawberry.ID
    ) -> SocialWorker | None:
        ctx = info.context
        w = await ctx.loaders.worker.load(str(id))
        if w is None:
            return None
        station = await ctx.loaders.station.load(w.station_id)
        return SocialWorker.from_record(w) if station and await _in_scope(ctx, station) else None

    @strawberry.field(
        extensions=access("stations"), description="Social work stations in your scope."
    )
    async def stations(
        self, info: Info[Context, Any], first: int = 20, after: str | None = None
    ) -> Connection[Station]:
        ctx = info.context
        size = page_size(first)
        rows, total = await station_page(
            ctx.graph, scope=await ctx.loaders.scope(), after=decode_cursor(after), limit=size + 1
        )
        ctx.loaders.station.prime_many({r.id: r for r in rows})
        return connection(
            rows, first=size, total=total, key=lambda r: r.id, node=Station.from_record
        )

    @strawberry.field(extensions=access("station"))
    async def station(self, info: Info[Context, Any], id: strawberry.ID) -> Station | None:
        s = await info.context.loaders.station.load(str(id))
        return Station.from_record(s) if s and await _in_scope(info.context, s) else None

    @strawberry.field(extensions=access("regions"), description="Regions, by level and parent.")
    async def regions(
        self,
        info: Info[Context, Any],
        level: RegionLevel | None = None,
        parent_id: strawberry.ID | None = None,
    ) -> list[Region]:
        rows = await list_regions(
            info.context.graph,
            level=level.value if level else None,
            parent_id=str(parent_id) if parent_id else None,
        )
        return [Region.from_record(r) for r in rows]


async def _in_scope(ctx: Context, station: StationRecord) -> bool:
    scope = await ctx.loaders.scope()
    return scope.unrestricted or station.township_id in (scope.townships or ())
