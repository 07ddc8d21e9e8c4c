"""The per-request counter tells reads routed to followers from round trips to the leader."""

from __future__ import annotations

from typing import Any

from neo4j import READ_ACCESS, RoutingControl

from server.context import CountingDriver, QueryCounter


class _Recorder:
    """Stands where the driver stands; records what reached it."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    async def execute_query(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return [], None, None

    def session(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return None


async def test_routed_reads_are_not_counted_on_the_leader() -> None:
    counter = QueryCounter()
    driver = CountingDriver(_Recorder(), counter)
    await driver.execute_query("RETURN 1", routing_="r")
    await driver.execute_query("RETURN 1", routing_=RoutingControl.READ)
    driver.session(default_access_mode=READ_ACCESS)
    assert (counter.count, counter.on_leader) == (3, 0)


async def test_writes_and_unrouted_reads_are_counted_on_the_leader() -> None:
    counter = QueryCounter()
    recorder = _Recorder()
    driver = CountingDriver(recorder, counter)
    await driver.execute_query("CREATE ()")
    await driver.execute_query("CREATE ()", routing_="w")
    driver.session()
    assert (counter.count, counter.on_leader) == (3, 3)
    assert len(recorder.calls) == 3  # everything still reaches the driver
