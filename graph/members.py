"""Household members (家庭成员): reading them, and writing a household with its members.

Every member change locks the household first (its version bump is a write) so concurrent
edits of one household serialise, then re-derives the facts that follow from the members
(size, special groups, required care skills, the head's name) by the rule the caller passes
(`server.registry.household_facts`), the one the demo generator and the import use.

And for an import: ID numbers already registered in another household.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.households import (
    CASEWORK_HOUSEHOLD,
    HOUSEHOLD_VERSIONS,
    HouseholdRow,
    household_row,
    stored_date,
)
from graph.registry_writes import (
    EntityMissing,
    versioned_update,
)
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: str
    household_id: str
    name: str
    id_number: str  # 18-character resident ID (居民身份证号码)
    sex: str  # M | F
    birth_date: date
    disability_grade: int | None  # 1 (most severe) .. 4
    chronic_illness: bool
    serious_illness: bool
    can_work: bool
    relation: str  # to the head: HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING, OTHER
    # Registered here but working elsewhere (外出务工): what makes children and elders left behind.
    lives_away: bool = False


# The member as `person_record` reads it.
PERSON: LiteralString = """p{.id, .name, .id_number, .sex, .birth_date, .disability_grade,
  .chronic_illness, .serious_illness, .can_work, .relation, .lives_away}"""

# Members are casework: only the identity roles read them (the loaders ask no other audience).
_MEMBERS_BY_HOUSEHOLD: LiteralString = (
    """
UNWIND $ids AS id
MATCH (p:Person)-[:MEMBER_OF]->(:Household {id: id})
WITH id, p ORDER BY p.relation = 'HEAD' DESC, p.birth_date
RETURN id, """
    + PERSON
    + " AS p"
)


def person_record(household_id: str, n: Any) -> PersonRecord:
    grade = n.get("disability_grade")
    return PersonRecord(
        id=n["id"],
        household_id=household_id,
        name=n["name"],
        id_number=n["id_number"],
        sex=n["sex"],
        birth_date=stored_date(n["birth_date"]) or date.min,
        disability_grade=int(grade) if grade is not None else None,
        chronic_illness=bool(n.get("chronic_illness")),
        serious_illness=bool(n.get("serious_illness")),
        can_work=bool(n.get("can_work")),
        relation=n["relation"],
        lives_away=bool(n.get("lives_away")),
    )


async def members_by_household(graph: Graph, ids: Sequence[str]) -> list[list[PersonRecord]]:
    records, _, _ = await graph.driver.execute_query(
        _MEMBERS_BY_HOUSEHOLD, ids=list(ids), database_=graph.database, routing_="r"
    )
    grouped: dict[str, list[PersonRecord]] = {i: [] for i in ids}
    for r in records:
        grouped[r["id"]].append(person_record(r["id"], r["p"]))
    return [grouped[i] for i in ids]


# ---- writes -----------------------------------------------------------------------------


_CREATE_HOUSEHOLD: LiteralString = """
MATCH (v:Region {id: $village_id, level: 'VILLAGE'})-[:PART_OF]->(t:Region)
CREATE (h:Household {id: $id})
SET h += $props, h.village_id = v.id, h.township_id = t.id, h.county_id = t.parent_id,
    h.version = 1, h.created_at = $now, h.updated_at = $now
CREATE (h)-[:IN_VILLAGE]->(v)
RETURN h.id AS id
"""


_CREATE_MEMBERS: LiteralString = """
MATCH (h:Household {id: $household_id})
UNWIND $members AS m
CREATE (p:Person {id: m.id})
SET p += m.props
CREATE (p)-[:MEMBER_OF]->(h)
"""


_MEMBERS: LiteralString = (
    "MATCH (p:Person)-[:MEMBER_OF]->(:Household {id: $household_id}) RETURN " + PERSON + " AS p"
)


_SET_FACTS: LiteralString = (
    "MATCH (h:Household {id: $household_id}) SET h += $facts RETURN "
    + CASEWORK_HOUSEHOLD
    + " AS h, properties(h) AS after"
)


_ADD_PERSON: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
CREATE (p:Person {id: $id})
SET p += $props
CREATE (p)-[:MEMBER_OF]->(h)
RETURN """
    + PERSON
    + " AS p, properties(p) AS after"
)


