"""Reading adoptions, organisations' capacity and evidence; writing capacity and evidence.

An organisation reads only its own adoptions (and those offered to it by transfer); the
casework roles and auditors read those of needs in their area. Evidence bytes are read only
through `evidence_content`, which checks the same rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.adoptions import capacity_props
from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.registry_writes import EntityMissing, VersionMismatch
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class AdoptionRow:
    id: str
    need_id: str
    org_id: str
    org_name: str
    org_kind: str
    status: str
    pledged_yuan: int
    disbursed_yuan: int | None
    disbursed_on: date | None
    channel: str | None
    claimed_on: date
    expires_on: date | None
    fulfilled_on: date | None
    cancel_reason: str | None
    transfer_to_id: str | None
    transfer_to_name: str | None
    transfer_requested_at: datetime | None
    version: int
    need_kind: str
    need_cost: int
    need_urgency: str
    need_status: str
    township_id: str
    village_id: str
    household_id: str | None  # the casework audience only
    evidence_count: int


# The adoption as `_adoption_row` reads it: named properties, never the whole node.
_ROW: LiteralString = """
OPTIONAL MATCH (t {id: a.transfer_to_id}) WHERE t:Charity OR t:Enterprise
RETURN a{.id, .need_id, .org_id, .org_kind, .status, .pledged_yuan, .disbursed_yuan,
         .disbursed_on, .channel, .claimed_on, .expires_on, .fulfilled_on, .cancel_reason,
         .transfer_to_id, .transfer_requested_at, .version} AS a,
       o.name AS org_name, t.name AS transfer_to_name,
       n{.kind, .estimated_cost, .urgency, .status} AS n, h.township_id AS township_id,
       h.village_id AS village_id,
       CASE WHEN $casework THEN h.id END AS household_id,
       COUNT { (a)<-[:EVIDENCE_OF]-(:Evidence) } AS evidence
"""

_FILTER: LiteralString = """
MATCH (a:Adoption)-[:FOR]->(n:Need)<-[:HAS_NEED]-(h:Household)
MATCH (a)-[:BY]->(o)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($org_id IS NULL OR a.org_id = $org_id OR a.transfer_to_id = $org_id)
  AND ($statuses IS NULL OR a.status IN $statuses)
  AND ($household_id IS NULL OR h.id = $household_id)
"""

_PAGE: LiteralString = (
    _FILTER
    + """
  AND ($after IS NULL OR a.id < $after)
WITH a, o, n, h ORDER BY a.id DESC LIMIT $limit
"""
    + _ROW
)

_COUNT: LiteralString = _FILTER + " RETURN count(a) AS total"

_BY_IDS: LiteralString = (
    """
UNWIND $ids AS id
MATCH (a:Adoption {id: id})-[:FOR]->(n:Need)<-[:HAS_NEED]-(h:Household)
MATCH (a)-[:BY]->(o)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($org_id IS NULL OR a.org_id = $org_id OR a.transfer_to_id = $org_id)
"""
    + _ROW
)


def _date(v: Any) -> date | None:
    native = v.to_native() if v is not None and hasattr(v, "to_native") else v
    return native if isinstance(native, date) else None


def _instant(v: Any) -> datetime | None:
    native = v.to_native() if v is not None and hasattr(v, "to_native") else v
    return native if isinstance(native, datetime) else None


def _adoption_row(r: Any) -> AdoptionRow:
    a = r["a"]
    n = r["n"]
    disbursed = a.get("disbursed_yuan")
    return AdoptionRow(
        id=a["id"],
        need_id=a["need_id"],
        org_id=a["org_id"],
        org_name=r["org_name"] or "",
        org_kind=a.get("org_kind") or "Charity",
        status=a["status"],
        pledged_yuan=int(a.get("pledged_yuan") or 0),
        disbursed_yuan=int(disbursed) if disbursed is not None else None,
        disbursed_on=_date(a.get("disbursed_on")),
        channel=a.get("channel"),
        claimed_on=_date(a["claimed_on"]) or date.min,
        expires_on=_date(a.get("expires_on")),
        fulfilled_on=_date(a.get("fulfilled_on")),
        cancel_reason=a.get("cancel_reason"),
        transfer_to_id=a.get("transfer_to_id"),
        transfer_to_name=r["transfer_to_name"],
        transfer_requested_at=_instant(a.get("transfer_requested_at")),
        version=int(a.get("version") or 1),
        need_kind=n["kind"],
        need_cost=int(n.get("estimated_cost") or 0),
        need_urgency=n.get("urgency") or "MEDIUM",
        need_status=n.get("status") or "OPEN",
        township_id=r["township_id"],
        village_id=r["village_id"] or "",
        household_id=r["household_id"],
        evidence_count=int(r["evidence"]),
    )


@dataclass(frozen=True, slots=True)
class AdoptionFilter:
    org_id: str | None = None  # an organisation reads only its own
    statuses: tuple[str, ...] = ()
    household_id: str | None = None

    def params(self) -> dict[str, object]:
        return {
            "org_id": self.org_id,
            "statuses": list(self.statuses) or None,
            "household_id": self.household_id,
        }


async def adoption_page(
    graph: Graph,
    *,
    scope: Scope,
    flt: AdoptionFilter,
    casework: bool,
    after: str | None,
    limit: int,
) -> tuple[list[AdoptionRow], int]:
    params = {**scope.params(), **flt.params()}
    records, _, _ = await graph.driver.execute_query(
        _PAGE,
        **params,
        casework=casework,
        after=after,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **params, database_=graph.database, routing_="r"
    )
    return [_adoption_row(r) for r in records], int(counted[0]["total"])


async def adoptions_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope, org_id: str | None, casework: bool
) -> list[AdoptionRow | None]:
    records, _, _ = await graph.driver.execute_query(
        _BY_IDS,
        ids=list(ids),
        **scope.params(),
        org_id=org_id,
        casework=casework,
        database_=graph.database,
        routing_="r",
    )
    by_id = {r["a"]["id"]: _adoption_row(r) for r in records}
    return [by_id.get(i) for i in ids]


# ---- capacity ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CapacityRow:
    org_id: str
    org_name: str
    org_kind: str
    capacity: Mapping[str, Any] | None
    townships: tuple[str, ...]
    version: int


_CAPACITY: LiteralString = """
UNWIND $ids AS id
MATCH (o {id: id}) WHERE o:Charity OR o:Enterprise
OPTIONAL MATCH (o)-[:ACTIVE_IN]->(r:Region)
OPTIONAL MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r)
RETURN o{.id, .name, .version, .cap_budget_yuan, .cap_period, .cap_kinds, .cap_max_open} AS o,
       CASE WHEN o:Charity THEN 'Charity' ELSE 'Enterprise' END AS org_kind,
       collect(DISTINCT t.id) AS townships
