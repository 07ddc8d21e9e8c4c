"""createReferral: refer a household (转介) to another station, a department or a charity,
asking one thing by a day (1–60 days from today)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from matching.referral import Department as DepartmentCode
from matching.referral import ReferralTarget as TargetCode
from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.referral import Department, Referral, ReferralTarget
from server.services.errors import EntityNotFound, InvalidFields
from server.services.referrals import SendReferral, send_referral


@strawberry.input(description="A referral: to whom, what is asked, within how many days.")
class CreateReferralInput:
    household_id: strawberry.ID
    target_kind: ReferralTarget
    department: Department | None = strawberry.field(
        default=None, description="DEPARTMENT referrals only."
    )
    target_id: strawberry.ID | None = strawberry.field(
        default=None, description="The station or charity (STATION and CHARITY referrals)."
    )
    request: str = strawberry.field(description="What is asked (at most 500 characters).")
    days: int = strawberry.field(default=10, description="Time limit: 1 to 60 days.")


@strawberry.type
class CreateReferralSuccess:
    referral: Referral


CreateReferralResult = Annotated[
    CreateReferralSuccess | InvalidInput | NotFound, strawberry.union("CreateReferralResult")
]


@strawberry.type
class CreateReferralMutation:
    @strawberry.mutation(
        extensions=access("createReferral"), description="转介: refer a household."
    )
    async def create_referral(
        self, info: Info[Context, Any], input: CreateReferralInput
    ) -> CreateReferralResult:
        command = SendReferral(
            household_id=str(input.household_id),
            target_kind=TargetCode(input.target_kind.value),
            department=DepartmentCode(input.department.value) if input.department else None,
            target_id=str(input.target_id) if input.target_id else None,
            request=input.request,
            days=input.days,
        )
        try:
            record = await send_referral(
                info.context.graph, await caller(info), command, today=info.context.clock.today()
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return CreateReferralSuccess(referral=Referral.from_record(record))
