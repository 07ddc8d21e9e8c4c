"""Request-level limits and headers (issue 8, findings 9 and 11): body caps answered 413,
form posts without the client header refused 403, security headers on every response, and
an uploaded file gone from Redis once its job is done."""

from __future__ import annotations

import json
from typing import Any

import httpx
import redis

from tests.api.security_support import GUARDED_ENV, guarded_app
from tests.api.test_import_job import station_villages, upload
from tests.conftest import GraphQLClient, Services
from tests.support.import_files import csv_bytes, households_for_villages
from tests.support.jobs import wait_for_job
from tests.support.processes import AppProcess

__all__ = ["guarded_app"]

JSON_CAP = int(GUARDED_ENV["BANGFU_MAX_JSON_BODY"])
UPLOAD_CAP = int(GUARDED_ENV["BANGFU_MAX_UPLOAD_BODY"])
SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
LOGIN_DOC = 'mutation { login(username: "admin", password: "bangfu-demo") { __typename } }'


def _multipart(url: str, headers: dict[str, str], file: bytes) -> httpx.Response:
    operations = json.dumps(
        {
            "query": "mutation ($f: Upload!) { importHouseholds(file: $f) { __typename } }",
            "variables": {"f": None},
        }
    )
    return httpx.post(
        url + "/graphql",
        data={"operations": operations, "map": json.dumps({"0": ["variables.f"]})},
        files={"0": ("h.csv", file, "text/csv")},
        headers=headers,
        timeout=60,
    )


def test_a_json_body_over_the_cap_is_refused_with_413(guarded_app: AppProcess) -> None:
    padding = " " * (JSON_CAP + 10)
    r = httpx.post(
        guarded_app.url + "/graphql", json={"query": "{ __typename }" + padding}, timeout=60
    )
    assert r.status_code == 413
    assert r.json()["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"
    assert r.headers["x-request-id"]
    # just under the cap is read as usual
    ok = httpx.post(
        guarded_app.url + "/graphql", json={"query": "{ __typename }" + " " * 1000}, timeout=60
    )
    assert ok.status_code == 200


def test_a_streamed_body_without_length_is_cut_at_the_cap(guarded_app: AppProcess) -> None:
    def chunks() -> Any:
        yield b'{"query": "{ __typename }' + b" " * 1024
        for _ in range(JSON_CAP // 4096 + 2):
            yield b" " * 4096
        yield b'"}'

    r = httpx.post(
        guarded_app.url + "/graphql",
        content=chunks(),
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 413


def test_uploads_have_their_own_larger_cap(guarded_app: AppProcess, gql: GraphQLClient) -> None:
    token = gql.login("station")
    headers = {"Authorization": f"Bearer {token}", "X-Bangfu-Client": "web"}
    # over the JSON cap, under the upload cap: read, and judged as a file (not CSV)
    within = _multipart(guarded_app.url, headers, b"x" * (JSON_CAP * 2))
    assert within.status_code == 200, within.text
    over = _multipart(guarded_app.url, headers, b"x" * (UPLOAD_CAP + 1))
    assert over.status_code == 413


def test_a_form_post_without_the_client_header_runs_nothing(
    app: AppProcess, gql: GraphQLClient
) -> None:
    # what another site's page can send without a preflight: a multipart form
    operations = json.dumps({"query": LOGIN_DOC})
    r = httpx.post(
        app.url + "/graphql",
        data={"operations": operations, "map": "{}"},
        files={"x": ("x", b"", "text/plain")},
        headers={"Origin": "https://evil.example"},
        timeout=60,
    )
    assert r.status_code == 403
    assert r.json()["errors"][0]["extensions"]["code"] == "CLIENT_HEADER_REQUIRED"
    plain = httpx.post(
        app.url + "/graphql",
        content=json.dumps({"query": LOGIN_DOC}),
        headers={"content-type": "text/plain"},
        timeout=60,
    )
    assert plain.status_code == 403
    # JSON (which needs a preflight) goes on as before
    assert gql.execute(LOGIN_DOC)["data"]["login"]["__typename"] == "LoginSuccess"


def test_every_response_has_security_headers_and_a_request_id(app: AppProcess) -> None:
    index = httpx.get(app.url + "/", timeout=30)
    responses = [
        index,
        httpx.get(app.url + "/healthz", timeout=30),
        httpx.post(app.url + "/graphql", json={"query": "{ __typename }"}, timeout=30),
        httpx.get(app.url + "/some/client/route", timeout=30),
    ]
    ids = set()
    for r in responses:
        for name, value in SECURITY_HEADERS.items():
            assert r.headers.get(name) == value, (r.url, name, r.headers)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        ids.add(r.headers["x-request-id"])
    assert len(ids) == len(responses)
    # the built app's own assets, and no source maps next to them
    if index.status_code == 200 and "/assets/" in index.text:
        script = index.text.split('src="', 1)[1].split('"', 1)[0]
        asset = httpx.get(app.url + script, timeout=30)
        assert asset.headers["x-content-type-options"] == "nosniff"
        assert "sourceMappingURL" not in asset.text


def test_the_uploaded_file_leaves_redis_when_its_job_is_done(
    gql: GraphQLClient, seeded: Services
) -> None:
    station = gql.as_user("station")
    households, people = households_for_villages(station_villages(station), households=5, seed=61)
    data = csv_bytes(households, people)
    started = upload(station, data, "few.csv")
    job, _ = wait_for_job(station, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    secret = people[0].id_number.encode()
    r = redis.Redis.from_url(seeded.redis.url)
    try:
        # arq keeps a job's arguments with its result for an hour: they must not hold it
        holding = [
            key
            for key in r.scan_iter(count=1000)
            if key.startswith(b"bangfu:upload:")
            or (r.type(key) == b"string" and secret in (r.get(key) or b""))
        ]
    finally:
        r.close()
    assert holding == []
