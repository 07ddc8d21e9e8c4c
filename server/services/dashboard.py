"""The dashboard of a region: the graph's figures, plus the shares and load spreads the
charts draw (pure arithmetic on the counts, no graph access beyond the one read)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from graph.dashboard import ALERT_WEEKS, DashboardFigures, dashboard_figures, home_region
from graph.driver import Graph
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class LoadSpread:
    """Five-number summary of workers' load as a percentage of their limit (a box plot)."""

    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _quantile(sorted_values: list[float], q: float) -> float:
    position = (len(sorted_values) - 1) * q
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def load_spread(loads: list[tuple[int, int]]) -> LoadSpread | None:
    """(load, limit) pairs → the spread of load/limit in percent; None without workers."""
    values = sorted(100.0 * load / limit if limit else 0.0 for load, limit in loads)
    if not values:
        return None
    return LoadSpread(
        minimum=round(values[0], 1),
        q1=round(_quantile(values, 0.25), 1),
        median=round(_quantile(values, 0.5), 1),
        q3=round(_quantile(values, 0.75), 1),
        maximum=round(values[-1], 1),
    )


async def region_dashboard(
    graph: Graph, scope: Scope, *, region_id: str | None, now: datetime, today: date
) -> DashboardFigures | None:
    """The figures of `region_id`, or of the caller's county when none is given; None when
    the region is unknown or outside the caller's scope (nothing is said about it)."""
    region = region_id or await home_region(graph, scope)
    if region is None:
        return None
    since = now.astimezone(UTC) - timedelta(weeks=ALERT_WEEKS)
    return await dashboard_figures(graph, scope, region_id=region, today=today, since=since)
