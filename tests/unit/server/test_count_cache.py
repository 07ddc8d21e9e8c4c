"""Totals are shared for a moment, never across a write of this process."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from server.count_cache import CountCache


class _Bookmarks:
    def __init__(self) -> None:
        self.value = {"bm:1"}

    async def get_bookmarks(self) -> set[str]:
        return set(self.value)


class _Driver:
    def __init__(self) -> None:
        self.execute_query_bookmark_manager = _Bookmarks()


def _graph() -> tuple[Graph, _Driver]:
    driver = _Driver()
    graph: Any = Graph(driver=driver, database=None)  # type: ignore[arg-type]
    return graph, driver


async def test_a_total_is_read_once_then_shared_until_this_process_writes() -> None:
    graph, driver = _graph()
    cache = CountCache(ttl_s=60)
    reads = []

    async def read() -> int:
        reads.append(1)
        return 10 + len(reads)

    assert await cache.count(graph, "households", read) == 11
    assert await cache.count(graph, "households", read) == 11
    assert await cache.count(graph, "other scope", read) == 12
    driver.execute_query_bookmark_manager.value = {"bm:2"}  # a write committed here
    assert await cache.count(graph, "households", read) == 13


async def test_a_total_expires() -> None:
    graph, _ = _graph()
    cache = CountCache(ttl_s=0)
    values = iter([1, 2])

    async def read() -> int:
        return next(values)

    assert await cache.count(graph, "k", read) == 1
    assert await cache.count(graph, "k", read) == 2
