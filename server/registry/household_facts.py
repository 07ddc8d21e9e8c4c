"""What follows from a household's members, the same whichever way the household came in.

The demo generator, the CSV import and the member writes all derive size, special groups and
required care skills here, so a household means the same thing however it was written.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from graph.members import PersonRecord
from graph.registry_writes import RuleBroken
from server.registry.vocabulary import CARE_SKILLS

# Skills the members' conditions decide; any other required skill (PSYCHOLOGICAL) was set
# by a person and survives a re-derivation.
DERIVED_SKILLS = frozenset({"MEDICAL", "DISABILITY_CARE"})


ELDERLY_AGE = 60
CHILD_AGE = 16  # under this age a member is a child
WORKING_AGE = (18, 59)  # inclusive; who could be caring for children and elders at home


def age_on(birth_date: date, today: date) -> int:
    """Whole years completed on `today`."""
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def in_vocabulary_order(codes: Iterable[str], vocabulary: Sequence[str]) -> tuple[str, ...]:
    """Deduplicate and sort codes the way the vocabulary lists them; unknown codes last."""
    chosen = set(codes)
    if len(chosen) < 2:  # most lists have one code or none: nothing to order
        return tuple(chosen)
    ordered = tuple(c for c in vocabulary if c in chosen)
    if len(ordered) < len(chosen):
        ordered += tuple(sorted(chosen.difference(vocabulary)))
    return ordered


def derive_special_groups(members: Sequence[PersonRecord], today: date) -> tuple[str, ...]:
    """老、小、残 and left-behind groups, from the members alone.

    A child or elder is left behind when no working-age member is at home, and (for elders)
    someone registered in the household works away; children raised by grandparents count
    even when their parents are registered elsewhere.
    """
    lo, hi = WORKING_AGE
    this_year, today_md = today.year, (today.month, today.day)
    elder = child = disabled = adult_at_home = someone_away = False
    for m in members:  # one pass, age inlined: the generator calls this for every household
        b = m.birth_date
        age = this_year - b.year - (today_md < (b.month, b.day))
        if age >= ELDERLY_AGE:
            elder = True
        elif age < CHILD_AGE:
            child = True
        if m.disability_grade is not None:
            disabled = True
        if m.lives_away:
            someone_away = True
        elif lo <= age <= hi:
            adult_at_home = True
    groups: list[str] = []  # appended in SPECIAL_GROUPS order
    if elder:
        groups.append("ELDERLY")
    if child:
        groups.append("CHILD")
    if disabled:
        groups.append("DISABLED")
    if child and not adult_at_home:
        groups.append("LEFT_BEHIND_CHILD")
    if elder and someone_away and not adult_at_home:
        groups.append("LEFT_BEHIND_ELDER")
    return tuple(groups)


def derive_needs_skills(members: Sequence[PersonRecord]) -> tuple[str, ...]:
    """Care skills the members' conditions require; PSYCHOLOGICAL is never derivable."""
    medical = disability = False
    for m in members:
        medical = medical or m.serious_illness
        disability = disability or m.disability_grade is not None
    # In CARE_SKILLS order: MEDICAL, (PSYCHOLOGICAL), DISABILITY_CARE.
    return ("MEDICAL",) * medical + ("DISABILITY_CARE",) * disability


def household_facts(
    members: Sequence[PersonRecord], kept_skills: Sequence[str], *, today: date
) -> dict[str, Any]:
    """What follows from the members alone, as household properties.

    `kept_skills` are the household's required skills before the change: the ones a person
    set (PSYCHOLOGICAL) survive. Raises `RuleBroken` when the members name two heads."""
    heads = [m for m in members if m.relation == "HEAD"]
    if len(heads) > 1:
        raise RuleBroken("DUPLICATE_HEAD", "A household has only one head (户主).", "relation")
    skills = [*derive_needs_skills(members), *(s for s in kept_skills if s not in DERIVED_SKILLS)]
    return {
        "size": len(members),
        "special_groups": list(derive_special_groups(members, today)),
        "needs_skills": list(in_vocabulary_order(skills, CARE_SKILLS)),
        "head_name": heads[0].name if heads else None,
    }
