"""Every root field goes through the one permission layer (or is deliberately public)."""

from __future__ import annotations

from strawberry.permission import PermissionExtension

from server.graphql.permissions import PublicField
from server.graphql.schema import build_schema

PUBLIC_FIELDS = {"login"}


def test_every_root_field_declares_who_may_use_it() -> None:
    schema = build_schema(production=False)
    unguarded = []
    for root in ("Query", "Mutation", "Subscription"):
        definition = schema.get_type_by_name(root)
        if definition is None:
            continue
        for field in definition.fields:  # type: ignore[union-attr]
            kinds = {type(e) for e in field.extensions}
            if PermissionExtension in kinds:
                continue
            if PublicField in kinds and field.python_name in PUBLIC_FIELDS:
                continue
            unguarded.append(f"{root}.{field.python_name}")
    assert unguarded == []
