"""The household pass of the demo county: each household, its members' records and needs."""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from graph.households import HouseholdRecord
from graph.members import PersonRecord
from graph.needs import NeedRecord
from server.demo.members import (
    DUE_OFFSET,
    INCOME_RANGE,
    TIER_MIX,
    TIER_REVIEW_MONTHS,
    TIER_RISK,
    Flags,
    Member,
    draw_causes,
    draw_dibao_class,
    draw_members,
    draw_risk_score,
    flags_of,
    warning_level_of,
)
from server.demo.names import SURNAMES, IdNumbers, landline_number, mobile_number, person_name
from server.demo.places import Township, Village, largest_remainder
from server.demo.shape import COUNTY_NAME, KM_PER_DEG_LAT, randint, weighted_choice
from server.registry.household_facts import (
    derive_needs_skills,
    derive_special_groups,
    in_vocabulary_order,
)
from server.registry.vocabulary import (
    CARE_SKILLS,
    DIBAO_CLASS_REVIEW_MONTHS,
    NEED_KINDS,
    SPECIAL_GROUPS,
)

# ---- needs ------------------------------------------------------------------------------

_WHO: Final = {
    "HEAD": "户主",
    "SPOUSE": "户主配偶",
    "CHILD": "子女",
    "PARENT": "老人",
    "GRANDCHILD": "孙辈",
    "SIBLING": "兄弟姐妹",
    "OTHER": "家庭成员",
}
_SERIOUS_DISEASES: Final = ("尿毒症", "恶性肿瘤", "白血病", "脑梗塞", "重症肝病", "先天性心脏病")
_CHRONIC_DISEASES: Final = (
    "高血压",
    "糖尿病",
    "慢性阻塞性肺疾病",
    "类风湿关节炎",
    "冠心病",
    "慢性肾病",
)
_DISABILITY_KINDS: Final = ("肢体", "视力", "听力", "智力", "精神")
_GRADE_ZH: Final = ("", "一", "二", "三", "四")
_PSYCHOLOGICAL_REASONS: Final = ("独居缺少陪伴，情绪低落", "家庭矛盾突出，情绪压力大")
_NEED_STATUS: Final = weighted_choice("OPEN72 PLEDGED14 FULFILLED11 CANCELLED3")


def _pick(rng: random.Random, options: Sequence[str]) -> str:
    return options[int(rng.random() * len(options))]


