"""The demo households' members: who lives there, their health, and what follows from it."""

import random
from dataclasses import dataclass
from typing import Final

from server.demo.names import SURNAMES
from server.demo.shape import DIBAO_LINE, Choice, randint, weighted_choice
from server.registry.household_facts import (
    in_vocabulary_order,
)
from server.registry.vocabulary import (
    CAUSES,
)

# ---- households and their members -------------------------------------------------------

TIER_MIX: Final = weighted_choice("DIBAO58 NEAR_DIBAO17 EXTREME12 EXPENDITURE9 TEMPORARY4")
# Non-destitute household sizes; with the 1-2 person 特困 households the mean is ~3.3.
SIZE_MIX: Final = Choice(
    [(1, 10.0), (2, 17.0), (3, 20.0), (4, 24.0), (5, 18.0), (6, 8.0), (7, 3.0)]
)
GRADE_MIX: Final = Choice([(1, 12.0), (2, 23.0), (3, 30.0), (4, 35.0)])
INCOME_RANGE: Final[dict[str, tuple[float, float]]] = {
    "EXTREME": (0.0, 0.5 * DIBAO_LINE),
    "DIBAO": (0.2 * DIBAO_LINE, 0.97 * DIBAO_LINE),
    "NEAR_DIBAO": (DIBAO_LINE, 1.5 * DIBAO_LINE),
    "EXPENDITURE": (1.2 * DIBAO_LINE, 3.5 * DIBAO_LINE),
    "TEMPORARY": (0.5 * DIBAO_LINE, 4.0 * DIBAO_LINE),
}
# Review cadence for tiers without a dibao class; TEMPORARY is followed up after a quarter.
TIER_REVIEW_MONTHS: Final[dict[str, int]] = {
    "EXTREME": 12,
    "NEAR_DIBAO": 6,
    "EXPENDITURE": 6,
    "TEMPORARY": 3,
}
DUE_OFFSET: Final = 30  # how late an overdue review can be, in days
TIER_RISK: Final[dict[str, float]] = {
    "EXTREME": 0.12,
    "DIBAO": 0.08,
    "NEAR_DIBAO": 0.04,
    "EXPENDITURE": 0.06,
    "TEMPORARY": 0.10,
}
# Gansu-style weighted indicators -> colour; thresholds tuned so most households are NONE.
WARNING_THRESHOLDS: Final = ((0.6, "RED"), (0.45, "ORANGE"), (0.3, "YELLOW"), (0.15, "BLUE"))


@dataclass(slots=True)
class Member:
    relation: str
    sex: str
    age: int
    surname: str
    grade: int | None = None
    chronic: bool = False
    serious: bool = False
    can_work: bool = False
    away: bool = False


def draw_members(rng: random.Random, tier: str, head_surname: str) -> list[Member]:
    if tier == "EXTREME":
        return _destitute_members(rng, head_surname)
    size = SIZE_MIX.pick(rng)
    r = rng.random()
    head_age = (
        randint(rng, 25, 39)
        if r < 0.12
        else randint(rng, 40, 54)
        if r < 0.45
        else randint(rng, 55, 69)
        if r < 0.8
        else randint(rng, 70, 88)
    )
    head_sex = "M" if rng.random() < (0.62 if head_age >= 70 else 0.8) else "F"
    members = [Member("HEAD", head_sex, head_age, head_surname)]
    fathers_surname = head_surname  # children take the surname of the man of the couple
    if size > 1 and rng.random() < (0.6 if head_age >= 75 else 0.85):
        sex = "F" if head_sex == "M" else "M"
        gap = randint(rng, -6, 2) if head_sex == "M" else randint(rng, -2, 6)
        spouse = Member("SPOUSE", sex, min(95, max(20, head_age + gap)), SURNAMES.pick(rng))
        members.append(spouse)
        if sex == "M":
            fathers_surname = spouse.surname
    parents = 0
    while len(members) < size:
        r = rng.random()
        if head_age < 45:
            role = "CHILD" if r < 0.78 else "PARENT" if r < 0.96 else "SIBLING"
        elif head_age < 65:
            role = "CHILD" if r < 0.6 else "GRANDCHILD" if r < 0.9 else "PARENT"
        else:
            role = "CHILD" if r < 0.45 else "GRANDCHILD"
        if role == "PARENT" and (parents == 2 or head_age > 70):
            role = "CHILD"
        sex = "M" if rng.random() < 0.52 else "F"
        if role == "CHILD":
            age = randint(rng, max(0, head_age - 38), max(0, head_age - 20))
            surname = fathers_surname
        elif role == "GRANDCHILD":
            age = randint(rng, max(0, head_age - 62), max(0, head_age - 42))
            surname = fathers_surname
        elif role == "PARENT":
            parents += 1
            age = min(98, head_age + randint(rng, 22, 32))
            if parents == 2:
                sex = "F" if members[-1].sex == "M" else "M"
            surname = head_surname if sex == "M" else SURNAMES.pick(rng)
        else:
            age = max(16, head_age + randint(rng, -10, 10))
            surname = head_surname
        members.append(Member(role, sex, age, surname))
    for m in members:
        _health(rng, m)
    return members


