"""Adoptions (认领帮扶): an organisation's pledge to a need, and its whole life, written.

`(a:Adoption)-[:FOR]->(n:Need)`, `(a)-[:BY]->(o)` with `o` a Charity or an Enterprise. The
adoption carries its money (pledged, disbursed), dates, channel, a pending transfer, and a
version; the need's status follows it (PLEDGED while held, OPEN again when given back).

Every write here locks what it decides on (the organisation, then the need, or the adoption
and its need), hands the state to the caller's `decide` (which raises to refuse), writes
guarded by the version it read, audits, and tells the station serving the household.
Notifications carry a code (`kind`) and parameters; the pages compose the words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.needs import need_resolved_tx
from graph.notifications import notify_tx
from graph.organisation_notices import tell_receiver_tx
from graph.registry_writes import EntityMissing, VersionMismatch


@dataclass(frozen=True, slots=True)
class HeldAdoption:
    """One of an organisation's adoptions, as its budget and open limit count it."""

    status: str
    pledged_yuan: int
    claimed_on: date


@dataclass(frozen=True, slots=True)
class ClaimState:
    """What a claim is decided on, read under lock: the organisation and the need."""

    org_id: str
    org_kind: str  # Charity | Enterprise
    capacity: Mapping[str, Any] | None  # None: never declared
    townships: tuple[str, ...]
    held: tuple[HeldAdoption, ...]
    need_status: str
    need_version: int
    need_kind: str
    need_cost: int
    township_id: str


@dataclass(frozen=True, slots=True)
class OrgFacts:
    """An organisation as its capacity is checked: declared capacity, regions, adoptions."""

    capacity: Mapping[str, Any] | None
    townships: tuple[str, ...]
    held: tuple[HeldAdoption, ...]


@dataclass(frozen=True, slots=True)
class AdoptionState:
    """An adoption and its need, read under lock, for a step of its life."""

    adoption: Mapping[str, Any]
    org_id: str
    need_status: str
    need_cost: int
    township_id: str
    evidence_count: int
    need_kind: str = ""
    # The organisation a hand-over goes to, locked and read when the step asks for it.
    receiver: OrgFacts | None = None


_LOCK_ORG: LiteralString = """
MATCH (o {id: $org_id}) WHERE o:Charity OR o:Enterprise
SET o.locked_by = $marker
REMOVE o.locked_by
WITH o
OPTIONAL MATCH (o)-[:ACTIVE_IN]->(r:Region)
OPTIONAL MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r)
WITH o, collect(DISTINCT t.id) AS townships
OPTIONAL MATCH (o)<-[:BY]-(a:Adoption) WHERE a.status IN ['CLAIMED', 'DISBURSED', 'FULFILLED']
RETURN o{.cap_budget_yuan, .cap_period, .cap_kinds, .cap_max_open} AS o,
       CASE WHEN o:Charity THEN 'Charity' ELSE 'Enterprise' END AS org_kind, townships,
       collect(a{.status, .pledged_yuan, claimed_on: toString(a.claimed_on)}) AS held
"""

_LOCK_NEED: LiteralString = """
MATCH (h:Household)-[:HAS_NEED]->(n:Need {id: $need_id})
WHERE $all_scope OR h.township_id IN $townships
SET n.locked_by = $marker
REMOVE n.locked_by
RETURN n{.status, .kind, .estimated_cost, version: coalesce(n.version, 1)} AS n,
       h.township_id AS township_id
"""

_CLAIM: LiteralString = """
MATCH (o {id: $org_id}) WHERE o:Charity OR o:Enterprise
MATCH (h:Household)-[:HAS_NEED]->(n:Need {id: $need_id})
WHERE coalesce(n.version, 1) = $need_version AND n.status = 'OPEN'
SET n.status = 'PLEDGED', n.version = coalesce(n.version, 1) + 1, n.updated_at = $now
CREATE (a:Adoption {id: $id})
SET a += $props, a.status = 'CLAIMED', a.version = 1, a.need_id = n.id, a.org_id = o.id,
    a.claimed_on = date($today), a.expires_on = date($expires_on), a.created_at = $now,
    a.updated_at = $now
CREATE (a)-[:FOR]->(n), (a)-[:BY]->(o)
RETURN a{.id, .need_id, .org_id, .org_kind, .status, .version, .pledged_yuan, .created_at,
         .updated_at, claimed_on: toString(a.claimed_on), expires_on: toString(a.expires_on)} AS a
"""


