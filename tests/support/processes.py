"""Starting the real app (web server, worker) as processes for tests that go through HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from server.neo4j_launcher import free_port

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class AppProcess:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def app_env(*, neo4j_uri: str, redis_url: str, data_dir: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        env.pop(key, None)
    env.update(
        NEO4J_URI=neo4j_uri,
        REDIS_URL=redis_url,
        BANGFU_ENV="test",
        BANGFU_PORT=str(port),
        BANGFU_HOST="127.0.0.1",
        BANGFU_DATA_DIR=str(data_dir),
        BANGFU_DEMO="1",
        BANGFU_DEMO_PASSWORD="bangfu-demo",
        PYTHONUNBUFFERED="1",
    )
    return env


def start_process(command: str, env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    log = log_path.open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "server.cli", command],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_web(
    *,
    neo4j_uri: str,
    redis_url: str,
    data_dir: Path,
    timeout: float = 180,  # a loaded machine (several engineers, two cores) starts slowly
    extra_env: dict[str, str] | None = None,
) -> AppProcess:
    port = free_port()
    env = app_env(neo4j_uri=neo4j_uri, redis_url=redis_url, data_dir=data_dir, port=port)
    env.update(extra_env or {})
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / f"web-{port}.log"
    app = AppProcess(
        url=f"http://127.0.0.1:{port}",
        process=start_process("serve", env, log_path),
        log_path=log_path,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"web server exited:\n{app.log_tail()}")
        try:
            if httpx.get(app.url + "/healthz", timeout=2).status_code in (200, 503):
                return app
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    app.stop()
    raise RuntimeError(f"web server did not answer within {timeout} s:\n{app.log_tail()}")
