"""Adopting a need (认领帮扶), as pure rules: who may claim what, and how an adoption moves.

An organisation (charity or enterprise) declares its capacity: a budget per period, the kinds
of need it serves, how many adoptions it can carry open at once; the county sets the regions
it works in. A claim is decided on the state read under lock in the same transaction that
writes it (`decide_claim`), so two racing claims cannot both pass.

An adoption's life: CLAIMED → DISBURSED → FULFILLED; CLAIMED or DISBURSED → CANCELLED (with
a reason); CLAIMED → RELEASED (given back) or EXPIRED (nothing happened by the deadline).
A CLAIMED adoption can be handed to another organisation: it accepts, declines, or after
`TRANSFER_AUTO_APPROVE` the transfer approves itself (Crisis Cleanup's rule).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

PERIODS: Final = ("MONTH", "QUARTER", "YEAR")
DEFAULT_CLAIM_DAYS: Final = 7
TRANSFER_AUTO_APPROVE: Final = timedelta(hours=36)

# Adoptions that still hold the need and count against the organisation's open limit.
OPEN_STATUSES: Final = frozenset({"CLAIMED", "DISBURSED"})
# Adoptions whose pledge counts against the period's budget.
COMMITTED_STATUSES: Final = frozenset({"CLAIMED", "DISBURSED", "FULFILLED"})

ADOPTION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    "CLAIMED": frozenset({"DISBURSED", "CANCELLED", "RELEASED", "EXPIRED"}),
    "DISBURSED": frozenset({"FULFILLED", "CANCELLED"}),
    "FULFILLED": frozenset(),
    "CANCELLED": frozenset(),
    "RELEASED": frozenset(),
    "EXPIRED": frozenset(),
}

# What the need becomes when its adoption reaches a status (None: unchanged).
NEED_STATUS_AFTER: Mapping[str, str | None] = {
    "CLAIMED": "PLEDGED",
    "DISBURSED": None,
    "FULFILLED": "FULFILLED",
    "CANCELLED": "OPEN",
    "RELEASED": "OPEN",
    "EXPIRED": "OPEN",
}


def period_of(day: date, period: str) -> str:
    """The budget period a day falls in: 2026-12, 2026-Q4 or 2026."""
    if period == "MONTH":
        return f"{day.year}-{day.month:02d}"
    if period == "QUARTER":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def claim_expires_on(claimed_on: date, days: int) -> date:
    return claimed_on + timedelta(days=days)


def transfer_due(requested_at: datetime, now: datetime) -> bool:
    """A transfer nobody answered approves itself after 36 hours."""
    return now >= requested_at + TRANSFER_AUTO_APPROVE


@dataclass(frozen=True, slots=True)
class Capacity:
    """What an organisation can carry; `townships` is where the county lets it work."""

    budget_yuan: int
    period: str  # PERIODS
    kinds: frozenset[str]
    max_open: int
    townships: frozenset[str]


@dataclass(frozen=True, slots=True)
class Usage:
    """What an organisation already carries: pledged this period and adoptions open."""

    committed_yuan: int
    open_adoptions: int


@dataclass(frozen=True, slots=True)
class NeedFacts:
    status: str
    version: int
    kind: str
    township_id: str
    estimated_cost: int


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a claim or a transition is refused: a code, the input field, its parameters."""

    code: str
    field: str | None
    params: Mapping[str, str | int]


def amount_refusal(amount: int, ceiling: int, field: str) -> Refusal | None:
    """Money amounts are positive and never above the need."""
    if amount <= 0:
        return Refusal("AMOUNT_NOT_POSITIVE", field, {"amount": amount})
    if amount > ceiling:
        return Refusal("AMOUNT_ABOVE_NEED", field, {"amount": amount, "limit": ceiling})
    return None


def decide_claim(
    need: NeedFacts,
    *,
    expected_version: int,
    pledge_yuan: int,
    capacity: Capacity | None,
    usage: Usage,
) -> Refusal | None:
    """None when the organisation may adopt the need now; else the first reason it may not.

    Order matters for the caller: a taken need says "taken" before anything about the
    organisation, and a stale version before the capacity it might no longer need."""
    if need.status != "OPEN":
        return Refusal("NEED_TAKEN", "needId", {"status": need.status})
    if need.version != expected_version:
        return Refusal("STALE_VERSION", "expectedVersion", {"currentVersion": need.version})
    return decide_fit(need, pledge_yuan=pledge_yuan, capacity=capacity, usage=usage)


def decide_fit(
    need: NeedFacts, *, pledge_yuan: int, capacity: Capacity | None, usage: Usage
) -> Refusal | None:
    """Whether an organisation may carry this need now: declared capacity, its regions and
    kinds, the amount, its open limit and what is left of its budget (a claim, and a
    hand-over the receiver accepts)."""
    if capacity is None:
        return Refusal("CAPACITY_NOT_DECLARED", None, {})
    if need.township_id not in capacity.townships:
        return Refusal("OUT_OF_REGION", "needId", {})
    if need.kind not in capacity.kinds:
        return Refusal("OUT_OF_KINDS", "needId", {"kind": need.kind})
    bad_amount = amount_refusal(pledge_yuan, need.estimated_cost, "amountYuan")
    if bad_amount is not None:
        return bad_amount
    if usage.open_adoptions >= capacity.max_open:
        return Refusal("TOO_MANY_OPEN", None, {"limit": capacity.max_open})
    remaining = capacity.budget_yuan - usage.committed_yuan
    if pledge_yuan > remaining:
        return Refusal("OVER_BUDGET", "amountYuan", {"remaining": max(remaining, 0)})
    return None


def decide_step(
    status: str, requested: str, *, version: int, expected_version: int
) -> Refusal | None:
    """A guarded move of an adoption: allowed by the table and at the version read."""
    if requested not in ADOPTION_TRANSITIONS.get(status, frozenset()):
        return Refusal("ADOPTION_" + status, None, {"status": status, "requested": requested})
    if version != expected_version:
        return Refusal("STALE_VERSION", "expectedVersion", {"currentVersion": version})
    return None


def capacity_refusals(
    *,
    budget_yuan: int,
    period: str,
    kinds: frozenset[str],
    max_open: int,
    known_kinds: frozenset[str],
) -> list[Refusal]:
    """What is wrong with a declared capacity (every field, not only the first)."""
    out = []
    if budget_yuan < 0 or budget_yuan > 100_000_000:
        out.append(Refusal("OUT_OF_RANGE", "budgetYuan", {"min": 0, "max": 100_000_000}))
    if period not in PERIODS:
        out.append(Refusal("NOT_IN_VOCABULARY", "period", {}))
    if not kinds or not kinds <= known_kinds:
        out.append(Refusal("NOT_IN_VOCABULARY", "kinds", {}))
    if max_open < 0 or max_open > 1000:
        out.append(Refusal("OUT_OF_RANGE", "maxOpenAdoptions", {"min": 0, "max": 1000}))
    return out
