"""A canonical serialisation of a problem and its sha256: equal problems hash equal
whatever the order of their workers, households, conflicts, skills or languages."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from matching.model import CaseloadProblem, GeoPoint


def _point(p: GeoPoint | None) -> list[float] | None:
    return None if p is None else [p.lat, p.lon]


def canonical(problem: CaseloadProblem) -> dict[str, Any]:
    workers = [
        [
            w.id,
            w.station_id,
            w.capacity,
            _point(w.home),
            w.reach_km,
            sorted(w.skills),
            sorted(w.languages),
            w.sex,
            w.on_leave,
        ]
        for w in sorted(problem.workers, key=lambda w: w.id)
    ]
    households = [
        [
            h.id,
            _point(h.location),
            h.weight,
            h.priority,
            h.warning,
            sorted(h.needs_skills),
            sorted(h.languages),
            h.preferred_sex,
            h.current_worker_id,
        ]
        for h in sorted(problem.households, key=lambda h: h.id)
    ]
    return {
        "format": 1,
        "workers": workers,
        "households": households,
        "conflicts": sorted([list(c) for c in problem.conflicts]),
        "settings": asdict(problem.settings),
    }


def input_hash(problem: CaseloadProblem) -> str:
    # repr-exact floats (json uses repr) and sorted keys make the text unique per problem.
    text = json.dumps(canonical(problem), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def problem_from_canonical(data: dict[str, Any]) -> CaseloadProblem:
    """The inverse of `canonical`: a stored plan input solved again gives the same plan."""
    from matching.model import CaseloadSettings, HouseholdFact, WorkerFact

    if data.get("format") != 1:
        raise ValueError(f"unknown problem format {data.get('format')!r}")

    def point(p: list[float] | None) -> GeoPoint | None:
        return None if p is None else GeoPoint(p[0], p[1])

    workers = tuple(
        WorkerFact(
            id=w[0],
            station_id=w[1],
            capacity=w[2],
            home=GeoPoint(w[3][0], w[3][1]),
            reach_km=w[4],
            skills=frozenset(w[5]),
            languages=frozenset(w[6]),
            sex=w[7],
            on_leave=w[8],
        )
        for w in data["workers"]
    )
    households = tuple(
        HouseholdFact(
            id=h[0],
            location=point(h[1]),
            weight=h[2],
            priority=h[3],
            warning=h[4],
            needs_skills=frozenset(h[5]),
            languages=frozenset(h[6]),
            preferred_sex=h[7],
            current_worker_id=h[8],
        )
        for h in data["households"]
    )
    return CaseloadProblem(
        workers=workers,
        households=households,
        conflicts=frozenset((c[0], c[1]) for c in data["conflicts"]),
        settings=CaseloadSettings(**data["settings"]),
    )