"""


def _capacity_row(r: Any) -> CapacityRow:
    o = r["o"]
    return CapacityRow(
        org_id=o["id"],
        org_name=o.get("name") or "",
        org_kind=r["org_kind"],
        capacity=capacity_props(o),
        townships=tuple(sorted(t for t in r["townships"] if t)),
        version=int(o.get("version") or 1),
    )


async def capacities(graph: Graph, ids: Sequence[str]) -> list[CapacityRow]:
    records, _, _ = await graph.driver.execute_query(
        _CAPACITY, ids=list(ids), database_=graph.database, routing_="r"
    )
    return [_capacity_row(r) for r in records]


_ALL_ORGS: LiteralString = """
MATCH (o) WHERE (o:Charity OR o:Enterprise) AND o.cap_max_open IS NOT NULL
RETURN collect(o.id) AS ids
"""


async def organisations_with_capacity(graph: Graph) -> list[str]:
    records, _, _ = await graph.driver.execute_query(
        _ALL_ORGS, database_=graph.database, routing_="r"
    )
    return sorted(records[0]["ids"]) if records else []


_SET_CAPACITY: LiteralString = """
MATCH (o {id: $id}) WHERE (o:Charity OR o:Enterprise) AND coalesce(o.version, 1) = $version
WITH o, o{.cap_budget_yuan, .cap_period, .cap_kinds, .cap_max_open} AS before
SET o += $props, o.version = coalesce(o.version, 1) + 1, o.updated_at = $now
RETURN before, o{.cap_budget_yuan, .cap_period, .cap_kinds, .cap_max_open} AS after
"""

_PROBE: LiteralString = """
MATCH (o {id: $id}) WHERE o:Charity OR o:Enterprise RETURN coalesce(o.version, 1) AS version
"""


async def set_capacity_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    org_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
) -> None:
    probe = await (await tx.run(_PROBE, id=org_id)).single()
    if probe is None:
        raise EntityMissing("Organisation", org_id)
    version = int(probe["version"]) if expected_version is None else expected_version
    r = await (
        await tx.run(_SET_CAPACITY, now=actor.at, id=org_id, version=version, props=dict(props))
    ).single()
    if r is None:
        raise VersionMismatch("Organisation", org_id, int(probe["version"]))
    await record_audit(
        tx,
        actor=actor,
        action="SET_CAPACITY",
        entity_type="Organisation",
        entity_id=org_id,
        before=dict(r["before"]),
        after=dict(r["after"]),
    )


# ---- the jobs' worklists -------------------------------------------------------------------

_EXPIRED: LiteralString = """
MATCH (a:Adoption {status: 'CLAIMED'}) WHERE a.expires_on < date($today)
RETURN a.id AS id ORDER BY id
"""

_TRANSFERS_DUE: LiteralString = """
MATCH (a:Adoption {status: 'CLAIMED'})
WHERE a.transfer_to_id IS NOT NULL AND a.transfer_requested_at <= datetime($cutoff)
RETURN a.id AS id, a.transfer_to_id AS receiver ORDER BY id
"""


async def expired_claims(graph: Graph, *, today: date) -> list[str]:
    records, _, _ = await graph.driver.execute_query(
        _EXPIRED, today=today.isoformat(), database_=graph.database
    )
    return [r["id"] for r in records]


async def transfers_due(graph: Graph, *, cutoff: datetime) -> list[tuple[str, str]]:
    """Hand-overs asked before `cutoff` and not answered: (adoption id, receiver id)."""
    records, _, _ = await graph.driver.execute_query(
        _TRANSFERS_DUE, cutoff=cutoff.isoformat(), database_=graph.database
    )
    return [(r["id"], r["receiver"]) for r in records]


# ---- evidence ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    id: str
    adoption_id: str
    kind: str  # RECEIPT | PHOTO
    content_type: str
    filename: str
    size: int
    uploaded_at: datetime


_ADD_EVIDENCE: LiteralString = """
MATCH (a:Adoption {id: $adoption_id})
CREATE (e:Evidence {id: $id})
SET e.kind = $kind, e.content_type = $content_type, e.filename = $filename, e.size = $size,
    e.sha256 = $sha256, e.data = $data, e.adoption_id = a.id, e.need_id = a.need_id,
    e.uploaded_by = $actor_id, e.uploaded_at = $now
