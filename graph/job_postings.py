"""Jobs and training places (就业帮扶): an enterprise's postings and the proposals for them.

`(e:Enterprise)-[:POSTS]->(j:JobPosting {id, enterprise_id, kind, title, place_id,
township_id, hours, pay, requirements, count, reach_km, min_age, max_age, status,
version})-[:AT]->(r:Region)`; `(x:JobProposal {id, posting_id, enterprise_id, person_id,
household_id, village_id, township_id, status, priority, distance_km, age_band, sex,
reasons, version})-[:OF]->(j)`, `(x)-[:PROPOSES]->(p:Person)`, `(x)-[:HELPS]->(h)`.

An enterprise reads a proposal as `AnonymousProposalRow`: age band, sex, village, why; never
the person, household, name, ID number or phone. The station reads who it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit, record_audit_many
from graph.driver import Graph
from graph.registry_writes import EntityMissing, VersionMismatch
from graph.scope import Scope
from graph.values import as_date


@dataclass(frozen=True, slots=True)
class JobPostingRecord:
    id: str
    enterprise_id: str
    enterprise_name: str
    kind: str  # JOB | TRAINING
    title: str
    place_id: str
    place_name: str
    township_id: str
    hours: str
    pay: int  # yuan per month (a training place: its stipend, may be 0)
    requirements: str
    count: int
    reach_km: float
    status: str  # OPEN | CLOSED
    lat: float
    lon: float
    version: int
    proposals: int  # proposals not withdrawn
    filled: int  # HIRED


def posting_record(j: Any, r: Any) -> JobPostingRecord:
    return JobPostingRecord(
        id=j["id"],
        enterprise_id=j["enterprise_id"],
        enterprise_name=r["enterprise_name"] or "",
        kind=j["kind"],
        title=j.get("title") or "",
        place_id=j["place_id"],
        place_name=r["place_name"] or "",
        township_id=j.get("township_id") or "",
        hours=j.get("hours") or "",
        pay=int(j.get("pay") or 0),
        requirements=j.get("requirements") or "",
        count=int(j.get("count") or 0),
        reach_km=float(j.get("reach_km") or 30.0),
        status=j["status"],
        lat=float(r["lat"]),
        lon=float(r["lon"]),
        version=int(j.get("version") or 1),
        proposals=int(r["proposals"]),
        filled=int(r["filled"]),
    )


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    id: str
    posting_id: str
    enterprise_id: str
    person_id: str
    household_id: str
    village_id: str
    village_name: str
    township_id: str
    status: str  # PROPOSED | CONSENTED | HIRED | LEFT | DECLINED | WITHDRAWN
    priority: int
    distance_km: float
    age_band: str
    sex: str
    reasons: tuple[str, ...]
    person_name: str | None  # for the station only
    version: int
    outcome_on: date | None


def proposal_record(x: Any, village_name: str, person_name: str | None) -> ProposalRecord:
    return ProposalRecord(
        id=x["id"],
        posting_id=x["posting_id"],
        enterprise_id=x["enterprise_id"],
        person_id=x["person_id"],
        household_id=x["household_id"],
        village_id=x["village_id"],
        village_name=village_name or "",
        township_id=x["township_id"],
        status=x["status"],
        priority=int(x.get("priority") or 1),
        distance_km=float(x.get("distance_km") or 0),
        age_band=x.get("age_band") or "",
        sex=x.get("sex") or "",
        reasons=tuple(x.get("reasons") or ()),
        person_name=person_name,
        version=int(x.get("version") or 1),
        outcome_on=as_date(x.get("outcome_on")),
    )


# The posting and the proposal as `posting_record` and `proposal_record` read them.
POSTING: LiteralString = """j{.id, .enterprise_id, .kind, .title, .place_id, .township_id, .hours,
  .pay, .requirements, .count, .reach_km, .status, .version}"""
PROPOSAL: LiteralString = """x{.id, .posting_id, .enterprise_id, .person_id, .household_id,
  .village_id, .township_id, .status, .priority, .distance_km, .age_band, .sex, .reasons,
  .version, .outcome_on}"""

# ---- reads ------------------------------------------------------------------------------

# An enterprise reads its own postings; the station, those placed in its townships.
_POSTING_TAIL: LiteralString = (
    """