_UPDATE_PERSON: LiteralString = (
    """
MATCH (p:Person {id: $id})-[:MEMBER_OF]->(:Household {id: $household_id})
WITH p, properties(p) AS before
SET p += $props
RETURN before, """
    + PERSON
    + " AS p, properties(p) AS after"
)


_REMOVE_PERSON: LiteralString = """
MATCH (p:Person {id: $id})-[:MEMBER_OF]->(:Household {id: $household_id})
WITH p, properties(p) AS before
DETACH DELETE p
RETURN before
"""


_PERSON_IN_SCOPE: LiteralString = (
    """
MATCH (p:Person {id: $id})-[:MEMBER_OF]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
RETURN """
    + PERSON
    + " AS p, h.id AS household_id"
)


# The service's rule for what follows from the members (size, special groups, care skills,
# head's name), given the members and the skills required before; it may refuse the change.
DeriveFacts = Callable[[Sequence[PersonRecord], Sequence[str]], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class MemberChange:
    """A member change and the household as it stands after it."""

    person: PersonRecord | None  # None after a removal
    household: HouseholdRow


async def _refresh_facts(
    tx: AsyncManagedTransaction,
    household_id: str,
    *,
    kept_skills: Sequence[str],
    derive_facts: DeriveFacts,
) -> tuple[Any, dict[str, Any]]:
    """The household after the facts are re-derived, and its audit image."""
    result = await tx.run(_MEMBERS, household_id=household_id)
    members = [person_record(household_id, r["p"]) async for r in result]
    facts = derive_facts(members, kept_skills)
    record = await (await tx.run(_SET_FACTS, household_id=household_id, facts=dict(facts))).single()
    assert record is not None  # the household was locked earlier in this transaction
    return record["h"], dict(record["after"])


async def create_household_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    household_id: str,
    village_id: str,
    props: Mapping[str, Any],
    members: Sequence[Mapping[str, Any]],
    derive_facts: DeriveFacts,
) -> HouseholdRow:
    """Create a household and its members ({id, props} each) in one step."""
    record = await (
        await tx.run(
            _CREATE_HOUSEHOLD,
            now=actor.at,
            id=household_id,
            village_id=village_id,
            props=dict(props),
        )
    ).single()
    if record is None:
        raise EntityMissing("Region", village_id)
    rows = [{"id": m["id"], "props": dict(m["props"])} for m in members]
    await (await tx.run(_CREATE_MEMBERS, household_id=household_id, members=rows)).consume()
    node, image = await _refresh_facts(tx, household_id, kept_skills=(), derive_facts=derive_facts)
    await record_audit(
        tx,
        actor=actor,
        action="CREATE_HOUSEHOLD",
        entity_type="Household",
        entity_id=household_id,
        before=None,
        after={**image, "member_ids": [m["id"] for m in members]},
    )
    return household_row(node)


async def _bump_household(
    tx: AsyncManagedTransaction, actor: Actor, household_id: str, expected_version: int | None
) -> dict[str, Any]:
    """A member change is a change of its household: lock it, check and bump its version;
    the household as it was."""
    before, _ = await versioned_update(
        tx,
        HOUSEHOLD_VERSIONS,
        now=actor.at,
        entity_id=household_id,
        expected_version=expected_version,
        props={},
    )
    return before


async def add_member_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    household_id: str,
    expected_version: int | None,
    person_id: str,
    props: Mapping[str, Any],
    derive_facts: DeriveFacts,
) -> MemberChange:
    before = await _bump_household(tx, actor, household_id, expected_version)
    record = await (
        await tx.run(_ADD_PERSON, household_id=household_id, id=person_id, props=dict(props))
    ).single()
    assert record is not None  # the household exists: it was just locked
    node, _ = await _refresh_facts(
        tx, household_id, kept_skills=before.get("needs_skills") or (), derive_facts=derive_facts
    )
    person = record["p"]
    await record_audit(
        tx,
        actor=actor,
        action="ADD_MEMBER",
        entity_type="Person",
        entity_id=person_id,
        before=None,
        after={**dict(record["after"]), "household_id": household_id},
    )
    return MemberChange(person_record(household_id, person), household_row(node))


