"""runEscalation: the escalation pass the cron runs every five minutes, on demand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graph.audit import Actor
from server.clock import stopped_at
from server.context import Context
from server.graphql.permissions import access
from server.services.escalation import run_escalation


@strawberry.type(description="What one escalation pass recorded.")
class EscalationPass:
    now: datetime
    subjects: int = strawberry.field(
        description="Overdue alerts and follow-ups still lacking a step"
    )
    recorded: int = strawberry.field(description="Steps new in this pass")
    step_ids: list[strawberry.ID] = strawberry.field(
        description="The new steps' ids, `<alert id>:<step>` or `<match id>@<due day>:<step>`"
    )


@strawberry.type
class RunEscalationMutation:
    @strawberry.mutation(
        extensions=access("runEscalation"),
        description="Remind and escalate what is overdue in your area (optionally one region) "
        "as of `now` (default the real time): worker at the deadline, station after the "
        "grace period, county after another. Each step is recorded once.",
    )
    async def run_escalation(
        self,
        info: Info[Context, Any],
        now: datetime | None = None,
        region_id: strawberry.ID | None = None,
    ) -> EscalationPass:
        ctx = info.context
        principal = ctx.principal
        assert principal is not None
        report = await run_escalation(
            ctx.graph,
            # The audit says when the pass really ran; its steps are judged at `now`.
            actor=Actor(principal.user_id, principal.role.value, ctx.clock.now()),
            scope=await ctx.loaders.scope(),
            region_id=str(region_id) if region_id else None,
            clock=stopped_at(ctx.clock, now) if now else ctx.clock,
        )
        return EscalationPass(
            now=report.now,
            subjects=report.subjects,
            recorded=report.recorded,
            step_ids=[strawberry.ID(s) for s in report.step_ids],
        )
