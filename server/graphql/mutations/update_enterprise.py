"""updateEnterprise: change an enterprise's sectors, jobs or regions (its own only)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._registry import update_in_registry
from server.graphql.permissions import access
from server.graphql.types.organisations import Enterprise, Sector
from server.graphql.types.vocabulary import Cause
from server.services.organisations import ENTERPRISE


@strawberry.input(description="Only the fields given change.")
class UpdateEnterpriseInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you read; omit to skip the check."
    )
    name: str | None = strawberry.UNSET
    sectors: list[Sector] | None = strawberry.UNSET
    jobs_offered: int | None = strawberry.UNSET
    causes_supported: list[Cause] | None = strawberry.UNSET
    region_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the regions; within your area."
    )


@strawberry.type
class UpdateEnterpriseSuccess:
    enterprise: Enterprise


UpdateEnterpriseResult = Annotated[
    UpdateEnterpriseSuccess | InvalidInput | NotFound | StaleVersion,
    strawberry.union("UpdateEnterpriseResult"),
]


@strawberry.type
class UpdateEnterpriseMutation:
    @strawberry.mutation(extensions=access("updateEnterprise"))
    async def update_enterprise(
        self, info: Info[Context, Any], input: UpdateEnterpriseInput
    ) -> UpdateEnterpriseResult:
        return await update_in_registry(
            info,
            ENTERPRISE,
            input,
            lambda row: UpdateEnterpriseSuccess(enterprise=Enterprise.from_row(row)),
        )
