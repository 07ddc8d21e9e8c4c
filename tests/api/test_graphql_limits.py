"""Expensive or abusive documents are refused before they reach the database."""

from __future__ import annotations

import httpx

from tests.conftest import GraphQLClient
from tests.support.processes import AppProcess


def test_a_too_deep_document_is_refused(gql: GraphQLClient) -> None:
    admin = gql.as_user("admin")
    # The deepest document the app sends (plan review) stays well within the limit.
    ok = admin.execute(
        "{ households(first: 1) { edges { node { worker { station { township { id } } } } } } }"
    )
    assert "errors" not in ok, ok
    chain = "worker { households { " * 5 + "id" + " } }" * 5
    body = admin.execute("{ households(first: 1) { edges { node { " + chain + " } } } }")
    assert "depth" in body["errors"][0]["message"].lower(), body


def test_many_aliases_are_refused(gql: GraphQLClient) -> None:
    aliases = " ".join(f"a{i}: me {{ id }}" for i in range(30))
    body = gql.as_user("admin").execute("{ " + aliases + " }")
    assert "aliases" in body["errors"][0]["message"].lower(), body


def test_batched_operations_and_get_queries_are_refused(
    app: AppProcess, gql: GraphQLClient
) -> None:
    token = gql.login("admin")
    headers = {"Authorization": f"Bearer {token}"}
    batch = httpx.post(
        app.url + "/graphql", json=[{"query": "{ me { id } }"}] * 2, headers=headers, timeout=30
    )
    assert batch.status_code == 400
    get = httpx.get(app.url + "/graphql", params={"query": "{ me { id } }"}, headers=headers)
    assert get.status_code in (400, 405)
