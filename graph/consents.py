"""Consent (知情同意): what a household agreed an adopting organisation may see, and the reveal.

A worker records consent: who gave it, on which day, its scope (contact person, phone,
address), until when. It can be withdrawn. An organisation that holds an open adoption of one
of the household's needs reads only the fields a valid consent names, and every such read is
written to the audit log in the same transaction that reads the fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.registry_writes import EntityMissing, VersionMismatch
from graph.scope import Scope

CONSENT_FIELDS = ("CONTACT_NAME", "CONTACT_PHONE", "ADDRESS")


@dataclass(frozen=True, slots=True)
class ConsentRow:
    id: str
    household_id: str
    given_by: str
    given_on: date
    fields: tuple[str, ...]
    expires_on: date
    withdrawn_on: date | None
    version: int
    proposal_id: str | None = None  # given for one job proposal (its enterprise only)


# The consent as `_row` reads it: named properties, never the whole node.
_CONSENT: LiteralString = """c{.id, .household_id, .given_by, .given_on, .fields, .expires_on,
  .withdrawn_on, .version, .proposal_id}"""


def _row(c: Any) -> ConsentRow:
    withdrawn = c.get("withdrawn_on")
    return ConsentRow(
        id=c["id"],
        household_id=c["household_id"],
        given_by=c.get("given_by") or "",
        given_on=c["given_on"].to_native(),
        fields=tuple(c.get("fields") or ()),
        expires_on=c["expires_on"].to_native(),
        withdrawn_on=withdrawn.to_native() if withdrawn is not None else None,
        version=int(c.get("version") or 1),
        proposal_id=c.get("proposal_id"),
    )


_RECORD: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
CREATE (c:Consent {id: $id})
SET c.household_id = h.id, c.given_by = $given_by, c.given_on = date($given_on),
    c.fields = $fields, c.expires_on = date($expires_on), c.recorded_by = $actor_id,
    c.proposal_id = $proposal_id, c.version = 1, c.created_at = $now
CREATE (h)-[:GAVE_CONSENT]->(c)
RETURN """
    + _CONSENT
    + " AS c"
)


async def record_consent_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    consent_id: str,
    household_id: str,
    given_by: str,
    given_on: date,
    fields: Sequence[str],
    expires_on: date,
    scope_params: dict[str, Any],
    proposal_id: str | None = None,
) -> ConsentRow:
    """`proposal_id`: a consent given for one job proposal opens the candidate to that
    proposal's enterprise only, never to an adopter (and the reverse)."""
    r = await (
        await tx.run(
            _RECORD,
            now=actor.at,
            proposal_id=proposal_id,
            id=consent_id,
            household_id=household_id,
            given_by=given_by,
            given_on=given_on.isoformat(),
            fields=list(fields),
            expires_on=expires_on.isoformat(),
            actor_id=actor.id,
            **scope_params,
        )
    ).single()
    if r is None:
        raise EntityMissing("Household", household_id)
    row = _row(r["c"])
    await record_audit(
        tx,
        actor=actor,
        action="RECORD_CONSENT",
        entity_type="Household",
        entity_id=household_id,
        before=None,
        after={
            "consent_id": consent_id,
            "fields": list(fields),
            "expires_on": str(expires_on),
            "proposal_id": proposal_id,
        },
    )
    return row


_WITHDRAW: LiteralString = (
    """
MATCH (h:Household)-[:GAVE_CONSENT]->(c:Consent {id: $id})
WHERE ($all_scope OR h.township_id IN $townships) AND c.version = $version
  AND c.withdrawn_on IS NULL
SET c.withdrawn_on = date($today), c.withdrawn_by = $actor_id, c.version = c.version + 1
RETURN """
    + _CONSENT
    + " AS c"
)

_PROBE: LiteralString = """
MATCH (h:Household)-[:GAVE_CONSENT]->(c:Consent {id: $id})
WHERE $all_scope OR h.township_id IN $townships
RETURN c.version AS version
"""


async def withdraw_consent_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    consent_id: str,
    expected_version: int,
    today: date,
    scope_params: dict[str, Any],
) -> ConsentRow:
    r = await (
        await tx.run(
            _WITHDRAW,
            id=consent_id,
            version=expected_version,
            today=today.isoformat(),
            actor_id=actor.id,
            **scope_params,
        )
    ).single()
    if r is None:
        probe = await (await tx.run(_PROBE, id=consent_id, **scope_params)).single()
        if probe is None:
            raise EntityMissing("Consent", consent_id)
        raise VersionMismatch("Consent", consent_id, int(probe["version"]))
    row = _row(r["c"])
    await record_audit(
        tx,
        actor=actor,
        action="WITHDRAW_CONSENT",
        entity_type="Household",
        entity_id=row.household_id,
        before={"consent_id": consent_id},
        after={"consent_id": consent_id, "withdrawn_on": today.isoformat()},
    )
    return row


_OF_HOUSEHOLDS: LiteralString = (
    """
UNWIND $ids AS id
MATCH (h:Household {id: id})-[:GAVE_CONSENT]->(c:Consent)
WHERE $all_scope OR h.township_id IN $townships
RETURN id, """
    + _CONSENT
    + " AS c ORDER BY c.given_on DESC, c.id"
)


