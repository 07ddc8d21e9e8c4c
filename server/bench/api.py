"""`bangfu bench api`: closed-loop clients against the real stack's GraphQL endpoint.

Two phases of `seconds` each, N clients each: the household page (the frontend's
`Household` document) and the households list of 50 with `totalCount` (the frontend's
`Households` document). Half the clients use the coordinator's token, half the station
manager's, each asking for households in its own scope. Without `BANGFU_URL` the bench
starts its own Neo4j, Redis and web server on free ports with the demo county and stops them
after; the Cypher round trips per request come from the response's `cypherQueries`
extension (absent in production). The stack it starts runs DEFAULT_WEB_WORKERS uvicorn
processes, and the bench reports the CPU each request cost the web server and Neo4j
(`page_web_cpu_ms`, `page_neo4j_cpu_ms`, ...) with the machine's load average: on a shared
machine the throughput says as much about the neighbours as about the code.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from server.neo4j_launcher import free_port

PAGE_DOCUMENT = """
query Household($id: ID!) {
  household(id: $id) {
    id tier dibaoClass causes specialGroups size monthlyIncomePerPerson warningLevel
    riskScore nextReviewDue version
    village { id name } township { id name } location { lat lon }
    identity { headName address phone }
    members { id relation sex age disabilityGrade chronicIllness seriousIllness canWork
      identity { name idNumber } }
    needs { id kind description estimatedCost urgency status }
    worker { id name sex phone caseloadLimit currentLoad reachKm travelMode skills languages
      station { id name } }
  }
}
"""

LIST_DOCUMENT = """
query Households($first: Int!, $after: String, $filter: HouseholdFilter) {
  households(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id tier dibaoClass causes warningLevel size
      identity { headName } village { id name } township { id name } worker { id name } } }
  }
}
"""

LOGIN_DOCUMENT = """
mutation ($username: String!, $password: String!) {
  login(username: $username, password: $password) { __typename ... on LoginSuccess { token } }
}
"""

LIST_SIZE = 50
DEFAULT_WEB_WORKERS = 2  # one per core of the machine the targets were set on


def _process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (uvicorn's workers are children of its supervisor)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending += [int(c) for c in children]
        except OSError:
            continue
    return found


def cpu_seconds(pids: list[int]) -> float | None:
    """CPU time (user + system) used so far by these processes and their descendants, from
    /proc; None where there is no /proc. On a machine shared with other work, CPU per
    request says more than requests per second."""
    total = 0.0
    try:
        for pid in {p for root in pids for p in _process_tree(root)}:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return total


@dataclass(frozen=True, slots=True)
class Processes:
    """What the bench started and measures the CPU of: the web server, Neo4j."""

    web: int
    neo4j: int | None


class HttpClient:
    """One keep-alive HTTP/1.1 connection; small and cheap, so the load generator leaves
    the CPU to the server it measures."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.path = (parts.path.rstrip("/") or "") + "/graphql"
        self._conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, body: bytes, token: str | None) -> tuple[int, bytes]:
        if self._conn is None:
            self._conn = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._conn
        auth = f"Authorization: Bearer {token}\r\n" if token else ""
        head = (
            f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\n{auth}Content-Length: {len(body)}\r\n\r\n"
        )
        writer.write(head.encode() + body)
        try:
            raw = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            raise
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(
            (k.strip().lower(), v.strip()) for k, _, v in (x.partition(":") for x in lines[1:] if x)
        )
        payload = await reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, payload

    async def close(self) -> None:
        if self._conn is not None:
            self._conn[1].close()
            self._conn = None


async def graphql(
    client: HttpClient, document: str, variables: dict[str, Any], token: str | None = None
) -> dict[str, Any]:
    status, payload = await client.post(
        json.dumps({"query": document, "variables": variables}).encode(), token
    )
    body: dict[str, Any] = json.loads(payload) if payload else {}
    if status != 200:
        body.setdefault("errors", [{"message": f"HTTP {status}"}])
    return body


