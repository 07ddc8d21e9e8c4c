"""Records, the shared vocabularies, and the household facts derived from members."""

from dataclasses import FrozenInstanceError, fields
from datetime import date

import pytest

from graph.county_writer import County
from graph.households import HouseholdRecord
from graph.members import PersonRecord
from server.registry import vocabulary as v
from server.registry.household_facts import (
    age_on,
    derive_needs_skills,
    derive_special_groups,
    in_vocabulary_order,
)

TODAY = date(2026, 11, 1)

PAIRS = [
    (v.REGION_LEVELS, v.REGION_LEVEL_LABELS),
    (v.TIERS, v.TIER_LABELS),
    (v.DIBAO_CLASSES, v.DIBAO_CLASS_LABELS),
    (v.CAUSES, v.CAUSE_LABELS),
    (v.SPECIAL_GROUPS, v.SPECIAL_GROUP_LABELS),
    (v.WARNING_LEVELS, v.WARNING_LEVEL_LABELS),
    (v.NEED_KINDS, v.NEED_KIND_LABELS),
    (v.URGENCIES, v.URGENCY_LABELS),
    (v.NEED_STATUSES, v.NEED_STATUS_LABELS),
    (v.SKILLS, v.SKILL_LABELS),
    (v.TRAVEL_MODES, v.TRAVEL_MODE_LABELS),
    (v.LANGUAGES, v.LANGUAGE_LABELS),
    (v.SEXES, v.SEX_LABELS),
    (v.RELATIONS, v.RELATION_LABELS),
    (v.VOLUNTEER_KINDS, v.VOLUNTEER_KIND_LABELS),
    (v.SECTORS, v.SECTOR_LABELS),
    (v.CONFLICT_REASONS, v.CONFLICT_REASON_LABELS),
]


@pytest.mark.parametrize(("codes", "labels"), PAIRS)
def test_every_code_has_a_chinese_label(codes: tuple[str, ...], labels: dict[str, str]) -> None:
    assert len(set(codes)) == len(codes)
    assert tuple(labels) == codes  # same order, so a UI can list labels directly
    assert all(label and not label.isascii() for label in labels.values())


def test_vocabulary_facts_from_the_documents() -> None:
    assert v.TIER_LABELS["EXTREME"] == "特困" and v.TIER_LABELS["NEAR_DIBAO"] == "低保边缘"
    assert v.DIBAO_CLASS_REVIEW_MONTHS == {"A": 12, "B": 6, "C": 3}
    assert v.TRAVEL_MODE_REACH_KM == {"WALK": 5, "BIKE": 10, "EBIKE": 15, "BUS": 25, "CAR": 40}
    assert set(v.CARE_SKILLS) == {"PSYCHOLOGICAL", "DISABILITY_CARE", "MEDICAL"}
    assert v.SKILLS[: len(v.CARE_SKILLS)] == v.CARE_SKILLS
    assert v.WARNING_LEVELS[0] == "NONE" and v.WARNING_LEVELS[-1] == "RED"


def test_records_are_frozen() -> None:
    p = member("HEAD", date(1950, 1, 1))
    with pytest.raises(FrozenInstanceError):
        p.name = "x"  # type: ignore[misc]
    assert [f.name for f in fields(County)][-1] == "county_id"
    assert "languages" in {f.name for f in fields(HouseholdRecord)}


def member(
    relation: str,
    birth: date,
    *,
    grade: int | None = None,
    serious: bool = False,
    away: bool = False,
) -> PersonRecord:
    return PersonRecord(
        id="p",
        household_id="h",
        name="王五",
        id_number="",
        sex="M",
        birth_date=birth,
        disability_grade=grade,
        chronic_illness=False,
        serious_illness=serious,
        can_work=False,
        relation=relation,
        lives_away=away,
    )


def test_age_turns_on_the_birthday() -> None:
    assert age_on(date(1966, 11, 1), TODAY) == 60
    assert age_on(date(1966, 11, 2), TODAY) == 59
    assert age_on(date(2024, 2, 29), date(2025, 2, 28)) == 0


def test_an_old_person_alone() -> None:
    assert derive_special_groups([member("HEAD", date(1940, 1, 1))], TODAY) == ("ELDERLY",)


def test_a_child_raised_by_grandparents_is_left_behind() -> None:
    members = [member("HEAD", date(1955, 1, 1)), member("GRANDCHILD", date(2015, 1, 1))]
    assert derive_special_groups(members, TODAY) == ("ELDERLY", "CHILD", "LEFT_BEHIND_CHILD")


def test_parents_working_away_leave_children_and_elders_behind() -> None:
    members = [
        member("HEAD", date(1985, 1, 1), away=True),
        member("SPOUSE", date(1986, 1, 1), away=True),
        member("CHILD", date(2016, 1, 1)),
        member("PARENT", date(1955, 1, 1), grade=3),
    ]
    assert derive_special_groups(members, TODAY) == (
        "ELDERLY",
        "CHILD",
        "DISABLED",
        "LEFT_BEHIND_CHILD",
        "LEFT_BEHIND_ELDER",
    )
    at_home = [members[0], member("SPOUSE", date(1986, 1, 1)), *members[2:]]
    assert derive_special_groups(at_home, TODAY) == ("ELDERLY", "CHILD", "DISABLED")


def test_skills_follow_serious_illness_and_disability() -> None:
    assert derive_needs_skills([member("HEAD", date(1960, 1, 1))]) == ()
    both = [
        member("HEAD", date(1960, 1, 1), serious=True),
        member("CHILD", date(1990, 1, 1), grade=4),
    ]
    assert derive_needs_skills(both) == ("MEDICAL", "DISABILITY_CARE")
    assert in_vocabulary_order(derive_needs_skills(both), v.CARE_SKILLS) == (
        "MEDICAL",
        "DISABILITY_CARE",
    )


def test_in_vocabulary_order() -> None:
    assert in_vocabulary_order(["SCHOOLING", "ILLNESS", "ILLNESS"], v.CAUSES) == (
        "ILLNESS",
        "SCHOOLING",
    )
    assert in_vocabulary_order(["HAKKA", "粤北土话", "MANDARIN"], v.LANGUAGES) == (
        "MANDARIN",
        "HAKKA",
        "粤北土话",
    )
