"""The marketplace's reads and the capacity an organisation declares: usage, the funds
ledger (per organisation and period: pledged, disbursed, fulfilled) and setting capacity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from graph.adoption_reads import (
    AdoptionFilter,
    AdoptionRow,
    CapacityRow,
    adoption_page,
    capacities,
    set_capacity_tx,
)
from graph.driver import Graph
from graph.scope import Scope
from matching.adoption import COMMITTED_STATUSES, OPEN_STATUSES, capacity_refusals, period_of
from server.registry.validation import FieldError
from server.registry.vocabulary import NEED_KINDS
from server.roles import Role
from server.services.adoptions import ORGANISATION_ROLES
from server.services.errors import EntityNotFound, InvalidFields, NotPermitted
from server.services.registry import Caller
from server.services.writes import run_write

ALL_ROWS = 10_000  # an organisation's or a county's adoptions fit one read


def viewer_org(caller: Caller) -> str | None:
    """The organisation whose adoptions the caller reads (None: the casework roles)."""
    return caller.own_id if caller.role in ORGANISATION_ROLES else None


async def all_adoptions(graph: Graph, *, scope: Scope, org_id: str | None) -> list[AdoptionRow]:
    rows, _ = await adoption_page(
        graph,
        scope=scope,
        flt=AdoptionFilter(org_id=org_id),
        casework=False,
        after=None,
        limit=ALL_ROWS,
    )
    return rows


@dataclass(frozen=True, slots=True)
class CapacityUse:
    row: CapacityRow
    committed_yuan: int
    open_adoptions: int
    current_period: str


def use_of(row: CapacityRow, held: Sequence[AdoptionRow], *, today: date) -> CapacityUse:
    period = str((row.capacity or {}).get("cap_period") or "YEAR")
    now = period_of(today, period)
    mine = [a for a in held if a.org_id == row.org_id]
    return CapacityUse(
        row=row,
        committed_yuan=sum(
            a.pledged_yuan
            for a in mine
            if a.status in COMMITTED_STATUSES and period_of(a.claimed_on, period) == now
        ),
        open_adoptions=sum(1 for a in mine if a.status in OPEN_STATUSES),
        current_period=now,
    )


async def my_capacity(graph: Graph, caller: Caller, *, today: date) -> CapacityUse | None:
    org_id = viewer_org(caller)
    if org_id is None:
        return None
    found = await capacities(graph, [org_id])
    if not found:
        return None
    held = await all_adoptions(graph, scope=caller.scope, org_id=org_id)
    return use_of(found[0], held, today=today)


@dataclass(frozen=True, slots=True)
class CapacityCommand:
    org_id: str
    expected_version: int | None
    budget_yuan: int
    period: str
    kinds: tuple[str, ...]
    max_open: int


async def set_capacity(graph: Graph, caller: Caller, cmd: CapacityCommand) -> None:
    """An organisation declares its own capacity (the county may set anyone's in its area);
    the regions stay the county's."""
    if caller.role in ORGANISATION_ROLES:
        if cmd.org_id != caller.own_id:
            raise NotPermitted("an organisation sets only its own capacity")
    elif caller.role not in (Role.ADMIN, Role.COORDINATOR):
        raise NotPermitted("only the organisation or the county sets capacity")
    problems = capacity_refusals(
        budget_yuan=cmd.budget_yuan,
        period=cmd.period,
        kinds=frozenset(cmd.kinds),
        max_open=cmd.max_open,
        known_kinds=frozenset(NEED_KINDS),
    )
    if problems:
        raise InvalidFields([FieldError(p.field or "input", p.code, p.code) for p in problems])
    found = await capacities(graph, [cmd.org_id])
    if not found or (
        caller.scope.townships is not None
        and not set(found[0].townships) & set(caller.scope.townships)
    ):
        raise EntityNotFound("Organisation", cmd.org_id)
    await run_write(
        graph,
        set_capacity_tx,
        actor=caller.actor,
        org_id=cmd.org_id,
        expected_version=cmd.expected_version,
        props={
            "cap_budget_yuan": cmd.budget_yuan,
            "cap_period": cmd.period,
            "cap_kinds": sorted(set(cmd.kinds)),
            "cap_max_open": cmd.max_open,
        },
    )


@dataclass(frozen=True, slots=True)
class LedgerRow:
    org_name: str
    org_kind: str
    period: str
    pledged_yuan: int = 0
    disbursed_yuan: int = 0
    fulfilled_yuan: int = 0
    adoptions: int = 0


def ledger(rows: Sequence[AdoptionRow], *, period: str) -> list[LedgerRow]:
    """Per organisation and period: pledges by the day claimed (while they stand), money out
    by the day disbursed (even if later cancelled: it was paid), fulfilled by the day done."""
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for a in rows:
        key = (a.org_name, a.org_kind)
        if a.status in COMMITTED_STATUSES:
            s = sums[(*key, period_of(a.claimed_on, period))]
            s[0] += a.pledged_yuan
            s[3] += 1
        if a.disbursed_on is not None and a.disbursed_yuan is not None:
            sums[(*key, period_of(a.disbursed_on, period))][1] += a.disbursed_yuan
        if a.status == "FULFILLED" and a.fulfilled_on is not None:
            amount = a.disbursed_yuan if a.disbursed_yuan is not None else a.pledged_yuan
            sums[(*key, period_of(a.fulfilled_on, period))][2] += amount
    return [
        LedgerRow(name, kind, p, s[0], s[1], s[2], s[3])
        for (name, kind, p), s in sorted(sums.items(), key=lambda kv: (kv[0][2], kv[0][0]))
    ]
