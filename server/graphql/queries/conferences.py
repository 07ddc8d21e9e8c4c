"""Root queries of case conferences (个案会商): a household's conferences, and the open
decisions to follow up (a worker's own on "my day")."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.conference import Conference, ConferenceDecision
from server.services.conferences import decisions_to_follow, household_conferences


@strawberry.type
class ConferenceQuery:
    @strawberry.field(
        extensions=access("householdConferences"),
        description="A household's case conferences, latest first; empty outside your area.",
    )
    async def household_conferences(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[Conference]:
        rows = await household_conferences(
            info.context.graph, await caller(info), str(household_id)
        )
        return [Conference.from_record(r) for r in rows]

    @strawberry.field(
        extensions=access("conferenceDecisions"),
        description="Conference decisions in your area, earliest due first; `mine`: a worker's "
        "own, or those you convened that nobody on the platform owns.",
    )
    async def conference_decisions(
        self, info: Info[Context, Any], mine: bool = True, open_only: bool = True
    ) -> list[ConferenceDecision]:
        rows = await decisions_to_follow(
            info.context.graph, await caller(info), mine=mine, open_only=open_only
        )
        return [ConferenceDecision.from_record(r) for r in rows]
