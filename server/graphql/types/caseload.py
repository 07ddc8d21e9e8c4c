"""Caseload plans and their reviewable items as GraphQL types."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graph.caseload_plans import PlanItemRecord, PlanRecord, plan_items_page
from matching import BalancePriority as DomainBalancePriority
from server.context import Context
from server.graphql.types.connection import Connection, connection, decode_cursor, page_size
from server.graphql.types.job import Job
from server.graphql.types.registry import Household, SocialWorker
from server.graphql.types.vocabulary import WarningLevel


@strawberry.enum(description="方案状态")
class PlanStatus(Enum):
    COMPUTING = "COMPUTING"
    PROPOSED = "PROPOSED"
    APPROVED = "APPROVED"
    PARTIALLY_APPROVED = "PARTIALLY_APPROVED"
    REJECTED = "REJECTED"
    SUPERSEDED = "SUPERSEDED"  # a newer plan of the same scope replaced it before a decision
    WHAT_IF = "WHAT_IF"
    FAILED = "FAILED"


@strawberry.enum(description="与现状相比: 新增, 调整, 不变, 未覆盖")
class ProposalKind(Enum):
    NEW = "NEW"
    MOVED = "MOVED"
    UNCHANGED = "UNCHANGED"
    LEFT_OUT = "LEFT_OUT"


BalancePriority = strawberry.enum(
    DomainBalancePriority,
    name="BalancePriority",
    description="How much travel evening out workloads may cost: 2 %, 10 %, or whatever it takes.",
)


@strawberry.enum
class PlanScopeKind(Enum):
    STATION = "STATION"
    TOWNSHIP = "TOWNSHIP"
    COUNTY = "COUNTY"


@strawberry.type
class PlanSummary:
    households: int
    assigned: int
    unassigned: int
    new_count: int
    moved_count: int
    unchanged_count: int
    left_out_count: int
    travel_km: float
    covered_priority: float
    today_assigned: int
    today_travel_km: float
    today_covered_priority: float
    moves: int
    utilisation_max: float | None = strawberry.field(
        default=None, description="Highest worker load / limit after the plan (0-1)."
    )
    utilisation_min: float | None = strawberry.field(
        default=None, description="Lowest worker load / limit after the plan (0-1)."
    )
    utilisation_stddev: float | None = strawberry.field(
        default=None, description="Standard deviation of load / limit over the workers."
    )
    balance_extra_travel_pct: float | None = strawberry.field(
        default=None, description="Travel the balance stage added, in percent."
    )


async def _worker(info: Info[Context, Any], worker_id: str | None) -> SocialWorker | None:
    if worker_id is None:
        return None
    w = await info.context.loaders.worker.load(worker_id)
    return SocialWorker.from_record(w) if w else None


@strawberry.type
class WorkerLoad:
    _worker_id: strawberry.Private[str]
    limit: int
    before: int
    after: int
    households_before: int
    households_after: int

    @strawberry.field
    async def worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        """Null for a hypothetical worker of a what-if scenario."""
        return await _worker(info, self._worker_id)

    @strawberry.field
    def worker_id(self) -> strawberry.ID:
        return strawberry.ID(self._worker_id)


@strawberry.type
class PlanProposal:
    _item: strawberry.Private[PlanItemRecord]
    id: strawberry.ID
    kind: ProposalKind
    status: str
    warning_level: WarningLevel
    distance_km: float | None
    reasons: list[str]
    next_best_extra_km: float | None
    next_best_note: str | None
    left_out_reason: str | None
    left_out_detail: str | None
    what_would_change: str | None
    household_id: strawberry.ID
    to_worker_id: strawberry.ID | None

    @strawberry.field
    async def household(self, info: Info[Context, Any]) -> Household | None:
        row = await info.context.loaders.household.load(self._item.household_id)
        return Household.from_read(row) if row else None

    @strawberry.field
    async def from_worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        return await _worker(info, self._item.from_worker_id)

    @strawberry.field
    async def to_worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        return await _worker(info, self._item.to_worker_id)

    @strawberry.field
    async def next_best_worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        return await _worker(info, self._item.next_best_worker_id)

    @classmethod
    def from_record(cls, r: PlanItemRecord) -> PlanProposal:
        return cls(
            _item=r,
            id=strawberry.ID(r.id),
            kind=ProposalKind(r.kind),
            status=r.status,
            warning_level=WarningLevel(r.warning_level),
            distance_km=r.distance_km,
            reasons=list(r.reasons),
            next_best_extra_km=r.next_best_extra_km,
            next_best_note=r.next_best_note,
            left_out_reason=r.left_out_reason,
            left_out_detail=r.left_out_detail,
            what_would_change=r.what_would_change,
            household_id=strawberry.ID(r.household_id),
            to_worker_id=strawberry.ID(r.to_worker_id) if r.to_worker_id else None,
        )


@strawberry.type(description="A caseload plan (帮扶配对方案) for a station, township or county.")
class CaseloadPlan:
    _record: strawberry.Private[PlanRecord]
    id: strawberry.ID
    scope_kind: PlanScopeKind
    scope_id: strawberry.ID
    scope_name: str
    status: PlanStatus
    version: int
    is_what_if: bool
    what_if: JSON | None
    created_at: datetime
    created_by: str | None
    solver: str | None
    solver_version: str | None
    objective: float | None
    bound: float | None
    gap: float | None
    solve_seconds: float | None
    input_hash: str | None
    restricted_candidates: bool
    notes: list[str]
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None
    superseded_by: strawberry.ID | None = strawberry.field(
        default=None, description="SUPERSEDED: the newer plan of the same scope."
    )
    balance_priority: BalancePriority = strawberry.field(  # type: ignore[valid-type]
        default=DomainBalancePriority.TRAVEL_FIRST,
        description="The balance the plan was asked for (how much travel even loads may cost).",
    )

    @strawberry.field
    def summary(self) -> PlanSummary | None:
        s = self._record.summary
        if s is None:
            return None
        return PlanSummary(
            households=s["households"],
            assigned=s["assigned"],
            unassigned=s["unassigned"],
            new_count=s["newCount"],
            moved_count=s["movedCount"],
            unchanged_count=s["unchangedCount"],
            left_out_count=s["leftOutCount"],
            travel_km=s["travelKm"],
            covered_priority=s["coveredPriority"],
            today_assigned=s["todayAssigned"],
            today_travel_km=s["todayTravelKm"],
            today_covered_priority=s["todayCoveredPriority"],
            moves=s["moves"],
            # Plans stored before the balance figures have none.
            utilisation_max=s.get("utilisationMax"),
            utilisation_min=s.get("utilisationMin"),
            utilisation_stddev=s.get("utilisationStddev"),
            balance_extra_travel_pct=s.get("balanceExtraTravelPct"),
        )

    @strawberry.field
    def worker_loads(self) -> list[WorkerLoad]:
        return [
            WorkerLoad(
                _worker_id=w["worker_id"],
                limit=w["limit"],
                before=w["before"],
                after=w["after"],
                households_before=w["households_before"],
                households_after=w["households_after"],
            )
            for w in self._record.worker_loads
        ]

    @strawberry.field
    async def job(self, info: Info[Context, Any]) -> Job | None:
        from graph.jobs import job_by_id

        if self._record.job_id is None:
            return None
        record = await job_by_id(info.context.graph, self._record.job_id)
        return Job.from_record(record) if record else None

    @strawberry.field
    async def proposals(
        self,
        info: Info[Context, Any],
        first: int = 50,
        after: str | None = None,
        kind: ProposalKind | None = None,
    ) -> Connection[PlanProposal]:
        size = page_size(first)
        rows, total = await plan_items_page(
            info.context.graph,
            plan_id=self._record.id,
            kind=kind.value if kind else None,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(
            rows, first=size, total=total, key=lambda r: r.id, node=PlanProposal.from_record
        )

    @classmethod
    def from_record(cls, r: PlanRecord) -> CaseloadPlan:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            scope_kind=PlanScopeKind(r.scope_kind),
            scope_id=strawberry.ID(r.scope_id),
            scope_name=r.scope_name,
            status=PlanStatus(r.status),
            version=r.version,
            is_what_if=r.is_what_if,
            what_if=cast(JSON, r.what_if),
            created_at=r.created_at,
            created_by=r.created_by,
            solver=r.solver,
            solver_version=r.solver_version,
            objective=r.objective,
            bound=r.bound,
            gap=r.gap,
            solve_seconds=r.solve_seconds,
            input_hash=r.input_hash,
            restricted_candidates=r.restricted_candidates,
            notes=list(r.notes),
            decided_at=r.decided_at,
            decided_by=r.decided_by,
            decision_reason=r.decision_reason,
            superseded_by=strawberry.ID(r.superseded_by) if r.superseded_by else None,
            balance_priority=DomainBalancePriority(r.balance_priority),
        )
