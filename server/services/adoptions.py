"""Adopting needs (认领帮扶): claim, give back, hand over, pay, prove, finish, cancel.

Each use case checks who is calling, builds a pure decide from `matching.adoption` and runs
one write transaction (`graph.adoptions`): the state is read under lock, decided, written
guarded by its version, audited, and the station told, all in that transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from graph.adoption_reads import expired_claims, transfers_due
from graph.adoptions import (
    AdoptionState,
    ClaimState,
    OrgFacts,
    Step,
    adoption_step_tx,
    claim_need_tx,
)
from graph.audit import Actor
from graph.driver import Graph
from graph.organisation_notices import warn_expiring_claims
from graph.registry_writes import new_id
from graph.scope import EVERYWHERE
from matching.adoption import (
    OPEN_STATUSES,
    TRANSFER_AUTO_APPROVE,
    Capacity,
    NeedFacts,
    Refusal,
    Usage,
    amount_refusal,
    claim_expires_on,
    decide_claim,
    decide_fit,
    decide_step,
    period_of,
    transfer_due,
)
from server.clock import Clock
from server.roles import Role
from server.services.errors import (
    DomainError,
    EntityNotFound,
    NotPermitted,
    StateConflict,
    VersionConflict,
)
from server.services.registry import REGISTRY_EDITORS, Caller
from server.services.writes import run_write

ORGANISATION_ROLES = frozenset({Role.CHARITY, Role.ENTERPRISE})
CHANNELS = ("BANK_TRANSFER", "CASH", "GOODS", "SERVICE", "MOBILE_PAYMENT")
MAX_REASON = 500


def refused(refusal: Refusal, *, entity: str, entity_id: str) -> DomainError:
    """A pure refusal as the domain error the API maps to a typed GraphQL error."""
    if refusal.code == "STALE_VERSION":
        return VersionConflict(entity, entity_id, int(refusal.params["currentVersion"]))
    return StateConflict(
        refusal.code, f"{entity} {entity_id}: {refusal.code}", refusal.field, refusal.params
    )


def usage_of(state: ClaimState | OrgFacts, *, today: date, period: str) -> Usage:
    """What the organisation carries now: pledged this period, adoptions open."""
    this_period = period_of(today, period)
    return Usage(
        committed_yuan=sum(
            h.pledged_yuan for h in state.held if period_of(h.claimed_on, period) == this_period
        ),
        open_adoptions=sum(1 for h in state.held if h.status in OPEN_STATUSES),
    )


def capacity_of(state: ClaimState | OrgFacts) -> Capacity | None:
    c = state.capacity
    if c is None:
        return None
    return Capacity(
        budget_yuan=int(c["cap_budget_yuan"] or 0),
        period=str(c["cap_period"] or "YEAR"),
        kinds=frozenset(c["cap_kinds"] or ()),
        max_open=int(c["cap_max_open"] or 0),
        townships=frozenset(state.townships),
    )


def organisation_of(caller: Caller) -> str:
    if caller.role not in ORGANISATION_ROLES or caller.own_id is None:
        raise NotPermitted("only a charity or an enterprise adopts needs")
    return caller.own_id


@dataclass(frozen=True, slots=True)
class ClaimCommand:
    need_id: str
    expected_version: int
    amount_yuan: int | None  # None: the whole estimated cost


async def claim_need(
    graph: Graph, caller: Caller, cmd: ClaimCommand, *, clock: Clock, claim_days: int
) -> str:
    """Adopt a need for the caller's organisation; returns the adoption id."""
    org_id = organisation_of(caller)
    today = clock.today()
    adoption_id = new_id("adoption")

    def decide(state: ClaimState) -> None:
        capacity = capacity_of(state)
        pledge = state.need_cost if cmd.amount_yuan is None else cmd.amount_yuan
        facts = NeedFacts(
            status=state.need_status,
            version=state.need_version,
            kind=state.need_kind,
            township_id=state.township_id,
            estimated_cost=state.need_cost,
        )
        usage = usage_of(state, today=today, period=capacity.period if capacity else "YEAR")
        refusal = decide_claim(
            facts,
            expected_version=cmd.expected_version,
            pledge_yuan=pledge,
            capacity=capacity,
            usage=usage,
        )
        if refusal is not None:
            raise refused(refusal, entity="Need", entity_id=cmd.need_id)

    await run_write(
        graph,
        claim_need_tx,
        actor=caller.actor,
        adoption_id=adoption_id,
        need_id=cmd.need_id,
        org_id=org_id,
        pledge_yuan=cmd.amount_yuan,
        today=today,
        expires_on=claim_expires_on(today, claim_days),
        scope_params=caller.scope.params(),
        decide=decide,
    )
    return adoption_id


