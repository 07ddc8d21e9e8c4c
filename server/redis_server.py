"""Starting Debian's `redis-server` on loopback for arq, when REDIS_URL is not set."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


class RedisUnavailable(RuntimeError):
    """Redis could not be started or reached; the message says how to fix it."""


@dataclass
class LocalRedis:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self, timeout: float = 10) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def start_local_redis(*, port: int, data_dir: Path, timeout: float = 15) -> LocalRedis:
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if binary is None:
        raise RedisUnavailable(
            "redis-server is not installed: run `make install` (it installs Debian's "
            "redis-server) or set REDIS_URL to a running Redis."
        )
    if port_in_use(port):
        raise RedisUnavailable(
            f"port {port} is already in use: stop what holds it, set REDIS_PORT to a free "
            "port, or set REDIS_URL to use a Redis that is already running."
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    # No persistence: arq's queue is rebuilt from the graph's Job nodes if it is ever lost.
    process = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(data_dir),
            "--protected-mode",
            "yes",
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RedisUnavailable(f"redis-server exited at start: {err.strip()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return LocalRedis(port=port, process=process)
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RedisUnavailable(f"redis-server did not answer on port {port} within {timeout:.0f} s")
