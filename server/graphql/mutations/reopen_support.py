"""reopenSupport: during a household's transition after an exit (渐退期), a warning brings
its former worker back in one click: a new ACTIVE match, the transition ended. Guarded by
the household's version; refused outside the transition, when someone already follows it, or
when the former worker now breaks a pairing rule (full, on leave, a conflict declared)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    RuleViolation,
    StaleVersion,
    user_error,
)
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.match import Match
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    RulesBroken,
    StateConflict,
    VersionConflict,
)
from server.services.transition_watch import ReopenSupport, reopen_support


@strawberry.type
class ReopenSupportSuccess:
    match: Match


ReopenSupportResult = Annotated[
    ReopenSupportSuccess | Conflict | StaleVersion | InvalidInput | NotFound | RuleViolation,
    strawberry.union("ReopenSupportResult"),
]


@strawberry.type
class ReopenSupportMutation:
    @strawberry.mutation(
        extensions=access("reopenSupport"),
        description="渐退期: reopen support for a household in its transition.",
    )
    async def reopen_support(
        self,
        info: Info[Context, Any],
        household_id: strawberry.ID,
        expected_version: int,
        reason: str | None = None,
    ) -> ReopenSupportResult:
        command = ReopenSupport(str(household_id), expected_version, reason)
        try:
            record = await reopen_support(
                info.context.graph, await caller(info), command, today=info.context.clock.today()
            )
        except (StateConflict, VersionConflict, InvalidFields, EntityNotFound, RulesBroken) as exc:
            return user_error(exc)
        return ReopenSupportSuccess(match=Match.from_record(record))