@dataclass
class PhaseResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    cypher: list[int] = field(default_factory=list)
    first_error: str | None = None

    cpu_ms: dict[str, float | None] = field(default_factory=dict)  # per request, by process

    def summary(self, prefix: str, seconds: float) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)

        def pct(p: float) -> float | None:
            return round(lat[min(len(lat) - 1, int(p * len(lat)))], 1) if lat else None

        return {
            f"{prefix}_rps": round(len(lat) / seconds, 1),
            f"{prefix}_p50_ms": pct(0.50),
            f"{prefix}_p95_ms": pct(0.95),
            f"{prefix}_p99_ms": pct(0.99),
            f"{prefix}_requests": len(lat),
            **{f"{prefix}_{name}_cpu_ms": ms for name, ms in self.cpu_ms.items()},
        }


Request = Callable[[HttpClient, int], Awaitable[dict[str, Any]]]


async def _closed_loop(url: str, clients: int, seconds: float, request: Request) -> PhaseResult:
    result = PhaseResult()
    deadline = time.perf_counter() + seconds

    async def one_client(index: int) -> None:
        client = HttpClient(url)
        n = 0
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    body = await request(client, index * 7919 + n)
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    body = {"errors": [{"message": repr(exc)}]}
                elapsed = (time.perf_counter() - started) * 1000
                n += 1
                if time.perf_counter() > deadline:
                    break  # finished after the window: neither counted nor an error
                if body.get("errors") or not body.get("data"):
                    result.errors += 1
                    result.first_error = result.first_error or str(body.get("errors"))[:300]
                    continue
                result.latencies_ms.append(elapsed)
                count = (body.get("extensions") or {}).get("cypherQueries")
                if isinstance(count, int):
                    result.cypher.append(count)
        finally:
            await client.close()

    await asyncio.gather(*(one_client(i) for i in range(clients)))
    return result


@dataclass(frozen=True, slots=True)
class Audience:
    token: str
    household_ids: tuple[str, ...]
    cursors: tuple[str | None, ...]  # starts of list pages in this audience's scope


async def login(client: HttpClient, username: str, password: str) -> str:
    """A demo user's token (the benches sign in as the roles they measure)."""
    body = await graphql(client, LOGIN_DOCUMENT, {"username": username, "password": password})
    token = ((body.get("data") or {}).get("login") or {}).get("token")
    if not token:
        raise RuntimeError(f"login as {username} failed: {body}")
    return str(token)


