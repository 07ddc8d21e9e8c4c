"""closeConference: close a held conference once its decisions are done, or cancel a
scheduled one (with the reason). completeConferenceDecision: a decision carried out.
Both version-guarded."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    StaleVersion,
    bad_reason,
    user_error,
)
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.conference import Conference, ConferenceDecision
from server.services.conferences import close_conference, complete_decision
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    StateConflict,
    VersionConflict,
)

_REFUSALS = (VersionConflict, InvalidFields, EntityNotFound, StateConflict)


@strawberry.type
class CloseConferenceSuccess:
    conference: Conference


CloseConferenceResult = Annotated[
    CloseConferenceSuccess | StaleVersion | InvalidInput | NotFound | Conflict,
    strawberry.union("CloseConferenceResult"),
]


@strawberry.type
class CompleteConferenceDecisionSuccess:
    decision: ConferenceDecision


CompleteConferenceDecisionResult = Annotated[
    CompleteConferenceDecisionSuccess | StaleVersion | InvalidInput | NotFound | Conflict,
    strawberry.union("CompleteConferenceDecisionResult"),
]


@strawberry.type
class CloseConferenceMutation:
    @strawberry.mutation(
        extensions=access("closeConference"),
        description="Close a held conference (every decision done) or cancel a scheduled one.",
    )
    async def close_conference(
        self,
        info: Info[Context, Any],
        conference_id: strawberry.ID,
        expected_version: int,
        note: str | None = None,
    ) -> CloseConferenceResult:
        if refused := bad_reason("note", note):
            return refused
        try:
            record = await close_conference(
                info.context.graph,
                await caller(info),
                conference_id=str(conference_id),
                expected_version=expected_version,
                note=note,
            )
        except _REFUSALS as exc:
            return user_error(exc)
        return CloseConferenceSuccess(conference=Conference.from_record(record))

    @strawberry.mutation(
        extensions=access("completeConferenceDecision"),
        description="A conference decision carried out, saying what was done.",
    )
    async def complete_conference_decision(
        self,
        info: Info[Context, Any],
        decision_id: strawberry.ID,
        expected_version: int,
        note: str,
    ) -> CompleteConferenceDecisionResult:
        if refused := bad_reason("note", note):
            return refused
        try:
            record = await complete_decision(
                info.context.graph,
                await caller(info),
                decision_id=str(decision_id),
                expected_version=expected_version,
                note=note,
            )
        except _REFUSALS as exc:
            return user_error(exc)
        return CompleteConferenceDecisionSuccess(decision=ConferenceDecision.from_record(record))