def _held(rows: list[Any]) -> tuple[HeldAdoption, ...]:
    return tuple(
        HeldAdoption(
            status=r["status"],
            pledged_yuan=int(r.get("pledged_yuan") or 0),
            claimed_on=date.fromisoformat(r["claimed_on"]),
        )
        for r in rows
        if r.get("status") is not None
    )


_CAPACITY_KEYS = ("cap_budget_yuan", "cap_period", "cap_kinds", "cap_max_open")


def capacity_props(o: Any) -> dict[str, Any] | None:
    """The declared capacity of an organisation node, or None when it never declared one."""
    if o.get("cap_max_open") is None:
        return None
    return {k: o.get(k) for k in _CAPACITY_KEYS}


async def claim_need_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    adoption_id: str,
    need_id: str,
    org_id: str,
    pledge_yuan: int | None,
    today: date,
    expires_on: date,
    scope_params: dict[str, Any],
    decide: Callable[[ClaimState], None],
) -> dict[str, Any]:
    """Lock the organisation, then the need; decide; adopt. Returns the adoption's props."""
    org = await (await tx.run(_LOCK_ORG, org_id=org_id, marker=actor.id)).single()
    if org is None:
        raise EntityMissing("Organisation", org_id)
    need = await (
        await tx.run(_LOCK_NEED, need_id=need_id, marker=actor.id, **scope_params)
    ).single()
    if need is None:
        raise EntityMissing("Need", need_id)
    n = need["n"]
    decide(
        ClaimState(
            org_id=org_id,
            org_kind=org["org_kind"],
            capacity=capacity_props(org["o"]),
            townships=tuple(org["townships"]),
            held=_held(org["held"]),
            need_status=n["status"],
            need_version=int(n["version"]),
            need_kind=n["kind"],
            need_cost=int(n.get("estimated_cost") or 0),
            township_id=need["township_id"],
        )
    )
    pledge = int(n.get("estimated_cost") or 0) if pledge_yuan is None else pledge_yuan
    props = {"pledged_yuan": pledge, "org_kind": org["org_kind"]}
    written = await (
        await tx.run(
            _CLAIM,
            now=actor.at,
            id=adoption_id,
            org_id=org_id,
            need_id=need_id,
            need_version=int(n["version"]),
            props=props,
            today=today.isoformat(),
            expires_on=expires_on.isoformat(),
        )
    ).single()
    if written is None:  # the lock makes this unreachable; the guard keeps it honest
        raise VersionMismatch("Need", need_id, int(n["version"]))
    after = dict(written["a"])
    await record_audit(
        tx,
        actor=actor,
        action="CLAIM_NEED",
        entity_type="Adoption",
        entity_id=adoption_id,
        before=None,
        after=after,
    )
    await record_audit(
        tx,
        actor=actor,
        action="UPDATE_NEED",
        entity_type="Need",
        entity_id=need_id,
        before={"status": "OPEN", "version": int(n["version"])},
        after={"status": "PLEDGED", "version": int(n["version"]) + 1},
        reason="CLAIMED",
    )
    await tell_station_tx(tx, adoption_id=adoption_id, kind="ADOPTION_CLAIMED", now=actor.at)
    return after


# ---- a step of an adoption's life ----------------------------------------------------------

