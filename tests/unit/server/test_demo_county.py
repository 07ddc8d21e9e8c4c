"""The synthetic county: deterministic, and shaped like the source documents."""

import os
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from graph.county_writer import County
from graph.households import HouseholdRecord
from graph.members import PersonRecord
from server.caseload_facts import household_weight
from server.demo.county import generate_county
from server.demo.shape import AREA_CODE, DEMO_TODAY
from server.registry.household_facts import (
    derive_needs_skills,
    derive_special_groups,
)
from server.registry.validation import (
    check_id_number,
    id_number_birth_date,
    id_number_sex,
    is_valid_phone,
    validate_household,
    validate_person,
    validate_social_worker,
)
from server.registry.vocabulary import (
    CAUSES,
    DIBAO_CLASSES,
    LANGUAGES,
    NEED_KINDS,
    NEED_STATUSES,
    SKILLS,
    TRAVEL_MODE_REACH_KM,
    URGENCIES,
    VOLUNTEER_KINDS,
)


@pytest.fixture(scope="module")
def county() -> County:
    return generate_county()  # the default: 10,000 households, seed 1


def test_same_arguments_give_an_identical_county() -> None:
    assert generate_county(households=600, seed=5) == generate_county(households=600, seed=5)
    assert generate_county(households=300, seed=5, workers=20) == generate_county(
        households=300, seed=5, workers=20
    )


def test_the_county_does_not_depend_on_string_hashing() -> None:
    # Set iteration order changes with PYTHONHASHSEED; the generator must never depend on it.
    code = (
        "import hashlib; from server.demo.county import generate_county; "
        "print(hashlib.sha256(repr(generate_county(households=300, seed=9)).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[3],
        ).stdout
        for hash_seed in ("1", "2")
    }
    assert len(digests) == 1


def test_another_seed_gives_another_county() -> None:
    a, b = generate_county(households=300, seed=1), generate_county(households=300, seed=2)
    assert a.households != b.households
    assert [p.id_number for p in a.people] != [p.id_number for p in b.people]


def test_regions_are_117_villages_in_12_townships_of_one_county(county: County) -> None:
    levels = Counter(r.level for r in county.regions)
    assert levels == {"COUNTY": 1, "TOWNSHIP": 12, "VILLAGE": 117}
    by_id = {r.id: r for r in county.regions}
    assert county.county_id == f"rg-{AREA_CODE}" and by_id[county.county_id].parent_id is None
    for r in county.regions:
        if r.level == "TOWNSHIP":
            assert r.parent_id == county.county_id
        if r.level == "VILLAGE":
            assert r.parent_id is not None and by_id[r.parent_id].level == "TOWNSHIP"
    assert len({r.name for r in county.regions if r.level == "VILLAGE"}) == 117


def test_the_county_spans_about_60_km_around_loufan(county: County) -> None:
    lats = [h.lat for h in county.households]
    lons = [h.lon for h in county.households]
    assert 0.3 < max(lats) - min(lats) < 0.8  # ~111 km per degree of latitude
    assert 0.4 < max(lons) - min(lons) < 1.0  # ~88 km per degree of longitude at 38°N
    assert abs(sum(lats) / len(lats) - 37.9) < 0.1
    assert abs(sum(lons) / len(lons) - 112.0) < 0.1


def test_households_sit_near_their_village(county: County) -> None:
    villages = {r.id: r for r in county.regions if r.level == "VILLAGE"}
    for h in county.households[::50]:
        v = villages[h.village_id]
        assert abs(h.lat - v.lat) * 111 < 1.5
        assert abs(h.lon - v.lon) * 88 < 1.6


def test_about_3_3_people_per_household_with_one_head_each(county: County) -> None:
    assert len(county.households) == 10_000
    assert 3.15 < len(county.people) / len(county.households) < 3.45
    members = Counter(p.household_id for p in county.people)
    heads = Counter(p.household_id for p in county.people if p.relation == "HEAD")
    for h in county.households:
        assert members[h.id] == h.size >= 1
        assert heads[h.id] == 1


