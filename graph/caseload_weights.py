"""The weight on an active match following its household's weight today.

Every load check (the optimiser's facts, plan approval, manual moves, accepting a proposal)
weighs the households themselves by the rule in `matching.caseload_weights`, which the
services pass in as `weigh`. The dashboard, the gaps, the network and the worker's page sum
`m.weight`; whatever changes a household's class or warning level calls
`refresh_match_weights_tx` in its own transaction, so the two agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many

# The weight rule (`matching.caseload_weights.caseload_weight`), handed in by the service:
# (dibao class, warning level) -> caseload units.
Weigh = Callable[[str | None, str | None], int]


def load_of(households: Iterable[Mapping[str, Any]], weigh: Weigh) -> int:
    """The sum of `weigh` over `h{.dibao_class, .warning_level}` projections."""
    return sum(weigh(h.get("dibao_class"), h.get("warning_level")) for h in households)


_STORED: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household {id: id})<-[:FOR]-(m:Match {status: 'ACTIVE'})
RETURN m.id AS match_id, m.weight AS stored, h.dibao_class AS dibao_class,
       h.warning_level AS warning_level
ORDER BY m.id
"""

# Derived, like a household's warning score: not part of the match's version.
_WRITE: LiteralString = """
UNWIND $rows AS row
MATCH (m:Match {id: row.match_id})
SET m.weight = row.weight
"""


async def refresh_match_weights_tx(
    tx: AsyncManagedTransaction,
    *,
    household_ids: Sequence[str],
    actor: Actor,
    weigh: Weigh,
    reason: str | None = None,
) -> int:
    """Write today's weight on the households' active matches where it changed (audited);
    how many changed."""
    changed: list[tuple[str, int | None, int]] = []
    async for r in await tx.run(_STORED, ids=list(household_ids)):
        weight = weigh(r["dibao_class"], r["warning_level"])
        if r["stored"] != weight:
            changed.append((r["match_id"], r["stored"], weight))
    if not changed:
        return 0
    await tx.run(_WRITE, rows=[{"match_id": m, "weight": w} for m, _, w in changed])
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry("MATCH_WEIGHT_REFRESHED", "Match", m, {"weight": s}, {"weight": w}, reason)
            for m, s, w in changed
        ],
    )
    return len(changed)
