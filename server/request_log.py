"""Logging a failing GraphQL request without its content (issue 8, finding 10).

A document and its variables may hold passwords, names and ID numbers, and so may an error's
message (graphql-core quotes literal values and prints the document around a syntax error).
The log gets the request id, the operation name, the error code and the path; an unexpected
exception adds its class and stack frames (not its message), at most once per class per
interval, so one client repeating a failing request cannot fill the disk.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import traceback
from collections.abc import Sequence
from typing import Any

from graphql import GraphQLError

log = logging.getLogger("bangfu.graphql")

_NAME = re.compile(r"[^A-Za-z0-9_]")


def error_code(error: GraphQLError) -> str:
    code = (error.extensions or {}).get("code")
    if code:
        return str(code)
    if error.original_error is None:
        return "INVALID_DOCUMENT"  # syntax and validation errors
    return "INTERNAL_ERROR"


class TracebackLimiter:
    """Lets one traceback per error class through per interval."""

    def __init__(self, interval_s: float) -> None:
        self.interval_s = interval_s
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        at = time.monotonic() if now is None else now
        with self._lock:
            last = self._last.get(key)
            if last is not None and at - last < self.interval_s:
                return False
            self._last[key] = at
            return True


def _operation_name(name: str | None) -> str:
    # Client-chosen text: only identifier characters, and short.
    return _NAME.sub("", name or "")[:64] or "-"


def log_errors(
    errors: Sequence[GraphQLError],
    *,
    request_id: str,
    operation_name: str | None,
    limiter: TracebackLimiter,
) -> None:
    operation = _operation_name(operation_name)
    for error in errors:
        code = error_code(error)
        path = ".".join(str(p) for p in error.path or ()) or "-"
        original: Any = error.original_error
        if code != "INTERNAL_ERROR" or original is None:
            log.info("request=%s operation=%s code=%s path=%s", request_id, operation, code, path)
            continue
        kind = type(original).__name__
        if limiter.allow(kind):
            frames = "".join(traceback.format_tb(original.__traceback__))
            log.error(
                "request=%s operation=%s code=%s path=%s exception=%s\n%s",
                request_id,
                operation,
                code,
                path,
                kind,
                frames,
            )
        else:
            log.error(
                "request=%s operation=%s code=%s path=%s exception=%s (traceback logged recently)",
                request_id,
                operation,
                code,
                path,
                kind,
            )
