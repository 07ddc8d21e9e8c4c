"""Reads shared for a moment between the requests of one process: list totals, scopes, users.

Fifty clients paging the same list each asked Neo4j to count the same thousands of
households, and every request read its user and its scope again: a round trip each, about
3 ms of Neo4j's CPU even for a one-row read. A value is kept for `ttl_s` seconds per key,
and only while this process has written nothing since (the driver's bookmarks are part of
the key), so a client never misses its own writes; writes by other processes (another web
worker, the arq worker) show within `ttl_s`. That bounds how long a user deactivated, or a
password changed, elsewhere keeps a session on another worker; a logout is checked in Redis
on every request and is never cached.

Concurrent misses of one key share one read (single flight): when a total expires under
load, one request counts and the others wait for it instead of counting too.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from contextvars import ContextVar
from typing import Generic, TypeVar

from graph.driver import Graph
from graph.scope import Scope
from graph.users import UserRecord

V = TypeVar("V")

TTL_S = 2.0
MAX_ENTRIES = 512

# Set inside a shared read's own task, so the request counting its round trips can tell
# these (paid by whichever request misses first) from its own: tests pin the latter exactly.
IN_SHARED_READ: ContextVar[bool] = ContextVar("in_shared_read", default=False)


class SharedReads(Generic[V]):
    def __init__(self, ttl_s: float = TTL_S, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()
        self._pending: dict[Hashable, asyncio.Future[V]] = {}

    async def get(self, graph: Graph, key: Hashable, read: Callable[[], Awaitable[V]]) -> V:
        manager = graph.driver.execute_query_bookmark_manager
        bookmarks = await manager.get_bookmarks()
        # The manager is one per driver: two databases in one process never share a value.
        full_key = (key, id(manager), graph.database, frozenset(bookmarks))
        hit = self._entries.get(full_key)
        if hit is not None and time.monotonic() - hit[0] < self.ttl_s:
            return hit[1]
        pending = self._pending.get(full_key)
        if pending is None:
            pending = asyncio.ensure_future(self._read(full_key, read))
            self._pending[full_key] = pending
        # Shielded: a client that goes away does not cancel the read others wait for.
        return await asyncio.shield(pending)

    async def _read(self, full_key: Hashable, read: Callable[[], Awaitable[V]]) -> V:
        started = time.monotonic()  # a value's age counts from when its read began
        IN_SHARED_READ.set(True)  # this task's own context: the caller's is untouched
        try:
            value = await read()
        finally:
            self._pending.pop(full_key, None)
        self._entries[full_key] = (started, value)
        self._entries.move_to_end(full_key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return value


HOUSEHOLD_TOTALS: SharedReads[int] = SharedReads()
SCOPES: SharedReads[Scope] = SharedReads()  # by (role, scope kind, scope id)
USERS: SharedReads[UserRecord | None] = SharedReads()  # by user id, for token checks
