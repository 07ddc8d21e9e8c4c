"""createSocialWorker: a social worker (社工) joins a station."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.mutations._registry import create_in_registry
from server.graphql.permissions import access
from server.graphql.types.organisations import Skill
from server.graphql.types.registry import SocialWorker
from server.graphql.types.vocabulary import Sex, TravelMode
from server.services.helpers import SOCIAL_WORKER


@strawberry.input
class CreateSocialWorkerInput:
    station_id: strawberry.ID
    name: str
    sex: Sex
    phone: str | None = None
    id_number: str | None = None
    home_lat: float
    home_lon: float
    caseload_limit: int = strawberry.field(description="weighted units (class A / red: 3)")
    travel_mode: TravelMode
    reach_km: float | None = strawberry.field(
        default=None, description="Defaults to what the travel mode usually reaches."
    )
    skills: list[Skill] = strawberry.field(default_factory=list)
    languages: list[str] = strawberry.field(
        default_factory=list, description="Languages and dialects, e.g. MANDARIN, JIN."
    )


@strawberry.type
class CreateSocialWorkerSuccess:
    social_worker: SocialWorker


CreateSocialWorkerResult = Annotated[
    CreateSocialWorkerSuccess | InvalidInput, strawberry.union("CreateSocialWorkerResult")
]


@strawberry.type
class CreateSocialWorkerMutation:
    @strawberry.mutation(extensions=access("createSocialWorker"))
    async def create_social_worker(
        self, info: Info[Context, Any], input: CreateSocialWorkerInput
    ) -> CreateSocialWorkerResult:
        return await create_in_registry(
            info,
            SOCIAL_WORKER,
            input,
            lambda record: CreateSocialWorkerSuccess(
                social_worker=SocialWorker.from_record(record)
            ),
        )
