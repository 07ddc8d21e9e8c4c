"""The Starlette application: GraphQL, health, and the built frontend."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any, cast

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graph.driver import Graph, GraphConfig, graph_is_up, open_graph, verify_graph
from graph.migrations import apply_migrations
from server.auth import (
    PasswordChecker,
    TokenError,
    TokenSigner,
    load_secret_key,
    principal_from_header,
)
from server.context import Context, CountingDriver, QueryCounter
from server.evidence_route import evidence_file
from server.export_download import download_export
from server.graphql.schema import build_schema
from server.http_guards import HttpGuards
from server.session_store import is_token_revoked
from server.settings import Settings

log = logging.getLogger("bangfu.app")


def graph_config(settings: Settings) -> GraphConfig:
    return GraphConfig(
        uri=settings.effective_neo4j_uri, auth=settings.neo4j_auth, database=settings.neo4j_database
    )


def redis_settings(settings: Settings) -> RedisSettings:
    return RedisSettings.from_dsn(settings.effective_redis_url)


class BangfuGraphQL(GraphQL[Context, None]):
    def __init__(self, app_state: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.app_state = app_state

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        state = self.app_state
        counter = QueryCounter()
        counting = cast(AsyncDriver, CountingDriver(state.graph.driver, counter))
        graph = Graph(driver=counting, database=state.graph.database)
        principal, token_error = None, None
        header = request.headers.get("authorization")
        if header is None and isinstance(request, WebSocket):
            header = request.query_params.get("token") and f"Bearer {request.query_params['token']}"
        try:

            async def revoked(token_id: str) -> bool:
                return await is_token_revoked(state.arq, token_id)

            principal = await principal_from_header(
                state.graph, state.signer, header, revoked, now=state.clock.now()
            )
        except TokenError as exc:
            token_error = f"authentication failed: {exc}"
        return Context(
            request=request,
            response=response,
            graph=graph,
            settings=state.settings,
            signer=state.signer,
            arq=state.arq,
            principal=principal,
            token_error=token_error,
            counter=counter,
            passwords=state.passwords,
            clock=state.clock,
        )


class SinglePageApp(StaticFiles):
    """Serves the built frontend; unknown paths get index.html so client routes work."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except Exception:
            response = None
        if response is None or response.status_code == 404:
            return await super().get_response("index.html", scope)
        return response


async def healthz(request: Request) -> JSONResponse:
    state = request.app.state
    neo4j_up = await graph_is_up(state.graph)
    try:
        redis_up = bool(await state.arq.ping())
    except Exception:
        redis_up = False
    body = {
        "status": "ok" if neo4j_up and redis_up else "degraded",
        "neo4j": "up" if neo4j_up else "down",
        "redis": "up" if redis_up else "down",
    }
    return JSONResponse(body, status_code=200 if neo4j_up and redis_up else 503)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        graph = open_graph(graph_config(settings))
        await verify_graph(graph, settings.effective_neo4j_uri)
        await apply_migrations(graph, now=settings.clock().now())
        arq: ArqRedis = await create_pool(redis_settings(settings), retry=2)
        app.state.settings = settings
        app.state.clock = settings.clock()
        app.state.graph = graph
        app.state.arq = arq
        app.state.passwords = PasswordChecker(settings.limits.hash_threads)
        app.state.signer = TokenSigner(
            key=load_secret_key(settings.secret_key, settings.data_dir), ttl_s=settings.token_ttl_s
        )
        try:
            yield
        finally:
            app.state.passwords.close()
            await arq.aclose()
            await graph.close()

    schema = build_schema(
        production=settings.environment == "production",
        traceback_interval_s=settings.limits.traceback_interval_s,
    )
    routes: list[Route | Mount] = [
        Route("/healthz", healthz),
        Route("/exports/{job_id}", download_export, methods=["GET"]),
        Route("/evidence/{id}", evidence_file),
    ]
    guards = Middleware(HttpGuards, limits=settings.limits, graphiql=settings.graphiql)
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[guards])
    graphql_app = BangfuGraphQL(
        app.state,
        schema=schema,
        graphql_ide="graphiql" if settings.graphiql else None,
        # GET would let a link trigger queries with the victim's browser; POST only.
        allow_queries_via_get=False,
        multipart_uploads_enabled=True,
    )
    # A Route, not a Mount: a Mount answers POST /graphql with a 307 redirect.
    app.router.routes.append(Route("/graphql", graphql_app, methods=["GET", "POST"]))
    app.router.routes.append(_websocket_route(graphql_app))
    if (settings.frontend_dist / "index.html").exists():
        app.router.routes.append(
            Mount("/", SinglePageApp(directory=settings.frontend_dist, html=True))
        )
    else:
        log.warning("frontend not built at %s: run `make install`", settings.frontend_dist)
    return app


def _websocket_route(graphql_app: BangfuGraphQL) -> Any:
    from starlette.routing import WebSocketRoute

    return WebSocketRoute("/graphql", graphql_app)
