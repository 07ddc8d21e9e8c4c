"""The `bangfu` command: run the app, its worker, seed, import and benchmarks."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from server.bench.commands import add_bench_commands, print_json
from server.settings import Settings, SettingsError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        return int(args.handler(args) or 0)
    except SettingsError as exc:
        print(f"bangfu: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bangfu", description="Bangfu 帮扶")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="start Neo4j, Redis, the worker and the web server")
    run.add_argument("--no-seed", action="store_true", help="do not load the demo county")
    run.set_defaults(handler=_cmd_run)

    serve = sub.add_parser("serve", help="the web server only (services must be running)")
    serve.set_defaults(handler=_cmd_serve)

    worker = sub.add_parser("worker", help="the arq worker only")
    worker.set_defaults(handler=_cmd_worker)

    migrate = sub.add_parser("migrate", help="apply schema migrations")
    migrate.set_defaults(handler=_cmd_migrate)

    seed = sub.add_parser("seed", help="load a synthetic demo county into the graph")
    seed.add_argument("--households", type=int, default=10_000)
    seed.add_argument("--seed", type=int, default=1)
    seed.set_defaults(handler=_cmd_seed)

    admin = sub.add_parser("create-admin", help="create (or reset) an administrator")
    admin.add_argument("--username", required=True)
    admin.add_argument("--scope-region", default=None, help="region id the admin oversees")
    admin.set_defaults(handler=_cmd_create_admin)

    imp = sub.add_parser("import", help="import households from a CSV file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_cmd_import)

    schema = sub.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    schema.add_argument("--out", type=Path, default=None)
    schema.set_defaults(handler=_cmd_export_schema)

    doc = sub.add_parser("security-doc", help="regenerate docs/security.md from the access table")
    doc.add_argument("--check", action="store_true", help="exit 1 when the file is stale")
    doc.set_defaults(handler=_cmd_security_doc)

    add_bench_commands(sub.add_parser("bench", help="benchmarks, JSON out"))
    return p


# --- running the app -------------------------------------------------------------------


def _cmd_run(args: argparse.Namespace) -> int:
    from server.stack import ServiceStartError, Stack

    settings = Settings.from_env()
    stack = Stack(settings)
    children: list[subprocess.Popen[bytes]] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        try:
            stack.start()
        except ServiceStartError as exc:
            print(f"bangfu: {exc}", file=sys.stderr)
            return 1
        for line in stack.started:
            print(f"bangfu: started {line}")
        env = stack.env()
        resolved = Settings.from_env(env)
        loaded = asyncio.run(_prepare(resolved, seed=not args.no_seed))
        if loaded is not None:
            print(f"bangfu: {loaded}")
        exe = [sys.executable, "-m", "server.cli"]
        children.append(subprocess.Popen([*exe, "worker"], env=env))
        children.append(subprocess.Popen([*exe, "serve"], env=env))
        url = f"http://{resolved.host}:{resolved.port}/"
        if not _wait_healthy(url + "healthz", children, timeout=60):
            print("bangfu: the web server did not become healthy", file=sys.stderr)
            return 1
        print(f"\n  帮扶 Bangfu is running: {url}")
        print(f"  GraphQL: {url}graphql")
        if resolved.demo:
            print(
                "  Demo logins (password "
                f"{resolved.demo_password!r}): admin, coordinator, station, worker, charity, "
                "enterprise, volunteer, auditor"
            )
        print("  Ctrl-C stops everything.\n", flush=True)
        while not stopping:
            if any(c.poll() is not None for c in children):
                print("bangfu: a process exited; stopping", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        for c in children:
            if c.poll() is None:
                c.terminate()
        for c in children:
            try:
                c.wait(20)
            except subprocess.TimeoutExpired:
                c.kill()
        stack.stop()
        print("bangfu: stopped", flush=True)


def _wait_healthy(url: str, children: list[subprocess.Popen[bytes]], timeout: float) -> bool:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(c.poll() is not None for c in children):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    return False


async def _prepare(settings: Settings, *, seed: bool) -> str | None:
    """Migrate; in demo mode load the demo county into an empty graph and the demo users."""
    from graph.driver import GraphUnavailable, open_graph, verify_graph
    from graph.migrations import apply_migrations
    from graph.registry_stats import count_households
    from server.app import graph_config
    from server.demo.users import ensure_demo_users

    graph = open_graph(graph_config(settings))
    try:
        try:
            await verify_graph(graph, settings.effective_neo4j_uri)
        except GraphUnavailable as exc:
            raise SystemExit(f"bangfu: {exc}") from exc
        clock = settings.clock()
        await apply_migrations(graph, now=clock.now())
        message = None
        if settings.demo:
            if seed and await count_households(graph) == 0:
                message = await _load_county(
                    graph, settings.demo_households, settings.demo_seed, clock
                )
            await ensure_demo_users(graph, settings.demo_password, now=clock.now())
            if seed:
                from server.demo.market import seed_market  # noqa: PLC0415

                await seed_market(graph, clock=settings.clock(), claim_days=settings.claim_days)
        return message
    finally:
        await graph.close()


async def _load_county(graph: Any, households: int, seed: int, clock: Any) -> str:
    from graph.county_writer import write_county
    from server.demo.county import generate_county
    from server.demo.volunteering import write_demo_volunteering

    started = time.perf_counter()
    print(f"bangfu: generating a demo county of {households} households (seed {seed})")
    county = generate_county(households=households, seed=seed)

    async def progress(fraction: float, message: str, /, **params: object) -> None:
        print(f"  {fraction * 100:5.1f}%  {message} {params or ''}", flush=True)

    now = clock.now()
    await write_county(graph, county, progress, now=now)
    await write_demo_volunteering(graph, county, clock.today(), now=now)
    return (
        f"loaded {len(county.households)} households, {len(county.people)} people in "
        f"{time.perf_counter() - started:.1f} s"
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app

    settings = Settings.from_env()
    if settings.web_workers == 1:
        uvicorn.run(
            create_app(settings), host=settings.host, port=settings.port, log_level="warning"
        )
        return 0
    from server.auth import load_secret_key

    # Made once before the workers fork, so every worker signs with the same key.
    load_secret_key(settings.secret_key, settings.data_dir)
    uvicorn.run(
        "server.app:create_app",
        factory=True,
        workers=settings.web_workers,
        host=settings.host,
        port=settings.port,
        log_level="warning",
    )
    return 0


def _cmd_worker(args: argparse.Namespace) -> int:
    from arq.worker import run_worker
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    from server.jobs.worker import WorkerSettings

    # arq's worker exits when Redis goes away; `bangfu run` would then stop the whole app.
    # Start it again until Redis is back: jobs it was running run again (they are idempotent).
    while True:
        try:
            run_worker(WorkerSettings)  # type: ignore[arg-type]
            return 0
        except (RedisConnectionError, RedisTimeoutError, ConnectionError) as exc:
            print(
                f"bangfu worker: Redis unreachable ({type(exc).__name__}); retrying in 2 s",
                file=sys.stderr,
                flush=True,
            )
            # arq's signal handlers need its loop running; while waiting, SIGTERM just stops.
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            time.sleep(2)


def _with_graph(coro_fn: Any) -> Any:
    from graph.driver import GraphUnavailable, open_graph, verify_graph
    from server.app import graph_config

    async def runner() -> Any:
        settings = Settings.from_env()
        graph = open_graph(graph_config(settings))
        try:
            await verify_graph(graph, settings.effective_neo4j_uri)
            return await coro_fn(graph, settings)
        except GraphUnavailable as exc:
            raise SystemExit(f"bangfu: {exc}") from exc
        finally:
            await graph.close()

    return asyncio.run(runner())


def _cmd_migrate(args: argparse.Namespace) -> int:
    from graph.migrations import apply_migrations

    async def go(graph: Any, settings: Settings) -> None:
        applied = await apply_migrations(graph, now=settings.clock().now())
        print(f"bangfu: applied migrations {applied}" if applied else "bangfu: schema up to date")

    _with_graph(go)
    return 0


def _cmd_seed(args: argparse.Namespace) -> int:
    from graph.migrations import apply_migrations
    from server.demo.users import ensure_demo_users

    async def go(graph: Any, settings: Settings) -> None:
        clock = settings.clock()
        await apply_migrations(graph, now=clock.now())
        print(await _load_county(graph, args.households, args.seed, clock))
        if settings.demo:
            await ensure_demo_users(graph, settings.demo_password, now=clock.now())

    _with_graph(go)
    return 0


def _cmd_create_admin(args: argparse.Namespace) -> int:
    from graph.migrations import apply_migrations
    from graph.users import upsert_user
    from server.auth import hash_password

    password = os.environ.get("BANGFU_ADMIN_PASSWORD") or getpass.getpass("password: ")
    if len(password) < 10:
        print("bangfu: the password must have at least 10 characters", file=sys.stderr)
        return 2

    async def go(graph: Any, settings: Settings) -> None:
        now = settings.clock().now()
        await apply_migrations(graph, now=now)
        user = await upsert_user(
            graph,
            user_id=f"user-{args.username}",
            username=args.username,
            password_hash=hash_password(password),
            role="ADMIN",
            display_name=args.username,
            scope_kind="COUNTY",
            scope_id=args.scope_region,
            now=now,
        )
        print(f"bangfu: administrator {user.username} is ready")

    _with_graph(go)
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from server.services.imports import import_file_now

    async def go(graph: Any, settings: Settings) -> int:
        ok, report = await import_file_now(
            graph, args.file.read_bytes(), args.file.name, clock=settings.clock()
        )
        print_json(report)
        return 0 if ok else 1

    return int(_with_graph(go))


def _cmd_export_schema(args: argparse.Namespace) -> int:
    from server.graphql.schema import build_schema

    sdl = build_schema(production=False).as_str() + "\n"
    if args.out:
        args.out.write_text(sdl, encoding="utf-8")
    else:
        sys.stdout.write(sdl)
    return 0


def _cmd_security_doc(args: argparse.Namespace) -> int:
    from server import security_doc

    if args.check:
        current = security_doc.DOC_PATH.read_text(encoding="utf-8")
        stale = security_doc.render(current) != current
        if stale:
            print("docs/security.md is stale: run `bangfu security-doc`", file=sys.stderr)
        return int(stale)
    changed = security_doc.write()
    print(f"{security_doc.DOC_PATH}: {'rewritten' if changed else 'up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