MATCH (r:Region {id: j.place_id})
OPTIONAL MATCH (e:Enterprise {id: j.enterprise_id})
RETURN """
    + POSTING
    + """ AS j, e.name AS enterprise_name, r.name AS place_name, r.lat AS lat, r.lon AS lon,
       COUNT { (x:JobProposal {posting_id: j.id}) WHERE x.status <> 'WITHDRAWN' } AS proposals,
       COUNT { (x:JobProposal {posting_id: j.id, status: 'HIRED'}) } AS filled
"""
)

_POSTINGS: LiteralString = (
    """
MATCH (j:JobPosting)
WHERE ($enterprise_id IS NULL OR j.enterprise_id = $enterprise_id)
  AND ($all_scope OR j.township_id IN $townships)
WITH j ORDER BY j.status, j.id LIMIT $limit
"""
    + _POSTING_TAIL
)

_POSTING: LiteralString = (
    """
MATCH (j:JobPosting {id: $id})
WHERE ($enterprise_id IS NULL OR j.enterprise_id = $enterprise_id)
  AND ($all_scope OR j.township_id IN $townships)
"""
    + _POSTING_TAIL
)

_PROPOSALS: LiteralString = (
    """
MATCH (x:JobProposal {posting_id: $posting_id})
WHERE x.status <> 'WITHDRAWN'
  AND ($enterprise_id IS NULL OR x.enterprise_id = $enterprise_id)
  AND ($all_scope OR x.township_id IN $townships)
MATCH (v:Region {id: x.village_id})
OPTIONAL MATCH (p:Person {id: x.person_id}) WHERE $casework
RETURN """
    + PROPOSAL
    + """ AS x, v.name AS village_name, p.name AS person_name
