"""The import's create statement names every property (no `SET h += row.props`, which made
Neo4j plan Eager barriers): the names must stay in step with the records, or a new field
would silently not be written."""

import re

from graph.county_writer import (
    _CREATE_HOUSEHOLDS_WITH_MEMBERS,
    _flat,
    _household_rows,
    _rows,
)
from server.demo.county import generate_county


def _named(variable: str) -> set[str]:
    return set(re.findall(rf"\b{variable}\.(\w+)", _CREATE_HOUSEHOLDS_WITH_MEMBERS))


def test_every_household_and_member_property_the_writer_sends_is_written() -> None:
    county = generate_county(households=5, seed=3)
    parents = {r.id: (r.parent_id, "county") for r in county.regions if r.level == "VILLAGE"}
    refs = {h.id: f"ref-{i}" for i, h in enumerate(county.households)}
    heads = {p.household_id: p.name for p in county.people if p.relation == "HEAD"}
    households = [_flat(r) for r in _household_rows(county.households, heads, parents, refs)]
    members = [_flat(r) for r in _rows(county.people, ("household_id",))]

    household_keys = set().union(*(r.keys() for r in households))
    member_keys = set().union(*(r.keys() for r in members)) - {"household_id"}

    assert household_keys == _named("row") - {"members"}
    assert member_keys == _named("m")
    # each property is written under its own name
    for key in household_keys:
        assert f"{key}: row.{key}" in _CREATE_HOUSEHOLDS_WITH_MEMBERS
    for key in member_keys:
        assert f"{key}: m.{key}" in _CREATE_HOUSEHOLDS_WITH_MEMBERS
