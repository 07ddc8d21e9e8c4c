"""recordVisit: a worker records a home visit on a match (入户走访记录).

The visit moves the match's next follow-up (to the date given, or by the care cadence),
opens the needs it discovered, closes the needs it saw fulfilled or no longer needed
(telling whoever reported them), and, when verifying, resolves the household's alerts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._common import caller, fields_of
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.match import Match
from server.graphql.types.visit import Visit, VisitOutcome
from server.graphql.types.vocabulary import NeedKind, NeedStatus, Urgency
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.visits import MAX_NEEDS, RecordVisit, ResolveNeed, record_visit


@strawberry.input(description="A need found on the visit; it opens on the needs board.")
class DiscoveredNeedInput:
    kind: NeedKind
    description: str = strawberry.field(description="Charities read this: name nobody.")
    estimated_cost: int = strawberry.field(description="yuan (元), 0 or more")
    urgency: Urgency


@strawberry.input(description="A need of the household the visit saw met, or no longer needed.")
class ResolvedNeedInput:
    need_id: strawberry.ID
    status: NeedStatus = strawberry.field(description="FULFILLED or CANCELLED")
    note: str | None = None


@strawberry.input
class RecordVisitInput:
    match_id: strawberry.ID
    visited_at: datetime = strawberry.field(
        description="When; not in the future, not before the match began. Without an offset, "
        "the server's local time."
    )
    place: str = strawberry.field(description="Where (家中, 村委会, 医院 ...)")
    met: list[str] = strawberry.field(description="Who was met; empty only when NOT_MET")
    findings: str
    outcome: VisitOutcome
    needs_discovered: list[DiscoveredNeedInput] = strawberry.field(
        default_factory=list, description=f"At most {MAX_NEEDS}."
    )
    needs_resolved: list[ResolvedNeedInput] = strawberry.field(
        default_factory=list, description=f"At most {MAX_NEEDS}."
    )
    next_follow_up: date | None = strawberry.field(
        default=None,
        description="Sooner than the care cadence if you like, never later; omitted: the "
        "cadence's date.",
    )
    verifying: bool = strawberry.field(
        default=False, description="核实走访: resolves the household's open alerts raised before it"
    )
    expected_version: int | None = strawberry.field(
        default=None, description="The match version you read; omit to skip the check."
    )

    def to_command(self) -> RecordVisit:
        return RecordVisit(
            match_id=str(self.match_id),
            visited_at=self.visited_at,
            place=self.place,
            met=tuple(self.met),
            findings=self.findings,
            outcome=self.outcome.value,
            needs_discovered=tuple(fields_of(n) for n in self.needs_discovered),
            needs_resolved=tuple(
                ResolveNeed(str(r.need_id), r.status.value, r.note) for r in self.needs_resolved
            ),
            next_follow_up=self.next_follow_up,
            verifying=self.verifying,
            expected_version=self.expected_version,
        )


@strawberry.type
class RecordVisitSuccess:
    visit: Visit
    match: Match = strawberry.field(description="With its new follow-up date and version.")
    resolved_alert_ids: list[strawberry.ID]
    reporters_told: int = strawberry.field(
        description="How many reporters of the needs it closed were notified."
    )


RecordVisitResult = Annotated[
    RecordVisitSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("RecordVisitResult"),
]


@strawberry.type
class RecordVisitMutation:
    @strawberry.mutation(
        extensions=access("recordVisit"),
        description="Record a home visit on an ACTIVE match: the match's own worker, or a "
        "manager in whose area the household lives.",
    )
    async def record_visit(
        self, info: Info[Context, Any], input: RecordVisitInput
    ) -> RecordVisitResult:
        ctx = info.context
        try:
            written = await record_visit(
                ctx.graph, await caller(info), input.to_command(), now=datetime.now(UTC)
            )
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        record = await ctx.loaders.match.load(written.visit.match_id)
        assert record is not None
        return RecordVisitSuccess(
            visit=Visit.from_record(written.visit),
            match=Match.from_record(record),
            resolved_alert_ids=[strawberry.ID(a) for a in written.visit.resolved_alert_ids],
            reporters_told=len(written.notified_reporters),
        )