# ---- steps ----------------------------------------------------------------------------------

Decide = Callable[[AdoptionState], Step | None]


async def step(
    graph: Graph,
    caller_actor: Actor,
    adoption_id: str,
    version: int | None,
    scope_params: dict[str, object],
    decide: Decide,
    receiver_id: str | None = None,
) -> dict[str, object] | None:
    result: dict[str, object] | None = await run_write(
        graph,
        adoption_step_tx,
        actor=caller_actor,
        adoption_id=adoption_id,
        expected_version=version,
        scope_params=scope_params,
        decide=decide,
        receiver_id=receiver_id,
    )
    return result


def _guard(state: AdoptionState, requested: str, expected_version: int) -> None:
    refusal = decide_step(
        str(state.adoption["status"]),
        requested,
        version=int(state.adoption["version"]),
        expected_version=expected_version,
    )
    if refusal is not None:
        raise refused(refusal, entity="Adoption", entity_id=str(state.adoption["id"]))


def _holder(caller: Caller, state: AdoptionState) -> None:
    if caller.own_id != state.org_id:
        raise NotPermitted("only the adopting organisation may do this")


@dataclass(frozen=True, slots=True)
class StepCommand:
    adoption_id: str
    expected_version: int


async def release(graph: Graph, caller: Caller, cmd: StepCommand) -> None:
    """Give a claim back before anything was paid: the need reopens."""
    organisation_of(caller)

    def decide(state: AdoptionState) -> Step:
        _holder(caller, state)
        _guard(state, "RELEASED", cmd.expected_version)
        return Step(
            {"status": "RELEASED", "transfer_to_id": None},
            "OPEN",
            "RELEASE_ADOPTION",
            "ADOPTION_RELEASED",
        )

    await step(
        graph, caller.actor, cmd.adoption_id, cmd.expected_version, caller.scope.params(), decide
    )


@dataclass(frozen=True, slots=True)
class DisbursementCommand:
    adoption_id: str
    expected_version: int
    amount_yuan: int
    disbursed_on: date
    channel: str


async def record_disbursement(
    graph: Graph, caller: Caller, cmd: DisbursementCommand, *, clock: Clock
) -> None:
    organisation_of(caller)
    if cmd.channel not in CHANNELS:
        raise StateConflict("NOT_IN_VOCABULARY", "unknown channel", "channel")
    if cmd.disbursed_on > clock.today():
        raise StateConflict("IN_FUTURE", "a disbursement is recorded once made", "disbursedOn")

    def decide(state: AdoptionState) -> Step:
        _holder(caller, state)
        _guard(state, "DISBURSED", cmd.expected_version)
        bad = amount_refusal(cmd.amount_yuan, state.need_cost, "amountYuan")
        if bad is not None:
            raise refused(bad, entity="Adoption", entity_id=cmd.adoption_id)
        return Step(
            {
                "status": "DISBURSED",
                "disbursed_yuan": cmd.amount_yuan,
                "disbursed_on": cmd.disbursed_on,
                "channel": cmd.channel,
                "transfer_to_id": None,
                "transfer_requested_at": None,
            },
            None,
            "DISBURSE_ADOPTION",
            "ADOPTION_DISBURSED",
        )

    await step(
        graph, caller.actor, cmd.adoption_id, cmd.expected_version, caller.scope.params(), decide
    )


