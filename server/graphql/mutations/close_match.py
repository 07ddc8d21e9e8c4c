"""closeMatch: end an active match with an outcome (结案).

EXITED (脱困退出) needs a transition of 6–12 months: the household stays monitored until
`transitionUntil` (Guangxi's 渐退期). REFERRED needs a note saying where to. Closing a match
that is not ACTIVE is refused with the state it is in.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from matching.lifecycle import Outcome
from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, RuleViolation, StaleVersion
from server.graphql.mutations._common import caller
from server.graphql.mutations._errors import bad_reason
from server.graphql.permissions import access
from server.graphql.types.match import Match, MatchOutcome, NotAllowedTransition, match_error
from server.services.errors import RegistryRefusal
from server.services.matches import CloseMatch, close_match


@strawberry.type
class CloseMatchSuccess:
    match: Match
    transition_until: date | None = strawberry.field(
        description="For an exit: the household is watched until this day."
    )


CloseMatchResult = Annotated[
    CloseMatchSuccess
    | NotAllowedTransition
    | StaleVersion
    | InvalidInput
    | NotFound
    | Conflict
    | RuleViolation,
    strawberry.union("CloseMatchResult"),
]


@strawberry.type
class CloseMatchMutation:
    @strawberry.mutation(
        extensions=access("closeMatch"), description="ACTIVE → CLOSED with an outcome."
    )
    async def close_match(
        self,
        info: Info[Context, Any],
        match_id: strawberry.ID,
        expected_version: int,
        outcome: MatchOutcome,
        note: str | None = None,
        transition_months: Annotated[
            int | None, strawberry.argument(description="EXITED only: 6 to 12 months")
        ] = None,
    ) -> CloseMatchResult:
        if refused := bad_reason("note", note):
            return refused
        command = CloseMatch(
            match_id=str(match_id),
            expected_version=expected_version,
            outcome=Outcome(outcome.value),
            note=note,
            transition_months=transition_months,
        )
        try:
            closed = await close_match(
                info.context.graph, await caller(info), command, today=date.today()
            )
        except RegistryRefusal as exc:
            return match_error(exc)
        return CloseMatchSuccess(
            match=Match.from_record(closed.match), transition_until=closed.transition_until
        )
