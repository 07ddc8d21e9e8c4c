"""What every resolver can reach during one request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from arq.connections import ArqRedis
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from graph.driver import Graph
from server.auth import PasswordChecker, Principal, TokenSigner
from server.clock import Clock
from server.settings import Settings
from server.shared_reads import IN_SHARED_READ

if TYPE_CHECKING:
    from server.loaders import Loaders


class QueryCounter:
    """Counts Cypher round trips of one request, so tests can pin N+1 behaviour, those
    sent to the cluster's leader (writes, or reads not routed to followers), and those spent
    on reads shared with other requests (server/shared_reads.py), which a request pays only
    when it misses first."""

    def __init__(self) -> None:
        self.count = 0
        self.on_leader = 0
        self.shared = 0

    def add(self, on_leader: bool) -> None:
        self.count += 1
        self.on_leader += on_leader
        self.shared += IN_SHARED_READ.get()


_READ = ("r", "READ")


class CountingDriver:
    """Forwards to the real driver, counting `execute_query` calls and sessions."""

    def __init__(self, driver: Any, counter: QueryCounter) -> None:
        self._driver = driver
        self._counter = counter

    async def execute_query(self, *args: Any, **kwargs: Any) -> Any:
        self._counter.add(on_leader=kwargs.get("routing_", "w") not in _READ)
        return await self._driver.execute_query(*args, **kwargs)

    def session(self, *args: Any, **kwargs: Any) -> Any:
        self._counter.add(on_leader=kwargs.get("default_access_mode") not in _READ)
        return self._driver.session(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | WebSocket | None
    graph: Graph
    settings: Settings
    signer: TokenSigner
    arq: ArqRedis
    principal: Principal | None
    token_error: str | None
    counter: QueryCounter
    passwords: PasswordChecker
    clock: Clock  # the request's one clock: `today` is the configured zone's date
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def loaders(self) -> Loaders:
        if self._loaders is None:
            from server.loaders import build_loaders

            self._loaders = build_loaders(self.graph, self.principal)
        return self._loaders

    @property
    def client_address(self) -> str:
        client = self.request.client
        return client.host if client else "unknown"

    @property
    def request_id(self) -> str:
        return str(self.request.scope.get("state", {}).get("request_id", "-"))