async def fulfil(graph: Graph, caller: Caller, cmd: StepCommand, *, clock: Clock) -> None:
    """Finish: needs a disbursement and at least one piece of evidence."""
    organisation_of(caller)
    today = clock.today()

    def decide(state: AdoptionState) -> Step:
        _holder(caller, state)
        _guard(state, "FULFILLED", cmd.expected_version)
        if state.evidence_count == 0:
            raise StateConflict(
                "EVIDENCE_REQUIRED", "upload a receipt or a photo first", "evidence"
            )
        return Step(
            {"status": "FULFILLED", "fulfilled_on": today},
            "FULFILLED",
            "FULFIL_ADOPTION",
            "ADOPTION_FULFILLED",
        )

    await step(
        graph, caller.actor, cmd.adoption_id, cmd.expected_version, caller.scope.params(), decide
    )


async def cancel(graph: Graph, caller: Caller, cmd: StepCommand, *, reason: str) -> None:
    """The organisation, or the station, ends the adoption with a reason: the need reopens."""
    text = reason.strip()
    if not text or len(text) > MAX_REASON:
        raise StateConflict(
            "REASON_REQUIRED",
            "say why, in at most 500 characters",
            "reason",
            {"maxLength": MAX_REASON},
        )
    if caller.role not in ORGANISATION_ROLES and caller.role not in REGISTRY_EDITORS:
        raise NotPermitted("only the organisation or the station cancels an adoption")

    def decide(state: AdoptionState) -> Step:
        if caller.role in ORGANISATION_ROLES:
            _holder(caller, state)
        _guard(state, "CANCELLED", cmd.expected_version)
        return Step(
            {
                "status": "CANCELLED",
                "cancel_reason": text,
                "transfer_to_id": None,
                "transfer_requested_at": None,
            },
            "OPEN",
            "CANCEL_ADOPTION",
            "ADOPTION_CANCELLED",
            reason=text,
        )

    await step(
        graph, caller.actor, cmd.adoption_id, cmd.expected_version, caller.scope.params(), decide
    )


# ---- transfer -----------------------------------------------------------------------------


async def request_transfer(
    graph: Graph, caller: Caller, cmd: StepCommand, *, to_org_id: str, clock: Clock
) -> None:
    own = organisation_of(caller)
    if to_org_id == own:
        raise StateConflict(
            "TRANSFER_TO_SELF", "hand over to another organisation", "toOrganisationId"
        )
    now = clock.now()

    def decide(state: AdoptionState) -> Step:
        _holder(caller, state)
        if state.adoption["status"] != "CLAIMED":
            raise StateConflict(
                "ADOPTION_" + str(state.adoption["status"]), "only a claim can be handed over"
            )
        if int(state.adoption["version"]) != cmd.expected_version:
            raise VersionConflict("Adoption", cmd.adoption_id, int(state.adoption["version"]))
        return Step(
            {"transfer_to_id": to_org_id, "transfer_requested_at": now},
            None,
            "REQUEST_TRANSFER",
            "ADOPTION_TRANSFER_REQUESTED",
            notify_receiver="ADOPTION_TRANSFER_OFFERED",
        )

    await step(
        graph, caller.actor, cmd.adoption_id, cmd.expected_version, caller.scope.params(), decide
    )


def receiver_refusal(state: AdoptionState, *, today: date) -> Refusal | None:
    """Whether the receiving organisation may carry the adoption: the same rule as a claim."""
    if state.receiver is None:
        return Refusal("CAPACITY_NOT_DECLARED", None, {})
    capacity = capacity_of(state.receiver)
    need = NeedFacts(
        status="OPEN",
        version=0,
        kind=state.need_kind,
        township_id=state.township_id,
        estimated_cost=state.need_cost,
    )
    usage = usage_of(state.receiver, today=today, period=capacity.period if capacity else "YEAR")
    pledge = int(state.adoption.get("pledged_yuan") or 0)
    return decide_fit(need, pledge_yuan=pledge, capacity=capacity, usage=usage)


def _transfer_decision(accept: bool, *, to_org: str) -> Step:
    if accept:
        return Step(
            {"transfer_to_id": None, "transfer_requested_at": None},
            None,
            "ACCEPT_TRANSFER",
            "ADOPTION_TRANSFERRED",
            move_to_org=to_org,
        )
    return Step(
        {"transfer_to_id": None, "transfer_requested_at": None}, None, "DECLINE_TRANSFER", None
    )


