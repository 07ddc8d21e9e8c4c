"""The dashboard's GraphQL types: counts, shares and spreads of a region, no identity."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.dashboard import (
    Coverage,
    DashboardFigures,
    FirstVisit,
    NeedFigures,
    RegionRef,
    StationFigures,
)
from server.graphql.types.vocabulary import NeedKind, NeedStatus, RegionLevel, WarningLevel
from server.services.dashboard import load_spread, share


@strawberry.type(description="A region on the dashboard (县/乡镇/村).")
class DashboardRegion:
    id: strawberry.ID
    name: str
    level: RegionLevel

    @classmethod
    def of(cls, r: RegionRef) -> DashboardRegion:
        return cls(id=strawberry.ID(r.id), name=r.name, level=RegionLevel(r.level))


@strawberry.type(description="Households of a region and how far they are followed.")
class CoverageFigures:
    region: DashboardRegion
    households: int
    assigned: int = strawberry.field(description="With an active responsible worker.")
    assigned_share: float = strawberry.field(description="assigned / households, 0–1.")
    unassigned: int
    red: int
    orange: int
    red_unassigned: int
    orange_unassigned: int
    active_matches: int
    overdue: int = strawberry.field(description="Active matches past their follow-up date.")
    overdue_rate: float = strawberry.field(description="overdue / activeMatches, 0–1.")

    @classmethod
    def of(cls, c: Coverage) -> CoverageFigures:
        return cls(
            region=DashboardRegion.of(c.region),
            households=c.households,
            assigned=c.assigned,
            assigned_share=share(c.assigned, c.households),
            unassigned=c.households - c.assigned,
            red=c.red,
            orange=c.orange,
            red_unassigned=c.red_unassigned,
            orange_unassigned=c.orange_unassigned,
            active_matches=c.active_matches,
            overdue=c.overdue,
            overdue_rate=share(c.overdue, c.active_matches),
        )


@strawberry.type(description="Workers' load as a percentage of their limit: a box plot.")
class LoadSpreadFigures:
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


@strawberry.type(description="A station's coverage and its workers' caseloads.")
class StationCoverage:
    id: strawberry.ID
    name: str
    township_ids: list[strawberry.ID]
    households: int
    assigned: int
    assigned_share: float
    red_unassigned: int = strawberry.field(description="Red households without a worker.")
    overdue: int
    workers: int
    workers_at_limit: int = strawberry.field(description="Workers at or over their limit.")
    load_spread: LoadSpreadFigures | None

    @classmethod
    def of(cls, s: StationFigures) -> StationCoverage:
        spread = load_spread([(w.load, w.limit) for w in s.workers])
        return cls(
            id=strawberry.ID(s.id),
            name=s.name,
            township_ids=[strawberry.ID(t) for t in s.township_ids],
            households=s.households,
            assigned=s.assigned,
            assigned_share=share(s.assigned, s.households),
            red_unassigned=s.red_unassigned,
            overdue=s.overdue,
            workers=len(s.workers),
            workers_at_limit=sum(1 for w in s.workers if w.limit and w.load >= w.limit),
            load_spread=LoadSpreadFigures(
                minimum=spread.minimum,
                q1=spread.q1,
                median=spread.median,
                q3=spread.q3,
                maximum=spread.maximum,
            )
            if spread
            else None,
        )


@strawberry.type(description="Alerts raised in one week (from its Monday) at one level.")
class AlertWeekFigures:
    week: date
    level: WarningLevel
    count: int


@strawberry.type(description="How soon a home visit followed the alerts of one level.")
class FirstVisitFigures:
    level: WarningLevel
    alerts: int
    visited: int
    median_hours: float | None
    within_1d: int
    within_3d: int
    within_7d: int
    later: int

    @classmethod
    def of(cls, f: FirstVisit) -> FirstVisitFigures:
        return cls(
            level=WarningLevel(f.level),
            alerts=f.alerts,
            visited=f.visited,
            median_hours=round(f.median_hours, 1) if f.median_hours is not None else None,
            within_1d=f.within_1d,
            within_3d=f.within_3d,
            within_7d=f.within_7d,
            later=f.later,
        )


@strawberry.type(description="Needs of one kind in one status.")
class NeedCount:
    kind: NeedKind
    status: NeedStatus
    count: int
    estimated_cost: int = strawberry.field(description="Yuan, the needs' own estimates.")

    @classmethod
    def of(cls, n: NeedFigures) -> NeedCount:
        return cls(
            kind=NeedKind(n.kind),
            status=NeedStatus(n.status),
            count=n.count,
            estimated_cost=n.estimated_cost,
        )


@strawberry.type(
    description="Funds by need status. Until the marketplace records pledged and paid "
    "amounts, these are the needs' estimated costs (source NEED_ESTIMATES)."
)
class FundsFigures:
    source: str
    pledged: int
    disbursed: int


@strawberry.type(description="A region's dashboard: coverage, follow-ups, alerts, needs.")
class Dashboard:
    region: DashboardRegion
    path: list[DashboardRegion] = strawberry.field(description="From the county down.")
    totals: CoverageFigures
    parts: list[CoverageFigures] = strawberry.field(
        description="Townships of a county, villages of a township (the drill-down)."
    )
    stations: list[StationCoverage]
    alert_weeks: list[AlertWeekFigures]
    first_visits: list[FirstVisitFigures]
    needs: list[NeedCount]
    funds: FundsFigures

    @classmethod
    def of(cls, d: DashboardFigures) -> Dashboard:
        total = Coverage(
            region=d.region,
            households=sum(p.households for p in d.parts),
            assigned=sum(p.assigned for p in d.parts),
            red=sum(p.red for p in d.parts),
            orange=sum(p.orange for p in d.parts),
            red_unassigned=sum(p.red_unassigned for p in d.parts),
            orange_unassigned=sum(p.orange_unassigned for p in d.parts),
            active_matches=sum(p.active_matches for p in d.parts),
            overdue=sum(p.overdue for p in d.parts),
        )
        return cls(
            region=DashboardRegion.of(d.region),
            path=[DashboardRegion.of(p) for p in d.path],
            totals=CoverageFigures.of(total),
            parts=[CoverageFigures.of(p) for p in d.parts],
            stations=[StationCoverage.of(s) for s in d.stations],
            alert_weeks=[
                AlertWeekFigures(week=w.week, level=WarningLevel(w.level), count=w.count)
                for w in d.alert_weeks
            ],
            first_visits=[FirstVisitFigures.of(f) for f in d.first_visits],
            needs=[NeedCount.of(n) for n in d.needs],
            funds=FundsFigures(
                source="NEED_ESTIMATES",
                pledged=sum(n.estimated_cost for n in d.needs if n.status == "PLEDGED"),
                disbursed=sum(n.estimated_cost for n in d.needs if n.status == "FULFILLED"),
            ),
        )
