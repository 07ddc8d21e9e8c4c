"""Jobs and training places (就业帮扶): an enterprise posts; Bangfu proposes working-age
members (matching/job_matching.py), anonymised for the enterprise; the station records the
household's consent and what came of it, which the household's timeline shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from graph.driver import Graph
from graph.job_postings import (
    JobPostingRecord,
    PostingState,
    ProposalRecord,
    candidate_members,
    change_posting_tx,
    create_posting_tx,
    posting_by_id,
    postings,
    proposals_of,
)
from graph.registry_writes import new_id
from graph.values import as_date
from matching import job_matching as jm
from server.clock import Clock
from server.registry.validation import FieldError
from server.roles import IDENTITY_ROLES, Role
from server.services.errors import EntityNotFound, NotPermitted, StateConflict
from server.services.registry import Caller, refuse_if, region_errors
from server.services.registry_checks import Check
from server.services.writes import run_write

LIST_LIMIT: Final = 200
MAX_COUNT: Final = 500
MAX_PAY: Final = 1_000_000
KINDS: Final = ("JOB", "TRAINING")


def _enterprise(caller: Caller) -> str | None:
    """An enterprise acts on its own postings only; others (county, station) on any in area."""
    return caller.own_id if caller.role is Role.ENTERPRISE else None


@dataclass(frozen=True, slots=True)
class NewPosting:
    kind: str
    title: str
    place_id: str
    hours: str
    pay: int
    requirements: str
    count: int
    reach_km: float
    min_age: int
    max_age: int


async def create_job_posting(graph: Graph, caller: Caller, cmd: NewPosting) -> JobPostingRecord:
    if caller.role is not Role.ENTERPRISE or caller.own_id is None:
        raise NotPermitted("only an enterprise posts jobs")
    check = Check(
        {"kind": cmd.kind, "title": cmd.title, "hours": cmd.hours, "requirements": cmd.requirements}
    )
    check.code("kind", KINDS, required=True)
    check.text("title", required=True)
    check.text("hours", required=True)
    check.text("requirements", required=False, max_len=500, multiline=True)
    check.no_personal_data("requirements")
    errors: list[FieldError] = list(check.errors)
    if not 1 <= cmd.count <= MAX_COUNT:
        errors.append(FieldError("count", f"1 to {MAX_COUNT}", "OUT_OF_RANGE"))
    if not 0 <= cmd.pay <= MAX_PAY:
        errors.append(FieldError("pay", f"0 to {MAX_PAY}", "OUT_OF_RANGE"))
    if not 1 <= cmd.reach_km <= 100:
        errors.append(FieldError("reach_km", "1 to 100 km", "OUT_OF_RANGE"))
    if not 16 <= cmd.min_age <= cmd.max_age <= 65:
        errors.append(FieldError("min_age", "16 ≤ min ≤ max ≤ 65", "OUT_OF_RANGE"))
    errors += await region_errors(
        graph,
        caller.scope,
        field="place_id",
        region_ids=[cmd.place_id],
        levels={"VILLAGE", "TOWNSHIP"},
    )
    refuse_if(errors)
    posting_id = new_id("jp")
    await run_write(
        graph,
        create_posting_tx,
        actor=caller.actor,
        posting_id=posting_id,
        enterprise_id=caller.own_id,
        place_id=cmd.place_id,
        props={
            "kind": cmd.kind,
            "title": cmd.title.strip(),
            "hours": cmd.hours.strip(),
            "pay": cmd.pay,
            "requirements": cmd.requirements.strip(),
            "count": cmd.count,
            "reach_km": float(cmd.reach_km),
            "min_age": cmd.min_age,
            "max_age": cmd.max_age,
        },
    )
    return await _posting(graph, caller, posting_id)


async def _posting(graph: Graph, caller: Caller, posting_id: str) -> JobPostingRecord:
    found = await posting_by_id(
        graph, posting_id, scope=caller.scope, enterprise_id=_enterprise(caller)
    )
    if found is None:
        raise EntityNotFound("JobPosting", posting_id, "posting_id")
    return found


async def list_postings(graph: Graph, caller: Caller) -> list[JobPostingRecord]:
    return await postings(
        graph, scope=caller.scope, enterprise_id=_enterprise(caller), limit=LIST_LIMIT
    )


async def close_job_posting(
    graph: Graph, caller: Caller, posting_id: str, expected_version: int
) -> JobPostingRecord:
    """OPEN → CLOSED; proposals not yet consented are withdrawn."""

    def decide(s: PostingState) -> tuple[str, dict[str, Any], bool]:
        if s.status != "OPEN":
            raise StateConflict("POSTING_CLOSED", "the posting is closed", "posting_id")
        return "CLOSE_JOB_POSTING", {"status": "CLOSED"}, True

    await run_write(
        graph,
        change_posting_tx,
        actor=caller.actor,
        posting_id=posting_id,
        expected_version=expected_version,
        enterprise_id=_enterprise(caller),
        scope_params=caller.scope.params(),
        decide=decide,
    )
    return await _posting(graph, caller, posting_id)


def _member(row: dict[str, Any]) -> jm.Member:
    return jm.Member(
        person_id=row["person_id"],
        household_id=row["household_id"],
        sex=row["sex"] or "",
        birth_date=as_date(row["birth_date"]) or date.min,
        can_work=bool(row["can_work"]),
        disability_grade=row["disability_grade"],
        serious_illness=bool(row["serious_illness"]),
        lives_away=bool(row["lives_away"]),
        causes=tuple(row["causes"] or ()),
        lat=float(row["lat"]),
        lon=float(row["lon"]),
    )


async def propose_job_candidates(
    graph: Graph, caller: Caller, posting_id: str, *, clock: Clock
) -> tuple[JobPostingRecord, int]:
    """Re-runs the matching for the places still open: proposals not yet consented are
    replaced; the posting's version guards against a change in between."""
    posting = await _posting(graph, caller, posting_id)
    if posting.status != "OPEN":
        raise StateConflict("POSTING_CLOSED", "the posting is closed", "posting_id")
    held = [
        p
        for p in await proposals_of(
            graph, posting_id, scope=caller.scope, enterprise_id=None, casework=False
        )
        if p.status in jm.HELD
    ]
    townships = list(caller.scope.townships or [posting.township_id])
    members = [_member(r) for r in await candidate_members(graph, townships)]
    spec = jm.Posting(
        id=posting.id,
        kind=posting.kind,
        count=max(0, posting.count - len(held)),
        lat=posting.lat,
        lon=posting.lon,
        reach_km=posting.reach_km,
    )
    today = clock.today()
    chosen = jm.propose([spec], members, today)
    by_person = {m.person_id: m for m in members}
    rows = [
        {
            "id": new_id("jx"),
            "person_id": p.person_id,
            "props": {
                "priority": p.priority,
                "distance_km": p.distance_km,
                "age_band": jm.age_band(p.age),
                "sex": by_person[p.person_id].sex,
                "reasons": list(p.reasons),
            },
        }
        for p in chosen
    ]

    def decide(s: PostingState) -> tuple[str, dict[str, Any], bool]:
        if s.status != "OPEN":
            raise StateConflict("POSTING_CLOSED", "the posting is closed", "posting_id")
        return "PROPOSE_JOB_CANDIDATES", {"proposed_on": today}, True

    written: int = await run_write(
        graph,
        change_posting_tx,
        actor=caller.actor,
        posting_id=posting_id,
        expected_version=posting.version,
        enterprise_id=_enterprise(caller),
        scope_params=caller.scope.params(),
        decide=decide,
        rows=rows,
    )
    return await _posting(graph, caller, posting_id), written


async def posting_proposals(graph: Graph, caller: Caller, posting_id: str) -> list[ProposalRecord]:
    """For an enterprise, its own posting's proposals, anonymised by the caller's type; for
    the station, those of households in its area, with the person's name."""
    return await proposals_of(
        graph,
        posting_id,
        scope=caller.scope,
        enterprise_id=_enterprise(caller),
        casework=caller.role in IDENTITY_ROLES,
    )