_LOCK_ADOPTION: LiteralString = """
MATCH (a:Adoption {id: $id})-[:FOR]->(n:Need)<-[:HAS_NEED]-(h:Household)
WHERE $all_scope OR h.township_id IN $townships
SET a.locked_by = $marker, n.locked_by = $marker
REMOVE a.locked_by, n.locked_by
WITH a, n, h
OPTIONAL MATCH (a)<-[:EVIDENCE_OF]-(e:Evidence)
RETURN a{.id, .need_id, .org_id, .status, .version, .pledged_yuan, .transfer_to_id,
         expires_on: toString(a.expires_on),
         transfer_requested_at: toString(a.transfer_requested_at)} AS a,
       n.status AS need_status, coalesce(n.estimated_cost, 0) AS need_cost, n.kind AS need_kind,
       h.township_id AS township_id, count(e) AS evidence
"""

_STEP: LiteralString = """
MATCH (a:Adoption {id: $id})-[:FOR]->(n:Need)
WHERE a.version = $expected_version
WITH a, n, a{.id, .need_id, .org_id, .org_kind, .status, .version, .pledged_yuan,
             .disbursed_yuan, .disbursed_on, .channel, .fulfilled_on, .cancel_reason,
             .transfer_to_id, .transfer_requested_at, .created_at, .updated_at,
             claimed_on: toString(a.claimed_on), expires_on: toString(a.expires_on)} AS before
SET a += $props, a.version = a.version + 1, a.updated_at = $now
// Dates travel as ISO text in $props; stored typed so they compare.
SET a.disbursed_on = CASE WHEN $props.disbursed_on IS NULL THEN a.disbursed_on
                          ELSE date($props.disbursed_on) END,
    a.fulfilled_on = CASE WHEN $props.fulfilled_on IS NULL THEN a.fulfilled_on
                          ELSE date($props.fulfilled_on) END,
    a.transfer_requested_at = CASE WHEN $props.transfer_requested_at IS NULL
                          THEN a.transfer_requested_at
                          ELSE datetime($props.transfer_requested_at) END
FOREACH (_ IN CASE WHEN $need_status IS NOT NULL AND n.status <> $need_status
                   THEN [1] ELSE [] END |
  SET n.status = $need_status, n.version = coalesce(n.version, 1) + 1,
      n.updated_at = $now)
RETURN before, a{.id, .need_id, .org_id, .org_kind, .status, .version, .pledged_yuan,
                 .disbursed_yuan, .channel, .cancel_reason, .transfer_to_id, .created_at,
                 .updated_at, claimed_on: toString(a.claimed_on),
                 expires_on: toString(a.expires_on),
                 disbursed_on: toString(a.disbursed_on),
                 fulfilled_on: toString(a.fulfilled_on),
                 transfer_requested_at: toString(a.transfer_requested_at)} AS a
"""

_MOVE_TO_ORG: LiteralString = """
MATCH (a:Adoption {id: $id})-[r:BY]->(:Charity|Enterprise)
MATCH (o {id: $org_id}) WHERE o:Charity OR o:Enterprise
DELETE r
CREATE (a)-[:BY]->(o)
SET a.org_id = o.id, a.org_kind = CASE WHEN o:Charity THEN 'Charity' ELSE 'Enterprise' END
"""


async def read_adoption_locked(
    tx: AsyncManagedTransaction, *, adoption_id: str, scope_params: dict[str, Any], marker: str
) -> AdoptionState | None:
    r = await (await tx.run(_LOCK_ADOPTION, id=adoption_id, marker=marker, **scope_params)).single()
    if r is None:
        return None
    return AdoptionState(
        adoption=dict(r["a"]),
        org_id=r["a"]["org_id"],
        need_status=r["need_status"],
        need_cost=int(r["need_cost"]),
        township_id=r["township_id"],
        evidence_count=int(r["evidence"]),
        need_kind=r["need_kind"] or "",
    )


@dataclass(frozen=True, slots=True)
class Step:
    """What `decide` asks for: the adoption's new props, the need's new status (None:
    unchanged), the audit action and reason, the code the station hears, a new holder."""

    props: Mapping[str, Any]
    need_status: str | None
    action: str
    notify: str | None
    reason: str | None = None
    move_to_org: str | None = None
    notify_receiver: str | None = None  # the code the organisation offered the claim hears


