"""The embedded Neo4j: building the Java launcher in `neo4j-embedded/` and running it.

The launcher (`org.bangfu.neo4j.Launcher`) runs Neo4j 5.26 Community in one JVM with a Bolt
connector on 127.0.0.1 and authentication off, so a driver connects with `auth=None`. Its
directory layout under `data_dir`: the store in `data/`, Neo4j's own logs in `logs/` (debug.log),
and this module's copy of the launcher's output in `logs/bangfu-launcher.log`.

    server = start_embedded_neo4j(port=free_port(), data_dir=Path("/tmp/x"))
    ...  # neo4j.AsyncGraphDatabase.driver(server.uri, auth=None)
    server.stop()

The JVM runs in its own session, so Ctrl-C in a terminal reaches the Python parent only and the
parent stops Neo4j cleanly. With `stop_with_parent` (the default) the launcher also shuts down
when its standard input closes, which happens when the parent dies without stopping it.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

log = logging.getLogger(__name__)

LAUNCHER_DIR: Path = Path(__file__).resolve().parent / "neo4j-embedded"
LAUNCHER_TARGET: Path = LAUNCHER_DIR / "target"
LAUNCHER_JAR: Path = LAUNCHER_TARGET / "bangfu-neo4j.jar"
LAUNCHER_LIB: Path = LAUNCHER_TARGET / "lib"
MAIN_CLASS = "org.bangfu.neo4j.Launcher"

READY_PREFIX = "BANGFU-NEO4J READY "
STOPPED_LINE = "BANGFU-NEO4J STOPPED"
LAUNCHER_LOG = Path("logs") / "bangfu-launcher.log"

# The flags Neo4j's own start script passes that matter here: direct buffer and native file
# access for the page cache and transaction logs (without them Neo4j falls back to slower
# paths and warns in debug.log), and no JMX for log4j.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "-Djava.awt.headless=true",
)

_SIZE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
_TAIL_LINES = 60
_BUILD_TIMEOUT = 1800.0


class EmbeddedNeo4jError(RuntimeError):
    """The embedded Neo4j could not be built, started or stopped; the message says why."""


class LauncherBuildError(EmbeddedNeo4jError):
    """`mvn package` for the launcher failed or is not possible here."""


# --------------------------------------------------------------------------------------------
# Building


def _launcher_sources() -> list[Path]:
    sources = [LAUNCHER_DIR / "pom.xml"]
    src = LAUNCHER_DIR / "src"
    if src.is_dir():
        sources.extend(p for p in src.rglob("*") if p.is_file())
    return sources


def launcher_built() -> bool:
    """True when the launcher jar and its libraries exist and are newer than pom.xml and src/."""
    if not LAUNCHER_JAR.is_file() or not LAUNCHER_LIB.is_dir():
        return False
    libs = [p.name for p in LAUNCHER_LIB.glob("*.jar")]
    if not any(n.startswith("neo4j-bolt-") for n in libs):
        return False
    if not any(re.fullmatch(r"neo4j-[0-9][0-9.]*\.jar", n) for n in libs):
        return False
    built_at = LAUNCHER_JAR.stat().st_mtime
    return all(p.stat().st_mtime <= built_at for p in _launcher_sources())


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """Serialises builds across processes (two test runs starting at once, say)."""
    LAUNCHER_TARGET.mkdir(parents=True, exist_ok=True)
    with open(LAUNCHER_TARGET / ".build.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _run_maven(timeout: float) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LauncherBuildError(
            "Maven (mvn) is not installed, so the Neo4j launcher cannot be built: "
            "install it (`apt-get install maven`, with a Java 17 JDK) or run `make install`."
        )
    cmd = [mvn, "-q", "-B", "package", "-DskipTests"]
    log.info("building the Neo4j launcher: %s (in %s)", " ".join(cmd), LAUNCHER_DIR)
    started = time.monotonic()
    try:
        result = subprocess.run(
            cmd,
            cwd=LAUNCHER_DIR,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise LauncherBuildError(
            f"building the Neo4j launcher took longer than {timeout:.0f} s "
            f"(`{' '.join(cmd)}` in {LAUNCHER_DIR}); is Maven Central reachable?"
        ) from exc
    output = result.stdout.decode("utf-8", errors="replace")
    if result.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-40:])
        raise LauncherBuildError(
            f"building the Neo4j launcher failed (`{' '.join(cmd)}` in {LAUNCHER_DIR} "
            f"exited with {result.returncode}):\n{tail}"
        )
    if not launcher_built():
        raise LauncherBuildError(
            f"`{' '.join(cmd)}` succeeded but {LAUNCHER_JAR} or the Neo4j jars in "
            f"{LAUNCHER_LIB} are missing"
        )
    log.info("built the Neo4j launcher in %.1f s", time.monotonic() - started)


def build_launcher(*, timeout: float = _BUILD_TIMEOUT) -> None:
    """Runs `mvn -q -B package -DskipTests` in LAUNCHER_DIR; raises LauncherBuildError."""
    with _build_lock():
        _run_maven(timeout)


def ensure_launcher(*, timeout: float = _BUILD_TIMEOUT) -> None:
    """Builds the launcher unless an up-to-date build is there (safe to call concurrently)."""
    if launcher_built():
        return
    with _build_lock():
        if not launcher_built():
            _run_maven(timeout)


# --------------------------------------------------------------------------------------------
# Running


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def java_binary() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("java")
    if found is None:
        raise EmbeddedNeo4jError(
            "Java is not installed: Neo4j 5.26 needs Java 17 or 21 "
            "(`apt-get install openjdk-17-jdk-headless`), or set NEO4J_URI to a running Neo4j."
        )
    return found


def launcher_command(
    *,
    port: int,
    data_dir: Path,
    heap: str = "1g",
    page_cache: str = "256m",
    stop_with_parent: bool = True,
) -> list[str]:
    """The java command line that runs the launcher (the launcher must be built)."""
    for name, value in (("heap", heap), ("page_cache", page_cache)):
        if not _SIZE.match(value):
            raise ValueError(f"{name} must look like 512m or 1g, not {value!r}")
    classpath = f"{LAUNCHER_JAR}{os.pathsep}{LAUNCHER_LIB / '*'}"
    cmd = [java_binary(), f"-Xmx{heap}", *JVM_FLAGS, "-cp", classpath, MAIN_CLASS]
    cmd += ["--port", str(port), "--data", str(data_dir), "--pagecache", page_cache]
    if stop_with_parent:
        cmd.append("--exit-on-stdin-eof")
    return cmd


class _Output:
    """Drains the launcher's stdout and stderr so the pipes never fill, keeping recent lines
    for error messages and appending everything to a log file."""

    def __init__(self, log_path: Path) -> None:
        self.ready = threading.Event()
        self.ready_uri: str | None = None
        self.stopped_cleanly = False
        self.stdout_tail: deque[str] = deque(maxlen=_TAIL_LINES)
        self.stderr_tail: deque[str] = deque(maxlen=_TAIL_LINES)
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log: IO[str] | None = open(log_path, "a", encoding="utf-8")  # noqa: SIM115

    def start(self, process: subprocess.Popen[bytes]) -> None:
        for stream, name in ((process.stdout, "stdout"), (process.stderr, "stderr")):
            if stream is None:
                continue
            thread = threading.Thread(
                target=self._pump, args=(stream, name), name=f"neo4j-{name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def _pump(self, stream: IO[bytes], name: str) -> None:
        try:
            for raw in iter(stream.readline, b""):
                line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                with self._lock:
                    if name == "stdout":
                        self.stdout_tail.append(line)
                        if line.startswith(READY_PREFIX) and self.ready_uri is None:
                            self.ready_uri = line[len(READY_PREFIX) :].strip()
                            self.ready.set()
                        elif line.strip() == STOPPED_LINE:
                            self.stopped_cleanly = True
                    else:
                        self.stderr_tail.append(line)
                    if self._log is not None:
                        self._log.write(f"[{name}] {line}\n")
                        self._log.flush()
        except (OSError, ValueError):
            pass  # the pipe was closed under us: the process is gone
        finally:
            with contextlib.suppress(OSError):
                stream.close()

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            if self._log is not None and not any(t.is_alive() for t in self._threads):
                self._log.close()
                self._log = None

    def describe(self) -> str:
        with self._lock:
            err = [line for line in self.stderr_tail if line.strip()]
            out = [line for line in self.stdout_tail if line.strip()]
        # The launcher's own one-line reasons first; a stack trace may follow them.
        own = [line for line in err if line.startswith("bangfu-neo4j:")]
        rest = [line for line in err if not line.startswith("bangfu-neo4j:")]
        parts = []
        if own:
            parts.append("\n".join(own))
        if rest:
            parts.append("stderr (last lines):\n" + "\n".join(rest[-20:]))
        if out:
            parts.append("stdout:\n" + "\n".join(out[-10:]))
        return "\n".join(parts) if parts else "(no output)"


@dataclass
class EmbeddedNeo4j:
    """A running embedded Neo4j; `stop()` it (or use it as a context manager)."""

    uri: str
    port: int
    data_dir: Path
    process: subprocess.Popen[bytes]
    _output: _Output | None = field(default=None, repr=False, compare=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    @property
    def stopped_cleanly(self) -> bool:
        """True once the launcher has reported a clean shutdown."""
        return self._output is not None and self._output.stopped_cleanly

    @property
    def log_path(self) -> Path:
        return self.data_dir / LAUNCHER_LOG

    def output_tail(self) -> str:
        return self._output.describe() if self._output is not None else ""

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM (Neo4j shuts down cleanly), wait up to `timeout`, then SIGKILL."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning(
                    "Neo4j (pid %d) did not stop within %.0f s of SIGTERM; killing it",
                    self.process.pid,
                    timeout,
                )
                _kill_group(self.process)
                self.process.wait()
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if self._output is not None:
            self._output.join(5)

    def __enter__(self) -> EmbeddedNeo4j:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    # The JVM leads its own process group (start_new_session), so this reaches all of it.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()


def start_embedded_neo4j(
    *,
    port: int,
    data_dir: Path,
    heap: str = "1g",
    startup_timeout: float = 180,
    page_cache: str = "256m",
    stop_with_parent: bool = True,
) -> EmbeddedNeo4j:
    """Starts Neo4j on bolt://127.0.0.1:`port` with its home in `data_dir` and returns once it
    accepts connections. Builds the launcher first if needed (that time is not counted in
    `startup_timeout`). Raises EmbeddedNeo4jError, with the launcher's own words, when it
    exits early (a port in use, a store locked by another Neo4j) or is not ready in time.

    `stop_with_parent=False` lets the server outlive this process (stop it by its pid)."""
    ensure_launcher()
    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    cmd = launcher_command(
        port=port,
        data_dir=data_dir,
        heap=heap,
        page_cache=page_cache,
        stop_with_parent=stop_with_parent,
    )
    output = _Output(data_dir / LAUNCHER_LOG)
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            cmd,
            cwd=data_dir,  # a JVM crash report (hs_err_pid*.log) lands beside the data
            stdin=subprocess.PIPE if stop_with_parent else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        output.join(0)
        raise EmbeddedNeo4jError(f"could not run {cmd[0]}: {exc}") from exc
    output.start(process)
    server = EmbeddedNeo4j(
        uri=f"bolt://127.0.0.1:{port}", port=port, data_dir=data_dir, process=process
    )
    server._output = output

    deadline = started + startup_timeout
    while not output.ready.wait(0.05):
        code = process.poll()
        if code is not None:
            output.join(5)
            server.stop()
            raise EmbeddedNeo4jError(
                f"the Neo4j launcher exited with code {code} before it was ready "
                f"(port {port}, data {data_dir}):\n{output.describe()}"
            )
        if time.monotonic() > deadline:
            server.stop(timeout=30)
            raise EmbeddedNeo4jError(
                f"Neo4j was not ready on port {port} within {startup_timeout:.0f} s "
                f"(data {data_dir}; see {data_dir / 'logs' / 'debug.log'}):\n{output.describe()}"
            )
    if output.ready_uri:
        server.uri = output.ready_uri
    log.info(
        "Neo4j ready at %s in %.1f s (pid %d, data %s)",
        server.uri,
        time.monotonic() - started,
        process.pid,
        data_dir,
    )
    return server
