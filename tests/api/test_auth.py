"""Signing in, the bearer token, and the permission layer, through HTTP."""

from __future__ import annotations

from tests.conftest import LOGIN, GraphQLClient

ME = "{ me { username role scopeKind } }"


def test_login_with_the_right_password_returns_a_token_that_identifies_the_user(
    gql: GraphQLClient,
) -> None:
    # given / when
    body = gql.execute(LOGIN, {"u": "station", "p": "bangfu-demo"})
    result = body["data"]["login"]
    # then
    assert result["__typename"] == "LoginSuccess"
    assert result["user"] == {"username": "station", "role": "STATION_MANAGER"}
    me = gql.execute(ME, token=result["token"])["data"]["me"]
    assert me == {
        "username": "station",
        "role": "STATION_MANAGER",
        "scopeKind": "STATION",
    }


def test_every_demo_role_can_sign_in(gql: GraphQLClient) -> None:
    for username in (
        "admin",
        "coordinator",
        "station",
        "worker",
        "charity",
        "enterprise",
        "volunteer",
        "auditor",
    ):
        assert gql.login(username)


def test_a_wrong_password_and_an_unknown_user_get_the_same_typed_error(gql: GraphQLClient) -> None:
    wrong_password = gql.execute(LOGIN, {"u": "admin", "p": "not-the-password"})["data"]["login"]
    unknown_user = gql.execute(LOGIN, {"u": "nobody", "p": "bangfu-demo"})["data"]["login"]
    assert wrong_password["__typename"] == "InvalidCredentials"
    assert wrong_password["code"] == "INVALID_CREDENTIALS"
    # Nothing says which part was wrong.
    assert wrong_password == unknown_user
    assert "token" not in wrong_password


def test_a_missing_token_is_an_authentication_error_not_a_crash(gql: GraphQLClient) -> None:
    body = gql.execute(ME)
    assert body["data"] is None or body["data"]["me"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_forged_or_expired_token_is_an_authentication_error(gql: GraphQLClient) -> None:
    token = gql.login("admin")
    body_part, _, signature = token.partition(".")
    forged = body_part + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    body = gql.execute(ME, token=forged)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "invalid token" in body["errors"][0]["message"]


def test_a_role_without_permission_is_refused(gql: GraphQLClient) -> None:
    charity = gql.as_user("charity")
    body = charity.execute("mutation { seedDemoCounty(households: 10, seed: 1) { __typename } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "CHARITY" in body["errors"][0]["message"]
