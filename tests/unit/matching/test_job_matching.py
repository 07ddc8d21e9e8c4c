"""Proposing members for jobs and training places: the flow's promises, on random counties."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.job_matching import (
    Member,
    Posting,
    age_band,
    exclusion,
    priority_of,
    propose,
)

TODAY = date(2026, 12, 3)
CAUSES = ["UNEMPLOYMENT", "DISASTER", "SCHOOLING", "ILLNESS", "DISABILITY", "LACK_OF_LABOUR"]


@st.composite
def counties(draw: st.DrawFn) -> tuple[list[Posting], list[Member]]:
    n_households = draw(st.integers(min_value=1, max_value=12))
    members = []
    for h in range(n_households):
        causes = tuple(sorted(set(draw(st.lists(st.sampled_from(CAUSES), min_size=1, max_size=2)))))
        lon = 112.0 + draw(st.floats(min_value=0, max_value=0.5))
        for i in range(draw(st.integers(min_value=1, max_value=3))):
            members.append(
                Member(
                    person_id=f"p{h}-{i}",
                    household_id=f"h{h}",
                    sex=draw(st.sampled_from(["M", "F"])),
                    birth_date=date(draw(st.integers(min_value=1950, max_value=2012)), 6, 1),
                    can_work=draw(st.booleans()),
                    disability_grade=draw(st.sampled_from([None, None, 1, 3])),
                    serious_illness=draw(st.booleans()),
                    lives_away=draw(st.sampled_from([False, False, True])),
                    causes=causes,
                    lat=37.9,
                    lon=lon,
                )
            )
    postings = [
        Posting(
            id=f"j{k}",
            kind=draw(st.sampled_from(["JOB", "TRAINING"])),
            count=draw(st.integers(min_value=0, max_value=4)),
            lat=37.9,
            lon=112.0 + draw(st.floats(min_value=0, max_value=0.5)),
            reach_km=draw(st.sampled_from([5.0, 30.0])),
        )
        for k in range(draw(st.integers(min_value=1, max_value=3)))
    ]
    return postings, members


@settings(max_examples=150, deadline=None)
@given(counties())
def test_the_flow_keeps_its_promises(county: tuple[list[Posting], list[Member]]) -> None:
    postings, members = county
    proposals = propose(postings, members, TODAY)
    by_id = {m.person_id: m for m in members}
    count = {p.id: p.count for p in postings}
    posting = {p.id: p for p in postings}
    # Never over a posting's count; one member per household; no excluded member.
    for pid, n in Counter(x.posting_id for x in proposals).items():
        assert n <= count[pid]
    assert len({x.household_id for x in proposals}) == len(proposals)
    for x in proposals:
        assert exclusion(by_id[x.person_id], posting[x.posting_id], TODAY) is None
        assert x.reasons and "WORKING_AGE" in x.reasons
    # Priority: no eligible member of a household left out entirely has a higher priority
    # than a member proposed for that posting (swapping them would be better).
    served = {x.household_id for x in proposals}
    for x in proposals:
        for m in members:
            if m.household_id in served:
                continue
            if exclusion(m, posting[x.posting_id], TODAY) is None:
                assert priority_of(m.causes) <= x.priority
    # Nothing fillable is left empty: a posting short of its count has no eligible member
    # whose household is still unserved.
    for p in postings:
        if sum(1 for x in proposals if x.posting_id == p.id) < p.count:
            assert not any(
                exclusion(m, p, TODAY) is None and m.household_id not in served for m in members
            )


def test_exclusions_and_priority_order() -> None:
    base = Member(
        "p1", "h1", "F", date(1985, 3, 1), True, None, False, False, ("UNEMPLOYMENT",), 37.9, 112.0
    )
    job = Posting("j1", "JOB", 1, 37.9, 112.0)
    assert exclusion(base, job, TODAY) is None
    from dataclasses import replace

    assert exclusion(replace(base, can_work=False), job, TODAY) == "CANNOT_WORK"
    assert exclusion(replace(base, disability_grade=2), job, TODAY) == "SEVERE_DISABILITY"
    assert exclusion(replace(base, disability_grade=4), job, TODAY) is None
    assert (
        exclusion(replace(base, causes=("ILLNESS", "LACK_OF_LABOUR")), job, TODAY)
        == "NO_LABOUR_CAUSE"
    )
    assert exclusion(replace(base, birth_date=date(1960, 1, 1)), job, TODAY) == "AGE"
    assert exclusion(replace(base, lon=113.0), job, TODAY) == "TOO_FAR"
    # Unemployment before disaster before illness, whatever the distance.
    near_ill = replace(base, person_id="p2", household_id="h2", causes=("ILLNESS", "SCHOOLING"))
    far_jobless = replace(base, person_id="p3", household_id="h3", lon=112.2)
    [only] = propose([job], [near_ill, far_jobless], TODAY)
    assert only.person_id == "p3" and only.reasons[0] == "CAUSE_UNEMPLOYMENT"
    assert age_band(41) == "40-49"
