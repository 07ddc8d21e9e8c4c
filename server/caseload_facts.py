"""County records -> caseload facts for `matching` (used by the bench and the server).

Only what the optimiser needs crosses over: ids, coordinates, weights, priorities, skills,
languages. Names, phones and ID numbers never do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graph.conflicts import ConflictRecord
from graph.county_writer import County
from graph.households import HouseholdRecord
from graph.social_workers import SocialWorkerRecord
from matching.caseload_weights import caseload_weight
from matching.model import (
    CaseloadProblem,
    CaseloadSettings,
    GeoPoint,
    HouseholdFact,
    WorkerFact,
)
from matching.priority import DEFAULT_PRIORITY, PrioritySettings, household_priority


def household_weight(rec: HouseholdRecord) -> int:
    """The household's caseload weight today (`matching.caseload_weights`)."""
    return caseload_weight(rec.dibao_class, rec.warning_level)


def worker_fact(rec: SocialWorkerRecord, *, on_leave: bool = False) -> WorkerFact:
    return WorkerFact(
        id=rec.id,
        station_id=rec.station_id,
        capacity=rec.caseload_limit,
        home=GeoPoint(rec.home_lat, rec.home_lon),
        reach_km=rec.reach_km,
        skills=frozenset(rec.skills),
        languages=frozenset(rec.languages),
        sex=rec.sex or None,
        on_leave=on_leave,
    )


def household_fact(
    rec: HouseholdRecord,
    *,
    current_worker_id: str | None = None,
    preferred_sex: str | None = None,
    priority: PrioritySettings = DEFAULT_PRIORITY,
) -> HouseholdFact:
    return HouseholdFact(
        id=rec.id,
        location=GeoPoint(rec.lat, rec.lon),
        weight=household_weight(rec),
        priority=household_priority(
            warning=rec.warning_level,
            dibao_class=rec.dibao_class,
            tier=rec.tier,
            special_groups=rec.special_groups,
            settings=priority,
        ),
        warning=rec.warning_level,
        needs_skills=frozenset(rec.needs_skills),
        languages=frozenset(rec.languages),
        preferred_sex=preferred_sex,
        current_worker_id=current_worker_id,
    )


def caseload_problem(
    *,
    households: Iterable[HouseholdRecord],
    workers: Iterable[SocialWorkerRecord],
    conflicts: Iterable[ConflictRecord] = (),
    current: Mapping[str, str] | None = None,
    on_leave: Iterable[str] = (),
    settings: CaseloadSettings | None = None,
    priority: PrioritySettings = DEFAULT_PRIORITY,
) -> CaseloadProblem:
    """`current` maps household id -> its worker today; `on_leave` lists worker ids."""
    current = current or {}
    leave = set(on_leave)
    worker_facts = tuple(worker_fact(w, on_leave=w.id in leave) for w in workers)
    worker_ids = {w.id for w in worker_facts}
    return CaseloadProblem(
        workers=worker_facts,
        households=tuple(
            household_fact(h, current_worker_id=current.get(h.id), priority=priority)
            for h in households
        ),
        # Conflicts of volunteers do not concern social-worker caseloads.
        conflicts=frozenset(
            (c.helper_id, c.household_id) for c in conflicts if c.helper_id in worker_ids
        ),
        settings=settings or CaseloadSettings(),
    )


def county_problem(county: County, settings: CaseloadSettings | None = None) -> CaseloadProblem:
    return caseload_problem(
        households=county.households,
        workers=county.workers,
        conflicts=county.conflicts,
        settings=settings,
    )
