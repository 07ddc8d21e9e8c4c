"""A throw-away stack for fault tests: its own Neo4j, Redis, web server and arq worker, each
a process the test may kill and start again without touching the session-wide services."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from server.neo4j_launcher import EmbeddedNeo4j, free_port, start_embedded_neo4j
from server.redis_server import LocalRedis, start_local_redis
from tests.support.processes import AppProcess, app_env, start_process, start_web

# Short enough that a killed worker's job runs again within seconds (timeout + 10 s), long
# enough for a plan or an import of the fault county on a busy two-core machine.
JOB_TIMEOUT_S = 60


@dataclass
class FaultStack:
    root: Path
    neo4j: EmbeddedNeo4j
    redis: LocalRedis
    redis_port: int
    web: AppProcess | None = None
    worker: subprocess.Popen[bytes] | None = None
    workers_started: int = field(default=0)

    @property
    def env(self) -> dict[str, str]:
        env = app_env(
            neo4j_uri=self.neo4j.uri,
            redis_url=f"redis://127.0.0.1:{self.redis_port}/0",
            data_dir=self.root / "app",
            port=0,
        )
        env["BANGFU_JOB_TIMEOUT"] = str(JOB_TIMEOUT_S)
        return env

    # --- the arq worker ------------------------------------------------------------------

    def start_worker(self) -> None:
        self.workers_started += 1
        (self.root / "app").mkdir(parents=True, exist_ok=True)
        log = self.root / "app" / f"worker-{self.workers_started}.log"
        self.worker = start_process("worker", self.env, log)

    def kill_worker(self) -> None:
        """SIGKILL: no shutdown hook runs, the job stays in Redis marked in progress."""
        assert self.worker is not None
        self.worker.send_signal(signal.SIGKILL)
        self.worker.wait(10)

    def stop_worker(self) -> None:
        if self.worker is not None and self.worker.poll() is None:
            self.worker.terminate()
            try:
                self.worker.wait(15)
            except subprocess.TimeoutExpired:
                self.worker.kill()
                self.worker.wait()

    # --- Neo4j ---------------------------------------------------------------------------

    def kill_neo4j(self) -> None:
        """SIGKILL the launcher's JVM: no shutdown, no flush beyond what was committed."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.neo4j.pid, signal.SIGKILL)
        self.neo4j.process.wait(15)
        self.neo4j.stop()  # closes pipes and the output threads

    def restart_neo4j(self) -> None:
        """The same data directory on the same port, so the running app reconnects."""
        self.neo4j = start_embedded_neo4j(
            port=self.neo4j.port, data_dir=self.neo4j.data_dir, heap="512m"
        )

    # --- Redis ---------------------------------------------------------------------------

    def stop_redis(self) -> None:
        self.redis.stop()

    def start_redis(self) -> None:
        self.redis = start_local_redis(port=self.redis_port, data_dir=self.root / "redis")

    def stop(self) -> None:
        self.stop_worker()
        if self.web is not None:
            self.web.stop()
        self.redis.stop()
        self.neo4j.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def start_fault_stack(*, households: int, seed: int) -> FaultStack:
    root = Path(tempfile.mkdtemp(prefix="bangfu-faults-"))
    neo4j = start_embedded_neo4j(port=free_port(), data_dir=root / "neo4j", heap="512m")
    redis_port = free_port()
    try:
        redis = start_local_redis(port=redis_port, data_dir=root / "redis")
    except Exception:
        neo4j.stop()
        raise
    stack = FaultStack(root=root, neo4j=neo4j, redis=redis, redis_port=redis_port)
    try:
        _seed(stack, households=households, seed=seed)
        stack.start_worker()  # boots while the web server does
        stack.web = start_web(
            neo4j_uri=neo4j.uri, redis_url=redis.url, data_dir=root / "app", timeout=120
        )
    except Exception:
        stack.stop()
        raise
    return stack


def _seed(stack: FaultStack, *, households: int, seed: int) -> None:
    from server.cli import _prepare
    from server.settings import Settings

    env = stack.env
    env["BANGFU_DEMO_HOUSEHOLDS"] = str(households)
    env["BANGFU_DEMO_SEED"] = str(seed)
    asyncio.run(_prepare(Settings.from_env(env), seed=True))


def wait_until_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            r = httpx.get(url + "/healthz", timeout=5)
            if r.status_code == 200:
                return
            last = r.text
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.2)
    raise AssertionError(f"the app did not become healthy within {timeout} s: {last}")
