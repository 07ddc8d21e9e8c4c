"""The registry descriptions of charities (慈善组织) and enterprises (企业): `EntitySpec`s
that `server.services.registry_entities` creates and updates.

Organisations belong to the county and to themselves (issue 8, finding 5): a coordinator or
administrator registers and edits them; a charity or enterprise user edits its own record
but not its regions, which decide the needs it sees and so are the county's to set.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from operator import attrgetter
from typing import Any, Final, TypeVar

from graph.driver import Graph
from graph.organisations import (
    CHARITY_WRITES,
    ENTERPRISE_WRITES,
    CharityRow,
    EnterpriseRow,
    charities_by_id,
    enterprises_by_id,
)
from graph.registry_writes import EntityWrites, Link
from server.registry.household_facts import in_vocabulary_order
from server.registry.validation import FieldError
from server.registry.vocabulary import CAUSES, NEED_KINDS, SECTORS
from server.roles import Role
from server.services import values as v
from server.services.errors import InvalidFields
from server.services.registry import Caller, region_errors
from server.services.registry_checks import validate_charity, validate_enterprise
from server.services.registry_entities import EntityLink, EntitySpec

R = TypeVar("R")

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


async def _region_errors(graph: Graph, caller: Caller, region_ids: Link) -> list[FieldError]:
    return await region_errors(
        graph, caller.scope, field="region_ids", region_ids=region_ids, levels=ORGANISATION_LEVELS
    )


def _region_ids(fields: Mapping[str, object]) -> list[str]:
    return sorted(set(v.strings(fields.get("region_ids"))))


def _refuse_own_regions(caller: Caller, changes: Mapping[str, object]) -> None:
    """An organisation may not change the regions the county set for it, not even shrink
    them (a smaller area hides needs the county counts on it for)."""
    if caller.role in ORGANISATION_ROLES and "region_ids" in changes:
        reason = "The county sets the regions an organisation works in; ask the coordinator."
        raise InvalidFields([FieldError("region_ids", reason, REGIONS_SET_BY_COUNTY)])


def _own_only(caller: Caller, entity_id: str) -> None:
    caller.require_self(entity_id, "organisation")


async def _charity(graph: Graph, caller: Caller, charity_id: str) -> CharityRow | None:
    return (await charities_by_id(graph, [charity_id], scope=caller.scope))[0]


async def _enterprise(graph: Graph, caller: Caller, enterprise_id: str) -> EnterpriseRow | None:
    return (await enterprises_by_id(graph, [enterprise_id], scope=caller.scope))[0]


def _organisation(
    entity: str,
    id_prefix: str,
    fields: frozenset[str],
    writes: EntityWrites[R],
    props: Callable[[Mapping[str, object]], dict[str, Any]],
    validate: Callable[[Mapping[str, object]], list[FieldError]],
    find: Callable[[Graph, Caller, str], Awaitable[R | None]],
) -> EntitySpec[R]:
    """Charities and enterprises differ only in their fields: both work in regions the
    county sets, and their own users edit only their own record."""
    return EntitySpec(
        entity=entity,
        id_prefix=id_prefix,
        fields=fields,
        writes=writes,
        props=props,
        validate=validate,
        link=EntityLink("region_ids", _region_ids, _region_errors),
        record=attrgetter("record"),
        find=find,
        may_edit=_own_only,
        may_change=_refuse_own_regions,
    )


CHARITY: Final = _organisation(
    "Charity", "ch", CHARITY_FIELDS, CHARITY_WRITES, charity_props, validate_charity, _charity
)


ENTERPRISE: Final = _organisation(
    "Enterprise",
    "ent",
    ENTERPRISE_FIELDS,
    ENTERPRISE_WRITES,
    enterprise_props,
    validate_enterprise,
    _enterprise,
)
