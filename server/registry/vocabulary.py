"""Domain vocabularies shared by the graph, the server and the frontend.

Codes are stable English tokens stored in the graph; labels are the Chinese terms the users
speak (see /work/shared/DOMAIN.md). Every tuple lists its codes in display order, and every
code has a label, so a UI can render `LABELS[code]` without a fallback.
"""

from collections.abc import Mapping
from typing import Final

REGION_LEVELS: Final = ("COUNTY", "TOWNSHIP", "VILLAGE")
REGION_LEVEL_LABELS: Final[Mapping[str, str]] = {
    "COUNTY": "县",
    "TOWNSHIP": "乡镇",
    "VILLAGE": "村",
}

# Zhejiang's five levels (分层), most to least severe.
TIERS: Final = ("EXTREME", "DIBAO", "NEAR_DIBAO", "EXPENDITURE", "TEMPORARY")
TIER_LABELS: Final[Mapping[str, str]] = {
    "EXTREME": "特困",
    "DIBAO": "低保",
    "NEAR_DIBAO": "低保边缘",
    "EXPENDITURE": "支出型贫困",
    "TEMPORARY": "临时救助",
}

# Yunnan's 分类施保: only dibao households carry a class.
DIBAO_CLASSES: Final = ("A", "B", "C")
DIBAO_CLASS_LABELS: Final[Mapping[str, str]] = {
    "A": "重点保障户",
    "B": "基本保障户",
    "C": "一般保障户",
}
# Review cadence per class in months (A yearly, B half-yearly, C quarterly).
DIBAO_CLASS_REVIEW_MONTHS: Final[Mapping[str, int]] = {"A": 12, "B": 6, "C": 3}

CAUSES: Final = (
    "ILLNESS",
    "DISABILITY",
    "SCHOOLING",
    "DISASTER",
    "UNEMPLOYMENT",
    "ACCIDENT",
    "LACK_OF_LABOUR",
)
CAUSE_LABELS: Final[Mapping[str, str]] = {
    "ILLNESS": "因病",
    "DISABILITY": "因残",
    "SCHOOLING": "因学",
    "DISASTER": "因灾",
    "UNEMPLOYMENT": "失业",
    "ACCIDENT": "意外",
    "LACK_OF_LABOUR": "缺劳力",
}

SPECIAL_GROUPS: Final = ("ELDERLY", "CHILD", "DISABLED", "LEFT_BEHIND_CHILD", "LEFT_BEHIND_ELDER")
SPECIAL_GROUP_LABELS: Final[Mapping[str, str]] = {
    "ELDERLY": "老年人",
    "CHILD": "儿童",
    "DISABLED": "残疾人",
    "LEFT_BEHIND_CHILD": "留守儿童",
    "LEFT_BEHIND_ELDER": "留守老人",
}

# Gansu's four warning colours, plus NONE for an unflagged household; ascending severity.
WARNING_LEVELS: Final = ("NONE", "BLUE", "YELLOW", "ORANGE", "RED")
WARNING_LEVEL_LABELS: Final[Mapping[str, str]] = {
    "NONE": "无预警",
    "BLUE": "蓝色预警",
    "YELLOW": "黄色预警",
    "ORANGE": "橙色预警",
    "RED": "红色预警",
}

NEED_KINDS: Final = (
    "MEDICAL",
    "EDUCATION",
    "HOUSING",
    "EMPLOYMENT",
    "DAILY_CARE",
    "PSYCHOLOGICAL",
    "REHABILITATION",
    "LEGAL_AID",
    "BASIC_LIVING",
)
NEED_KIND_LABELS: Final[Mapping[str, str]] = {
    "MEDICAL": "医疗救助",
    "EDUCATION": "教育救助",
    "HOUSING": "住房救助",
    "EMPLOYMENT": "就业帮扶",
    "DAILY_CARE": "日常照料",
    "PSYCHOLOGICAL": "心理疏导",
    "REHABILITATION": "康复照护",
    "LEGAL_AID": "法律援助",
    "BASIC_LIVING": "基本生活",
}

URGENCIES: Final = ("LOW", "MEDIUM", "HIGH")
URGENCY_LABELS: Final[Mapping[str, str]] = {"LOW": "一般", "MEDIUM": "较急", "HIGH": "紧急"}

NEED_STATUSES: Final = ("OPEN", "PLEDGED", "FULFILLED", "CANCELLED")
NEED_STATUS_LABELS: Final[Mapping[str, str]] = {
    "OPEN": "待认领",
    "PLEDGED": "已认领",
    "FULFILLED": "已完成",
    "CANCELLED": "已取消",
}

