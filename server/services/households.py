"""Use cases on households (户) and their members: register, correct, add, remove.

Each validates the whole entity as it would be after the change (so changing the tier of a
class-A household without clearing its class is refused), checks the household and any
region it names lie in the caller's scope, then writes in one transaction with its audit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any, Final

from graph.county_writer import record_props
from graph.driver import Graph
from graph.households import HouseholdRow, households_by_id, update_household_tx
from graph.members import (
    DeriveFacts,
    MemberChange,
    PersonRecord,
    add_member_tx,
    create_household_tx,
    id_numbers_elsewhere_tx,
    person_in_scope,
    remove_member_tx,
    update_person_tx,
)
from graph.registry_writes import new_id
from matching.caseload_weights import caseload_weight
from server.registry.household_facts import household_facts, in_vocabulary_order
from server.registry.validation import (
    FieldError,
    id_number_birth_date,
    id_number_sex,
    parse_date,
    validate_household,
    validate_person,
)
from server.registry.vocabulary import CAUSES, DIBAO_CLASS_REVIEW_MONTHS
from server.services import values as v
from server.services.errors import (
    DUPLICATE_HEAD,
    DUPLICATE_ID_NUMBER,
    HEAD_REQUIRED,
    ID_NUMBER_REGISTERED_ELSEWHERE,
    TOO_MANY,
    EntityNotFound,
    StateConflict,
    VersionConflict,
)
from server.services.registry import Caller, merged, refuse_if, region_errors
from server.services.registry_checks import household_limits, person_limits
from server.services.writes import run_write

MAX_MEMBERS: Final = 30

# The household fields a person may set; the rest are derived from members or computed.
HOUSEHOLD_FIELDS: Final = frozenset(
    {
        "village_id",
        "tier",
        "dibao_class",
        "causes",
        "monthly_income_per_person",
        "lat",
        "lon",
        "address",
        "phone",
        "warning_level",
        "next_review_due",
        "languages",
    }
)


@dataclass(frozen=True, slots=True)
class NewHousehold:
    fields: Mapping[str, object]  # HOUSEHOLD_FIELDS
    members: tuple[Mapping[str, object], ...]  # PersonRecord fields, the head among them


@dataclass(frozen=True, slots=True)
class HouseholdChanges:
    household_id: str
    expected_version: int
    changes: Mapping[str, object]  # only the fields to change; None clears an optional one


@dataclass(frozen=True, slots=True)
class NewMember:
    household_id: str
    expected_version: int | None
    fields: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class PersonChanges:
    person_id: str
    expected_version: int | None  # of the household
    changes: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class MemberRemoval:
    person_id: str
    expected_version: int | None


def household_props(fields: Mapping[str, object]) -> dict[str, Any]:
    """Graph properties of a validated household (the settable fields only)."""
    return {
        "tier": v.text(fields.get("tier")),
        "dibao_class": v.text(fields.get("dibao_class")) or None,
        "causes": list(in_vocabulary_order(v.strings(fields.get("causes")), CAUSES)),
        "monthly_income_per_person": v.number(fields.get("monthly_income_per_person")),
        "lat": v.number(fields.get("lat")),
        "lon": v.number(fields.get("lon")),
        "address": v.text(fields.get("address")),
        "phone": v.text(fields.get("phone")),
        "warning_level": v.text(fields.get("warning_level")) or "NONE",
        "next_review_due": parse_date(fields.get("next_review_due")),
        "languages": v.strings(fields.get("languages")),
    }


def person_props(fields: Mapping[str, object]) -> dict[str, Any]:
    """Graph properties of a validated person; sex and birth date default to the ID's."""
    id_number = v.text(fields.get("id_number")).upper()
    grade = fields.get("disability_grade")
    return {
        "name": v.text(fields.get("name")),
        "id_number": id_number,
        "sex": v.text(fields.get("sex")) or id_number_sex(id_number),
        "birth_date": parse_date(fields.get("birth_date")) or id_number_birth_date(id_number),
        "disability_grade": None if grade is None else v.whole(grade),
        "chronic_illness": v.flag(fields.get("chronic_illness")),
        "serious_illness": v.flag(fields.get("serious_illness")),
        "can_work": v.flag(fields.get("can_work")),
        "relation": v.text(fields.get("relation")),
        "lives_away": v.flag(fields.get("lives_away")),
    }


