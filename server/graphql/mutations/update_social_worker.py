"""updateSocialWorker: change a worker's caseload limit, reach, skills, station ..."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._registry import update_in_registry
from server.graphql.permissions import access
from server.graphql.types.organisations import Skill
from server.graphql.types.registry import SocialWorker
from server.graphql.types.vocabulary import Sex, TravelMode
from server.services.helpers import SOCIAL_WORKER


@strawberry.input(description="Only the fields given change.")
class UpdateSocialWorkerInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you read; omit to skip the check."
    )
    station_id: strawberry.ID | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    sex: Sex | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    id_number: str | None = strawberry.UNSET
    home_lat: float | None = strawberry.UNSET
    home_lon: float | None = strawberry.UNSET
    caseload_limit: int | None = strawberry.UNSET
    travel_mode: TravelMode | None = strawberry.UNSET
    reach_km: float | None = strawberry.UNSET
    skills: list[Skill] | None = strawberry.UNSET
    languages: list[str] | None = strawberry.UNSET


@strawberry.type
class UpdateSocialWorkerSuccess:
    social_worker: SocialWorker


UpdateSocialWorkerResult = Annotated[
    UpdateSocialWorkerSuccess | InvalidInput | NotFound | StaleVersion,
    strawberry.union("UpdateSocialWorkerResult"),
]


@strawberry.type
class UpdateSocialWorkerMutation:
    @strawberry.mutation(extensions=access("updateSocialWorker"))
    async def update_social_worker(
        self, info: Info[Context, Any], input: UpdateSocialWorkerInput
    ) -> UpdateSocialWorkerResult:
        return await update_in_registry(
            info,
            SOCIAL_WORKER,
            input,
            lambda record: UpdateSocialWorkerSuccess(
                social_worker=SocialWorker.from_record(record)
            ),
        )
