"""Frozen records of the registry: what `graph/` reads, writes, imports and generates.

Codes in the string fields come from `graph.vocabulary`. Multi-valued fields are tuples in
the vocabulary's order, so two records built from the same facts compare equal.

The `derive_*` functions compute household facts from its members; the demo generator and
the CSV import both use them, so a household means the same thing whichever way it came in.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class RegionRecord:
    id: str
    name: str
    level: str  # COUNTY | TOWNSHIP | VILLAGE
    parent_id: str | None
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: str
    household_id: str
    name: str
    id_number: str  # 18-character resident ID (居民身份证号码)
    sex: str  # M | F
    birth_date: date
    disability_grade: int | None  # 1 (most severe) .. 4
    chronic_illness: bool
    serious_illness: bool
    can_work: bool
    relation: str  # to the head: HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING, OTHER
    # Registered here but working elsewhere (外出务工): what makes children and elders left behind.
    lives_away: bool = False


@dataclass(frozen=True, slots=True)
class HouseholdRecord:
    id: str
    village_id: str
    tier: str  # EXTREME | DIBAO | NEAR_DIBAO | EXPENDITURE | TEMPORARY
    dibao_class: str | None  # A | B | C, only when tier == DIBAO
    causes: tuple[str, ...]
    special_groups: tuple[str, ...]
    size: int
    monthly_income_per_person: float  # yuan
    lat: float
    lon: float
    address: str
    phone: str
    warning_level: str  # NONE | BLUE | YELLOW | ORANGE | RED
    risk_score: float  # 0..1
    next_review_due: date | None
    needs_skills: tuple[str, ...]  # skills its responsible worker must have (CARE_SKILLS)
    # Languages the household can be served in; a worker must share one. Empty: any.
    languages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NeedRecord:
    id: str
    household_id: str
    kind: str  # NEED_KINDS
    description: str  # Chinese, names nobody: charities read it without seeing who it is
    estimated_cost: int  # yuan
    urgency: str  # LOW | MEDIUM | HIGH
    status: str  # OPEN | PLEDGED | FULFILLED | CANCELLED


@dataclass(frozen=True, slots=True)
class StationRecord:
    id: str
    name: str
    township_id: str
    lat: float
    lon: float
    phone: str


@dataclass(frozen=True, slots=True)
class SocialWorkerRecord:
    id: str
    station_id: str
    name: str
    sex: str
    phone: str
    id_number: str
    home_lat: float
    home_lon: float
    caseload_limit: int  # weighted units, see graph.demo_county.household_weight
    reach_km: float
    travel_mode: str  # WALK | BIKE | EBIKE | BUS | CAR
    skills: tuple[str, ...]
    languages: tuple[str, ...]  # codes from LANGUAGES or free dialect names


@dataclass(frozen=True, slots=True)
class VolunteerRecord:
    id: str
    name: str
    village_id: str
    lat: float
    lon: float
    sex: str
    phone: str
    skills: tuple[str, ...]
    kind: str  # VOLUNTEER_KINDS


@dataclass(frozen=True, slots=True)
class CharityRecord:
    id: str
    name: str
    focus_kinds: tuple[str, ...]  # NEED_KINDS it funds
    budget_yuan: int
    region_ids: tuple[str, ...]  # regions it works in (a county covers its townships)


@dataclass(frozen=True, slots=True)
class EnterpriseRecord:
    id: str
    name: str
    sectors: tuple[str, ...]
    jobs_offered: int
    region_ids: tuple[str, ...]
    causes_supported: tuple[str, ...]  # CAUSES its 签约帮扶 addresses


@dataclass(frozen=True, slots=True)
class ConflictRecord:
    helper_id: str  # a social worker or volunteer id
    household_id: str
    reason: str  # KINSHIP | DECLARED


@dataclass(frozen=True, slots=True)
class County:
    regions: tuple[RegionRecord, ...]
    households: tuple[HouseholdRecord, ...]
    people: tuple[PersonRecord, ...]
    needs: tuple[NeedRecord, ...]
    stations: tuple[StationRecord, ...]
    workers: tuple[SocialWorkerRecord, ...]
    volunteers: tuple[VolunteerRecord, ...]
    charities: tuple[CharityRecord, ...]
    enterprises: tuple[EnterpriseRecord, ...]
    conflicts: tuple[ConflictRecord, ...]
    county_id: str  # the COUNTY region's id
