"""Use cases on charities (慈善组织) and enterprises (企业).

Organisations belong to the county and to themselves (issue 8, finding 5): a coordinator or
administrator registers and edits them; a charity or enterprise user edits its own record
but not its regions, which decide the needs it sees and so are the county's to set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from graph.county_writer import record_props
from graph.driver import Graph
from graph.organisations import (
    CharityRow,
    EnterpriseRow,
    charities_by_id,
    create_charity_tx,
    create_enterprise_tx,
    enterprises_by_id,
    update_charity_tx,
    update_enterprise_tx,
)
from graph.registry_writes import new_id
from server.registry.household_facts import in_vocabulary_order
from server.registry.validation import FieldError
from server.registry.vocabulary import CAUSES, NEED_KINDS, SECTORS
from server.roles import Role
from server.services import values as v
from server.services.errors import EntityNotFound, InvalidFields
from server.services.registry import (
    Caller,
    EntityChanges,
    NewEntity,
    merged,
    only,
    refuse_if,
    region_errors,
)
from server.services.registry_checks import validate_charity, validate_enterprise
from server.services.writes import run_write

CHARITY_FIELDS: Final = frozenset({"name", "focus_kinds", "budget_yuan", "region_ids"})
ENTERPRISE_FIELDS: Final = frozenset(
    {"name", "sectors", "jobs_offered", "causes_supported", "region_ids"}
)
# Organisations work in townships or whole counties (graph.scope reads them that way).
ORGANISATION_LEVELS: Final = frozenset({"TOWNSHIP", "COUNTY"})
REGIONS_SET_BY_COUNTY: Final = "REGIONS_SET_BY_COUNTY"
ORGANISATION_ROLES: Final = frozenset({Role.CHARITY, Role.ENTERPRISE})


def charity_props(f: Mapping[str, object]) -> dict[str, Any]:
    return {
        "name": v.text(f.get("name")),
        "focus_kinds": list(in_vocabulary_order(v.strings(f.get("focus_kinds")), NEED_KINDS)),
        "budget_yuan": v.whole(f.get("budget_yuan")),
    }


def enterprise_props(f: Mapping[str, object]) -> dict[str, Any]:
    return {
        "name": v.text(f.get("name")),
        "sectors": list(in_vocabulary_order(v.strings(f.get("sectors")), SECTORS)),
        "jobs_offered": v.whole(f.get("jobs_offered")),
        "causes_supported": list(in_vocabulary_order(v.strings(f.get("causes_supported")), CAUSES)),
    }


async def _regions(
    graph: Graph, caller: Caller, fields: Mapping[str, object]
) -> tuple[list[str], list[FieldError]]:
    region_ids = sorted(set(v.strings(fields.get("region_ids"))))
    if not region_ids:
        return region_ids, []
    errors = await region_errors(
        graph, caller.scope, field="region_ids", region_ids=region_ids, levels=ORGANISATION_LEVELS
    )
    return region_ids, errors


def _refuse_own_regions(caller: Caller, changes: Mapping[str, object]) -> None:
    """An organisation may not change the regions the county set for it, not even shrink
    them (a smaller area hides needs the county counts on it for)."""
    if caller.role in ORGANISATION_ROLES and "region_ids" in changes:
        reason = "The county sets the regions an organisation works in; ask the coordinator."
        raise InvalidFields([FieldError("region_ids", reason, REGIONS_SET_BY_COUNTY)])


async def create_charity(graph: Graph, caller: Caller, cmd: NewEntity) -> CharityRow:
    fields = only(cmd.fields, CHARITY_FIELDS)
    region_ids, errors = await _regions(graph, caller, fields)
    refuse_if(validate_charity(fields) + errors)
    result: CharityRow = await run_write(
        graph,
        create_charity_tx,
        actor=caller.actor,
        charity_id=new_id("ch"),
        props=charity_props(fields),
        region_ids=region_ids,
    )
    return result


async def update_charity(graph: Graph, caller: Caller, cmd: EntityChanges) -> CharityRow:
    caller.require_self(cmd.entity_id, "organisation")
    row = (await charities_by_id(graph, [cmd.entity_id], scope=caller.scope))[0]
    if row is None:
        raise EntityNotFound("Charity", cmd.entity_id)
    changes = only(cmd.changes, CHARITY_FIELDS)
    _refuse_own_regions(caller, changes)
    after = merged(record_props(row.record), changes)
    region_ids, errors = await _regions(graph, caller, changes)
    refuse_if(validate_charity(after) + errors)
    result: CharityRow = await run_write(
        graph,
        update_charity_tx,
        actor=caller.actor,
        charity_id=row.record.id,
        expected_version=cmd.expected_version,
        props={k: val for k, val in charity_props(after).items() if k in changes},
        region_ids=region_ids if "region_ids" in changes else None,
    )
    return result


async def create_enterprise(graph: Graph, caller: Caller, cmd: NewEntity) -> EnterpriseRow:
    fields = only(cmd.fields, ENTERPRISE_FIELDS)
    region_ids, errors = await _regions(graph, caller, fields)
    refuse_if(validate_enterprise(fields) + errors)
    result: EnterpriseRow = await run_write(
        graph,
        create_enterprise_tx,
        actor=caller.actor,
        enterprise_id=new_id("ent"),
        props=enterprise_props(fields),
        region_ids=region_ids,
    )
    return result


async def update_enterprise(graph: Graph, caller: Caller, cmd: EntityChanges) -> EnterpriseRow:
    caller.require_self(cmd.entity_id, "organisation")
    row = (await enterprises_by_id(graph, [cmd.entity_id], scope=caller.scope))[0]
    if row is None:
        raise EntityNotFound("Enterprise", cmd.entity_id)
    changes = only(cmd.changes, ENTERPRISE_FIELDS)
    _refuse_own_regions(caller, changes)
    after = merged(record_props(row.record), changes)
    region_ids, errors = await _regions(graph, caller, changes)
    refuse_if(validate_enterprise(after) + errors)
    result: EnterpriseRow = await run_write(
        graph,
        update_enterprise_tx,
        actor=caller.actor,
        enterprise_id=row.record.id,
        expected_version=cmd.expected_version,
        props={k: val for k, val in enterprise_props(after).items() if k in changes},
        region_ids=region_ids if "region_ids" in changes else None,
    )
    return result
