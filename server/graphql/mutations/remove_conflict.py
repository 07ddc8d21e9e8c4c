"""removeConflict: lift a conflict of interest, with a reason kept on the audit event."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound
from server.graphql.mutations._common import caller
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.organisations import DeclaredConflict
from server.services.conflicts import ConflictRemoval, remove_conflict
from server.services.errors import EntityNotFound, InvalidFields


@strawberry.input
class RemoveConflictInput:
    helper_id: strawberry.ID
    household_id: strawberry.ID
    reason: str | None = strawberry.field(default=None, description="Why it no longer holds.")


@strawberry.type
class RemoveConflictSuccess:
    conflict: DeclaredConflict = strawberry.field(description="The conflict as it was.")


RemoveConflictResult = Annotated[
    RemoveConflictSuccess | InvalidInput | NotFound, strawberry.union("RemoveConflictResult")
]


@strawberry.type
class RemoveConflictMutation:
    # Not the helper themselves: lifting one's own declaration would defeat it (优亲厚友).
    @strawberry.mutation(extensions=access("removeConflict"))
    async def remove_conflict(
        self, info: Info[Context, Any], input: RemoveConflictInput
    ) -> RemoveConflictResult:
        command = ConflictRemoval(
            helper_id=str(input.helper_id),
            household_id=str(input.household_id),
            reason=input.reason,
        )
        try:
            row = await remove_conflict(info.context.graph, await caller(info), command)
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return RemoveConflictSuccess(conflict=DeclaredConflict.from_row(row))