async def update_person_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    household_id: str,
    expected_version: int | None,
    person_id: str,
    props: Mapping[str, Any],
    derive_facts: DeriveFacts,
) -> MemberChange:
    household_before = await _bump_household(tx, actor, household_id, expected_version)
    record = await (
        await tx.run(_UPDATE_PERSON, id=person_id, household_id=household_id, props=dict(props))
    ).single()
    if record is None:  # moved or removed since the caller read it
        raise EntityMissing("Person", person_id)
    node, _ = await _refresh_facts(
        tx,
        household_id,
        kept_skills=household_before.get("needs_skills") or (),
        derive_facts=derive_facts,
    )
    await record_audit(
        tx,
        actor=actor,
        action="UPDATE_MEMBER",
        entity_type="Person",
        entity_id=person_id,
        before={**dict(record["before"]), "household_id": household_id},
        after={**dict(record["after"]), "household_id": household_id},
    )
    return MemberChange(person_record(household_id, record["p"]), household_row(node))


async def remove_member_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    household_id: str,
    expected_version: int | None,
    person_id: str,
    derive_facts: DeriveFacts,
) -> MemberChange:
    household_before = await _bump_household(tx, actor, household_id, expected_version)
    record = await (await tx.run(_REMOVE_PERSON, id=person_id, household_id=household_id)).single()
    if record is None:
        raise EntityMissing("Person", person_id)
    node, _ = await _refresh_facts(
        tx,
        household_id,
        kept_skills=household_before.get("needs_skills") or (),
        derive_facts=derive_facts,
    )
    await record_audit(
        tx,
        actor=actor,
        action="REMOVE_MEMBER",
        entity_type="Person",
        entity_id=person_id,
        before={**dict(record["before"]), "household_id": household_id},
        after=None,
    )
    return MemberChange(None, household_row(node))


async def person_in_scope(graph: Graph, person_id: str, *, scope: Scope) -> PersonRecord | None:
    """A member, if their household is in the scope (out of scope reads as missing)."""
    records, _, _ = await graph.driver.execute_query(
        _PERSON_IN_SCOPE, id=person_id, **scope.params(), database_=graph.database, routing_="r"
    )
    if not records:
        return None
    return person_record(records[0]["household_id"], records[0]["p"])


# A person belongs to one household: an ID number already in another household is refused.
# Whether that household is in the asker's scope decides what the asker may learn: inside,
# which household; outside, only that it is registered elsewhere (and the look-up is audited).
_MEMBERS_ELSEWHERE: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id_number: row.id_number})-[:MEMBER_OF]->(h:Household)
WHERE h.id <> row.household_id
WITH row, p, h, ($all_scope OR h.township_id IN $townships) AS in_scope
RETURN row.id_number AS id_number, p.id AS person_id, in_scope,
       CASE WHEN in_scope THEN h.id END AS household_id
"""


@dataclass(frozen=True, slots=True)
class RegisteredElsewhere:
    id_number: str
    household_id: str | None  # only when that household is in the asker's scope


async def id_numbers_elsewhere_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    scope: Scope,
    household_by_id_number: Mapping[str, str],
    purpose: str,
) -> list[RegisteredElsewhere]:
    """ID numbers already members of another household. A hit outside the asker's scope
    names no household, and is audited in this transaction (who asked, about whom, why)."""
    rows = [{"id_number": k, "household_id": v} for k, v in household_by_id_number.items()]
    result = await tx.run(_MEMBERS_ELSEWHERE, rows=rows, **scope.params())
    hits = [r async for r in result]
    for r in hits:
        if not r["in_scope"]:
            await record_audit(
                tx,
                actor=actor,
                action="ID_NUMBER_REGISTERED_ELSEWHERE",
                entity_type="Person",
                entity_id=r["person_id"],
                before=None,
                after={"purpose": purpose},
            )
    return [RegisteredElsewhere(r["id_number"], r["household_id"]) for r in hits]


_MEMBER_IDS: LiteralString = """
UNWIND $ids AS id
MATCH (p:Person)-[:MEMBER_OF]->(:Household {id: id})
RETURN id AS household_id, p.id_number AS id_number, p.id AS person_id
"""


async def member_ids_by_id_number(
    graph: Graph, household_ids: Sequence[str]
) -> dict[tuple[str, str], str]:
    """(household id, ID number) -> person id, for the members of these households."""
    records, _, _ = await graph.driver.execute_query(
        _MEMBER_IDS, ids=list(household_ids), database_=graph.database, routing_="r"
    )
    return {(r["household_id"], r["id_number"]): r["person_id"] for r in records}
