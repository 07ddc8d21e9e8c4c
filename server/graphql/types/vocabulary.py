"""GraphQL enums for the domain vocabulary; a unit test keeps them equal to
`server.registry.vocabulary`, whose Chinese labels they carry as descriptions."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="分层: the household's assistance tier")
class Tier(Enum):
    EXTREME = "EXTREME"
    DIBAO = "DIBAO"
    NEAR_DIBAO = "NEAR_DIBAO"
    EXPENDITURE = "EXPENDITURE"
    TEMPORARY = "TEMPORARY"


@strawberry.enum(description="分类施保: A 重点保障户, B 基本保障户, C 一般保障户")
class DibaoClass(Enum):
    A = "A"
    B = "B"
    C = "C"


@strawberry.enum(description="致贫原因")
class Cause(Enum):
    ILLNESS = "ILLNESS"
    DISABILITY = "DISABILITY"
    SCHOOLING = "SCHOOLING"
    DISASTER = "DISASTER"
    UNEMPLOYMENT = "UNEMPLOYMENT"
    ACCIDENT = "ACCIDENT"
    LACK_OF_LABOUR = "LACK_OF_LABOUR"


@strawberry.enum(description="特殊群体: 老、小、残, left-behind children and elders")
class SpecialGroup(Enum):
    ELDERLY = "ELDERLY"
    CHILD = "CHILD"
    DISABLED = "DISABLED"
    LEFT_BEHIND_CHILD = "LEFT_BEHIND_CHILD"
    LEFT_BEHIND_ELDER = "LEFT_BEHIND_ELDER"


@strawberry.enum(description="预警等级")
class WarningLevel(Enum):
    NONE = "NONE"
    BLUE = "BLUE"
    YELLOW = "YELLOW"
    ORANGE = "ORANGE"
    RED = "RED"


@strawberry.enum(description="行政区划层级")
class RegionLevel(Enum):
    COUNTY = "COUNTY"
    TOWNSHIP = "TOWNSHIP"
    VILLAGE = "VILLAGE"


@strawberry.enum(description="需求类别")
class NeedKind(Enum):
    MEDICAL = "MEDICAL"
    EDUCATION = "EDUCATION"
    HOUSING = "HOUSING"
    EMPLOYMENT = "EMPLOYMENT"
    DAILY_CARE = "DAILY_CARE"
    PSYCHOLOGICAL = "PSYCHOLOGICAL"
    REHABILITATION = "REHABILITATION"
    LEGAL_AID = "LEGAL_AID"
    BASIC_LIVING = "BASIC_LIVING"


@strawberry.enum(description="需求状态")
class NeedStatus(Enum):
    OPEN = "OPEN"
    PLEDGED = "PLEDGED"
    FULFILLED = "FULFILLED"
    CANCELLED = "CANCELLED"


@strawberry.enum(description="紧急程度")
class Urgency(Enum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


@strawberry.enum(description="出行方式")
class TravelMode(Enum):
    WALK = "WALK"
    BIKE = "BIKE"
    EBIKE = "EBIKE"
    BUS = "BUS"
    CAR = "CAR"


@strawberry.enum(description="与户主关系")
class Relation(Enum):
    HEAD = "HEAD"
    SPOUSE = "SPOUSE"
    CHILD = "CHILD"
    PARENT = "PARENT"
    GRANDCHILD = "GRANDCHILD"
    SIBLING = "SIBLING"
    OTHER = "OTHER"


@strawberry.enum(description="性别")
class Sex(Enum):
    M = "M"
    F = "F"
