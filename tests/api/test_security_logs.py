"""A failing request is logged by id, operation and code, never with its document or
variables (issue 8, finding 10)."""

from __future__ import annotations

import time

import httpx

from tests.api.security_support import guarded_app
from tests.support.processes import AppProcess

__all__ = ["guarded_app"]

PASSWORD = "Hunter2-Secret-Pw"
ID_NUMBER = "110101199003077777"


def _log_after(app: AppProcess, offset: int, wanted: str) -> str:
    deadline = time.monotonic() + 10
    text = ""
    while time.monotonic() < deadline:
        text = app.log_path.read_bytes()[offset:].decode(errors="replace")
        if wanted in text:
            break
        time.sleep(0.1)
    return text


def test_failing_documents_leave_no_secrets_in_the_log(guarded_app: AppProcess) -> None:
    offset = guarded_app.log_path.stat().st_size
    url = guarded_app.url + "/graphql"
    # a syntax error (graphql-core prints the source around it) ...
    broken = httpx.post(
        url,
        json={
            "query": f'mutation Broken {{ login(username: "{ID_NUMBER}", password: "{PASSWORD}" '
        },
        timeout=30,
    )
    # ... a variable of the wrong type (its value is quoted in the message) ...
    wrong_type = httpx.post(
        url,
        json={
            "query": "query WrongType($n: Int) { me { id } }",
            "variables": {"n": f"{ID_NUMBER} {PASSWORD}"},
            "operationName": "WrongType",
        },
        timeout=30,
    )
    # ... and a field that does not exist, with the password inline
    unknown = httpx.post(
        url,
        json={
            "query": f'mutation Unknown {{ login(username: "admin", password: "{PASSWORD}") '
            f'{{ nope }} loginx(id: "{ID_NUMBER}") }}',
            "operationName": "Unknown",
        },
        timeout=30,
    )
    ids = [r.headers["x-request-id"] for r in (broken, wrong_type, unknown)]
    assert all(r.json().get("errors") for r in (broken, wrong_type, unknown))
    log = _log_after(guarded_app, offset, ids[-1])
    for request_id in ids:
        assert request_id in log, log
    assert PASSWORD not in log
    assert ID_NUMBER not in log
    assert "operation=WrongType" in log and "code=INVALID_DOCUMENT" in log
    # a few short lines, not kilobytes of document and traceback per request
    assert len(log) < 2000, len(log)
