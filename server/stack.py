"""Bringing up the services the app needs: the embedded Neo4j and a local Redis.

Each starts only when its URL is not configured; `Stack.env()` gives the environment the
web server and worker processes need to reach what was started.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from server.neo4j_launcher import EmbeddedNeo4j, start_embedded_neo4j
from server.redis_server import LocalRedis, port_in_use, start_local_redis
from server.settings import Settings


class ServiceStartError(RuntimeError):
    """A service could not start; the message names it and says how to fix it."""


@dataclass
class Stack:
    settings: Settings
    neo4j: EmbeddedNeo4j | None = None
    redis: LocalRedis | None = None
    started: list[str] = field(default_factory=list)

    def start(self, *, neo4j_data: Path | None = None) -> None:
        s = self.settings
        if s.neo4j_uri is None:
            if port_in_use(s.neo4j_bolt_port):
                raise ServiceStartError(
                    f"Neo4j: port {s.neo4j_bolt_port} is already in use. Stop what holds it, "
                    "set NEO4J_BOLT_PORT to a free port, or set NEO4J_URI to use a running server."
                )
            try:
                self.neo4j = start_embedded_neo4j(
                    port=s.neo4j_bolt_port,
                    data_dir=neo4j_data or s.data_dir / "neo4j",
                    heap=s.neo4j_heap,
                )
            except Exception as exc:
                raise ServiceStartError(f"Neo4j (embedded launcher) did not start: {exc}") from exc
            self.started.append(f"Neo4j {self.neo4j.uri}")
        if s.redis_url is None:
            try:
                self.redis = start_local_redis(port=s.redis_port, data_dir=s.data_dir / "redis")
            except Exception as exc:
                self.stop()
                raise ServiceStartError(f"Redis: {exc}") from exc
            self.started.append(f"Redis {self.redis.url}")

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.neo4j is not None:
            env["NEO4J_URI"] = self.neo4j.uri
            env.pop("NEO4J_PASSWORD", None)
        if self.redis is not None:
            env["REDIS_URL"] = self.redis.url
        return env

    def resolved_settings(self) -> Settings:
        return Settings.from_env(self.env())

    def stop(self) -> None:
        if self.redis is not None:
            self.redis.stop()
            self.redis = None
        if self.neo4j is not None:
            self.neo4j.stop()
            self.neo4j = None
