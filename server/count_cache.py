"""Totals of lists (`totalCount`) shared for a moment between requests of one process.

Fifty clients paging the same list each asked Neo4j to count the same thousands of
households. A total is kept for `ttl_s` seconds per (scope, filter), and only while this
process has written nothing since (the driver's bookmarks are part of the key), so a
client never misses its own writes; writes by other processes show within `ttl_s`.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable

from graph.driver import Graph

TTL_S = 2.0
MAX_ENTRIES = 512


class CountCache:
    def __init__(self, ttl_s: float = TTL_S, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[float, int]] = OrderedDict()

    async def count(self, graph: Graph, key: Hashable, read: Callable[[], Awaitable[int]]) -> int:
        bookmarks = await graph.driver.execute_query_bookmark_manager.get_bookmarks()
        full_key = (key, graph.database, frozenset(bookmarks))
        now = time.monotonic()
        hit = self._entries.get(full_key)
        if hit is not None and now - hit[0] < self.ttl_s:
            return hit[1]
        value = await read()
        self._entries[full_key] = (now, value)
        self._entries.move_to_end(full_key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return value


HOUSEHOLD_TOTALS = CountCache()