async def _audience(url: str, username: str, password: str) -> Audience:
    client = HttpClient(url)
    try:
        token = await login(client, username, password)
        ids: list[str] = []
        cursors: list[str | None] = [None]
        after: str | None = None
        for _ in range(8):
            body = await graphql(client, LIST_DOCUMENT, {"first": LIST_SIZE, "after": after}, token)
            page = body["data"]["households"]
            ids += [e["node"]["id"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
            cursors.append(after)
        if not ids:
            raise RuntimeError(f"{username} sees no households")
        return Audience(token=token, household_ids=tuple(ids), cursors=tuple(cursors))
    finally:
        await client.close()


async def _measured(
    url: str, clients: int, seconds: float, request: Request, processes: Processes | None
) -> PhaseResult:
    if processes is None:  # BANGFU_URL: not ours to measure
        return await _closed_loop(url, clients, seconds, request)
    named = {"web": [processes.web], "neo4j": [processes.neo4j] if processes.neo4j else []}
    before = {name: cpu_seconds(pids) for name, pids in named.items() if pids}
    result = await _closed_loop(url, clients, seconds, request)
    done = max(1, len(result.latencies_ms))
    for name, start in before.items():
        after = cpu_seconds(named[name])
        if after is not None and start is not None:
            result.cpu_ms[name] = round((after - start) * 1000 / done, 2)
    return result


async def _measure(
    url: str, clients: int, seconds: float, password: str, processes: Processes | None = None
) -> dict[str, Any]:
    load_before = os.getloadavg()
    audiences = [
        await _audience(url, "coordinator", password),
        await _audience(url, "station", password),
    ]

    async def page(client: HttpClient, n: int) -> dict[str, Any]:
        a = audiences[n % 2]
        hid = a.household_ids[(n // 2) % len(a.household_ids)]
        return await graphql(client, PAGE_DOCUMENT, {"id": hid}, a.token)

    async def listing(client: HttpClient, n: int) -> dict[str, Any]:
        a = audiences[n % 2]
        after = a.cursors[(n // 2) % len(a.cursors)]
        return await graphql(client, LIST_DOCUMENT, {"first": LIST_SIZE, "after": after}, a.token)

    await _closed_loop(url, clients, min(2.0, seconds), page)  # warm caches and connections
    pages = await _measured(url, clients, seconds, page, processes)
    await _closed_loop(url, clients, min(2.0, seconds), listing)
    lists = await _measured(url, clients, seconds, listing, processes)

    def mean(xs: list[int]) -> float | None:
        return round(sum(xs) / len(xs), 2) if xs else None

    return {
        **pages.summary("page", seconds),
        **lists.summary("list", seconds),
        "errors": pages.errors + lists.errors,
        "first_error": pages.first_error or lists.first_error,
        "cypher_per_page": mean(pages.cypher),
        "cypher_per_list": mean(lists.cypher),
        "clients": clients,
        "seconds": seconds,
        # The machine's other work: 1-minute load average before and after (2 cores here).
        "load_average_before": round(load_before[0], 2),
        "load_average_after": round(os.getloadavg()[0], 2),
    }


def _wait_healthy(url: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the web server exited while starting")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError("the web server did not become healthy")


@contextmanager
def own_stack(web_workers: int) -> Iterator[tuple[str, Processes]]:
    """Neo4j, Redis and the web server (`web_workers` uvicorn processes) on free ports, with
    the demo county; the URL and the processes to measure."""
    from server.cli import _prepare
    from server.settings import Settings
    from server.stack import Stack

    tmp = tempfile.mkdtemp(prefix="bangfu-bench-api-")
    own = {
        "BANGFU_DATA_DIR": tmp,
        "BANGFU_PORT": str(free_port()),
        "NEO4J_BOLT_PORT": str(free_port()),
        "REDIS_PORT": str(free_port()),
        "BANGFU_DEMO": "1",
        "BANGFU_ENV": "development",
        "BANGFU_WEB_WORKERS": str(web_workers),
    }
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "REDIS_URL")}
    settings = Settings.from_env({**env, **own})
    stack = Stack(settings)
    server: subprocess.Popen[bytes] | None = None
    try:
        stack.start(neo4j_data=Path(tmp) / "neo4j")
        env = {**stack.env(), **own}  # the stack's URLs and this bench's ports and data
        with redirect_stdout(sys.stderr):  # stdout carries the one JSON object
            asyncio.run(_prepare(Settings.from_env(env), seed=True))
        server = subprocess.Popen([sys.executable, "-m", "server.cli", "serve"], env=env)
        url = f"http://127.0.0.1:{settings.port}"
        _wait_healthy(url, server, timeout=90)
        yield url, Processes(web=server.pid, neo4j=stack.neo4j.pid if stack.neo4j else None)
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
        stack.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def run_api_bench(*, clients: int, seconds: float, web_workers: int | None) -> dict[str, Any]:
    """`web_workers`: uvicorn processes of the stack the bench starts (default
    DEFAULT_WEB_WORKERS; BANGFU_WEB_WORKERS when set)."""
    password = os.environ.get("BANGFU_DEMO_PASSWORD", "bangfu-demo")
    external = os.environ.get("BANGFU_URL")
    if external:
        result = asyncio.run(_measure(external.rstrip("/"), clients, seconds, password))
        result["url"] = external
        return result
    workers = web_workers or int(os.environ.get("BANGFU_WEB_WORKERS") or DEFAULT_WEB_WORKERS)
    with own_stack(workers) as (url, processes):
        result = asyncio.run(_measure(url, clients, seconds, password, processes))
    result["url"] = "own stack (throw-away, demo county)"
    result["web_workers"] = workers
    return result
