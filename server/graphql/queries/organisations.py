"""Root queries over volunteers, charities, enterprises, the needs board and conflicts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, Protocol, TypeVar

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


class _Keyed(Protocol):
    @property
    def record(self) -> _HasId: ...


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Keyed)
T = TypeVar("T")

# A registry noun's page in scope (graph.organisations, graph.volunteers) and its look-up.
Page = Callable[..., Awaitable[tuple[list[R], int]]]
ById = Callable[..., Awaitable[list[R | None]]]


async def _listing(
    info: Info[Context, Any],
    page: Page[R],
    flt: OrganisationFilter,
    first: int,
    after: str | None,
    node: Callable[[R], T],
) -> Connection[T]:
    """One page of volunteers, charities or enterprises in the caller's scope."""
    ctx = info.context
    size = page_size(first)
    rows, total = await page(
        ctx.graph,
        scope=await ctx.loaders.scope(),
        flt=flt,
        after=decode_cursor(after),
        limit=size + 1,
    )
    return connection(rows, first=size, total=total, key=lambda r: r.record.id, node=node)


async def _one(
    info: Info[Context, Any], by_id: ById[R], id: strawberry.ID, node: Callable[[R], T]
) -> T | None:
    ctx = info.context
    row = (await by_id(ctx.graph, [str(id)], scope=await ctx.loaders.scope()))[0]
    return node(row) if row else None


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
        f = filter or VolunteerFilter()
        spec = OrganisationFilter(
            region_id=_id(f.region_id), kind=f.kind.value if f.kind else None, search=f.search
        )
        page = partial(volunteer_page, audience=info.context.loaders.audience)
        return await _listing(info, page, spec, first, after, Volunteer.from_row)

    @strawberry.field(extensions=access("volunteer"))
    async def volunteer(self, info: Info[Context, Any], id: strawberry.ID) -> Volunteer | None:
        by_id = partial(volunteers_by_id, audience=info.context.loaders.audience)
        return await _one(info, by_id, id, Volunteer.from_row)

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
        f = filter or CharityFilter()
        spec = OrganisationFilter(
            region_id=_id(f.region_id),
            kind=f.focus_kind.value if f.focus_kind else None,
            search=f.search,
        )
        return await _listing(info, charity_page, spec, first, after, Charity.from_row)

    @strawberry.field(extensions=access("charity"))
    async def charity(self, info: Info[Context, Any], id: strawberry.ID) -> Charity | None:
        return await _one(info, charities_by_id, id, Charity.from_row)

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
        f = filter or EnterpriseFilter()
        spec = OrganisationFilter(
            region_id=_id(f.region_id),
            sector=f.sector.value if f.sector else None,
            cause=f.cause.value if f.cause else None,
            search=f.search,
        )
        return await _listing(info, enterprise_page, spec, first, after, Enterprise.from_row)

    @strawberry.field(extensions=access("enterprise"))
    async def enterprise(self, info: Info[Context, Any], id: strawberry.ID) -> Enterprise | None:
        return await _one(info, enterprises_by_id, id, Enterprise.from_row)

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
