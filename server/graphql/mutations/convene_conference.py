"""conveneConference: call the agencies around a complex household to a case conference
(个案会商) on a day (today to 90 days ahead), with at least two participants."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from matching.conference import AgencyKind as AgencyCode
from matching.conference import Participant
from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, user_error
from server.graphql.mutations._common import DATE_TEXT, caller
from server.graphql.permissions import access
from server.graphql.types.conference import AgencyKind, Conference
from server.services.conferences import ConveneConference, convene_conference
from server.services.errors import EntityNotFound, InvalidFields, invalid


def parse_day(field: str, text: str | None) -> date | None:
    """A day the client typed; an impossible one is a typed error on its field."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise invalid(field, "YYYY-MM-DD", "INVALID_FORMAT") from exc


@strawberry.input(description="Who takes part, for which agency.")
class ConferenceParticipantInput:
    name: str
    agency_kind: AgencyKind
    agency_name: str = strawberry.field(description="e.g. 县医保局, 红十字会, 社工站.")
    role: str | None = strawberry.field(default=None, description="职务, e.g. 科长.")


@strawberry.input(description="A case conference to convene.")
class ConveneConferenceInput:
    household_id: strawberry.ID
    held_on: str = strawberry.field(description=DATE_TEXT)
    topic: str = strawberry.field(description="What is to be settled (at most 500 characters).")
    participants: list[ConferenceParticipantInput]


@strawberry.type
class ConveneConferenceSuccess:
    conference: Conference


ConveneConferenceResult = Annotated[
    ConveneConferenceSuccess | InvalidInput | NotFound, strawberry.union("ConveneConferenceResult")
]


@strawberry.type
class ConveneConferenceMutation:
    @strawberry.mutation(
        extensions=access("conveneConference"), description="个案会商: convene a conference."
    )
    async def convene_conference(
        self, info: Info[Context, Any], input: ConveneConferenceInput
    ) -> ConveneConferenceResult:
        try:
            held_on = parse_day("held_on", input.held_on)
            if held_on is None:
                raise invalid("held_on", "the day it takes place", "REQUIRED")
            command = ConveneConference(
                household_id=str(input.household_id),
                held_on=held_on,
                topic=input.topic,
                participants=tuple(
                    Participant(p.name, AgencyCode(p.agency_kind.value), p.agency_name, p.role)
                    for p in input.participants
                ),
            )
            record = await convene_conference(
                info.context.graph, await caller(info), command, today=info.context.clock.today()
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return ConveneConferenceSuccess(conference=Conference.from_record(record))
