"""The GraphQL error log: codes and ids, tracebacks rate-limited per error class."""

from __future__ import annotations

import logging

import pytest
from graphql import GraphQLError

from server.request_log import TracebackLimiter, error_code, log_errors


def _internal(message: str) -> GraphQLError:
    try:
        raise ValueError(message)
    except ValueError as exc:
        return GraphQLError("boom", original_error=exc, path=["households"])


def test_the_limiter_lets_one_traceback_per_class_through_per_interval() -> None:
    limiter = TracebackLimiter(60)
    assert limiter.allow("ValueError", now=0)
    assert not limiter.allow("ValueError", now=59)
    assert limiter.allow("KeyError", now=59)
    assert limiter.allow("ValueError", now=61)


def test_codes_name_the_kind_of_failure() -> None:
    assert error_code(GraphQLError("x", extensions={"code": "FORBIDDEN"})) == "FORBIDDEN"
    assert error_code(GraphQLError("Syntax Error")) == "INVALID_DOCUMENT"
    assert error_code(_internal("x")) == "INTERNAL_ERROR"


def test_repeated_internal_errors_log_one_traceback_and_no_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    limiter = TracebackLimiter(60)
    with caplog.at_level(logging.INFO, logger="bangfu.graphql"):
        for _ in range(5):
            log_errors(
                [_internal("id 110101199003077777")],
                request_id="r1",
                operation_name="Evil\nname; DROP",
                limiter=limiter,
            )
    text = caplog.text
    assert text.count("Traceback") + text.count('File "') >= 1
    assert text.count('File "') == 1  # one frame, logged once
    assert "110101199003077777" not in text
    assert "operation=EvilnameDROP" in text
    assert text.count("request=r1") == 5
