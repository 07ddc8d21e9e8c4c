"""updateNeed: change a need's fields or move it along its lifecycle.

OPEN → PLEDGED → FULFILLED; OPEN or PLEDGED → CANCELLED; PLEDGED → OPEN when a pledge
lapses. Any other status change, or any change to a FULFILLED or CANCELLED need, is a
`Conflict`.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._common import caller, fields_of
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.organisations import NeedListing
from server.graphql.types.vocabulary import NeedKind, NeedStatus, Urgency
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    StateConflict,
    VersionConflict,
)
from server.services.needs import NeedChanges, update_need


@strawberry.input(description="Only the fields given change.")
class UpdateNeedInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you read; omit to skip the check."
    )
    kind: NeedKind | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    estimated_cost: int | None = strawberry.UNSET
    urgency: Urgency | None = strawberry.UNSET
    status: NeedStatus | None = strawberry.UNSET


@strawberry.type
class UpdateNeedSuccess:
    need: NeedListing


UpdateNeedResult = Annotated[
    UpdateNeedSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("UpdateNeedResult"),
]


@strawberry.type
class UpdateNeedMutation:
    @strawberry.mutation(extensions=access("updateNeed"))
    async def update_need(
        self, info: Info[Context, Any], input: UpdateNeedInput
    ) -> UpdateNeedResult:
        command = NeedChanges(
            need_id=str(input.id),
            expected_version=input.expected_version,
            changes=fields_of(input, skip={"id", "expected_version"}),
        )
        try:
            row = await update_need(info.context.graph, await caller(info), command)
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return UpdateNeedSuccess(need=NeedListing.from_row(row))