async def adoption_step_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    adoption_id: str,
    expected_version: int | None,
    scope_params: dict[str, Any],
    decide: Callable[[AdoptionState], Step | None],
    receiver_id: str | None = None,
) -> dict[str, Any] | None:
    """Lock, decide, write one step. `decide` returning None means nothing to do (a job
    finding the adoption already moved); it raises to refuse. Returns the adoption after.
    With `receiver_id`, that organisation is locked first (the same order as a claim) and
    read into the state, so a hand-over checks its capacity in this transaction."""
    receiver = None
    if receiver_id is not None:
        org = await (await tx.run(_LOCK_ORG, org_id=receiver_id, marker=actor.id)).single()
        if org is not None:
            receiver = OrgFacts(
                capacity=capacity_props(org["o"]),
                townships=tuple(org["townships"]),
                held=_held(org["held"]),
            )
    state = await read_adoption_locked(
        tx, adoption_id=adoption_id, scope_params=scope_params, marker=actor.id
    )
    if state is None:
        raise EntityMissing("Adoption", adoption_id)
    if receiver is not None:
        state = replace(state, receiver=receiver)
    step = decide(state)
    if step is None:
        return None
    version = int(state.adoption["version"]) if expected_version is None else expected_version
    props = {
        k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in step.props.items()
    }
    written = await (
        await tx.run(
            _STEP,
            now=actor.at,
            id=adoption_id,
            expected_version=version,
            props=props,
            need_status=step.need_status,
        )
    ).single()
    if written is None:
        raise VersionMismatch("Adoption", adoption_id, int(state.adoption["version"]))
    if step.move_to_org is not None:
        await tx.run(_MOVE_TO_ORG, id=adoption_id, org_id=step.move_to_org)
    after = dict(written["a"])
    await record_audit(
        tx,
        actor=actor,
        action=step.action,
        entity_type="Adoption",
        entity_id=adoption_id,
        before=dict(written["before"]),
        after=after,
        reason=step.reason,
    )
    need_id = str(state.adoption["need_id"])
    if step.need_status is not None and step.need_status != state.need_status:
        await record_audit(
            tx,
            actor=actor,
            action="UPDATE_NEED",
            entity_type="Need",
            entity_id=need_id,
            before={"status": state.need_status},
            after={"status": step.need_status},
            reason=step.action,
        )
        await need_resolved_tx(tx, need_id=need_id, status=step.need_status, actor=actor)
    if step.notify is not None:
        await tell_station_tx(tx, adoption_id=adoption_id, kind=step.notify, now=actor.at)
    if step.notify_receiver is not None:
        await tell_receiver_tx(tx, adoption_id=adoption_id, kind=step.notify_receiver, now=actor.at)
    return after


# ---- telling the station -------------------------------------------------------------------

_STATION_OF: LiteralString = """
MATCH (a:Adoption {id: $id})-[:FOR]->(n:Need)<-[:HAS_NEED]-(h:Household)
MATCH (a)-[:BY]->(o)
OPTIONAL MATCH (s:Station)-[:SERVES]->(:Region {id: h.township_id})
RETURN s.id AS station_id, o.name AS org_name, n.kind AS need_kind, a.version AS version,
       coalesce(a.disbursed_yuan, a.pledged_yuan) AS amount
"""


async def tell_station_tx(
    tx: AsyncManagedTransaction, *, adoption_id: str, kind: str, now: datetime
) -> None:
    """The station serving the household hears of each step (once per step: the id is the
    adoption's version)."""
    r = await (await tx.run(_STATION_OF, id=adoption_id)).single()
    if r is None or r["station_id"] is None:
        return
    await notify_tx(
        tx,
        now=now,
        notification_id=f"adoption:{adoption_id}:{r['version']}:{kind}",
        recipient_kind="STATION",
        recipient_id=r["station_id"],
        kind=kind,
        message="",
        subject_type="Adoption",
        subject_id=adoption_id,
        params={"organisation": r["org_name"], "needKind": r["need_kind"], "amount": r["amount"]},
    )