ORDER BY x.priority DESC, x.distance_km, x.id
"""
)


async def postings(
    graph: Graph, *, scope: Scope, enterprise_id: str | None, limit: int
) -> list[JobPostingRecord]:
    records, _, _ = await graph.driver.execute_query(
        _POSTINGS,
        enterprise_id=enterprise_id,
        **scope.params(),
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [posting_record(r["j"], r) for r in records]


async def posting_by_id(
    graph: Graph, posting_id: str, *, scope: Scope, enterprise_id: str | None
) -> JobPostingRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _POSTING,
        id=posting_id,
        enterprise_id=enterprise_id,
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    return posting_record(records[0]["j"], records[0]) if records else None


async def proposals_of(
    graph: Graph, posting_id: str, *, scope: Scope, enterprise_id: str | None, casework: bool
) -> list[ProposalRecord]:
    """`casework`: the caller sees identity (the person's name is read only then)."""
    records, _, _ = await graph.driver.execute_query(
        _PROPOSALS,
        posting_id=posting_id,
        enterprise_id=enterprise_id,
        casework=casework,
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    return [proposal_record(r["x"], r["village_name"], r["person_name"]) for r in records]


# Members who could work, in the townships the posting reaches, not already proposed, hired
# or asked elsewhere; the household's causes and home come along.
_CANDIDATES: LiteralString = """
MATCH (h:Household)
WHERE h.township_id IN $townships AND h.exited_on IS NULL
MATCH (p:Person)-[:MEMBER_OF]->(h)
WHERE p.can_work
  AND NOT EXISTS { MATCH (x:JobProposal {person_id: p.id})
                   WHERE x.status IN ['PROPOSED', 'CONSENTED', 'HIRED'] }
RETURN p.id AS person_id, h.id AS household_id, p.sex AS sex, p.birth_date AS birth_date,
       p.can_work AS can_work, p.disability_grade AS disability_grade,
       coalesce(p.serious_illness, false) AS serious_illness,
       coalesce(p.lives_away, false) AS lives_away, h.causes AS causes, h.lat AS lat,
       h.lon AS lon, h.village_id AS village_id
"""


async def candidate_members(graph: Graph, townships: Sequence[str]) -> list[dict[str, Any]]:
    records, _, _ = await graph.driver.execute_query(
        _CANDIDATES, townships=list(townships), database_=graph.database, routing_="r"
    )
    return [dict(r) for r in records]


# ---- writes -----------------------------------------------------------------------------

_CREATE: LiteralString = """
MATCH (e:Enterprise {id: $enterprise_id})
MATCH (r:Region {id: $place_id}) WHERE r.level IN ['VILLAGE', 'TOWNSHIP']
CREATE (j:JobPosting {id: $id})
SET j += $props, j.enterprise_id = e.id, j.place_id = r.id,
    j.township_id = CASE r.level WHEN 'TOWNSHIP' THEN r.id ELSE r.parent_id END,
    j.status = 'OPEN', j.version = 1, j.created_at = $now, j.updated_at = $now
CREATE (e)-[:POSTS]->(j)
CREATE (j)-[:AT]->(r)
RETURN properties(j) AS after
"""

_LOCK_POSTING: LiteralString = """
MATCH (j:JobPosting {id: $id})
WHERE ($enterprise_id IS NULL OR j.enterprise_id = $enterprise_id)
  AND ($all_scope OR j.township_id IN $townships)
SET j.locked_by = $marker
REMOVE j.locked_by
RETURN j{.id, .status, .count, .version} AS j, properties(j) AS before
"""

_CHANGE_POSTING: LiteralString = """
MATCH (j:JobPosting {id: $id})
SET j += $props, j.version = j.version + 1, j.updated_at = $now
RETURN properties(j) AS after
"""

# Proposals not yet consented are replaced by a new run; consented or settled ones stay.
_WITHDRAW_OPEN: LiteralString = """
MATCH (x:JobProposal {posting_id: $posting_id, status: 'PROPOSED'})
SET x.status = 'WITHDRAWN', x.version = x.version + 1, x.updated_at = $now
RETURN x.id AS id
"""

_PROPOSE: LiteralString = """
UNWIND $rows AS row
MATCH (j:JobPosting {id: $posting_id})
MATCH (p:Person {id: row.person_id})-[:MEMBER_OF]->(h:Household)
CREATE (x:JobProposal {id: row.id})
SET x += row.props, x.posting_id = j.id, x.enterprise_id = j.enterprise_id,
    x.person_id = p.id, x.household_id = h.id, x.village_id = h.village_id,
    x.township_id = h.township_id, x.status = 'PROPOSED', x.version = 1,
    x.proposed_at = $now, x.updated_at = $now
CREATE (x)-[:OF]->(j)
CREATE (x)-[:PROPOSES]->(p)
CREATE (x)-[:HELPS]->(h)
RETURN x.id AS id
"""

_LOCK_PROPOSAL: LiteralString = (
    """
MATCH (x:JobProposal {id: $id})
WHERE ($all_scope OR x.township_id IN $townships)
SET x.locked_by = $marker
REMOVE x.locked_by
WITH x MATCH (v:Region {id: x.village_id})
RETURN """
    + PROPOSAL
    + " AS x, properties(x) AS before, v.name AS village_name"
)

_CHANGE_PROPOSAL: LiteralString = (
    """
MATCH (x:JobProposal {id: $id})
SET x += $props, x.version = x.version + 1, x.updated_at = $now
WITH x MATCH (v:Region {id: x.village_id})
RETURN """
    + PROPOSAL
    + " AS x, properties(x) AS after, v.name AS village_name"
)


async def create_posting_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    posting_id: str,
    enterprise_id: str,
    place_id: str,
    props: Mapping[str, Any],
) -> str:
    r = await (
        await tx.run(
            _CREATE,
            now=actor.at,
            id=posting_id,
            enterprise_id=enterprise_id,
            place_id=place_id,
            props=props,
        )
    ).single()
    if r is None:
        raise EntityMissing("Region", place_id)
    await record_audit(
        tx,
        actor=actor,
        action="CREATE_JOB_POSTING",
        entity_type="JobPosting",
        entity_id=posting_id,
        before=None,
        after=dict(r["after"]),
    )
    return posting_id


@dataclass(frozen=True, slots=True)
class PostingState:
    id: str
    status: str
    count: int
    version: int


async def change_posting_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    posting_id: str,
    expected_version: int | None,
    enterprise_id: str | None,
    scope_params: dict[str, Any],
    decide: Callable[[PostingState], tuple[str, Mapping[str, Any], bool]],
    rows: Sequence[Mapping[str, Any]] = (),
) -> int:
    """Lock the posting, check its version, `decide` → (audit action, props, replace the
    open proposals by `rows`); returns how many proposals were written."""
    r = await (
        await tx.run(
            _LOCK_POSTING,
            id=posting_id,
            enterprise_id=enterprise_id,
            marker=actor.id,
            **scope_params,
        )
    ).single()
    if r is None:
        raise EntityMissing("JobPosting", posting_id)
    j = r["j"]
    state = PostingState(j["id"], j["status"], int(j["count"]), int(j["version"]))
    if expected_version is not None and state.version != expected_version:
        raise VersionMismatch("JobPosting", posting_id, state.version)
    action, props, replace = decide(state)
    after = await (
        await tx.run(_CHANGE_POSTING, now=actor.at, id=posting_id, props=dict(props))
    ).single(strict=True)
    entries = [
        AuditEntry(action, "JobPosting", posting_id, dict(r["before"]), dict(after["after"]))
    ]
    written = 0
    if replace:
        withdrawn = [
            x["id"] async for x in await tx.run(_WITHDRAW_OPEN, now=actor.at, posting_id=posting_id)
        ]
        entries += [
            AuditEntry("WITHDRAW_JOB_PROPOSAL", "JobProposal", i, None, {"status": "WITHDRAWN"})
            for i in withdrawn
        ]
        if rows:
            made = [
                x["id"]
                async for x in await tx.run(
                    _PROPOSE, now=actor.at, posting_id=posting_id, rows=list(rows)
                )
            ]
            written = len(made)
            entries += [
                AuditEntry("PROPOSE_JOB_CANDIDATE", "JobProposal", row["id"], None, dict(row))
                for row in rows
                if row["id"] in set(made)
            ]
    await record_audit_many(tx, actor=actor, entries=entries)
    return written