def test_every_id_number_is_valid_unique_and_matches_the_person(county: County) -> None:
    numbers = [p.id_number for p in county.people] + [w.id_number for w in county.workers]
    assert len(set(numbers)) == len(numbers)
    for p in county.people:
        assert check_id_number(p.id_number, today=DEMO_TODAY) is None
        assert p.id_number.startswith(AREA_CODE)
        assert id_number_birth_date(p.id_number) == p.birth_date
        assert id_number_sex(p.id_number) == p.sex
    for w in county.workers:
        assert check_id_number(w.id_number, today=DEMO_TODAY) is None


def test_every_record_passes_the_validators(county: County) -> None:
    for h in county.households[::10]:
        fields = {f: getattr(h, f) for f in HouseholdRecord.__dataclass_fields__}
        assert validate_household(fields) == []
    for p in county.people[::10]:
        fields = {f: getattr(p, f) for f in type(p).__dataclass_fields__}
        assert validate_person(fields, today=DEMO_TODAY) == []
    for w in county.workers:
        fields = {f: getattr(w, f) for f in type(w).__dataclass_fields__}
        assert validate_social_worker(fields, today=DEMO_TODAY) == []


def test_only_dibao_households_have_a_class(county: County) -> None:
    for h in county.households:
        if h.tier == "DIBAO":
            assert h.dibao_class in DIBAO_CLASSES
        else:
            assert h.dibao_class is None
    classes = Counter(h.dibao_class for h in county.households if h.tier == "DIBAO")
    assert set(classes) == {"A", "B", "C"}


def test_the_tier_mix_is_mostly_dibao(county: County) -> None:
    tiers = [t for t, _ in Counter(h.tier for h in county.households).most_common()]
    assert tiers == ["DIBAO", "NEAR_DIBAO", "EXTREME", "EXPENDITURE", "TEMPORARY"]


def test_illness_is_the_commonest_cause_then_disability(county: County) -> None:
    causes = Counter(c for h in county.households for c in h.causes)
    assert [c for c, _ in causes.most_common(2)] == ["ILLNESS", "DISABILITY"]
    assert set(causes) == set(CAUSES)
    assert all(h.causes for h in county.households)


def test_warnings_are_mostly_none_with_a_few_red(county: County) -> None:
    levels = Counter(h.warning_level for h in county.households)
    n = len(county.households)
    assert levels["NONE"] > 0.6 * n
    assert levels["BLUE"] > levels["YELLOW"] > levels["RED"] > 0
    assert levels["ORANGE"] > levels["RED"]
    assert levels["RED"] < 0.03 * n
    mean_risk = {
        level: sum(h.risk_score for h in county.households if h.warning_level == level)
        / levels[level]
        for level in levels
    }
    assert mean_risk["NONE"] < mean_risk["BLUE"] < mean_risk["ORANGE"] < mean_risk["RED"]


def test_special_groups_and_skills_follow_from_the_members(county: County) -> None:
    members: dict[str, list[PersonRecord]] = {}
    for p in county.people:
        members.setdefault(p.household_id, []).append(p)
    for h in county.households:
        derived = derive_special_groups(members[h.id], DEMO_TODAY)
        assert set(derived) <= set(h.special_groups)
        # The only extra is an elderly household whose children left the register too.
        assert set(h.special_groups) - set(derived) <= {"LEFT_BEHIND_ELDER"}
        assert set(derive_needs_skills(members[h.id])) <= set(h.needs_skills)
        assert set(h.needs_skills) - set(derive_needs_skills(members[h.id])) <= {"PSYCHOLOGICAL"}
    skills = Counter(s for h in county.households for s in h.needs_skills)
    assert set(skills) == {"MEDICAL", "PSYCHOLOGICAL", "DISABILITY_CARE"}
    groups = Counter(g for h in county.households for g in h.special_groups)
    assert all(groups[g] > 0 for g in ("ELDERLY", "CHILD", "DISABLED", "LEFT_BEHIND_CHILD"))


def test_unemployment_is_explained_by_someone_able_to_work(county: County) -> None:
    able = {p.household_id for p in county.people if p.can_work and not p.lives_away}
    for h in county.households:
        if "UNEMPLOYMENT" in h.causes:
            assert h.id in able
    for p in county.people:
        if p.serious_illness or p.disability_grade in (1, 2):
            assert not p.can_work