def _prefixed(prefix: str, errors: Sequence[FieldError]) -> list[FieldError]:
    return [replace(e, field=f"{prefix}.{e.field}") for e in errors]


def _member_errors(members: Sequence[Mapping[str, object]], today: date) -> list[FieldError]:
    if not members:
        return [FieldError("members", "A household has at least one member.", "MISSING_VALUE")]
    if len(members) > MAX_MEMBERS:
        return [FieldError("members", f"At most {MAX_MEMBERS} members.", TOO_MANY)]
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, m in enumerate(members):
        errors += _prefixed(f"members.{i}", validate_person(m, today=today) + person_limits(m))
        number = v.text(m.get("id_number")).upper()
        if number and number in seen:
            reason = "The same ID number appears twice in this household."
            errors.append(FieldError(f"members.{i}.id_number", reason, DUPLICATE_ID_NUMBER))
        seen.add(number)
    heads = sum(m.get("relation") == "HEAD" for m in members)
    if heads == 0:
        errors.append(FieldError("members", "One member must be the head (户主).", HEAD_REQUIRED))
    elif heads > 1:
        errors.append(FieldError("members", "Only one member can be the head.", DUPLICATE_HEAD))
    return errors


async def _household(graph: Graph, caller: Caller, household_id: str, field: str) -> HouseholdRow:
    row = (await households_by_id(graph, [household_id], scope=caller.scope))[0]
    if row is None:
        raise EntityNotFound("Household", household_id, field)
    return row


async def _person(graph: Graph, caller: Caller, person_id: str) -> PersonRecord:
    person = await person_in_scope(graph, person_id, scope=caller.scope)
    if person is None:
        raise EntityNotFound("Person", person_id)
    return person


async def create_household(
    graph: Graph, caller: Caller, cmd: NewHousehold, *, today: date
) -> HouseholdRow:
    fields = dict(cmd.fields)
    errors = validate_household(fields) + household_limits(fields)
    errors += _member_errors(cmd.members, today)
    village_id = v.text(fields.get("village_id"))
    if village_id:
        errors += await region_errors(
            graph, caller.scope, field="village_id", region_ids=[village_id], levels={"VILLAGE"}
        )
    refuse_if(errors)
    props = {**household_props(fields), "risk_score": 0.0}
    dibao_class = props["dibao_class"]
    if props["next_review_due"] is None and dibao_class in DIBAO_CLASS_REVIEW_MONTHS:
        # 分类施保: the class sets when the household is first reviewed.
        props["next_review_due"] = v.add_months(today, DIBAO_CLASS_REVIEW_MONTHS[dibao_class])
    people = [person_props(m) for m in cmd.members]
    index = {p["id_number"]: i for i, p in enumerate(people)}
    household_id = new_id("hh")
    await refuse_id_numbers_registered_elsewhere(
        graph,
        caller,
        household_id=household_id,
        fields={number: f"members.{i}.id_number" for number, i in index.items()},
        purpose="CREATE_HOUSEHOLD",
    )
    result: HouseholdRow = await run_write(
        graph,
        create_household_tx,
        id_number_field=lambda number: f"members.{index.get(number, 0)}.id_number",
        actor=caller.actor,
        household_id=household_id,
        village_id=village_id,
        props=props,
        members=[{"id": new_id("p"), "props": p} for p in people],
        derive_facts=_facts_rule(today),
    )
    return result


def _facts_rule(today: date) -> DeriveFacts:
    """The registry's rule for what follows from members, as the graph write applies it."""
    return partial(household_facts, today=today)


def _removal_rule(today: date) -> DeriveFacts:
    """The facts rule for a removal, which also keeps at least one member: the graph applies
    it to the members left (locked), and the refusal rolls the removal back."""

    def rule(members: Sequence[PersonRecord], kept_skills: Sequence[str]) -> Mapping[str, Any]:
        if not members:
            raise StateConflict(
                "LAST_MEMBER", "A household keeps at least one member; close it instead.", "id"
            )
        return household_facts(members, kept_skills, today=today)

    return rule


