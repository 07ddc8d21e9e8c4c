"""The embedded Neo4j launcher: a real Neo4j 5.26 Community on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import neo4j
import pytest

from server.neo4j_launcher import (
    EmbeddedNeo4jError,
    free_port,
    launcher_built,
    start_embedded_neo4j,
)


async def test_start_query_and_stop(tmp_path: Path) -> None:
    port = free_port()
    server = start_embedded_neo4j(port=port, data_dir=tmp_path / "neo4j", heap="512m")
    try:
        assert launcher_built()
        assert server.uri == f"bolt://127.0.0.1:{port}"
        assert server.running

        async with neo4j.AsyncGraphDatabase.driver(server.uri, auth=None) as driver:
            await driver.verify_connectivity()
            created = await driver.execute_query(
                "CREATE (p:Probe {id: $id, name: $name}) RETURN p.id AS id",
                id="probe-1",
                name="帮扶",
            )
            assert [r["id"] for r in created.records] == ["probe-1"]

            found = await driver.execute_query(
                "MATCH (p:Probe {id: $id}) RETURN p.name AS name, count(*) AS n",
                id="probe-1",
                routing_=neo4j.RoutingControl.READ,
            )
            assert [(r["name"], r["n"]) for r in found.records] == [("帮扶", 1)]

            components = await driver.execute_query(
                "CALL dbms.components() YIELD name, versions, edition "
                "RETURN name, versions, edition"
            )
            (component,) = components.records
            assert component["name"] == "Neo4j Kernel"
            assert component["edition"] == "community"
            assert any(v.startswith("5.26.") for v in component["versions"])
    finally:
        server.stop()

    assert not server.running
    assert server.stopped_cleanly, server.output_tail()
    assert server.process.returncode is not None
    # The pid is gone: nothing is left behind.
    with pytest.raises(ProcessLookupError):
        os.kill(server.pid, 0)


async def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]

        with pytest.raises(EmbeddedNeo4jError) as caught:
            start_embedded_neo4j(
                port=port, data_dir=tmp_path / "neo4j", heap="256m", startup_timeout=60
            )

    message = str(caught.value)
    assert f"port {port} already in use" in message
    assert "exited with code" in message


def test_stops_when_parent_stdin_closes(tmp_path: Path) -> None:
    """A parent that dies without stopping the server closes its stdin; the server ends."""
    server = start_embedded_neo4j(port=free_port(), data_dir=tmp_path / "neo4j", heap="512m")
    try:
        assert server.process.stdin is not None
        server.process.stdin.close()
        server.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the launcher did not exit when its standard input closed")
    finally:
        server.stop()
    assert server.stopped_cleanly, server.output_tail()
