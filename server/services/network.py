"""The coordinator's county as a network: the picture to draw and the gaps in it.

Reads only. The caller's area narrows to one township when asked (a township outside the
area narrows to nothing: the answer is empty, as for any other outside argument). Names are
read only for the identity roles; the access table admits no other role today, and the rule
is kept here too so a new row cannot leak them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from graph import gaps
from graph.driver import Graph
from graph.network import LINK_KINDS, NetworkFilter, NetworkPicture, network_picture
from graph.scope import NOWHERE, Scope
from server.clock import Clock
from server.demo.shape import DIBAO_LINE
from server.registry.validation import FieldError
from server.roles import IDENTITY_ROLES
from server.services.errors import InvalidFields
from server.services.follow_up import StalePairings, stale_pairings
from server.services.registry import Caller, in_scope

DEFAULT_IDLE_DAYS = 90  # "no adoption in N days", N by default
MAX_DAYS = 366
MAX_ROWS = 500
# The minimum-living line (yuan per person a month) the review lists compare incomes with;
# one number with the demo county's until the county's own line is configurable.
DEFAULT_DIBAO_LINE = DIBAO_LINE


def narrowed(scope: Scope, township_id: str | None) -> Scope:
    """The caller's area, or only the township asked for (nothing, when it is outside)."""
    if township_id is None:
        return scope
    return Scope(townships=(township_id,)) if in_scope(scope, [township_id]) else NOWHERE


def sees_identity(caller: Caller) -> bool:
    return caller.role in IDENTITY_ROLES


async def network_graph(graph: Graph, caller: Caller, flt: NetworkFilter) -> NetworkPicture:
    unknown = [k for k in flt.link_kinds or () if k not in LINK_KINDS]
    if unknown:
        raise InvalidFields([FieldError("filter.linkKinds", "unknown link kind", "UNKNOWN")])
    return await network_picture(
        graph,
        scope_params=narrowed(caller.scope, flt.township_id).params(),
        flt=flt,
        identity=sees_identity(caller),
    )


@dataclass(frozen=True, slots=True)
class GapRequest:
    """What every gap list of one request shares."""

    graph: Graph
    caller: Caller
    township_id: str | None
    stale_days: int
    idle_days: int
    limit: int
    line: float
    clock: Clock

    def __post_init__(self) -> None:
        errors = []
        for name, days in (("staleDays", self.stale_days), ("idleDays", self.idle_days)):
            if not 1 <= days <= MAX_DAYS:
                errors.append(FieldError(name, f"1 to {MAX_DAYS}", "OUT_OF_RANGE"))
        if not 1 <= self.limit <= MAX_ROWS:
            errors.append(FieldError("first", f"1 to {MAX_ROWS}", "OUT_OF_RANGE"))
        if not 0 < self.line < 100_000:
            errors.append(FieldError("line", "a monthly amount in yuan", "OUT_OF_RANGE"))
        if errors:
            raise InvalidFields(errors)

    @property
    def scope_params(self) -> dict[str, object]:
        return narrowed(self.caller.scope, self.township_id).params()

    @property
    def identity(self) -> bool:
        return sees_identity(self.caller)

    async def uncovered(self) -> list[gaps.UncoveredVillage]:
        return await gaps.uncovered_by_village(
            self.graph, scope_params=self.scope_params, township_id=None, limit=self.limit
        )

    async def single_point_workers(self) -> list[gaps.SinglePointWorker]:
        return await gaps.single_point_workers(
            self.graph,
            scope_params=self.scope_params,
            township_id=None,
            identity=self.identity,
            limit=self.limit,
        )

    async def idle_organisations(self) -> tuple[list[gaps.IdleOrganisation], int]:
        since = self.clock.today() - timedelta(days=self.idle_days)
        return await gaps.idle_organisations(
            self.graph,
            scope_params=self.scope_params,
            township_id=None,
            since=since,
            limit=self.limit,
        )

    async def idle_volunteers(self) -> tuple[list[gaps.IdleVolunteer], int]:
        return await gaps.idle_volunteers(
            self.graph,
            scope_params=self.scope_params,
            township_id=None,
            identity=self.identity,
            limit=self.limit,
        )

    async def unserved_need_kinds(self) -> list[gaps.UnservedNeedKind]:
        return await gaps.unserved_need_kinds(
            self.graph, scope_params=self.scope_params, township_id=None
        )

    async def village_coverage(self) -> list[gaps.VillageCoverage]:
        return await gaps.village_coverage(
            self.graph,
            scope_params=self.scope_params,
            township_id=None,
            today=self.clock.today(),
        )

    async def eligibility_review(
        self,
    ) -> tuple[list[gaps.EligibilitySignal], dict[str, int]]:
        return await gaps.eligibility_review(
            self.graph,
            scope_params=self.scope_params,
            township_id=None,
            line=self.line,
            identity=self.identity,
            limit=self.limit,
        )

    async def stale_links(self) -> StalePairings:
        """The oversight query's stale pairings, over the same (narrowed) area."""
        narrowed_caller = Caller(
            actor=self.caller.actor,
            role=self.caller.role,
            scope=narrowed(self.caller.scope, self.township_id),
            own_id=self.caller.own_id,
        )
        return await stale_pairings(
            self.graph,
            narrowed_caller,
            days=self.stale_days,
            station_id=None,
            clock=self.clock,
            limit=self.limit,
        )
