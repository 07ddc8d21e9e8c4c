"""answerReferral: the receiving agency's answer to a referral, as the station records it:
ACCEPT or REFUSE (with the reason) a sent one, or FEEDBACK (what was done) on an accepted one.
Version-guarded; an answer the referral's state does not take is refused with that state."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from matching.referral import ReferralAnswer as AnswerCode
from server.context import Context
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotAllowedTransition,
    NotFound,
    StaleVersion,
    bad_reason,
    user_error,
)
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.referral import Referral, ReferralAnswer
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    TransitionRefused,
    VersionConflict,
)
from server.services.referrals import AnswerReferral, answer_referral


@strawberry.type
class AnswerReferralSuccess:
    referral: Referral


AnswerReferralResult = Annotated[
    AnswerReferralSuccess
    | NotAllowedTransition
    | StaleVersion
    | InvalidInput
    | NotFound
    | Conflict,
    strawberry.union("AnswerReferralResult"),
]


@strawberry.type
class AnswerReferralMutation:
    @strawberry.mutation(
        extensions=access("answerReferral"), description="Accept, refuse or close a referral."
    )
    async def answer_referral(
        self,
        info: Info[Context, Any],
        referral_id: strawberry.ID,
        expected_version: int,
        answer: ReferralAnswer,
        note: str | None = None,
    ) -> AnswerReferralResult:
        if refused := bad_reason("note", note):
            return refused
        command = AnswerReferral(
            referral_id=str(referral_id),
            expected_version=expected_version,
            answer=AnswerCode(answer.value),
            note=note,
        )
        try:
            record = await answer_referral(info.context.graph, await caller(info), command)
        except (TransitionRefused, VersionConflict, InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return AnswerReferralSuccess(referral=Referral.from_record(record))
