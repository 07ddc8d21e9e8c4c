"""declareConflict: a helper must never be paired with this household (回避).

Workers and volunteers declare their own conflicts; registry editors record anyone's in
their area (a kinship found on a visit, say).
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound
from server.graphql.mutations._common import caller
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.organisations import ConflictReason, DeclaredConflict
from server.services.conflicts import ConflictDeclaration, declare_conflict
from server.services.errors import EntityNotFound, InvalidFields, StateConflict


@strawberry.input
class DeclareConflictInput:
    helper_id: strawberry.ID = strawberry.field(description="A social worker or a volunteer.")
    household_id: strawberry.ID
    reason: ConflictReason
    note: str | None = strawberry.field(default=None, description="At most 500 characters.")


@strawberry.type
class DeclareConflictSuccess:
    conflict: DeclaredConflict


DeclareConflictResult = Annotated[
    DeclareConflictSuccess | InvalidInput | NotFound | Conflict,
    strawberry.union("DeclareConflictResult"),
]


@strawberry.type
class DeclareConflictMutation:
    @strawberry.mutation(
        extensions=access("declareConflict"),
        description="Declare a conflict of interest; workers and volunteers their own only.",
    )
    async def declare_conflict(
        self, info: Info[Context, Any], input: DeclareConflictInput
    ) -> DeclareConflictResult:
        command = ConflictDeclaration(
            helper_id=str(input.helper_id),
            household_id=str(input.household_id),
            reason=input.reason.value,
            note=input.note,
        )
        try:
            row = await declare_conflict(info.context.graph, await caller(info), command)
        except (InvalidFields, EntityNotFound, StateConflict) as exc:
            return user_error(exc)
        return DeclareConflictSuccess(conflict=DeclaredConflict.from_row(row))