# Skills a household can require of its responsible worker (HouseholdRecord.needs_skills).
CARE_SKILLS: Final = ("MEDICAL", "PSYCHOLOGICAL", "DISABILITY_CARE")
# All helper skills: the care skills first, then the ones that only improve fit.
SKILLS: Final = (
    *CARE_SKILLS,
    "ELDERLY_CARE",
    "CHILD_PROTECTION",
    "EMPLOYMENT_SERVICES",
    "LEGAL",
    "TUTORING",
    "DAILY_CARE",
)
SKILL_LABELS: Final[Mapping[str, str]] = {
    "MEDICAL": "医疗护理",
    "PSYCHOLOGICAL": "心理疏导",
    "DISABILITY_CARE": "残疾人照护",
    "ELDERLY_CARE": "养老照护",
    "CHILD_PROTECTION": "儿童保护",
    "EMPLOYMENT_SERVICES": "就业服务",
    "LEGAL": "法律咨询",
    "TUTORING": "课业辅导",
    "DAILY_CARE": "生活照料",
}

TRAVEL_MODES: Final = ("WALK", "BIKE", "EBIKE", "BUS", "CAR")
TRAVEL_MODE_LABELS: Final[Mapping[str, str]] = {
    "WALK": "步行",
    "BIKE": "自行车",
    "EBIKE": "电动车",
    "BUS": "公交",
    "CAR": "汽车",
}
# Default reach of a worker by travel mode, in km (a pairing beyond it fails).
TRAVEL_MODE_REACH_KM: Final[Mapping[str, float]] = {
    "WALK": 5.0,
    "BIKE": 10.0,
    "EBIKE": 15.0,
    "BUS": 25.0,
    "CAR": 40.0,
}

# Languages are open-ended (any dialect name is allowed); these are the ones with labels.
LANGUAGES: Final = ("MANDARIN", "JIN", "CANTONESE", "HAKKA", "MIN", "WU", "XIANG", "GAN")
LANGUAGE_LABELS: Final[Mapping[str, str]] = {
    "MANDARIN": "普通话",
    "JIN": "晋语",
    "CANTONESE": "粤语",
    "HAKKA": "客家话",
    "MIN": "闽语",
    "WU": "吴语",
    "XIANG": "湘语",
    "GAN": "赣语",
}

SEXES: Final = ("M", "F")
SEX_LABELS: Final[Mapping[str, str]] = {"M": "男", "F": "女"}

RELATIONS: Final = ("HEAD", "SPOUSE", "CHILD", "PARENT", "GRANDCHILD", "SIBLING", "OTHER")
RELATION_LABELS: Final[Mapping[str, str]] = {
    "HEAD": "户主",
    "SPOUSE": "配偶",
    "CHILD": "子女",
    "PARENT": "父母",
    "GRANDCHILD": "孙子女",
    "SIBLING": "兄弟姐妹",
    "OTHER": "其他",
}

DISABILITY_GRADES: Final = (1, 2, 3, 4)
DISABILITY_GRADE_LABELS: Final[Mapping[int, str]] = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}

# 网格员 and other volunteers.
VOLUNTEER_KINDS: Final = (
    "VILLAGE_CADRE",
    "PARTY_MEMBER",
    "VILLAGE_DOCTOR",
    "TEACHER",
    "POLICE",
    "LAWYER",
    "RESIDENT",
)
VOLUNTEER_KIND_LABELS: Final[Mapping[str, str]] = {
    "VILLAGE_CADRE": "村干部",
    "PARTY_MEMBER": "党员",
    "VILLAGE_DOCTOR": "村医",
    "TEACHER": "教师",
    "POLICE": "民警",
    "LAWYER": "律师",
    "RESIDENT": "村民",
}

SECTORS: Final = (
    "AGRICULTURE",
    "FOOD_PROCESSING",
    "CONSTRUCTION",
    "MANUFACTURING",
    "LOGISTICS",
    "DOMESTIC_SERVICE",
    "TOURISM",
    "ENERGY",
    "RETAIL",
)
SECTOR_LABELS: Final[Mapping[str, str]] = {
    "AGRICULTURE": "种养殖",
    "FOOD_PROCESSING": "农产品加工",
    "CONSTRUCTION": "建筑",
    "MANUFACTURING": "制造",
    "LOGISTICS": "物流",
    "DOMESTIC_SERVICE": "家政服务",
    "TOURISM": "文旅",
    "ENERGY": "能源",
    "RETAIL": "商贸",
}

# Why a helper must never be paired with a household (优亲厚友).
CONFLICT_REASONS: Final = ("KINSHIP", "DECLARED")
CONFLICT_REASON_LABELS: Final[Mapping[str, str]] = {
    "KINSHIP": "亲属关系",
    "DECLARED": "申报回避",
}
