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