def test_extreme_households_have_nobody_able_to_work(county: County) -> None:
    extreme = {h.id for h in county.households if h.tier == "EXTREME"}
    assert not any(p.can_work for p in county.people if p.household_id in extreme)


def test_addresses_phones_names_look_chinese(county: County) -> None:
    for h in county.households[::20]:
        assert h.address.startswith("娄烦县") and "村" in h.address and h.address.endswith("号")
        assert is_valid_phone(h.phone)
    surnames = Counter(p.name[0] for p in county.people)
    assert [s for s, _ in surnames.most_common(3)] == ["王", "张", "李"] or surnames["王"] == max(
        surnames.values()
    )
    assert all(2 <= len(p.name) <= 3 for p in county.people)


def test_ids_have_stable_formats(county: County) -> None:
    assert county.households[0].id == "hh-000001"
    assert county.people[0].id == "p-0000001"
    assert county.workers[0].id == "sw-0001"
    assert county.stations[0].id == "st-01"
    assert county.needs[0].id == "nd-0000001"
    for records in (county.households, county.people, county.needs, county.workers):
        assert len({r.id for r in records}) == len(records)


def test_needs_follow_causes_and_name_nobody(county: County) -> None:
    households = {h.id: h for h in county.households}
    names = {p.household_id: p.name for p in county.people if p.relation == "HEAD"}
    kinds = Counter(n.kind for n in county.needs)
    assert kinds.most_common(1)[0][0] == "MEDICAL"
    assert set(kinds) == set(NEED_KINDS)
    for n in county.needs:
        h = households[n.household_id]
        assert n.estimated_cost > 0 and n.urgency in URGENCIES and n.status in NEED_STATUSES
        assert n.description and names[h.id] not in n.description
        if n.kind == "EDUCATION":
            assert "SCHOOLING" in h.causes
        if n.kind == "EMPLOYMENT":
            assert "UNEMPLOYMENT" in h.causes


def test_one_station_per_township_with_5_to_10_workers(county: County) -> None:
    townships = [r for r in county.regions if r.level == "TOWNSHIP"]
    assert len(county.stations) == len(townships)
    assert {s.township_id for s in county.stations} == {t.id for t in townships}
    names = {t.id: t.name for t in townships}
    for s in county.stations:
        assert s.name == f"{names[s.township_id]}社会工作服务站"
    per_station = Counter(w.station_id for w in county.workers)
    assert all(5 <= per_station[s.id] <= 10 for s in county.stations)


def test_workers_have_capacity_for_1_1_to_1_3_times_the_load(county: County) -> None:
    load = sum(household_weight(h) for h in county.households)
    capacity = sum(w.caseload_limit for w in county.workers)
    assert 1.1 <= capacity / load <= 1.3
    for w in county.workers:
        assert w.reach_km == TRAVEL_MODE_REACH_KM[w.travel_mode]
        assert set(w.skills) <= set(SKILLS) and "MANDARIN" in w.languages
        assert set(w.languages) <= set(LANGUAGES)
    # Every care skill some household needs is held by some worker at its station.
    stations = Counter((w.station_id, s) for w in county.workers for s in w.skills)
    assert all(stations[(s.id, "DISABILITY_CARE")] for s in county.stations)


def test_the_requested_number_of_workers_is_spread_by_households() -> None:
    county = generate_county(households=4000, seed=3, workers=37)
    assert len(county.workers) == 37
    households = Counter(h.address.split("镇")[0] for h in county.households)
    assert households  # households exist in every township; workers follow them
    per_station = Counter(w.station_id for w in county.workers)
    assert sum(per_station.values()) == 37 and max(per_station.values()) <= 5
    load = sum(household_weight(h) for h in county.households)
    assert 1.1 <= sum(w.caseload_limit for w in county.workers) / load <= 1.3


