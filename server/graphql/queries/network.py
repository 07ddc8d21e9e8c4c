"""Root queries of the coordinator's county: the support network and its gaps."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from graph.network import NetworkFilter as NetworkFilterSpec
from server.context import Context
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.network import (
    NetworkEdge,
    NetworkGaps,
    NetworkGraph,
    NetworkLinkKind,
    NetworkNode,
)
from server.graphql.types.vocabulary import Tier, WarningLevel
from server.services.errors import InvalidFields
from server.services.follow_up import DEFAULT_STALE_DAYS
from server.services.network import DEFAULT_DIBAO_LINE, DEFAULT_IDLE_DAYS, GapRequest, network_graph


@strawberry.input
class NetworkFilter:
    township_id: strawberry.ID | None = None
    tier: Tier | None = strawberry.field(default=None, description="Households of this tier.")
    warning_level: WarningLevel | None = strawberry.field(
        default=None, description="Households at this warning level."
    )
    link_kinds: list[NetworkLinkKind] | None = strawberry.field(
        default=None, description="Only these links (all when not given)."
    )

    def to_spec(self) -> NetworkFilterSpec:
        return NetworkFilterSpec(
            township_id=str(self.township_id) if self.township_id else None,
            tier=self.tier.value if self.tier else None,
            warning_level=self.warning_level.value if self.warning_level else None,
            link_kinds=tuple(k.value for k in self.link_kinds)
            if self.link_kinds is not None
            else None,
        )


def _bad_input(exc: InvalidFields) -> GraphQLError:
    return GraphQLError(str(exc), extensions={"code": "BAD_USER_INPUT"})


@strawberry.type
class NetworkQuery:
    @strawberry.field(
        extensions=access("networkGraph"),
        description="支持网络: households, helpers and their active links in your area (one "
        "township when asked); names only for the identity roles.",
    )
    async def network_graph(
        self, info: Info[Context, Any], filter: NetworkFilter | None = None
    ) -> NetworkGraph:
        try:
            picture = await network_graph(
                info.context.graph, await caller(info), (filter or NetworkFilter()).to_spec()
            )
        except InvalidFields as exc:
            raise _bad_input(exc) from exc
        return NetworkGraph(
            nodes=[NetworkNode.from_record(n) for n in picture.nodes],
            edges=[NetworkEdge.from_record(e) for e in picture.edges],
        )

    @strawberry.field(
        extensions=access("networkGaps"),
        description="缺口分析 of your area (one township when asked): each list is read when "
        "selected.",
    )
    async def network_gaps(
        self,
        info: Info[Context, Any],
        township_id: strawberry.ID | None = None,
        stale_days: int = DEFAULT_STALE_DAYS,
        idle_days: int = DEFAULT_IDLE_DAYS,
        line: float = DEFAULT_DIBAO_LINE,
        first: int = 100,
    ) -> NetworkGaps:
        try:
            request = GapRequest(
                graph=info.context.graph,
                caller=await caller(info),
                township_id=str(township_id) if township_id else None,
                stale_days=stale_days,
                idle_days=idle_days,
                limit=first,
                line=line,
                clock=info.context.clock,
            )
        except InvalidFields as exc:
            raise _bad_input(exc) from exc
        return NetworkGaps(_request=request)
