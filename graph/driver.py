"""Opening the Neo4j driver and asking whether the database answers."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncSession
from neo4j.exceptions import Neo4jError, ServiceUnavailable


@dataclass(frozen=True, slots=True)
class GraphConfig:
    uri: str
    auth: tuple[str, str] | None
    database: str | None


@dataclass(frozen=True, slots=True)
class Graph:
    """The app's handle on Neo4j: one driver, one database name."""

    driver: AsyncDriver
    database: str | None

    async def close(self) -> None:
        await self.driver.close()

    def read_session(self) -> AsyncSession:
        """A session for `execute_read`: routed to a follower on a cluster, and waiting
        there for this process's writes (the bookmark manager `execute_query` uses), so a
        read after a write in one request sees it."""
        return self.driver.session(
            database=self.database,
            default_access_mode="READ",
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        )


class GraphUnavailable(RuntimeError):
    """Neo4j could not be reached; the message says where and how to fix it."""


def open_graph(config: GraphConfig) -> Graph:
    driver = AsyncGraphDatabase.driver(
        config.uri,
        auth=config.auth,
        max_connection_pool_size=50,
        connection_acquisition_timeout=30,
        # Warnings about labels not yet created are noise on a fresh graph.
        notifications_min_severity="OFF",
    )
    return Graph(driver=driver, database=config.database)


async def verify_graph(graph: Graph, uri: str) -> None:
    try:
        await graph.driver.verify_connectivity()
    except (ServiceUnavailable, OSError, Neo4jError) as exc:
        raise GraphUnavailable(
            f"Neo4j is not reachable at {uri}: {exc}. Start it with `make run` "
            "(embedded launcher) or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD "
            "to a running server."
        ) from exc


async def graph_is_up(graph: Graph) -> bool:
    try:
        records, _, _ = await graph.driver.execute_query(
            "RETURN 1 AS ok", database_=graph.database, routing_="r"
        )
    except Exception:  # health is a yes/no answer; the cause goes to the log elsewhere
        return False
    return bool(records) and records[0]["ok"] == 1