async def consents_of(
    graph: Graph, household_ids: Sequence[str], *, scope: Scope
) -> list[list[ConsentRow]]:
    records, _, _ = await graph.driver.execute_query(
        _OF_HOUSEHOLDS,
        ids=list(household_ids),
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    grouped: dict[str, list[ConsentRow]] = {i: [] for i in household_ids}
    for r in records:
        grouped[r["id"]].append(_row(r["c"]))
    return [grouped[i] for i in household_ids]


@dataclass(frozen=True, slots=True)
class Reveal:
    fields: tuple[str, ...]  # what the valid consents allow, in CONSENT_FIELDS order
    contact_name: str | None
    contact_phone: str | None
    address: str | None
    consent_expires_on: date | None


# Only an organisation's own open adoption opens the household, and only for fields a valid
# (not withdrawn, not expired) consent names; the fields themselves are read in this statement.
_REVEAL: LiteralString = """
MATCH (a:Adoption {id: $adoption_id})-[:FOR]->(n:Need)<-[:HAS_NEED]-(h:Household)
WHERE a.org_id = $org_id AND a.status IN ['CLAIMED', 'DISBURSED']
OPTIONAL MATCH (h)-[:GAVE_CONSENT]->(c:Consent)
WHERE c.withdrawn_on IS NULL AND c.expires_on >= date($today) AND c.proposal_id IS NULL
WITH a, h, collect(c) AS valid
WITH a, h, valid,
     reduce(acc = [], c IN valid | acc + [f IN c.fields WHERE NOT f IN acc]) AS allowed,
     reduce(m = null, c IN valid | CASE WHEN m IS NULL OR c.expires_on > m
                                        THEN c.expires_on ELSE m END) AS until
RETURN a.id AS adoption_id, h.id AS household_id, allowed,
       CASE WHEN 'CONTACT_NAME' IN allowed THEN h.head_name END AS contact_name,
       CASE WHEN 'CONTACT_PHONE' IN allowed THEN h.phone END AS contact_phone,
       CASE WHEN 'ADDRESS' IN allowed THEN h.address END AS address,
       until
"""


async def reveal_contact_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    adoption_id: str,
    org_id: str,
    today: date,
) -> Reveal:
    r = await (
        await tx.run(_REVEAL, adoption_id=adoption_id, org_id=org_id, today=today.isoformat())
    ).single()
    if r is None:
        raise EntityMissing("Adoption", adoption_id)
    allowed = tuple(f for f in CONSENT_FIELDS if f in (r["allowed"] or []))
    until = r["until"]
    await record_audit(
        tx,
        actor=actor,
        action="REVEAL_CONTACT",
        entity_type="Household",
        entity_id=r["household_id"],
        before=None,
        after={"adoption_id": adoption_id, "organisation_id": org_id, "fields": list(allowed)},
    )
    return Reveal(
        fields=allowed,
        contact_name=r["contact_name"],
        contact_phone=r["contact_phone"],
        address=r["address"],
        consent_expires_on=until.to_native() if until is not None else None,
    )


# A job candidate opens only to the enterprise of a proposal the household consented to
# (CONSENTED, or HIRED since), and only through a valid consent recorded for that proposal;
# the contact person is the candidate, the phone the household's.
_REVEAL_CANDIDATE: LiteralString = """
MATCH (x:JobProposal {id: $proposal_id})-[:PROPOSES]->(p:Person)-[:MEMBER_OF]->(h:Household)
WHERE x.enterprise_id = $org_id AND x.status IN ['CONSENTED', 'HIRED']
OPTIONAL MATCH (h)-[:GAVE_CONSENT]->(c:Consent {proposal_id: x.id})
WHERE c.withdrawn_on IS NULL AND c.expires_on >= date($today)
WITH x, p, h, collect(c) AS valid
WITH x, p, h,
     reduce(acc = [], c IN valid | acc + [f IN c.fields WHERE NOT f IN acc]) AS allowed,
     reduce(m = null, c IN valid | CASE WHEN m IS NULL OR c.expires_on > m
                                        THEN c.expires_on ELSE m END) AS until
RETURN h.id AS household_id, allowed,
       CASE WHEN 'CONTACT_NAME' IN allowed THEN p.name END AS contact_name,
       CASE WHEN 'CONTACT_PHONE' IN allowed THEN h.phone END AS contact_phone,
       until
"""


async def reveal_candidate_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    proposal_id: str,
    org_id: str,
    today: date,
) -> Reveal:
    r = await (
        await tx.run(
            _REVEAL_CANDIDATE, proposal_id=proposal_id, org_id=org_id, today=today.isoformat()
        )
    ).single()
    if r is None:
        raise EntityMissing("JobProposal", proposal_id)
    allowed = tuple(f for f in CONSENT_FIELDS if f in (r["allowed"] or []))
    until = r["until"]
    await record_audit(
        tx,
        actor=actor,
        action="REVEAL_CANDIDATE_CONTACT",
        entity_type="Household",
        entity_id=r["household_id"],
        before=None,
        after={"proposal_id": proposal_id, "organisation_id": org_id, "fields": list(allowed)},
    )
    return Reveal(
        fields=allowed,
        contact_name=r["contact_name"],
        contact_phone=r["contact_phone"],
        address=None,
        consent_expires_on=until.to_native() if until is not None else None,
    )
