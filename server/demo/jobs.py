"""The demo county's jobs and training places: each enterprise posts a job and training
places near its seat, proposals come from the same flow the app runs
(matching/job_matching.py), and some are consented or hired, so `enterprise` and `station`
see postings at every stage. Deterministic from the county; dated from the loading day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from graph.county_writer import County
from graph.driver import Graph
from graph.job_postings import seed_job_postings
from matching.job_matching import Member, Posting, age_band, propose

_OFFERS = (
    ("JOB", "农产品分拣包装工", "8:00-17:00，每周五天", 3200, "能久站，肯吃苦；提供午餐", 4),
    ("TRAINING", "电商直播与网店运营培训", "每周二、四下午，共八周", 600, "初中及以上文化", 6),
)
# The first proposals of each posting move on: consented, then hired.
_STAGES = ("HIRED", "CONSENTED", "CONSENTED")


def demo_jobs(county: County, today: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    regions = {r.id: r for r in county.regions}
    villages_of: dict[str, list[str]] = defaultdict(list)
    for r in county.regions:
        if r.level == "VILLAGE" and r.parent_id:
            villages_of[r.parent_id].append(r.id)
    townships_of_county = [r.id for r in county.regions if r.level == "TOWNSHIP"]
    households = {h.id: h for h in county.households}
    postings: list[dict[str, Any]] = []
    proposals: list[dict[str, Any]] = []
    used: set[str] = set()
    for n, e in enumerate(county.enterprises[:6]):
        townships = [
            t
            for rid in e.region_ids
            for t in ([rid] if regions[rid].level == "TOWNSHIP" else townships_of_county)
        ]
        if not townships or not villages_of[townships[0]]:
            continue
        place = regions[sorted(villages_of[townships[0]])[0]]
        members = [
            Member(
                person_id=p.id,
                household_id=p.household_id,
                sex=p.sex,
                birth_date=p.birth_date,
                can_work=p.can_work,
                disability_grade=p.disability_grade,
                serious_illness=p.serious_illness,
                lives_away=p.lives_away,
                causes=tuple(households[p.household_id].causes),
                lat=households[p.household_id].lat,
                lon=households[p.household_id].lon,
            )
            for p in county.people
            if p.id not in used
            and regions[households[p.household_id].village_id].parent_id in townships
        ]
        for k, (kind, title, hours, pay, needs, count) in enumerate(_OFFERS):
            posting_id = f"jp-demo-{n:02d}-{k}"
            postings.append(
                {
                    "id": posting_id,
                    "enterprise_id": e.id,
                    "place_id": place.id,
                    "props": {
                        "kind": kind,
                        "title": title,
                        "hours": hours,
                        "pay": pay,
                        "requirements": needs,
                        "count": count,
                        "reach_km": 30.0,
                        "min_age": 18,
                        "max_age": 59,
                        "status": "OPEN",
                        "proposed_on": today,
                    },
                }
            )
            spec = Posting(posting_id, kind, count, place.lat, place.lon)
            chosen = propose([spec], [m for m in members if m.person_id not in used], today)
            sexes = {m.person_id: m.sex for m in members}
            for i, c in enumerate(chosen):
                used.add(c.person_id)
                status = _STAGES[i] if i < len(_STAGES) and k == 0 else "PROPOSED"
                proposals.append(
                    {
                        "id": f"jx-demo-{n:02d}-{k}-{i}",
                        "posting_id": posting_id,
                        "person_id": c.person_id,
                        "props": {
                            "status": status,
                            "priority": c.priority,
                            "distance_km": c.distance_km,
                            "age_band": age_band(c.age),
                            "sex": sexes[c.person_id],
                            "reasons": list(c.reasons),
                            "outcome_on": today if status != "PROPOSED" else None,
                        },
                    }
                )
    return postings, proposals


async def write_demo_jobs(graph: Graph, county: County, today: date, *, now: datetime) -> None:
    postings, proposals = demo_jobs(county, today)
    await seed_job_postings(graph, postings, proposals, now=now)
