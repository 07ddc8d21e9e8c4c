"""Root queries of the needs marketplace: the board with its filters and map, adoptions,
an organisation's capacity, the funds ledger and the recommendations."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.adoption_reads import AdoptionFilter, adoption_page, adoptions_by_id
from graph.audience import Audience
from graph.consents import consents_of
from graph.market import MarketFilter, due_dates, market_need_page, village_counts
from server.context import Context
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.connection import Connection, connection, decode_cursor, page_size
from server.graphql.types.market import (
    Adoption,
    AdoptionStatus,
    BudgetPeriod,
    Consent,
    LedgerLine,
    OrganisationCapacity,
    Recommendation,
    RecommendationReason,
    VillageNeeds,
    org_kind,
)
from server.graphql.types.organisations import NeedListing
from server.graphql.types.vocabulary import Cause, NeedKind, Urgency
from server.services.market import all_adoptions, ledger, my_capacity, viewer_org
from server.services.recommendations import recommend_for


@strawberry.input(description="Filters of the needs board; all optional, open needs only.")
class MarketNeedFilter:
    kinds: list[NeedKind] | None = None
    township_id: strawberry.ID | None = None
    village_id: strawberry.ID | None = None
    urgency: Urgency | None = None
    cause: Cause | None = None
    min_cost: int | None = None
    max_cost: int | None = None


def _market_filter(f: MarketNeedFilter | None) -> MarketFilter:
    f = f or MarketNeedFilter()
    return MarketFilter(
        kinds=tuple(k.value for k in f.kinds or ()),
        township_id=str(f.township_id) if f.township_id else None,
        village_id=str(f.village_id) if f.village_id else None,
        urgency=f.urgency.value if f.urgency else None,
        cause=f.cause.value if f.cause else None,
        min_cost=f.min_cost,
        max_cost=f.max_cost,
    )


@strawberry.type(description="A need card on the board, with its due day.")
class MarketNeed:
    need: NeedListing
    due_on: str | None = strawberry.field(description="YYYY-MM-DD, when one was set.")


@strawberry.input
class AdoptionListFilter:
    statuses: list[AdoptionStatus] | None = None
    household_id: strawberry.ID | None = None


@strawberry.type
class MarketQuery:
    @strawberry.field(
        extensions=access("marketNeeds"),
        description="The needs board (需求广场): open needs, most urgent first, anonymous.",
    )
    async def market_needs(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: MarketNeedFilter | None = None,
    ) -> Connection[MarketNeed]:
        ctx = info.context
        size = page_size(first)
        rows, total = await market_need_page(
            ctx.graph,
            scope=await ctx.loaders.scope(),
            flt=_market_filter(filter),
            after=decode_cursor(after),
            limit=size + 1,
            audience=ctx.loaders.audience,
        )
        due = await due_dates(ctx.graph, [r.row.record.id for r in rows])
        nodes = {r.sort_key: d for r, d in zip(rows, due, strict=True)}
        return connection(
            rows,
            first=size,
            total=total,
            key=lambda r: r.sort_key,
            node=lambda r: MarketNeed(need=NeedListing.from_row(r.row), due_on=nodes[r.sort_key]),
        )

    @strawberry.field(
        extensions=access("marketVillages"),
        description="Open needs counted per village, at the village's point, for the map.",
    )
    async def market_villages(
        self, info: Info[Context, Any], filter: MarketNeedFilter | None = None
    ) -> list[VillageNeeds]:
        ctx = info.context
        counts = await village_counts(
            ctx.graph, scope=await ctx.loaders.scope(), flt=_market_filter(filter)
        )
        return [VillageNeeds.from_count(c) for c in counts]

    @strawberry.field(
        extensions=access("adoptions"),
        description="Adoptions: an organisation's own (and hand-overs offered to it); "
        "the station's and auditors' in their area.",
    )
    async def adoptions(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: AdoptionListFilter | None = None,
    ) -> Connection[Adoption]:
        ctx = info.context
        who = await caller(info)
        org = viewer_org(who)
        f = filter or AdoptionListFilter()
        size = page_size(first)
        rows, total = await adoption_page(
            ctx.graph,
            scope=who.scope,
            flt=AdoptionFilter(
                org_id=org,
                statuses=tuple(s.value for s in f.statuses or ()),
                household_id=str(f.household_id) if f.household_id and org is None else None,
            ),
            casework=ctx.loaders.audience is Audience.CASEWORK,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(
            rows,
            first=size,
            total=total,
            key=lambda r: r.id,
            node=lambda r: Adoption.from_row(r, org),
        )

    @strawberry.field(extensions=access("adoption"))
    async def adoption(self, info: Info[Context, Any], id: strawberry.ID) -> Adoption | None:
        ctx = info.context
        who = await caller(info)
        org = viewer_org(who)
        row = (
            await adoptions_by_id(
                ctx.graph,
                [str(id)],
                scope=who.scope,
                org_id=org,
                casework=ctx.loaders.audience is Audience.CASEWORK,
            )
        )[0]
        return Adoption.from_row(row, org) if row else None

    @strawberry.field(
        extensions=access("myCapacity"),
        description="The caller's organisation: declared capacity and what it carries now.",
    )
    async def my_capacity(self, info: Info[Context, Any]) -> OrganisationCapacity | None:
        use = await my_capacity(
            info.context.graph, await caller(info), today=info.context.clock.today()
        )
        if use is None:
            return None
        return OrganisationCapacity.from_row(
            use.row,
            committed=use.committed_yuan,
            open_adoptions=use.open_adoptions,
            current_period=use.current_period,
        )

    @strawberry.field(
        extensions=access("fundsLedger"),
        description="The funds ledger (资金台账): pledged, disbursed, fulfilled per "
        "organisation and period; an organisation sees its own lines.",
    )
    async def funds_ledger(
        self, info: Info[Context, Any], period: BudgetPeriod = BudgetPeriod.MONTH
    ) -> list[LedgerLine]:
        who = await caller(info)
        rows = await all_adoptions(info.context.graph, scope=who.scope, org_id=viewer_org(who))
        return [
            LedgerLine(
                organisation_name=r.org_name,
                organisation_kind=org_kind(r.org_kind),
                period=r.period,
                pledged_yuan=r.pledged_yuan,
                disbursed_yuan=r.disbursed_yuan,
                fulfilled_yuan=r.fulfilled_yuan,
                adoptions=r.adoptions,
            )
            for r in ledger(rows, period=period.value)
        ]

    @strawberry.field(
        extensions=access("householdConsents"),
        description="A household's consents to share contact details with an adopter.",
    )
    async def household_consents(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[Consent]:
        ctx = info.context
        rows = (await consents_of(ctx.graph, [str(household_id)], scope=await ctx.loaders.scope()))[
            0
        ]
        return [Consent.from_row(r) for r in rows]

    @strawberry.field(
        extensions=access("recommendedNeeds"),
        description="为您推荐: needs a fair allocation across villages gives the caller's "
        "organisation, each with why.",
    )
    async def recommended_needs(self, info: Info[Context, Any]) -> list[Recommendation]:
        ctx = info.context
        picks = await recommend_for(
            ctx.graph, await caller(info), today=ctx.clock.today(), audience=ctx.loaders.audience
        )
        return [
            Recommendation(
                need=NeedListing.from_row(p.row),
                reasons=[RecommendationReason(code=c, value=v) for c, v in p.reasons],
            )
            for p in picks
        ]