def test_volunteers_charities_enterprises(county: County) -> None:
    villages = [r for r in county.regions if r.level == "VILLAGE"]
    assert 1.8 * len(villages) <= len(county.volunteers) <= 2.5 * len(villages)
    assert {v.kind for v in county.volunteers} <= set(VOLUNTEER_KINDS)
    cadres = Counter(v.village_id for v in county.volunteers if v.kind == "VILLAGE_CADRE")
    assert all(cadres[v.id] == 1 for v in villages)
    assert len(county.charities) == 8 and len(county.enterprises) == 10
    region_ids = {r.id for r in county.regions}
    for c in county.charities:
        assert c.budget_yuan > 0 and set(c.focus_kinds) <= set(NEED_KINDS)
        assert set(c.region_ids) <= region_ids
    for e in county.enterprises:
        assert e.jobs_offered > 0 and set(e.causes_supported) <= set(CAUSES)
        assert set(e.region_ids) <= region_ids
    assert any("UNEMPLOYMENT" in e.causes_supported for e in county.enterprises)


def test_kinship_conflicts_share_surname_and_village(county: County) -> None:
    households = {h.id: h for h in county.households}
    heads = {p.household_id: p.name for p in county.people if p.relation == "HEAD"}
    volunteers = {v.id: v for v in county.volunteers}
    workers = {w.id: w for w in county.workers}
    kinship = [c for c in county.conflicts if c.reason == "KINSHIP"]
    assert len(kinship) == 100  # 1% of 10,000
    assert len({(c.helper_id, c.household_id) for c in county.conflicts}) == len(county.conflicts)
    for c in kinship:
        helper = volunteers.get(c.helper_id) or workers[c.helper_id]
        assert helper.name[0] == heads[c.household_id][0]
        if c.helper_id in volunteers:
            assert volunteers[c.helper_id].village_id == households[c.household_id].village_id
    assert any(c.reason == "DECLARED" for c in county.conflicts)


def test_review_dates_follow_the_class_cadence(county: County) -> None:
    limit = {"A": 365, "B": 185, "C": 95}
    for h in county.households:
        if h.tier == "DIBAO" and h.next_review_due is not None and h.dibao_class is not None:
            assert (h.next_review_due - DEMO_TODAY).days <= limit[h.dibao_class]
    overdue = sum(
        1 for h in county.households if h.next_review_due and h.next_review_due < DEMO_TODAY
    )
    assert 0 < overdue < 0.1 * len(county.households)


def test_dates_are_relative_to_today() -> None:
    later = date(2030, 1, 1)
    a = generate_county(households=50, seed=2)
    b = generate_county(households=50, seed=2, today=later)
    shift = later - DEMO_TODAY
    assert all(  # the same people, born as much later as `today` moved (± a leap day)
        abs(((q.birth_date - p.birth_date) - shift).days) <= 1
        for p, q in zip(a.people, b.people, strict=True)
    )
    assert all(h.next_review_due and h.next_review_due > date(2029, 11, 1) for h in b.households)


def test_a_large_county_grows_villages_and_townships() -> None:
    county = generate_county(households=25_000, seed=1)
    levels = Counter(r.level for r in county.regions)
    assert 280 <= levels["VILLAGE"] <= 300  # ~85 households per village
    assert 27 <= levels["TOWNSHIP"] <= 33  # ~10 villages per township
    assert len(county.stations) == levels["TOWNSHIP"]
    assert len({p.id_number for p in county.people}) == len(county.people)


def test_an_empty_county_still_has_its_map() -> None:
    county = generate_county(households=0)
    assert county.households == () and county.people == () and county.conflicts == ()
    assert len(county.stations) == 12


def test_household_weight() -> None:
    base = generate_county(households=1, seed=1).households[0]
    plain = replace(base, tier="NEAR_DIBAO", dibao_class=None, warning_level="NONE")
    assert household_weight(plain) == 1
    assert household_weight(replace(plain, warning_level="YELLOW")) == 1
    assert household_weight(replace(plain, warning_level="ORANGE")) == 2
    assert household_weight(replace(plain, warning_level="RED")) == 3
    dibao = replace(plain, tier="DIBAO")
    assert household_weight(replace(dibao, dibao_class="C")) == 1
    assert household_weight(replace(dibao, dibao_class="B")) == 2
    assert household_weight(replace(dibao, dibao_class="A")) == 3
    assert household_weight(replace(dibao, dibao_class="B", warning_level="RED")) == 3


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        generate_county(households=-1)
    with pytest.raises(ValueError):
        generate_county(households=10, workers=-1)
