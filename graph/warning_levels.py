"""Household warning levels: what rescoring reads under lock and writes, and which
households a rescoring covers.

The level and score live on the household (`warning_level`, `risk_score`, `warning_score`,
`warning_indicators`, `warning_scored_at`); the alerts a rising level raises are in
`graph.alerts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.driver import Graph
from graph.scope import Scope

# ---- rescoring: read under lock, write the level ------------------------------------------

# Taking the household's write lock first serialises concurrent rescoring of one household
# (a form and a feed at once): the second reads the level the first wrote, not the old one.
_LOCK_FOR_SCORING: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household {id: id})
SET h.warning_scored_at = $now
RETURN h.id AS id
"""

_SCORING_FACTS: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household {id: id})
RETURN h.id AS id, coalesce(h.warning_level, 'NONE') AS level, coalesce(h.size, 1) AS size,
       coalesce(h.monthly_income_per_person, 0.0) AS income
"""


@dataclass(frozen=True, slots=True)
class ScoringFacts:
    household_id: str
    level: str  # as stored before this rescoring
    size: int
    monthly_income_per_person: float


async def lock_scoring_facts_tx(
    tx: AsyncManagedTransaction, *, household_ids: Sequence[str], now: datetime
) -> list[ScoringFacts]:
    """Lock the households for the rest of the transaction and read what scoring needs.
    Unknown ids are left out."""
    await tx.run(_LOCK_FOR_SCORING, ids=list(household_ids), now=now)
    result = await tx.run(_SCORING_FACTS, ids=list(household_ids))
    return [
        ScoringFacts(
            household_id=r["id"],
            level=r["level"],
            size=int(r["size"]),
            monthly_income_per_person=float(r["income"]),
        )
        async for r in result
    ]


# The score is not part of the household's version: caseload approval compares versions to
# catch edits a plan did not see, and a rescore must not invalidate every open plan.
_WRITE_SCORES: LiteralString = """
UNWIND $rows AS row
MATCH (h:Household {id: row.id})
SET h.warning_level = row.level, h.risk_score = row.risk_score,
    h.warning_score = row.score, h.warning_indicators = row.indicators
"""


@dataclass(frozen=True, slots=True)
class ScoreUpdate:
    household_id: str
    level: str
    score: float
    indicators: tuple[str, ...]


async def write_scores_tx(tx: AsyncManagedTransaction, *, updates: Sequence[ScoreUpdate]) -> None:
    await tx.run(
        _WRITE_SCORES,
        rows=[
            {
                "id": u.household_id,
                "level": u.level,
                "score": u.score,
                "risk_score": min(1.0, u.score),  # risk_score is 0..1 across the registry
                "indicators": list(u.indicators),
            }
            for u in updates
        ],
    )


# ---- which households to rescore ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WatchScope:
    """At most one of these narrows a list or a pass: a worker's households, a station's,
    or a region's (village, township or county)."""

    worker_id: str | None = None
    station_id: str | None = None
    region_id: str | None = None

    def params(self) -> dict[str, Any]:
        return {
            "worker_id": self.worker_id,
            "station_id": self.station_id,
            "region_id": self.region_id,
        }


# Households scored before (their level must fall as events age) or with events to score;
# a household never reported on keeps the level the registry gave it.
_TO_RESCORE: LiteralString = """
MATCH (h:Household)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
  AND ($station_id IS NULL
       OR EXISTS { MATCH (:Station {id: $station_id})-[:SERVES]->(:Region {id: h.township_id}) })
  AND ($worker_id IS NULL OR EXISTS {
         MATCH (h)<-[:FOR]-(:Match {status: 'ACTIVE'})-[:BY]->(:SocialWorker {id: $worker_id}) })
  AND (h.warning_scored_at IS NOT NULL OR EXISTS { MATCH (h)<-[:CONCERNS]-(:IndicatorEvent) })
RETURN h.id AS id ORDER BY id
"""


async def households_to_rescore(graph: Graph, *, scope: Scope, watch: WatchScope) -> list[str]:
    records, _, _ = await graph.driver.execute_query(
        _TO_RESCORE, **scope.params(), **watch.params(), database_=graph.database, routing_="r"
    )
    return [str(r["id"]) for r in records]
