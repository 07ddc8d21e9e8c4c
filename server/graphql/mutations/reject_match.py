"""rejectMatch: turn down one proposed match (PROPOSED → REJECTED), with a reason."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, RuleViolation, StaleVersion
from server.graphql.mutations._common import caller
from server.graphql.mutations._errors import bad_reason
from server.graphql.permissions import access
from server.graphql.types.match import Match, NotAllowedTransition, match_error
from server.services.errors import RegistryRefusal
from server.services.matches import RejectMatch, reject_match


@strawberry.type
class RejectMatchSuccess:
    match: Match


RejectMatchResult = Annotated[
    RejectMatchSuccess
    | NotAllowedTransition
    | StaleVersion
    | InvalidInput
    | NotFound
    | Conflict
    | RuleViolation,
    strawberry.union("RejectMatchResult"),
]


@strawberry.type
class RejectMatchMutation:
    @strawberry.mutation(
        extensions=access("rejectMatch"),
        description="PROPOSED → REJECTED; the proposal stays in the household's history.",
    )
    async def reject_match(
        self,
        info: Info[Context, Any],
        match_id: strawberry.ID,
        expected_version: int,
        reason: str,
    ) -> RejectMatchResult:
        if refused := bad_reason("reason", reason):
            return refused
        command = RejectMatch(
            match_id=str(match_id), expected_version=expected_version, reason=reason
        )
        try:
            record = await reject_match(info.context.graph, await caller(info), command)
        except RegistryRefusal as exc:
            return match_error(exc)
        return RejectMatchSuccess(match=Match.from_record(record))
