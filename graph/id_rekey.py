"""Migration 8: ids that carried personal data become random.

Imports used to name people `p-imp-` + sha1(ID number)[:20] and households `hh-imp-` +
sha1(household_ref)[:20]; an unsalted hash of an 18-digit ID number is recovered by brute
force in seconds. Each such node gets `p-` / `hh-` + a random UUID4 (hex), and every
property anywhere in the graph that mentions an old id, whole or inside a text (a match's
`household_id`, an alert's, an audit entry's `entity_id` and its JSON before/after, a
stored plan input, an escalation's key, a notification's subject), is rewritten.
Relationships are between nodes, not ids, so they survive as they are.

Crash-safe in three idempotent steps: (1) each old node gets its new id in `rekey_to`;
(2) every mention of an old id is rewritten to the new one; (3) each node takes its new id.
A household keeps the digest of its ref (not personal data) as `legacy_import_digest`, so
a file imported before the migration still finds its households again.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, LiteralString

from graph.driver import Graph

OLD_ID = re.compile(r"\b(?:hh|p)-imp-[0-9a-f]{20}\b")

_ASSIGN: LiteralString = """
MATCH (n) WHERE (n:Household AND n.id STARTS WITH 'hh-imp-')
             OR (n:Person AND n.id STARTS WITH 'p-imp-')
WITH n WHERE n.rekey_to IS NULL
RETURN n.id AS old, n:Household AS household
"""

_SET_TARGETS: LiteralString = """
UNWIND $pairs AS pair
MATCH (n {id: pair.old}) WHERE n.rekey_to IS NULL
SET n.rekey_to = pair.new
"""

_MAPPING: LiteralString = """
MATCH (n) WHERE n.rekey_to IS NOT NULL
RETURN n.id AS old, n.rekey_to AS new
"""

# Any node or relationship with a string, or a list of strings, that mentions '-imp-': only
# those properties come back, as [key, value] pairs, never the whole node.
_MENTIONING: LiteralString = """[k IN keys(n) WHERE
  (n[k] IS :: STRING AND n[k] CONTAINS '-imp-')
  OR (n[k] IS :: LIST<STRING NOT NULL> AND any(x IN n[k] WHERE x CONTAINS '-imp-')) | [k, n[k]]]"""

_MENTIONS_NODES: LiteralString = (
    """
MATCH (n)
WHERE any(k IN keys(n) WHERE k <> 'id' AND k <> 'rekey_to' AND (
        (n[k] IS :: STRING AND n[k] CONTAINS '-imp-')
     OR (n[k] IS :: LIST<STRING NOT NULL> AND any(x IN n[k] WHERE x CONTAINS '-imp-'))))
RETURN elementId(n) AS eid, """
    + _MENTIONING
    + """ AS mentions
"""
)

_MENTIONS_RELS: LiteralString = (
    """
MATCH ()-[n]->()
WHERE any(k IN keys(n) WHERE
        (n[k] IS :: STRING AND n[k] CONTAINS '-imp-')
     OR (n[k] IS :: LIST<STRING NOT NULL> AND any(x IN n[k] WHERE x CONTAINS '-imp-')))
RETURN elementId(n) AS eid, """
    + _MENTIONING
    + """ AS mentions
"""
)

_REWRITE_NODES: LiteralString = """
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
SET n += row.changes
"""

_REWRITE_RELS: LiteralString = """
UNWIND $rows AS row
MATCH ()-[n]->() WHERE elementId(n) = row.eid
SET n += row.changes
"""

# Other nodes whose own id embeds an old id (a notification or an escalation step keyed by
# its subject) are renamed too.
_OWN_IDS: LiteralString = """
MATCH (n) WHERE n.id CONTAINS '-imp-' AND n.rekey_to IS NULL
  AND NOT (n:Household OR n:Person)
RETURN elementId(n) AS eid, n.id AS id
"""

_SWITCH: LiteralString = """
MATCH (n) WHERE n.rekey_to IS NOT NULL
SET n.legacy_import_digest = CASE WHEN n:Household THEN substring(n.id, 7)
                                  ELSE n.legacy_import_digest END,
    n.id = n.rekey_to
REMOVE n.rekey_to
"""

BATCH = 2000


def _new_id(household: bool) -> str:
    return ("hh-" if household else "p-") + uuid.uuid4().hex


def _rewrite(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return OLD_ID.sub(lambda m: mapping.get(m.group(0), m.group(0)), value)
    if isinstance(value, list):
        return [_rewrite(v, mapping) for v in value]
    return value


def _changes(props: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    out = {}
    for key, value in props.items():
        if key in ("id", "rekey_to"):
            continue
        new = _rewrite(value, mapping)
        if new != value:
            out[key] = new
    return out


async def _run(graph: Graph, query: LiteralString, **params: Any) -> list[Any]:
    records, _, _ = await graph.driver.execute_query(query, **params, database_=graph.database)
    return list(records)


async def rekey_personal_ids(graph: Graph) -> int:
    """Re-key every id derived from personal data; returns how many nodes were re-keyed."""
    pairs = [
        {"old": r["old"], "new": _new_id(bool(r["household"]))} for r in await _run(graph, _ASSIGN)
    ]
    for i in range(0, len(pairs), BATCH):
        await _run(graph, _SET_TARGETS, pairs=pairs[i : i + BATCH])
    mapping = {r["old"]: r["new"] for r in await _run(graph, _MAPPING)}
    if not mapping:
        return 0
    for find, write in ((_MENTIONS_NODES, _REWRITE_NODES), (_MENTIONS_RELS, _REWRITE_RELS)):
        rows = []
        for r in await _run(graph, find):
            changes = _changes(dict(r["mentions"]), mapping)
            if changes:
                rows.append({"eid": r["eid"], "changes": changes})
        for i in range(0, len(rows), BATCH):
            await _run(graph, write, rows=rows[i : i + BATCH])
    own = [
        {"eid": r["eid"], "changes": {"id": _rewrite(r["id"], mapping)}}
        for r in await _run(graph, _OWN_IDS)
    ]
    for i in range(0, len(own), BATCH):
        await _run(graph, _REWRITE_NODES, rows=own[i : i + BATCH])
    await _run(graph, _SWITCH)
    return len(mapping)
