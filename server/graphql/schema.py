"""The GraphQL schema: root types merged from one module per aggregate."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.tools import merge_types

from server.graphql.mutations.login import LoginMutation
from server.graphql.mutations.seed_demo_county import SeedDemoCountyMutation
from server.graphql.queries.registry import RegistryQuery
from server.graphql.queries.session import SessionQuery

QUERY_TYPES: tuple[type, ...] = (SessionQuery, RegistryQuery)
MUTATION_TYPES: tuple[type, ...] = (LoginMutation, SeedDemoCountyMutation)


class CypherQueryCount(SchemaExtension):
    """Reports how many Cypher round trips the request cost (not in production)."""

    def get_results(self) -> dict[str, Any]:
        ctx = self.execution_context.context
        if ctx is None or ctx.settings.environment == "production":
            return {}
        return {"cypherQueries": ctx.counter.count}


def _mask_unexpected(error: GraphQLError) -> bool:
    # Permission and validation errors carry a code the client acts on; anything else is a
    # bug whose text must not leak internals in production.
    return not (error.extensions or {}).get("code") and error.original_error is not None


def build_schema(*, production: bool) -> strawberry.Schema:
    Query = merge_types("Query", QUERY_TYPES)
    Mutation = merge_types("Mutation", MUTATION_TYPES)
    extensions: list[Any] = [CypherQueryCount]
    if production:
        extensions.append(MaskErrors(should_mask_error=_mask_unexpected))
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)