async def decide_transfer(
    graph: Graph, caller: Caller, cmd: StepCommand, *, accept: bool, clock: Clock
) -> None:
    """The receiving organisation accepts (within its own capacity and scope, checked in the
    same transaction) or declines a hand-over offered to it."""
    own = organisation_of(caller)
    today = clock.today()

    def decide(state: AdoptionState) -> Step:
        if state.adoption.get("transfer_to_id") != own:
            raise EntityNotFound("Adoption", cmd.adoption_id)
        if state.adoption["status"] != "CLAIMED":
            raise StateConflict(
                "ADOPTION_" + str(state.adoption["status"]), "the claim has moved on"
            )
        if int(state.adoption["version"]) != cmd.expected_version:
            raise VersionConflict("Adoption", cmd.adoption_id, int(state.adoption["version"]))
        if accept:
            refusal = receiver_refusal(state, today=today)
            if refusal is not None:
                raise refused(refusal, entity="Adoption", entity_id=cmd.adoption_id)
        return _transfer_decision(accept, to_org=own)

    # The receiver sees the adoption through its own regions: the need lies in them when it
    # may take it; the scope of the hand-over is the need's, checked when offered.
    await step(
        graph,
        caller.actor,
        cmd.adoption_id,
        cmd.expected_version,
        EVERYWHERE.params(),
        decide,
        receiver_id=own,
    )


# ---- the job: expiry and auto-approval -----------------------------------------------------

SYSTEM = "system:adoptions"  # the pass acts as this actor, at its clock's instant
EXPIRY_WARNING_DAYS = 2  # an organisation hears of its claim this long before it lapses


@dataclass(frozen=True, slots=True)
class AdoptionPass:
    expired: int
    transferred: int
    warned: int = 0  # claims whose organisation was told they lapse soon


async def run_adoption_pass(graph: Graph, *, clock: Clock) -> AdoptionPass:
    """Reopen claims past their deadline and approve hand-overs unanswered for 36 hours.

    Each adoption moves in its own transaction, decided again under lock: a rerun after a
    crash finds the ones already moved no longer due and skips them, so nothing is skipped
    or done twice."""
    today = clock.today()
    now = clock.now()
    system = Actor(id=SYSTEM, role="SYSTEM", at=now)
    expired = 0
    for adoption_id in await expired_claims(graph, today=today):

        def expire(state: AdoptionState) -> Step | None:
            expires = state.adoption.get("expires_on")
            if state.adoption["status"] != "CLAIMED" or expires is None:
                return None
            if date.fromisoformat(str(expires)) >= today:
                return None
            return Step(
                {"status": "EXPIRED", "transfer_to_id": None, "transfer_requested_at": None},
                "OPEN",
                "EXPIRE_ADOPTION",
                "ADOPTION_EXPIRED",
            )

        if await step(graph, system, adoption_id, None, EVERYWHERE.params(), expire) is not None:
            expired += 1
    transferred = 0
    for adoption_id, receiver_id in await transfers_due(graph, cutoff=now - TRANSFER_AUTO_APPROVE):

        def approve(state: AdoptionState, receiver: str = receiver_id) -> Step | None:
            to_org = state.adoption.get("transfer_to_id")
            asked = state.adoption.get("transfer_requested_at")
            if state.adoption["status"] != "CLAIMED" or to_org != receiver or not asked:
                return None  # moved meanwhile: the next pass sees it as it is now
            if not transfer_due(datetime.fromisoformat(str(asked).replace("Z", "+00:00")), now):
                return None
            if receiver_refusal(state, today=today) is not None:
                # The receiver cannot carry it: the hand-over lapses, the giver keeps it.
                return _transfer_decision(False, to_org=receiver)
            return _transfer_decision(True, to_org=receiver)

        moved = await step(
            graph, system, adoption_id, None, EVERYWHERE.params(), approve, receiver_id=receiver_id
        )
        if moved is not None:
            transferred += 1
    warned = await warn_expiring_claims(
        graph, today=today, within_days=EXPIRY_WARNING_DAYS, now=now
    )
    return AdoptionPass(expired=expired, transferred=transferred, warned=warned)
