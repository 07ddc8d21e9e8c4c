"""The layering rules of docs/architecture.md, checked on the source text (no services).

Each rule is a small checker over Python source; the tests run it on the tree and, so that a
rule cannot pass by checking nothing, on a snippet that breaks it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 500

# Modules whose import means I/O, or a second clock, in code that must have neither.
IO_MODULES = frozenset(
    {
        "socket",
        "requests",
        "httpx",
        "urllib",
        "aiohttp",
        "neo4j",
        "redis",
        "arq",
        "subprocess",
        "starlette",
        "strawberry",
        "shutil",
        "pathlib",
        "sqlite3",
    }
)
# Calls that read the environment, the file system or the wall clock.
IO_CALLS = frozenset(
    {
        "open",
        "os.environ",
        "os.getenv",
        "time.time",
        "datetime.now",
        "datetime.utcnow",
        "datetime.today",
        "date.today",
        "datetime.datetime.now",
        "datetime.date.today",
    }
)

CYPHER = re.compile(
    r"\b(?:OPTIONAL\s+)?MATCH\s*\(|\bMERGE\s*\(|\bCREATE\s*\(|\bUNWIND\s+\$|\bDETACH\s+DELETE\b"
)
# Calls that send a statement to Neo4j: `tx.run`, `session.run`, `….execute_query`.
RUN_RECEIVERS = frozenset({"tx", "session", "transaction"})


def _python_files(*packages: str) -> Iterator[Path]:
    for package in packages:
        yield from sorted((ROOT / package).rglob("*.py"))


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported_modules(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def forbidden_imports(source: str, forbidden_roots: frozenset[str]) -> list[str]:
    """Imported modules whose top-level package is forbidden."""
    return [m for m in _imported_modules(ast.parse(source)) if m.split(".")[0] in forbidden_roots]


def io_calls(source: str) -> list[str]:
    """Uses of the environment, files and the wall clock (`os.environ` even unread)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name in IO_CALLS:
                found.append(name)
        elif isinstance(node, ast.Attribute) and _dotted(node) == "os.environ":
            found.append("os.environ")
    return found


