"""createEnterprise: register an enterprise (企业) offering jobs, training or goods."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.mutations._registry import create_in_registry
from server.graphql.permissions import access
from server.graphql.types.organisations import Enterprise, Sector
from server.graphql.types.vocabulary import Cause
from server.services.organisations import ENTERPRISE


@strawberry.input
class CreateEnterpriseInput:
    name: str
    sectors: list[Sector]
    jobs_offered: int = strawberry.field(description="0 or more")
    causes_supported: list[Cause] = strawberry.field(
        default_factory=list, description="Causes of hardship its 签约帮扶 addresses."
    )
    region_ids: list[strawberry.ID] = strawberry.field(
        description="Townships or counties it works in (at most 100)."
    )


@strawberry.type
class CreateEnterpriseSuccess:
    enterprise: Enterprise


CreateEnterpriseResult = Annotated[
    CreateEnterpriseSuccess | InvalidInput, strawberry.union("CreateEnterpriseResult")
]


@strawberry.type
class CreateEnterpriseMutation:
    @strawberry.mutation(extensions=access("createEnterprise"))
    async def create_enterprise(
        self, info: Info[Context, Any], input: CreateEnterpriseInput
    ) -> CreateEnterpriseResult:
        return await create_in_registry(
            info,
            ENTERPRISE,
            input,
            lambda row: CreateEnterpriseSuccess(enterprise=Enterprise.from_row(row)),
        )