def _need_texts(
    rng: random.Random,
    causes: tuple[str, ...],
    members: list[Member],
    f: Flags,
    psychological: bool,
) -> list[tuple[str, str, int, bool]]:
    """(kind, description, cost in yuan, acute) for each need the causes imply, one per kind.

    Descriptions name a relation, never a person: charities read them without identities.
    """
    out: dict[str, tuple[str, str, int, bool]] = {}

    def who(ms: list[Member]) -> str:
        return _WHO[ms[0].relation] if ms else "家庭成员"

    if "ILLNESS" in causes and rng.random() < 0.7:
        if f.serious:
            cost = randint(rng, 5, 50) * 1000  # out of pocket, after insurance
            disease = _pick(rng, _SERIOUS_DISEASES)
            text = f"{who([m for m in members if m.serious])}患{disease}，需住院治疗"
            text += f"，自付医疗费用约{cost}元"
        else:
            cost = randint(rng, 15, 80) * 100
            disease = _pick(rng, _CHRONIC_DISEASES)
            text = f"{who([m for m in members if m.chronic])}患{disease}，需长期服药"
            text += f"，年自付药费约{cost}元"
        out["MEDICAL"] = ("MEDICAL", text, cost, f.serious)
    if "DISABILITY" in causes and f.disabled and rng.random() < 0.45:
        m = next(m for m in members if m.grade is not None)
        text = f"{_WHO[m.relation]}{_pick(rng, _DISABILITY_KINDS)}残疾"
        text += f"（{_GRADE_ZH[m.grade or 4]}级），需康复训练和辅具适配"
        out["REHABILITATION"] = ("REHABILITATION", text, randint(rng, 20, 150) * 100, False)
    if "SCHOOLING" in causes and (f.college_age or f.school_age) and rng.random() < 0.7:
        m = max((m for m in members if 6 <= m.age <= 22), key=lambda m: m.age)
        stage, lo, hi = (
            ("大学", 60, 120)
            if m.age >= 18
            else ("高中", 20, 50)
            if m.age >= 15
            else ("义务教育阶段", 5, 15)
        )
        cost = randint(rng, lo, hi) * 100
        text = f"{_WHO[m.relation]}就读{stage}，学杂费和生活费约{cost}元/年"
        out["EDUCATION"] = ("EDUCATION", text, cost, False)
    if "DISASTER" in causes and rng.random() < 0.8:
        text = f"房屋因{_pick(rng, ('暴雨', '山体滑坡', '冰雹', '火灾'))}受损，需维修加固"
        out["HOUSING"] = ("HOUSING", text, randint(rng, 10, 60) * 1000, True)
    elif rng.random() < 0.03:
        out["HOUSING"] = ("HOUSING", "住房为C级危房，需改造", randint(rng, 15, 40) * 1000, False)
    if "UNEMPLOYMENT" in causes and rng.random() < 0.75:
        wish = _pick(rng, ("稳定就业岗位", "技能培训", "公益性岗位"))
        text = f"{who([m for m in members if m.can_work])}有劳动能力但失业在家，希望获得{wish}"
        out["EMPLOYMENT"] = ("EMPLOYMENT", text, randint(rng, 5, 30) * 100, False)
    if "ACCIDENT" in causes:
        if "MEDICAL" not in out and rng.random() < 0.5:
            cost = randint(rng, 5, 50) * 1000
            text = f"家庭成员因意外受伤，后续治疗费用约{cost}元"
            out["MEDICAL"] = ("MEDICAL", text, cost, True)
        if rng.random() < 0.3:
            text = f"因{_pick(rng, ('交通事故', '工伤', '劳务纠纷'))}需法律援助，追讨赔偿"
            out["LEGAL_AID"] = ("LEGAL_AID", text, randint(rng, 10, 50) * 100, False)
    if "LACK_OF_LABOUR" in causes or f.all_old:
        frail = [m for m in members if m.age >= 75 or (m.grade is not None and m.grade <= 2)]
        if frail and rng.random() < 0.35:
            state = _pick(rng, ("生活不能自理", "年老体弱", "行动不便"))
            care = _pick(rng, ("助餐助洁", "日间照料", "定期探视"))
            text = f"{who(frail)}{state}，需上门{care}服务"
            out["DAILY_CARE"] = ("DAILY_CARE", text, randint(rng, 12, 60) * 100, False)
    if psychological and rng.random() < 0.6:
        if "ACCIDENT" in causes or "DISASTER" in causes:
            why = "家庭遭遇变故，成员情绪低落"
        elif f.serious:
            why = "长期患病，心理压力大"
        elif any(m.age < 16 for m in members):
            why = "孩子长期留守，缺少陪伴"
        else:
            why = _pick(rng, _PSYCHOLOGICAL_REASONS)
        text = f"{why}，需心理疏导"
        out["PSYCHOLOGICAL"] = ("PSYCHOLOGICAL", text, randint(rng, 5, 30) * 100, False)
    if "LACK_OF_LABOUR" in causes and rng.random() < 0.25:
        text = "家庭无稳定收入，需米面油、冬季取暖煤等基本生活物资"
        out["BASIC_LIVING"] = ("BASIC_LIVING", text, randint(rng, 5, 30) * 100, False)
    if len(out) < 2:  # the common case, and no order to restore
        return list(out.values())
    return [out[k] for k in NEED_KINDS if k in out]


def _urgency(rng: random.Random, warning: str, acute: bool) -> str:
    if acute or warning in ("RED", "ORANGE"):
        return "HIGH"
    if warning in ("YELLOW", "BLUE") or rng.random() < 0.3:
        return "MEDIUM"
    return "LOW"


# ---- the household pass -----------------------------------------------------------------