async def update_household(graph: Graph, caller: Caller, cmd: HouseholdChanges) -> HouseholdRow:
    row = await _household(graph, caller, cmd.household_id, "id")
    if row.version != cmd.expected_version:
        raise VersionConflict("Household", cmd.household_id, row.version)
    changes = {k: val for k, val in cmd.changes.items() if k in HOUSEHOLD_FIELDS}
    after = merged(record_props(row.record), changes)
    errors = validate_household(after) + household_limits(after)
    village_id = v.text(changes.get("village_id"))
    if village_id and village_id != row.record.village_id:
        errors += await region_errors(
            graph, caller.scope, field="village_id", region_ids=[village_id], levels={"VILLAGE"}
        )
    refuse_if(errors)
    props = {k: val for k, val in household_props(after).items() if k in changes}
    result: HouseholdRow = await run_write(
        graph,
        update_household_tx,
        actor=caller.actor,
        household_id=cmd.household_id,
        expected_version=cmd.expected_version,
        props=props,
        village_id=village_id or None,
        weigh=caseload_weight,
    )
    return result


async def refuse_id_numbers_registered_elsewhere(
    graph: Graph, caller: Caller, *, household_id: str, fields: Mapping[str, str], purpose: str
) -> None:
    """Refuse ID numbers (id_number -> input field) already members of another household.
    Inside the caller's scope the answer is the usual duplicate; outside it, a neutral
    ID_NUMBER_REGISTERED_ELSEWHERE that names no household, and the look-up is audited."""
    hits = await run_write(
        graph,
        id_numbers_elsewhere_tx,
        actor=caller.actor,
        scope=caller.scope,
        household_by_id_number={number: household_id for number in fields},
        purpose=purpose,
    )
    errors = []
    for hit in hits:
        if hit.household_id is None:
            reason = "This ID number is registered in another area; ask the county office."
            errors.append(FieldError(fields[hit.id_number], reason, ID_NUMBER_REGISTERED_ELSEWHERE))
        else:
            reason = "This ID number is already registered in another household."
            errors.append(FieldError(fields[hit.id_number], reason, DUPLICATE_ID_NUMBER))
    refuse_if(errors)


async def add_member(graph: Graph, caller: Caller, cmd: NewMember, *, today: date) -> MemberChange:
    await _household(graph, caller, cmd.household_id, "household_id")
    fields = dict(cmd.fields)
    refuse_if(_prefixed("member", validate_person(fields, today=today) + person_limits(fields)))
    await refuse_id_numbers_registered_elsewhere(
        graph,
        caller,
        household_id=cmd.household_id,
        fields={person_props(fields)["id_number"]: "member.id_number"},
        purpose="ADD_HOUSEHOLD_MEMBER",
    )
    result: MemberChange = await run_write(
        graph,
        add_member_tx,
        id_number_field=lambda _: "member.id_number",
        actor=caller.actor,
        household_id=cmd.household_id,
        expected_version=cmd.expected_version,
        person_id=new_id("p"),
        props=person_props(fields),
        derive_facts=_facts_rule(today),
    )
    return result


async def update_person(
    graph: Graph, caller: Caller, cmd: PersonChanges, *, today: date
) -> MemberChange:
    person = await _person(graph, caller, cmd.person_id)
    current = record_props(person, skip=("id", "household_id"))
    if "id_number" in cmd.changes:
        # A corrected ID number brings its own sex and birth date unless both are given.
        for derived in ("sex", "birth_date"):
            current.pop(derived, None)
    after = merged(current, cmd.changes)
    refuse_if(validate_person(after, today=today) + person_limits(after))
    if "id_number" in cmd.changes:
        await refuse_id_numbers_registered_elsewhere(
            graph,
            caller,
            household_id=person.household_id,
            fields={person_props(after)["id_number"]: "id_number"},
            purpose="UPDATE_PERSON",
        )
    result: MemberChange = await run_write(
        graph,
        update_person_tx,
        id_number_field=lambda _: "id_number",
        actor=caller.actor,
        household_id=person.household_id,
        expected_version=cmd.expected_version,
        person_id=person.id,
        props=person_props(after),
        derive_facts=_facts_rule(today),
    )
    return result


async def remove_member(
    graph: Graph, caller: Caller, cmd: MemberRemoval, *, today: date
) -> MemberChange:
    person = await _person(graph, caller, cmd.person_id)
    result: MemberChange = await run_write(
        graph,
        remove_member_tx,
        actor=caller.actor,
        household_id=person.household_id,
        expected_version=cmd.expected_version,
        person_id=person.id,
        derive_facts=_removal_rule(today),
    )
    return result
