"""Root queries of case work: a household's referrals and a station's referral lists
(转办清单: what it sent; 反馈清单: what it was sent, to answer)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.assistance import TemporaryAssistance
from server.graphql.types.intake import Intake
from server.graphql.types.referral import Referral
from server.services.assistance import household_assistance
from server.services.intakes import intakes
from server.services.referrals import household_referrals, station_referrals


@strawberry.type
class CaseworkQuery:
    @strawberry.field(
        extensions=access("householdReferrals"),
        description="A household's referrals, newest first; empty outside your area.",
    )
    async def household_referrals(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[Referral]:
        rows = await household_referrals(info.context.graph, await caller(info), str(household_id))
        return [Referral.from_record(r) for r in rows]

    @strawberry.field(
        extensions=access("stationReferrals"),
        description="A station's referrals, earliest due first: those it sent (转办清单) or, "
        "with received, those sent to it (反馈清单).",
    )
    async def station_referrals(
        self,
        info: Info[Context, Any],
        station_id: strawberry.ID,
        received: bool = False,
        open_only: bool = False,
    ) -> list[Referral]:
        rows = await station_referrals(
            info.context.graph,
            await caller(info),
            station_id=str(station_id),
            received=received,
            open_only=open_only,
        )
        return [Referral.from_record(r) for r in rows]

    @strawberry.field(
        extensions=access("intakes"),
        description="Intakes (首问) in your area, earliest due first; `mine`: those you own.",
    )
    async def intakes(
        self, info: Info[Context, Any], mine: bool = False, open_only: bool = True
    ) -> list[Intake]:
        rows = await intakes(info.context.graph, await caller(info), mine=mine, open_only=open_only)
        return [Intake.from_record(r) for r in rows]

    @strawberry.field(
        extensions=access("householdAssistance"),
        description="A household's temporary assistance (临时救助), newest first.",
    )
    async def household_assistance(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[TemporaryAssistance]:
        rows = await household_assistance(info.context.graph, await caller(info), str(household_id))
        return [TemporaryAssistance.from_record(r) for r in rows]