def _destitute_members(rng: random.Random, head_surname: str) -> list[Member]:
    """特困: an old person alone (or an old couple), or an adult with a severe disability."""
    if rng.random() < 0.78:
        head = Member(
            "HEAD", "M" if rng.random() < 0.55 else "F", randint(rng, 60, 92), head_surname
        )
        members = [head]
        if rng.random() < 0.2:
            sex = "F" if head.sex == "M" else "M"
            members.append(
                Member("SPOUSE", sex, max(60, head.age + randint(rng, -5, 5)), SURNAMES.pick(rng))
            )
    else:
        head = Member(
            "HEAD", "M" if rng.random() < 0.6 else "F", randint(rng, 22, 59), head_surname
        )
        members = [head]
        if rng.random() < 0.15:
            members.append(
                Member("PARENT", "F", min(98, head.age + randint(rng, 22, 32)), SURNAMES.pick(rng))
            )
    for m in members:
        _health(rng, m)
        m.can_work = m.away = False
    if head.age < 60:
        head.grade = 1 if rng.random() < 0.4 else 2
    return members


def _health(rng: random.Random, m: Member) -> None:
    # Rates are those of assisted households, well above the general population's.
    rnd = rng.random
    a = m.age
    if a >= 60:
        p_chronic, p_serious, p_disabled = 0.45, 0.08, 0.14
    elif a >= 40:
        p_chronic, p_serious, p_disabled = 0.22, 0.06, 0.09
    elif a >= 16:
        p_chronic, p_serious, p_disabled = 0.06, 0.03, 0.07
    else:
        p_chronic, p_serious, p_disabled = 0.02, 0.015, 0.03
    m.chronic = chronic = rnd() < p_chronic
    m.serious = serious = rnd() < p_serious
    grade = m.grade = GRADE_MIX.pick(rng) if rnd() < p_disabled else None
    m.can_work = can_work = (
        16 <= a <= 64
        and not serious
        and (grade is None or grade >= 3)
        and rnd() < (0.7 if chronic else 0.93)
    )
    m.away = can_work and 18 <= a <= 55 and rnd() < 0.22


@dataclass(slots=True)
class Flags:
    """Facts about a household's members, gathered in one pass and used by many rules."""

    serious: bool = False
    chronic: bool = False
    disabled: bool = False
    able: int = 0
    all_old: bool = True
    college_age: bool = False  # 15-22: high school or college, the costly years
    school_age: bool = False  # 6-14
    freshman: bool = False  # 17-19: Gansu's "child admitted to college" indicator


def flags_of(members: list[Member]) -> Flags:
    f = Flags()
    for m in members:
        a = m.age
        f.serious = f.serious or m.serious
        f.chronic = f.chronic or m.chronic
        f.disabled = f.disabled or m.grade is not None
        f.able += m.can_work
        f.all_old = f.all_old and a >= 60
        f.college_age = f.college_age or 15 <= a <= 22
        f.school_age = f.school_age or 6 <= a <= 14
        f.freshman = f.freshman or 17 <= a <= 19
    return f


