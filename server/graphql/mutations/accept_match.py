"""acceptMatch: activate one proposed match on its own, outside its plan's approval.

The hard rules (conflict of interest, leave, reach, capacity, skill) are checked again on
today's data; the household's current match, if any, is transferred. The first follow-up
is set by the care cadence.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, RuleViolation, StaleVersion
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.match import Match, NotAllowedTransition, match_error
from server.services.errors import RegistryRefusal
from server.services.matches import AcceptMatch, accept_match


@strawberry.type
class AcceptMatchSuccess:
    match: Match


AcceptMatchResult = Annotated[
    AcceptMatchSuccess
    | NotAllowedTransition
    | StaleVersion
    | RuleViolation
    | Conflict
    | InvalidInput
    | NotFound,
    strawberry.union("AcceptMatchResult"),
]


@strawberry.type
class AcceptMatchMutation:
    @strawberry.mutation(
        extensions=access("acceptMatch"), description="PROPOSED → ACTIVE for one proposed match."
    )
    async def accept_match(
        self, info: Info[Context, Any], match_id: strawberry.ID, expected_version: int
    ) -> AcceptMatchResult:
        command = AcceptMatch(match_id=str(match_id), expected_version=expected_version)
        try:
            record = await accept_match(
                info.context.graph, await caller(info), command, today=date.today()
            )
        except RegistryRefusal as exc:
            return match_error(exc)
        return AcceptMatchSuccess(match=Match.from_record(record))
