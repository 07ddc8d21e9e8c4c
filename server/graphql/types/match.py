"""A match (配对) as GraphQL, the error a refused transition returns, and the one mapping
from the match and visit services' refusals to GraphQL error types."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.match_lifecycle import MatchRecord
from server.context import Context
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    RuleViolation,
    StaleVersion,
    UserError,
)
from server.graphql.mutations._errors import user_error
from server.graphql.types.registry import Household, SocialWorker
from server.graphql.types.visit import Visit
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    RegistryRefusal,
    StateConflict,
    VersionConflict,
)
from server.services.matches import RulesBroken, TransitionRefused


@strawberry.enum(
    description="配对状态: PROPOSED 拟配对, ACTIVE 帮扶中, CLOSED 已结案, REJECTED 未采纳, "
    "TRANSFERRED 已移交, NOT_SELECTED 方案未选用"
)
class MatchStatus(Enum):
    PROPOSED = "PROPOSED"
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"
    REJECTED = "REJECTED"
    TRANSFERRED = "TRANSFERRED"
    NOT_SELECTED = "NOT_SELECTED"


@strawberry.enum(
    description="结案结果: STABLE 情况稳定, EXITED 脱困退出 (6–12 个月渐退期), REFERRED 转介, "
    "MOVED 迁出, DECEASED 去世"
)
class MatchOutcome(Enum):
    STABLE = "STABLE"
    EXITED = "EXITED"
    REFERRED = "REFERRED"
    MOVED = "MOVED"
    DECEASED = "DECEASED"


@strawberry.type(description="A pairing of one worker with one household, over its whole life.")
class Match:
    _record: strawberry.Private[MatchRecord]
    id: strawberry.ID
    status: MatchStatus
    version: int
    started_on: date | None
    follow_up_due: date | None = strawberry.field(description="下次跟进: when to go next")
    activated_at: datetime | None
    last_visit_at: datetime | None
    last_contact_at: datetime | None = strawberry.field(
        description="The last visit that met someone."
    )
    outcome: MatchOutcome | None
    close_note: str | None
    closed_at: datetime | None
    transition_months: int | None

    @strawberry.field(description="Active and past its follow-up date, as of the query's day.")
    def overdue(self) -> bool:
        return self._record.overdue(date.today())

    @strawberry.field
    async def household(self, info: Info[Context, Any]) -> Household | None:
        row = await info.context.loaders.household.load(self._record.household_id)
        return Household.from_read(row) if row else None

    @strawberry.field
    async def worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        if self._record.worker_id is None:
            return None
        w = await info.context.loaders.worker.load(self._record.worker_id)
        return SocialWorker.from_record(w) if w else None

    @strawberry.field(description="Newest first.")
    async def visits(self, info: Info[Context, Any], first: int = 20) -> list[Visit]:
        visits = await info.context.loaders.visits.load(self._record.id)
        return [Visit.from_record(v) for v in visits[: max(0, min(first, 100))]]

    @classmethod
    def from_record(cls, r: MatchRecord) -> Match:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            status=MatchStatus(r.status),
            version=r.version,
            started_on=r.started_on,
            follow_up_due=r.follow_up_due,
            activated_at=r.activated_at,
            last_visit_at=r.last_visit_at,
            last_contact_at=r.last_contact_at,
            outcome=MatchOutcome(r.outcome) if r.outcome else None,
            close_note=r.close_note,
            closed_at=r.closed_at,
            transition_months=r.transition_months,
        )


@strawberry.type(
    description="The match is not in a state that allows this; `currentStatus` says what it is."
)
class NotAllowedTransition(UserError):
    current_status: MatchStatus
    requested_status: MatchStatus


def match_error(
    exc: RegistryRefusal,
) -> InvalidInput | NotFound | StaleVersion | Conflict | NotAllowedTransition | RuleViolation:
    """The services' refusals as GraphQL errors (NotPermitted is re-raised: FORBIDDEN)."""
    if isinstance(exc, TransitionRefused):
        r = exc.refusal
        if r.current not in MatchStatus.__members__:  # a state this API cannot name
            return user_error(StateConflict(r.code, r.message))
        return NotAllowedTransition(
            message=r.message,
            field=None,
            code=r.code,
            current_status=MatchStatus(r.current),
            requested_status=MatchStatus(r.requested.value),
        )
    if isinstance(exc, RulesBroken):
        return RuleViolation(
            message="违反配对规则 / the pairing breaks hard rules now (reassign with a reason "
            "to override)",
            field="matchId",
            code="RULE_VIOLATION",
            violations=list(exc.violations),
            overridable=False,
        )
    if isinstance(exc, InvalidFields | EntityNotFound | VersionConflict | StateConflict):
        return user_error(exc)
    raise exc