async def change_proposal_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    proposal_id: str,
    expected_version: int,
    scope_params: dict[str, Any],
    decide: Callable[[ProposalRecord], tuple[str, Mapping[str, Any]]],
) -> ProposalRecord:
    r = await (
        await tx.run(_LOCK_PROPOSAL, id=proposal_id, marker=actor.id, **scope_params)
    ).single()
    if r is None:
        raise EntityMissing("JobProposal", proposal_id)
    current = proposal_record(r["x"], r["village_name"], None)
    if current.version != expected_version:
        raise VersionMismatch("JobProposal", proposal_id, current.version)
    action, props = decide(current)
    after = await (
        await tx.run(_CHANGE_PROPOSAL, now=actor.at, id=proposal_id, props=dict(props))
    ).single(strict=True)
    await record_audit(
        tx,
        actor=actor,
        action=action,
        entity_type="JobProposal",
        entity_id=proposal_id,
        before=dict(r["before"]),
        after=dict(after["after"]),
    )
    return proposal_record(after["x"], after["village_name"], None)


# ---- the demo county's postings (server/demo/jobs.py) -----------------------------------

_SEED_POSTINGS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Enterprise {id: row.enterprise_id})
MATCH (r:Region {id: row.place_id})
MERGE (j:JobPosting {id: row.id})
ON CREATE SET j += row.props, j.enterprise_id = e.id, j.place_id = r.id,
              j.township_id = CASE r.level WHEN 'TOWNSHIP' THEN r.id ELSE r.parent_id END,
              j.version = 1, j.created_at = $now, j.updated_at = $now
MERGE (e)-[:POSTS]->(j)
MERGE (j)-[:AT]->(r)
"""

_SEED_PROPOSALS: LiteralString = """
UNWIND $rows AS row
MATCH (j:JobPosting {id: row.posting_id})
MATCH (p:Person {id: row.person_id})-[:MEMBER_OF]->(h:Household)
MERGE (x:JobProposal {id: row.id})
ON CREATE SET x += row.props, x.posting_id = j.id, x.enterprise_id = j.enterprise_id,
              x.person_id = p.id, x.household_id = h.id, x.village_id = h.village_id,
              x.township_id = h.township_id, x.version = 1, x.proposed_at = $now,
              x.updated_at = $now
MERGE (x)-[:OF]->(j)
MERGE (x)-[:PROPOSES]->(p)
MERGE (x)-[:HELPS]->(h)
"""


async def seed_job_postings(
    graph: Graph,
    postings_rows: list[dict[str, Any]],
    proposal_rows: list[dict[str, Any]],
    *,
    now: datetime,
) -> None:
    """Re-running adds nothing (ids are the demo's own)."""
    await graph.driver.execute_query(
        _SEED_POSTINGS, rows=postings_rows, now=now, database_=graph.database
    )
    await graph.driver.execute_query(
        _SEED_PROPOSALS, rows=proposal_rows, now=now, database_=graph.database
    )
