"""Root queries over volunteers, charities, enterprises, the needs board and conflicts."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.conflicts import conflicts_of_household
from graph.needs import NeedFilter as NeedFilterSpec
from graph.needs import need_page, needs_by_id
from graph.organisations import (
    OrganisationFilter,
    charities_by_id,
    charity_page,
    enterprise_page,
    enterprises_by_id,
)
from graph.volunteers import volunteer_page, volunteers_by_id
from server.context import Context
from server.graphql.permissions import access
from server.graphql.types.connection import Connection, connection, decode_cursor, page_size
from server.graphql.types.organisations import (
    Charity,
    DeclaredConflict,
    Enterprise,
    NeedListing,
    Sector,
    Volunteer,
    VolunteerKind,
)
from server.graphql.types.vocabulary import Cause, NeedKind, NeedStatus


def _id(value: strawberry.ID | None) -> str | None:
    return str(value) if value else None


@strawberry.input
class VolunteerFilter:
    region_id: strawberry.ID | None = None
    kind: VolunteerKind | None = None
    search: str | None = strawberry.field(default=None, description="Part of the name.")


@strawberry.input
class CharityFilter:
    region_id: strawberry.ID | None = None
    focus_kind: NeedKind | None = None
    search: str | None = None


@strawberry.input
class EnterpriseFilter:
    region_id: strawberry.ID | None = None
    sector: Sector | None = None
    cause: Cause | None = None
    search: str | None = None


@strawberry.input
class NeedFilter:
    kind: NeedKind | None = None
    status: NeedStatus | None = None
    region_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A county or township; a village too for roles that see identity.",
    )


@strawberry.type
class OrganisationQuery:
    @strawberry.field(
        extensions=access("volunteers"), description="Volunteers (志愿者) in your scope."
    )
    async def volunteers(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: VolunteerFilter | None = None,
    ) -> Connection[Volunteer]:
        ctx = info.context
        size = page_size(first)
        f = filter or VolunteerFilter()
        spec = OrganisationFilter(
            region_id=_id(f.region_id), kind=f.kind.value if f.kind else None, search=f.search
        )
        rows, total = await volunteer_page(
            ctx.graph,
            scope=await ctx.loaders.scope(),
            flt=spec,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(
            rows, first=size, total=total, key=lambda r: r.record.id, node=Volunteer.from_row
        )

    @strawberry.field(extensions=access("volunteer"))
    async def volunteer(self, info: Info[Context, Any], id: strawberry.ID) -> Volunteer | None:
        ctx = info.context
        row = (await volunteers_by_id(ctx.graph, [str(id)], scope=await ctx.loaders.scope()))[0]
        return Volunteer.from_row(row) if row else None

    @strawberry.field(
        extensions=access("charities"), description="Charities (慈善组织) in your scope."
    )
    async def charities(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: CharityFilter | None = None,
    ) -> Connection[Charity]:
        ctx = info.context
        size = page_size(first)
        f = filter or CharityFilter()
        spec = OrganisationFilter(
            region_id=_id(f.region_id),
            kind=f.focus_kind.value if f.focus_kind else None,
            search=f.search,
        )
        rows, total = await charity_page(
            ctx.graph,
            scope=await ctx.loaders.scope(),
            flt=spec,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(
            rows, first=size, total=total, key=lambda r: r.record.id, node=Charity.from_row
        )

    @strawberry.field(extensions=access("charity"))
    async def charity(self, info: Info[Context, Any], id: strawberry.ID) -> Charity | None:
        ctx = info.context
        row = (await charities_by_id(ctx.graph, [str(id)], scope=await ctx.loaders.scope()))[0]
        return Charity.from_row(row) if row else None

    @strawberry.field(
        extensions=access("enterprises"), description="Enterprises (企业) in your scope."
    )
    async def enterprises(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: EnterpriseFilter | None = None,
    ) -> Connection[Enterprise]:
        ctx = info.context
        size = page_size(first)
        f = filter or EnterpriseFilter()
        spec = OrganisationFilter(
            region_id=_id(f.region_id),
            sector=f.sector.value if f.sector else None,
            cause=f.cause.value if f.cause else None,
            search=f.search,
        )
        rows, total = await enterprise_page(
            ctx.graph,
            scope=await ctx.loaders.scope(),
            flt=spec,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(
            rows, first=size, total=total, key=lambda r: r.record.id, node=Enterprise.from_row
        )

    @strawberry.field(extensions=access("enterprise"))
    async def enterprise(self, info: Info[Context, Any], id: strawberry.ID) -> Enterprise | None:
        ctx = info.context
        row = (await enterprises_by_id(ctx.graph, [str(id)], scope=await ctx.loaders.scope()))[0]
        return Enterprise.from_row(row) if row else None

    @strawberry.field(
        extensions=access("needs"), description="The needs board (需求): anonymous needs."
    )
    async def needs(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: NeedFilter | None = None,
    ) -> Connection[NeedListing]:
        ctx = info.context
        size = page_size(first)
        f = filter or NeedFilter()
        p = ctx.principal
        spec = NeedFilterSpec(
            kind=f.kind.value if f.kind else None,
            status=f.status.value if f.status else None,
            region_id=_id(f.region_id),
            coarse=not (p and p.sees_identity),
        )
        rows, total = await need_page(
            ctx.graph,
            scope=await ctx.loaders.scope(),
            flt=spec,
            after=decode_cursor(after),
            limit=size + 1,
            audience=ctx.loaders.audience,
        )
        return connection(
            rows, first=size, total=total, key=lambda r: r.record.id, node=NeedListing.from_row
        )

    @strawberry.field(extensions=access("need"))
    async def need(self, info: Info[Context, Any], id: strawberry.ID) -> NeedListing | None:
        ctx = info.context
        scope = await ctx.loaders.scope()
        row = (await needs_by_id(ctx.graph, [str(id)], scope=scope, audience=ctx.loaders.audience))[
            0
        ]
        return NeedListing.from_row(row) if row else None

    @strawberry.field(
        extensions=access("conflictsOfInterest"),
        description="Declared conflicts of interest about one household in your scope.",
    )
    async def conflicts_of_interest(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[DeclaredConflict]:
        ctx = info.context
        rows = await conflicts_of_household(
            ctx.graph, str(household_id), scope=await ctx.loaders.scope()
        )
        return [DeclaredConflict.from_row(r) for r in rows]
