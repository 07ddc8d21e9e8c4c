"""One clock: nothing in server/, graph/ or matching/ reads the system time (or the
machine's time zone) except server/clock.py. Everyone else receives `now`/`today` from the
request's or the job's clock, so "today" is the configured zone's date everywhere. Nor does
Cypher in graph/ ask Neo4j the time: instants come in as `$now`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("server", "graph", "matching")
THE_CLOCK = "server/clock.py"

# Modules besides the clock that may still read the system time, each with why. Empty since
# issue 9: every module receives its time; the list is kept so an exception must be named.
ALLOWED: dict[str, str] = {}

# (what the call is made on, the method): date.today(), datetime.now(), time.time() ...
READS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
}
# `from time import time` and the like, called bare.
BARE = {"time", "time_ns", "localtime", "gmtime"}


def _owner(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # datetime.datetime.now(), datetime.date.today()
        return node.attr
    return None


def clock_reads(source: str) -> list[int]:
    """Line numbers of calls that read the system clock."""
    tree = ast.parse(source)
    imported_bare = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "time"
        for alias in node.names
        if alias.name in BARE
    }
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        on_module = isinstance(func, ast.Attribute) and (_owner(func.value), func.attr) in READS
        bare = isinstance(func, ast.Name) and func.id in imported_bare
        # `.astimezone()` without a zone reads the machine's zone: "today" there is the
        # server's, not the registry's.
        local_zone = (
            isinstance(func, ast.Attribute)
            and func.attr == "astimezone"
            and not node.args
            and not node.keywords
        )
        if on_module or bare or local_zone:
            lines.append(node.lineno)
    return sorted(lines)


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def test_the_detector_sees_every_way_of_reading_the_clock() -> None:
    source = "\n".join(
        [
            "import datetime, time",
            "from time import time as now_s",
            "a = date.today()",
            "b = datetime.now(UTC)",
            "c = datetime.datetime.now()",
            "d = time.time()",
            "e = now_s()",
            "f = clock.today()",  # the injected clock: allowed
            "g = time.perf_counter()",  # a duration, not a time of day: allowed
            "h = at.astimezone()",  # the machine's zone
            "i = at.astimezone(clock.zone)",  # allowed
        ]
    )
    assert clock_reads(source) == [3, 4, 5, 6, 7, 10]


def test_only_the_clock_reads_the_system_time() -> None:
    offenders = []
    for path in _modules():
        rel = path.relative_to(ROOT).as_posix()
        if rel == THE_CLOCK or rel in ALLOWED:
            continue
        offenders += [f"{rel}:{line}" for line in clock_reads(path.read_text())]
    assert offenders == [], (
        "read the time from the request's or job's clock (server/clock.py), not the system: "
        + ", ".join(offenders)
    )


def test_the_clock_module_does_read_it() -> None:
    assert clock_reads((ROOT / THE_CLOCK).read_text()), "the detector would miss the clock itself"


def test_allowed_modules_still_need_their_entry() -> None:
    # An entry whose module no longer reads the clock must go, so the list only shrinks.
    stale = [
        rel
        for rel in ALLOWED
        if (ROOT / rel).exists() and not clock_reads((ROOT / rel).read_text())
    ]
    assert stale == [], f"drop these from ALLOWED: {stale}"


# Cypher that reads the database's clock: datetime(), date(), time(), localtime(),
# localdatetime() without an argument, timestamp(), and the .realtime() / .statement() /
# .transaction() readers of any temporal type. `date($today)` converts a value: allowed.
DATABASE_CLOCK = re.compile(
    r"(?<![\w.$])(?:datetime|date|time|localtime|localdatetime)\s*\(\s*\)"
    r"|(?<![\w.$])timestamp\s*\("
    r"|\b(?:datetime|date|time|localtime|localdatetime)\s*\.\s*(?:realtime|statement|transaction)\s*\(",
    re.IGNORECASE,
)


def database_clock_reads(source: str) -> list[int]:
    """Line numbers of string literals (Cypher) that ask Neo4j what time it is; docstrings
    are prose and skipped."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            lines += [
                node.lineno + node.value.count("\n", 0, m.start())
                for m in DATABASE_CLOCK.finditer(node.value)
            ]
    return sorted(lines)


def test_the_cypher_detector_sees_every_way_of_asking_neo4j_the_time() -> None:
    source = "\n".join(
        [
            '"""A docstring may say datetime() in prose."""',
            'A = "SET n.updated_at = datetime()"',
            'B = "WHERE d < date( )"',
            'C = "RETURN timestamp() AS ms"',
            'D = "SET x.at = localdatetime()"',
            'E = "RETURN time()"',
            "F = \"RETURN datetime.realtime('Asia/Shanghai')\"",
            'G = "RETURN date.statement()"',
            'H = "SET n.updated_at = $now, n.due = date($due_on)"',  # allowed
            "I = \"RETURN datetime($at), date(row.due_on), time('09:00')\"",  # allowed
            'J = "MATCH (v) RETURN v.date(), v.datetime() , $date()"',  # no temporal function
            'K = ("MATCH (n)\\n"\n     "SET n.at = datetime()")',
        ]
    )
    assert database_clock_reads(source) == [2, 3, 4, 5, 6, 7, 8, 13]


def test_cypher_in_graph_never_reads_the_database_clock() -> None:
    # Every instant a query writes or compares is `$now`/`$today` from the injected clock: a
    # server on a FixedClock writes its own time, and the day is China's, not the database's.
    offenders = []
    for path in sorted((ROOT / "graph").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        offenders += [f"{rel}:{line}" for line in database_clock_reads(path.read_text())]
    assert offenders == [], (
        "pass the clock's instant as $now (Actor.at or a `now` argument): " + ", ".join(offenders)
    )