CREATE (e)-[:EVIDENCE_OF]->(a)
RETURN e{.id, .kind, .content_type, .filename, .size, .sha256, .adoption_id} AS e
"""


async def add_evidence_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    evidence_id: str,
    adoption_id: str,
    kind: str,
    content_type: str,
    filename: str,
    data: bytes,
    sha256: str,
) -> None:
    r = await (
        await tx.run(
            _ADD_EVIDENCE,
            now=actor.at,
            id=evidence_id,
            adoption_id=adoption_id,
            kind=kind,
            content_type=content_type,
            filename=filename,
            size=len(data),
            sha256=sha256,
            data=data,
            actor_id=actor.id,
        )
    ).single()
    if r is None:
        raise EntityMissing("Adoption", adoption_id)
    await record_audit(
        tx,
        actor=actor,
        action="ADD_EVIDENCE",
        entity_type="Adoption",
        entity_id=adoption_id,
        before=None,
        after=dict(r["e"]),
    )


_EVIDENCE_OF: LiteralString = """
UNWIND $ids AS id
MATCH (e:Evidence)-[:EVIDENCE_OF]->(:Adoption {id: id})
RETURN id, e{.id, .kind, .content_type, .filename, .size, .uploaded_at} AS e
ORDER BY e.uploaded_at
"""


async def evidence_of(graph: Graph, adoption_ids: Sequence[str]) -> list[list[EvidenceRow]]:
    records, _, _ = await graph.driver.execute_query(
        _EVIDENCE_OF, ids=list(adoption_ids), database_=graph.database, routing_="r"
    )
    grouped: dict[str, list[EvidenceRow]] = {i: [] for i in adoption_ids}
    for r in records:
        e = r["e"]
        grouped[r["id"]].append(
            EvidenceRow(
                id=e["id"],
                adoption_id=r["id"],
                kind=e["kind"],
                content_type=e["content_type"],
                filename=e.get("filename") or "",
                size=int(e["size"]),
                uploaded_at=e["uploaded_at"].to_native(),
            )
        )
    return [grouped[i] for i in adoption_ids]


_CONTENT: LiteralString = """
MATCH (e:Evidence {id: $id})-[:EVIDENCE_OF]->(a:Adoption)-[:FOR]->(:Need)<-[:HAS_NEED]-(h)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($org_id IS NULL OR a.org_id = $org_id)
RETURN e.content_type AS content_type, e.filename AS filename, e.data AS data
"""


async def evidence_content(
    graph: Graph, evidence_id: str, *, scope: Scope, org_id: str | None
) -> tuple[str, str, bytes] | None:
    """The file, for the station, auditors and the adopting organisation; None otherwise."""
    records, _, _ = await graph.driver.execute_query(
        _CONTENT,
        id=evidence_id,
        **scope.params(),
        org_id=org_id,
        database_=graph.database,
        routing_="r",
    )
    if not records:
        return None
    r = records[0]
    return str(r["content_type"]), str(r["filename"] or ""), bytes(r["data"])


_COUNT_ADOPTIONS: LiteralString = "MATCH (a:Adoption) RETURN count(a) AS n"
_ORGANISATION_IDS: LiteralString = """
MATCH (o) WHERE o:Charity OR o:Enterprise RETURN o.id AS id ORDER BY id
"""


async def count_adoptions(graph: Graph) -> int:
    records, _, _ = await graph.driver.execute_query(
        _COUNT_ADOPTIONS, database_=graph.database, routing_="r"
    )
    return int(records[0]["n"])


async def organisation_ids(graph: Graph) -> list[str]:
    records, _, _ = await graph.driver.execute_query(
        _ORGANISATION_IDS, database_=graph.database, routing_="r"
    )
    return [r["id"] for r in records]
