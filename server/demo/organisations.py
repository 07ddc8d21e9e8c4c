"""The demo county's charities and enterprises."""

import random
from typing import Final

from graph.organisations import CharityRecord, EnterpriseRecord
from server.demo.places import Township
from server.demo.shape import AREA_CODE, BASE_TOWNSHIPS, randint
from server.registry.household_facts import (
    in_vocabulary_order,
)
from server.registry.vocabulary import (
    CAUSES,
    NEED_KINDS,
)

# ---- charities and enterprises ----------------------------------------------------------

# (name, focus need kinds, budget in yuan for a 10,000-household county, county-wide?)
_CHARITIES: Final = (
    ("太原市慈善总会", ("MEDICAL", "EDUCATION", "BASIC_LIVING"), 3_000_000, True),
    ("娄烦县慈善协会", ("BASIC_LIVING", "HOUSING", "DAILY_CARE"), 800_000, True),
    ("山西省乡村振兴公益基金会", ("EMPLOYMENT", "HOUSING", "EDUCATION"), 2_000_000, True),
    ("太原市红十字会", ("MEDICAL", "REHABILITATION"), 1_500_000, True),
    ("山西省青少年发展基金会", ("EDUCATION", "PSYCHOLOGICAL"), 1_200_000, True),
    ("山西省残疾人福利基金会", ("REHABILITATION", "DAILY_CARE"), 1_000_000, True),
    ("太原市爱心助老公益服务中心", ("DAILY_CARE", "PSYCHOLOGICAL", "BASIC_LIVING"), 500_000, False),
    ("太原市法律援助基金会", ("LEGAL_AID",), 300_000, False),
)
# (name, sectors, jobs for a 10,000-household county, causes its contracts address, county-wide?)
_ENTERPRISES: Final = (
    ("娄烦县汾源种养殖专业合作社", ("AGRICULTURE",), 40, ("UNEMPLOYMENT", "LACK_OF_LABOUR"), False),
    ("山西晋源建材有限公司", ("CONSTRUCTION", "MANUFACTURING"), 60, ("UNEMPLOYMENT",), True),
    ("太原市鑫诚物流有限公司", ("LOGISTICS",), 30, ("UNEMPLOYMENT",), True),
    ("娄烦县云顶山文化旅游开发有限公司", ("TOURISM",), 25, ("UNEMPLOYMENT", "DISASTER"), False),
    (
        "山西汾河农产品加工有限公司",
        ("FOOD_PROCESSING", "AGRICULTURE"),
        50,
        ("UNEMPLOYMENT", "ILLNESS"),
        True,
    ),
    ("太原市康宁家政服务有限公司", ("DOMESTIC_SERVICE",), 35, ("UNEMPLOYMENT", "DISABILITY"), True),
    ("山西晋兴建筑工程有限公司", ("CONSTRUCTION",), 45, ("UNEMPLOYMENT", "DISASTER"), True),
    (
        "娄烦县马铃薯产业发展有限公司",
        ("AGRICULTURE", "FOOD_PROCESSING"),
        40,
        ("UNEMPLOYMENT",),
        False,
    ),
    (
        "太原市安泰物业管理有限公司",
        ("DOMESTIC_SERVICE", "RETAIL"),
        20,
        ("UNEMPLOYMENT", "SCHOOLING"),
        True,
    ),
    # 光伏扶贫: dividends reach households that have nobody able to work.
    ("山西绿源光伏科技有限公司", ("ENERGY",), 15, ("LACK_OF_LABOUR", "SCHOOLING"), True),
)
_COOP_PRODUCTS: Final = (
    "小杂粮",
    "中药材",
    "肉牛养殖",
    "食用菌",
    "核桃",
    "蔬菜大棚",
    "养蜂",
    "沙棘",
)


def _some_townships(rng: random.Random, townships: list[Township], start: int) -> tuple[str, ...]:
    """A few neighbouring townships (by index), for organisations that work locally."""
    n = min(len(townships), randint(rng, 3, 5))
    return tuple(townships[(start + k) % len(townships)].id for k in range(n))


def charity_records(
    rng: random.Random, townships: list[Township], scale: float
) -> list[CharityRecord]:
    county_id = f"rg-{AREA_CODE}"
    specs = list(_CHARITIES)
    for k in range(max(0, len(townships) - BASE_TOWNSHIPS) // 6):  # larger counties, more donors
        t = townships[(k * 6 + 3) % len(townships)]
        focus = tuple(rng.sample(NEED_KINDS, 2))
        specs.append((f"{t.name}乡贤公益基金会", focus, 400_000, False))
    charities = []
    for i, (name, focus, budget, county_wide) in enumerate(specs):
        amount = max(10_000, round(budget * scale * rng.uniform(0.8, 1.2), -4))
        regions = (
            (county_id,)
            if county_wide
            else _some_townships(rng, townships, int(rng.random() * len(townships)))
        )
        charities.append(
            CharityRecord(
                id=f"ch-{i + 1:02d}",
                name=name,
                focus_kinds=in_vocabulary_order(focus, NEED_KINDS),
                budget_yuan=int(amount),
                region_ids=regions,
            )
        )
    return charities


def enterprise_records(
    rng: random.Random, townships: list[Township], scale: float
) -> list[EnterpriseRecord]:
    county_id = f"rg-{AREA_CODE}"
    specs = list(_ENTERPRISES)
    for k in range(max(0, len(townships) - BASE_TOWNSHIPS) // 4):
        t = townships[(k * 4 + 1) % len(townships)]
        product = _COOP_PRODUCTS[k % len(_COOP_PRODUCTS)]
        specs.append(
            (f"{t.name}{product}专业合作社", ("AGRICULTURE",), 30, ("UNEMPLOYMENT",), False)
        )
    enterprises = []
    for i, (name, sectors, jobs, causes, county_wide) in enumerate(specs):
        regions = (
            (county_id,)
            if county_wide
            else _some_townships(rng, townships, int(rng.random() * len(townships)))
        )
        enterprises.append(
            EnterpriseRecord(
                id=f"ent-{i + 1:02d}",
                name=name,
                sectors=sectors,
                jobs_offered=max(1, round(jobs * min(scale, 1.0) * rng.uniform(0.7, 1.3))),
                region_ids=regions,
                causes_supported=in_vocabulary_order(causes, CAUSES),
            )
        )
    return enterprises