def draw_causes(rng: random.Random, tier: str, members: list[Member], f: Flags) -> tuple[str, ...]:
    """致贫原因 consistent with the members; may make a member ill to explain the tier."""
    causes: list[str] = []
    if f.serious or (f.chronic and rng.random() < 0.55):
        causes.append("ILLNESS")
    if f.disabled and rng.random() < 0.9:
        causes.append("DISABILITY")
    if (f.college_age and rng.random() < 0.55) or (f.school_age and rng.random() < 0.1):
        causes.append("SCHOOLING")
    if f.able and rng.random() < 0.06:
        causes.append("UNEMPLOYMENT")
    if not f.able and rng.random() < 0.9:
        causes.append("LACK_OF_LABOUR")
    if rng.random() < 0.025:
        causes.append("DISASTER")
    if rng.random() < 0.02:
        causes.append("ACCIDENT")
    if tier == "TEMPORARY":  # a sudden crisis brought the household in
        r = rng.random()
        causes.append("DISASTER" if r < 0.4 else "ACCIDENT" if r < 0.75 else "ILLNESS")
        if causes[-1] == "ILLNESS":
            _fall_ill(members[int(rng.random() * len(members))], f)
    elif tier == "EXPENDITURE" and "ILLNESS" not in causes and "SCHOOLING" not in causes:
        if f.college_age:  # rigid costs: schooling or illness
            causes.append("SCHOOLING")
        else:
            causes.append("ILLNESS")
            _fall_ill(members[int(rng.random() * len(members))], f)
    if not causes:
        if f.able and rng.random() < 0.25:
            causes.append("UNEMPLOYMENT")
        else:
            causes.append("ILLNESS")
            members[0].chronic = f.chronic = True
    if "UNEMPLOYMENT" in causes:  # the unemployed member is at home, not working away
        unemployed = next((m for m in members if m.can_work), None)
        if unemployed is None:  # the only one able to work just fell ill
            causes.remove("UNEMPLOYMENT")
        else:
            unemployed.away = False
    return tuple(causes) if len(causes) == 1 else in_vocabulary_order(causes, CAUSES)


def _fall_ill(m: Member, f: Flags) -> None:
    """A serious illness ends the member's capacity to work (and any work away)."""
    if m.can_work:
        f.able -= 1
    m.serious = f.serious = True
    m.can_work = m.away = False


def draw_dibao_class(rng: random.Random, members: list[Member], f: Flags) -> str:
    """A lost all work capacity, B lost part of it (age, disability, illness), C other causes."""
    if not f.able:
        return "A" if rng.random() < 0.9 else "B"
    severe = any(m.grade is not None and m.grade <= 2 for m in members)
    if (severe or f.serious) and f.able == 1 and rng.random() < 0.4:
        return "A"  # one worker caring for a severely ill or disabled member
    if f.serious or f.disabled or (f.chronic and rng.random() < 0.6):
        return "B"
    if not f.all_old and any(m.age >= 60 for m in members) and rng.random() < 0.5:
        return "B"
    return "C"


def draw_risk_score(rng: random.Random, tier: str, causes: tuple[str, ...], f: Flags) -> float:
    """Weighted sum of Gansu's five indicators (plus a sudden crisis), 0..~1.

    The indicators are events of the monitoring period (a new diagnosis, a hospital stay),
    so a long-known chronic illness fires only now and then.
    """
    rnd = rng.random
    score, fired = 0.0, 0
    if (f.serious and rnd() < 0.35) or (f.chronic and rnd() < 0.03):
        score, fired = score + 0.30, fired + 1  # hospitalisation
    if (f.serious and rnd() < 0.6) or (f.chronic and rnd() < 0.08):
        score, fired = score + 0.20, fired + 1  # chronic or major disease diagnosed
    if f.disabled and rnd() < 0.1:
        score, fired = score + 0.20, fired + 1  # new disability registration
    if "UNEMPLOYMENT" in causes and rnd() < 0.5:
        score, fired = score + 0.15, fired + 1  # new unemployment
    if f.freshman and "SCHOOLING" in causes and rnd() < 0.4:
        score, fired = score + 0.15, fired + 1  # a child admitted to college
    if tier == "TEMPORARY" and ("DISASTER" in causes or "ACCIDENT" in causes):
        score, fired = score + 0.35, fired + 1  # the sudden crisis itself
    return score + 0.05 * max(0, fired - 1)  # overlapping hardships raise the level


def warning_level_of(score: float) -> str:
    for threshold, level in WARNING_THRESHOLDS:
        if score >= threshold:
            return level
    return "NONE"
