"""Shared by the adoption mutations: the step input, reading the adoption back, and the
refusals every step can answer with."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.adoption_reads import adoptions_by_id
from graph.audience import Audience
from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.types.market import Adoption
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.market import viewer_org
from server.services.registry import Caller

STEP_ERRORS = (InvalidFields, EntityNotFound, VersionConflict, StateConflict)
StepError = InvalidInput | NotFound | StaleVersion | Conflict


@strawberry.input(description="Which adoption, at the version you read.")
class AdoptionStepInput:
    adoption_id: strawberry.ID
    expected_version: int


async def adoption_after(
    info: Info[Context, Any], who: Caller, adoption_id: str
) -> Adoption | None:
    """The adoption as the caller now reads it (None once it left the caller's hands)."""
    org = viewer_org(who)
    row = (
        await adoptions_by_id(
            info.context.graph,
            [adoption_id],
            scope=who.scope,
            org_id=org,
            casework=info.context.loaders.audience is Audience.CASEWORK,
        )
    )[0]
    return Adoption.from_row(row, org) if row else None


def step_error(exc: Exception) -> StepError:
    assert isinstance(exc, STEP_ERRORS)
    return user_error(exc)
