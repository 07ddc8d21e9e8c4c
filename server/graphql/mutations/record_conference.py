"""recordConference: a scheduled conference held (on or after its day), with its notes and
its decisions, each with an owner (a worker of the area, or a name) and a due day.
Version-guarded."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from matching.conference import DecisionDraft
from server.context import Context
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    StaleVersion,
    user_error,
)
from server.graphql.mutations._common import DATE_TEXT, caller
from server.graphql.mutations.convene_conference import parse_day
from server.graphql.permissions import access
from server.graphql.types.conference import Conference
from server.services.conferences import RecordConference, record_conference
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    StateConflict,
    VersionConflict,
)


@strawberry.input(description="A decision: what, who carries it out, by when.")
class ConferenceDecisionInput:
    what: str
    owner_worker_id: strawberry.ID | None = strawberry.field(
        default=None, description="A worker of your area…"
    )
    owner_name: str | None = strawberry.field(
        default=None, description="…or someone named in words (an agency's officer)."
    )
    due_on: str | None = strawberry.field(default=None, description=DATE_TEXT)


@strawberry.type
class RecordConferenceSuccess:
    conference: Conference


RecordConferenceResult = Annotated[
    RecordConferenceSuccess | StaleVersion | InvalidInput | NotFound | Conflict,
    strawberry.union("RecordConferenceResult"),
]


@strawberry.type
class RecordConferenceMutation:
    @strawberry.mutation(
        extensions=access("recordConference"),
        description="Record a conference as held, with its notes and decisions.",
    )
    async def record_conference(
        self,
        info: Info[Context, Any],
        conference_id: strawberry.ID,
        expected_version: int,
        notes: str,
        decisions: list[ConferenceDecisionInput],
    ) -> RecordConferenceResult:
        try:
            drafts = tuple(
                DecisionDraft(
                    d.what,
                    str(d.owner_worker_id) if d.owner_worker_id else None,
                    d.owner_name,
                    parse_day(f"decisions.{i}.due_on", d.due_on),
                )
                for i, d in enumerate(decisions)
            )
            record = await record_conference(
                info.context.graph,
                await caller(info),
                RecordConference(str(conference_id), expected_version, notes, drafts),
                today=info.context.clock.today(),
            )
        except (
            VersionConflict,
            InvalidFields,
            EntityNotFound,
            StateConflict,
        ) as exc:
            return user_error(exc)
        return RecordConferenceSuccess(conference=Conference.from_record(record))