@dataclass(slots=True)
class Registry:
    """What the household pass produces, plus the indexes the helper passes need."""

    households: list[HouseholdRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    needs: list[NeedRecord] = field(default_factory=list)
    # (village index, head's surname) -> household indices: where kinship conflicts come from.
    heads: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    by_township: dict[int, list[int]] = field(default_factory=dict)
    due_dates: list[date] = field(default_factory=list)  # today + (i - DUE_OFFSET) days


def household_pass(
    rng: random.Random, townships: list[Township], count: int, ids: IdNumbers, today: date
) -> Registry:
    reg = Registry()
    reg.due_dates = [today + timedelta(days=d) for d in range(-DUE_OFFSET, 12 * 30 + 1)]
    villages = [v for t in townships for v in t.villages]
    sizes = largest_remainder(count, [rng.uniform(0.5, 1.5) for _ in villages])
    for village, n in zip(villages, sizes, strict=True):
        town = townships[village.township]
        for _ in range(n):
            _household(rng, reg, town, village, ids, today)
    return reg


def _household(
    rng: random.Random,
    reg: Registry,
    town: Township,
    village: Village,
    ids: IdNumbers,
    today: date,
) -> None:
    index = len(reg.households)
    hid = f"hh-{index + 1:06d}"
    tier = TIER_MIX.pick(rng)
    head_surname = village.clans.pick(rng) if rng.random() < 0.55 else SURNAMES.pick(rng)
    members = draw_members(rng, tier, head_surname)
    f = flags_of(members)
    causes = draw_causes(rng, tier, members, f)
    people = _people(rng, reg, hid, members, ids, today)
    groups = derive_special_groups(people, today)
    if f.all_old and "LEFT_BEHIND_ELDER" not in groups and rng.random() < 0.25:
        # Their children left the household register too (空巢老人): left behind all the same.
        groups = in_vocabulary_order((*groups, "LEFT_BEHIND_ELDER"), SPECIAL_GROUPS)
    psychological = (
        (("ACCIDENT" in causes or "DISASTER" in causes) and rng.random() < 0.5)
        or ("LEFT_BEHIND_CHILD" in groups and rng.random() < 0.25)
        or (f.serious and rng.random() < 0.1)
        or rng.random() < 0.015
    )
    needs_skills = derive_needs_skills(people)
    if psychological:
        needs_skills = in_vocabulary_order((*needs_skills, "PSYCHOLOGICAL"), CARE_SKILLS)
    score = draw_risk_score(rng, tier, causes, f)
    level = warning_level_of(score)
    risk = 0.8 * score + TIER_RISK[tier] + 0.03 * len(groups) + 0.05 * rng.random()
    dibao_class = draw_dibao_class(rng, members, f) if tier == "DIBAO" else None
    lo, hi = INCOME_RANGE[tier]
    months = DIBAO_CLASS_REVIEW_MONTHS[dibao_class] if dibao_class else TIER_REVIEW_MONTHS[tier]
    overdue = rng.random() < 0.04  # a few reviews are late, so the overdue views have content
    days = randint(rng, -DUE_OFFSET, -1) if overdue else randint(rng, 1, months * 30)
    rnd = rng.random
    # ~1 km around the village centre: a sum of three uniforms is near-normal (sd 0.45 km)
    # and bounded (1.35 km), at a fraction of gauss()'s cost.
    lat = village.lat + (rnd() + rnd() + rnd() - 1.5) * 0.9 / KM_PER_DEG_LAT
    lon = village.lon + (rnd() + rnd() + rnd() - 1.5) * 0.9 / village.km_per_deg_lon
    k = village.household_count
    village.household_count += 1
    household = HouseholdRecord(
        id=hid,
        village_id=village.id,
        tier=tier,
        dibao_class=dibao_class,
        causes=causes,
        special_groups=groups,
        size=len(people),
        monthly_income_per_person=float(round(lo + rng.random() * (hi - lo))),
        lat=lat,
        lon=lon,
        address=f"{COUNTY_NAME}{town.name}{village.name}{k // 20 + 1}组{k % 20 + 1}号",
        phone=landline_number(rng) if rng.random() < 0.12 else mobile_number(rng),
        warning_level=level,
        risk_score=min(1.0, int(risk * 1000 + 0.5) / 1000),  # 3 decimals, cheaper than round
        next_review_due=reg.due_dates[days + DUE_OFFSET],
        needs_skills=needs_skills,
        languages=("JIN",) if f.all_old and rng.random() < 0.5 else ("MANDARIN", "JIN"),
    )
    reg.households.append(household)
    reg.heads.setdefault((village.index, head_surname), []).append(index)
    reg.by_township.setdefault(town.index, []).append(index)
    for kind, text, cost, acute in _need_texts(rng, causes, members, f, psychological):
        reg.needs.append(
            NeedRecord(
                id=f"nd-{len(reg.needs) + 1:07d}",
                household_id=hid,
                kind=kind,
                description=text,
                estimated_cost=cost,
                urgency=_urgency(rng, level, acute),
                status=_NEED_STATUS.pick(rng),
            )
        )


def birth_ordinal(rng: random.Random, today_ordinal: int, age: int) -> int:
    # Uniform within the year of age, a day clear of both birthdays.
    return today_ordinal - int((age + 0.003 + rng.random() * 0.994) * 365.2425)


def _people(
    rng: random.Random,
    reg: Registry,
    hid: str,
    members: list[Member],
    ids: IdNumbers,
    today: date,
) -> list[PersonRecord]:
    # The hottest loop of the generator (a third of a million people per 100k households):
    # locals are bound once and the birth-date formula is inlined.
    rnd = rng.random
    allocate = ids.allocate
    today_ordinal = today.toordinal()
    out = reg.people
    n = len(out)
    people = []
    for m in members:
        ordinal = today_ordinal - int((m.age + 0.003 + rnd() * 0.994) * 365.2425)
        id_number, birth = allocate(ordinal, m.sex == "M")
        n += 1
        person = PersonRecord(
            id=f"p-{n:07d}",
            household_id=hid,
            name=person_name(rng, m.surname, m.sex, birth.year),
            id_number=id_number,
            sex=m.sex,
            birth_date=birth,
            disability_grade=m.grade,
            chronic_illness=m.chronic,
            serious_illness=m.serious,
            can_work=m.can_work,
            relation=m.relation,
            lives_away=m.away,
        )
        people.append(person)
    out.extend(people)
    return people
