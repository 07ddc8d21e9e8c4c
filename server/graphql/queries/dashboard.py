"""Root query of the coordinator's dashboard."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.permissions import access
from server.graphql.types.dashboard import Dashboard
from server.services.dashboard import region_dashboard


@strawberry.type
class DashboardQuery:
    @strawberry.field(
        extensions=access("dashboard"),
        description="The dashboard of a region (county, township or village; default: your "
        "county), counted within your area; null when the region is outside it.",
    )
    async def dashboard(
        self, info: Info[Context, Any], region_id: strawberry.ID | None = None
    ) -> Dashboard | None:
        ctx = info.context
        figures = await region_dashboard(
            ctx.graph,
            await ctx.loaders.scope(),
            region_id=str(region_id) if region_id else None,
            now=ctx.clock.now(),
            today=ctx.clock.today(),
        )
        return Dashboard.of(figures) if figures else None
