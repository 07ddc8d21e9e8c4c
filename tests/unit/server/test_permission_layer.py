"""Every root field goes through the one permission layer, reading its own row of the access
table (or is deliberately public), and the schema build refuses a field without a row."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from strawberry.permission import PermissionExtension

from server.graphql.access import MUTATIONS, QUERIES, Outside, Reach, rule_of
from server.graphql.permissions import Allow, PublicField, access, table_name_of
from server.graphql.schema import access_table_problems, build_schema


def _root_fields(schema: strawberry.Schema) -> list[tuple[str, Any]]:
    found = []
    for root in ("Query", "Mutation", "Subscription"):
        definition = schema.get_type_by_name(root)
        if definition is not None:
            found += [(root, f) for f in definition.fields]  # type: ignore[union-attr]
    return found


def test_every_root_field_declares_who_may_use_it() -> None:
    schema = build_schema(production=False)
    unguarded = []
    for root, field in _root_fields(schema):
        kinds = {type(e) for e in field.extensions}
        guarded = any(issubclass(k, PermissionExtension) for k in kinds)
        if guarded or (PublicField in kinds and rule_of(field.name).reach is Reach.PUBLIC):
            continue
        unguarded.append(f"{root}.{field.python_name}")
    assert unguarded == []


def test_every_root_field_reads_the_roles_of_its_own_row() -> None:
    schema = build_schema(production=False)
    assert access_table_problems(schema) == []
    for _, field in _root_fields(schema):
        rule = rule_of(table_name_of(field) or "")
        allows = [
            p for e in field.extensions if isinstance(e, PermissionExtension) for p in e.permissions
        ]
        if rule.reach is Reach.PUBLIC:
            assert allows == []
        else:
            assert [a.roles for a in allows if isinstance(a, Allow)] == [rule.roles]


def test_a_root_field_without_a_row_fails_the_check() -> None:
    @strawberry.type
    class Query:
        @strawberry.field(extensions=access("me"))
        def me(self) -> int:
            return 1

        @strawberry.field(extensions=access("households"))
        def not_in_the_table(self) -> int:
            return 1

        @strawberry.field
        def unguarded(self) -> int:
            return 1

    problems = access_table_problems(strawberry.Schema(query=Query))
    assert "Query.notInTheTable has no row" in problems
    assert "Query.unguarded has no row" in problems
    assert "Query.households has a row but no field" in problems
    with pytest.raises(KeyError):
        access("noSuchField")


def test_every_row_is_complete() -> None:
    for name, rule in {**QUERIES, **MUTATIONS}.items():
        assert rule.summary, name
        assert (rule.argument is None) == (rule.outside is None), name
        assert rule.own_only <= rule.roles, name
        assert rule.reach is Reach.PUBLIC or rule.roles, name
        if rule.own_only:
            assert rule.outside is not Outside.FORBIDDEN, name