def _strings(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def cypher_strings(source: str) -> list[str]:
    """String literals that read as Cypher statements (docstrings included: keep them prose)."""
    return [s for s in _strings(ast.parse(source)) if CYPHER.search(s)]


def _has_cypher(node: ast.AST) -> bool:
    return any(CYPHER.search(s) for s in _strings(node))


def _composed(node: ast.AST) -> bool:
    """True when `node` builds a string at run time rather than joining literal constants.

    Allowed: a literal, a name or attribute (a module constant or a `LiteralString`
    parameter), and `+` of allowed parts. Anything else (f-string, `%`, `.format`, a call)
    could carry a value into the statement text."""
    if isinstance(node, ast.Constant | ast.Name | ast.Attribute | ast.Starred):
        return False  # a starred argument forwards a statement it did not build
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _composed(node.left) or _composed(node.right)
    return True


def _sends_statement(func: ast.AST) -> bool:
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr == "execute_query":
        return True
    receiver = _dotted(func.value) or ""
    return func.attr == "run" and receiver.rsplit(".", 1)[-1] in RUN_RECEIVERS


def _formats_cypher(node: ast.AST) -> bool:
    """An f-string, `%` or `.format` whose text reads as Cypher."""
    if isinstance(node, ast.JoinedStr):
        return _has_cypher(node)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _has_cypher(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _has_cypher(node.func.value)
    return False


def _runs_built_statement(node: ast.AST) -> bool:
    """A call that sends Neo4j a statement built at run time."""
    return (
        isinstance(node, ast.Call)
        and _sends_statement(node.func)
        and bool(node.args)
        and _composed(node.args[0])
    )


def formatted_cypher(source: str) -> list[int]:
    """Lines where Cypher text is built by formatting, or a run call gets a built string."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.expr) and (_formats_cypher(node) or _runs_built_statement(node))
    ]


def _violations(packages: tuple[str, ...], check: object) -> dict[str, object]:
    assert callable(check)
    found = {}
    for path in _python_files(*packages):
        result = check(path.read_text(encoding="utf-8"))
        if result:
            found[str(path.relative_to(ROOT))] = result
    return found


# ---- matching/ is pure ------------------------------------------------------------------


def test_matching_imports_nothing_from_server_graph_or_io() -> None:
    roots = frozenset({"server", "graph", "tests"}) | IO_MODULES
    assert _violations(("matching",), lambda s: forbidden_imports(s, roots)) == {}
    assert forbidden_imports("from graph.households import HouseholdRow", roots)
    assert forbidden_imports("import neo4j", roots)


def test_matching_reads_no_environment_files_or_wall_clock() -> None:
    assert _violations(("matching",), io_calls) == {}
    assert io_calls("import os\nx = os.environ['A']")
    assert io_calls("from datetime import date\nd = date.today()")
    assert io_calls("import time\nt = time.time()")
    assert io_calls("f = open('x')")
    assert not io_calls("import time\nt = time.perf_counter()")


# ---- graph/ reads and writes, nothing more ----------------------------------------------


def test_graph_imports_nothing_from_server_or_matching() -> None:
    roots = frozenset({"server", "matching", "tests"})
    assert _violations(("graph",), lambda s: forbidden_imports(s, roots)) == {}
    assert forbidden_imports("from server.registry.vocabulary import CAUSES", roots)


def test_only_graph_contains_cypher() -> None:
    # Tests may read the database directly to check what a call left behind.
    assert _violations(("server", "matching"), cypher_strings) == {}
    assert cypher_strings('Q = "MATCH (h:Household) RETURN h"')
    assert cypher_strings('Q = "UNWIND $rows AS row CREATE (n:Need)"')
    assert not cypher_strings('label = "Match (配对) status"')


def test_no_cypher_built_by_string_formatting() -> None:
    assert _violations(("graph", "server", "tests"), formatted_cypher) == {}
    bad = [
        "q = f\"MATCH (h:Household {{id: '{x}'}}) RETURN h\"",
        'q = "MATCH (h:%s) RETURN h" % label',
        'q = "MATCH (h:{}) RETURN h".format(label)',
        "async def f(tx, label):\n    await tx.run(_Q + label.upper())",
        "async def f(graph, where):\n    await graph.driver.execute_query(f'{_Q} {where}')",
    ]
    for snippet in bad:
        assert formatted_cypher(snippet), snippet
    good = "_Q = 'MATCH (h) ' + 'RETURN h'\nasync def f(tx):\n    await tx.run(_Q + _TAIL, id=1)"
    assert not formatted_cypher(good)


# ---- size ---------------------------------------------------------------------------------


def long_modules(packages: tuple[str, ...], limit: int = MAX_LINES) -> dict[str, int]:
    sizes = {}
    for path in _python_files(*packages):
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > limit:
            sizes[str(path.relative_to(ROOT))] = n
    return sizes


def test_no_module_over_500_lines() -> None:
    assert long_modules(("server", "graph", "matching", "tests")) == {}
    assert long_modules(("graph",), limit=10)  # the measure sees a long module


@pytest.mark.parametrize("package", ["server", "graph", "matching", "tests"])
def test_every_package_is_scanned(package: str) -> None:
    # A moved or renamed directory must not silently empty a rule.
    assert any(_python_files(package))


# ---- graph/ reads return explicit projections -------------------------------------------

# A read names the properties its record uses (`a{.id, .level, …}`, `h.id AS id`): a whole
# node (`RETURN n`, `n{.*}`, `properties(n)`) leaks every property a later write adds,
# identity included, to whoever the record reaches. Allowed: `properties(n) AS before|after`,
# the audit's before/after image of a change (it records the whole node on purpose).
_AUDIT_IMAGE = re.compile(r"properties\(\s*\w+\s*\)\s+AS\s+(before|after)\b", re.I)
_RETURN_END = re.compile(r"\b(ORDER\s+BY|SKIP|LIMIT|UNION)\b|\}", re.I)


def _top_level_items(text: str) -> list[str]:
    items, depth, current = [], 0, ""
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    return [*items, current]


def whole_node_returns(cypher: str) -> list[str]:
    """The variables a statement returns whole (nodes or relationships it binds)."""
    text = _AUDIT_IMAGE.sub("", cypher)
    found = re.findall(r"\b(\w+)\s*\{\s*\.\*", text)
    found += [f"properties({v})" for v in re.findall(r"properties\(\s*(\w+)\s*\)", text)]
    for clause in re.finditer(r"\bRETURN\s+(?:DISTINCT\s+)?(.*?)(?=\bRETURN\b|$)", text, re.S):
        body = clause.group(1)
        end = _RETURN_END.search(body)
        for item in _top_level_items(body[: end.start()] if end else body):
            bare = re.fullmatch(r"\s*(\w+)(?:\s+AS\s+\w+)?\s*", item, re.I)
            bound = bare and re.search(r"[(\[]\s*" + bare.group(1) + r"\s*[:)\]\s{]", text)
            if bare and bound:
                found.append(bare.group(1))
    return found


def _module_statements(source: str) -> list[str]:
    """Every string in the module, and each module constant built by `+` of constants and
    other constants (resolved; a name from another module reads as a projection)."""
    tree = ast.parse(source)
    known: dict[str, str] = {}

    def value(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return known.get(node.id, "x{.id}")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = value(node.left), value(node.right)
            return None if left is None or right is None else left + right
        return None

    composed = []
    for stmt in tree.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else getattr(stmt, "target", None)
        text = (
            value(stmt.value)
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value
            else None
        )
        if isinstance(target, ast.Name) and text is not None:
            known[target.id] = text
            if isinstance(stmt.value, ast.BinOp | ast.Name):
                composed.append(text)
    return [*_strings(tree), *composed]


def whole_node_counts(packages: tuple[str, ...] = ("graph",)) -> dict[str, int]:
    counts = {}
    for path in _python_files(*packages):
        found = [
            v
            for s in _module_statements(path.read_text(encoding="utf-8"))
            if re.search(r"\bRETURN\b", s)
            for v in whole_node_returns(s)
        ]
        if found:
            counts[str(path.relative_to(ROOT))] = len(found)
    return counts


def test_graph_reads_return_explicit_projections() -> None:
    # Every module is converted (December 2026): none may return a whole node again.
    assert whole_node_counts() == {}, "return named properties (a projection), not whole nodes"


def test_the_projection_rule_sees_whole_nodes() -> None:
    assert whole_node_returns("MATCH (n:Need {id: $id}) RETURN n") == ["n"]
    assert whole_node_returns("MATCH (a:Alert) RETURN a AS alert ORDER BY a.id") == ["a"]
    assert whole_node_returns("MATCH (n:Need) RETURN n{.*}") == ["n"]
    assert whole_node_returns("MATCH (n:Need) RETURN properties(n) AS props") == ["properties(n)"]
    assert whole_node_returns("MATCH (v)-[:OF]->(m) RETURN COLLECT { RETURN v } AS vs") == ["v"]
    assert whole_node_returns("MATCH (n:Need) RETURN n{.id, .kind} AS n, count(*) AS c") == []
    assert whole_node_returns("MATCH (n) WITH n, properties(n) AS before RETURN before") == []
    assert whole_node_returns("UNWIND $ids AS id MATCH (n {id: id}) RETURN id, n.kind") == []
    composed = 'A = "MATCH (h:Household) "\nB = A + "RETURN h"\n'
    assert any(whole_node_returns(s) for s in _module_statements(composed))
