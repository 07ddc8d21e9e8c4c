"""Reads (totals, scopes, users) are shared for a moment, never across a write of this
process, and concurrent misses share one read."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph.driver import Graph
from server.shared_reads import SharedReads


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
    cache = SharedReads[int](ttl_s=60)
    reads = []

    async def read() -> int:
        reads.append(1)
        return 10 + len(reads)

    assert await cache.get(graph, "households", read) == 11
    assert await cache.get(graph, "households", read) == 11
    assert await cache.get(graph, "other scope", read) == 12
    driver.execute_query_bookmark_manager.value = {"bm:2"}  # a write committed here
    assert await cache.get(graph, "households", read) == 13


async def test_a_total_expires() -> None:
    graph, _ = _graph()
    cache = SharedReads[int](ttl_s=0)
    values = iter([1, 2])

    async def read() -> int:
        return next(values)

    assert await cache.get(graph, "k", read) == 1
    assert await cache.get(graph, "k", read) == 2


async def test_concurrent_misses_share_one_read() -> None:
    graph, _ = _graph()
    cache = SharedReads[int](ttl_s=60)
    reads = []
    release = asyncio.Event()

    async def read() -> int:
        reads.append(1)
        await release.wait()
        return 7

    waiting = [asyncio.create_task(cache.get(graph, "k", read)) for _ in range(20)]
    await asyncio.sleep(0)
    release.set()
    assert await asyncio.gather(*waiting) == [7] * 20
    assert len(reads) == 1


async def test_a_failed_read_reaches_every_waiter_and_is_not_kept() -> None:
    graph, _ = _graph()
    cache = SharedReads[int](ttl_s=60)
    outcomes = iter([RuntimeError("neo4j went away"), 5])

    async def read() -> int:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    with pytest.raises(RuntimeError):
        await cache.get(graph, "k", read)
    assert await cache.get(graph, "k", read) == 5


async def test_a_waiter_that_goes_away_does_not_cancel_the_shared_read() -> None:
    graph, _ = _graph()
    cache = SharedReads[int](ttl_s=60)
    release = asyncio.Event()

    async def read() -> int:
        await release.wait()
        return 3

    first = asyncio.create_task(cache.get(graph, "k", read))
    second = asyncio.create_task(cache.get(graph, "k", read))
    await asyncio.sleep(0)
    first.cancel()
    release.set()
    assert await second == 3


async def test_two_drivers_never_share_a_value() -> None:
    (one, _), (other, _) = _graph(), _graph()
    cache = SharedReads[str](ttl_s=60)

    async def read_one() -> str:
        return "one"

    async def read_other() -> str:
        return "other"

    assert await cache.get(one, "k", read_one) == "one"
    assert await cache.get(other, "k", read_other) == "other"
