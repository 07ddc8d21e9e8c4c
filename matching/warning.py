"""Early-warning score (监测预警): indicator events in, a warning level and a visit deadline out.

Gansu watches five indicators, each with a weight: hospitalisation (患病住院), chronic or
major disease (慢性病和重大疾病), new disability registration (残疾人登记办证), new
unemployment (新增失业) and a child admitted to college (高考录取). Yunnan adds warning lines
(预警线) on out-of-pocket medical and schooling costs against what the household earns. The
weighted sum, raised for every extra hardship that overlaps, falls into one of four levels
(blue, yellow, orange, red); each level sets a time limit for the verifying home visit.

Pure: no clock (the caller passes `today`), no I/O, standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

# Indicators in the order they are reported (Gansu's five, then Yunnan's two cost lines).
HOSPITALISATION: Final = "HOSPITALISATION"
CHRONIC_DISEASE: Final = "CHRONIC_DISEASE"
NEW_DISABILITY: Final = "NEW_DISABILITY"
NEW_UNEMPLOYMENT: Final = "NEW_UNEMPLOYMENT"
COLLEGE_ADMISSION: Final = "COLLEGE_ADMISSION"
MEDICAL_COST: Final = "MEDICAL_COST"
SCHOOLING_COST: Final = "SCHOOLING_COST"

INDICATORS: Final = (
    HOSPITALISATION,
    CHRONIC_DISEASE,
    NEW_DISABILITY,
    NEW_UNEMPLOYMENT,
    COLLEGE_ADMISSION,
    MEDICAL_COST,
    SCHOOLING_COST,
)
COST_KINDS: Final = frozenset({MEDICAL_COST, SCHOOLING_COST})

LEVELS: Final = ("NONE", "BLUE", "YELLOW", "ORANGE", "RED")  # lowest to highest


def level_rank(level: str) -> int:
    """0 for NONE up to 4 for RED: comparing ranks says whether a level rose."""
    return LEVELS.index(level)


@dataclass(frozen=True, slots=True)
class WarningEvent:
    """One reported event. `amount` (yuan, out of pocket) only matters for cost kinds."""

    kind: str
    occurred_on: date
    amount: int | None = None
    id: str = ""


@dataclass(frozen=True, slots=True)
class HouseholdIncome:
    size: int
    monthly_income_per_person: float  # yuan

    @property
    def annual_income(self) -> float:
        return max(0.0, self.monthly_income_per_person) * max(1, self.size) * 12


@dataclass(frozen=True, slots=True)
class WarningSettings:
    """Weights, lines, thresholds and deadlines; the defaults are documented beside each.

    The indicator weights and level thresholds follow Gansu's scheme as the demo county
    generator models it, so a generated household and a scored one mean the same colour:
    one hospitalisation alone is YELLOW, two overlapping serious hardships are ORANGE,
    three are RED.
    """

    hospitalisation: float = 0.30
    chronic_disease: float = 0.20  # a chronic or major disease diagnosed
    new_disability: float = 0.20
    new_unemployment: float = 0.15
    college_admission: float = 0.15
    medical_cost: float = 0.20  # weight once the medical line is crossed
    schooling_cost: float = 0.15  # weight once the schooling line is crossed
    # Yunnan's lines: out-of-pocket costs in the window over annual household income.
    # 0.4 is the WHO's line for catastrophic health spending; schooling is set lower
    # because it recurs every year of a child's studies.
    medical_cost_ratio: float = 0.40
    schooling_cost_ratio: float = 0.30
    overlap_bonus: float = 0.05  # added for each distinct indicator beyond the first
    blue: float = 0.15  # lowest score of each level
    yellow: float = 0.30
    orange: float = 0.45
    red: float = 0.60
    blue_days: int = 20  # days allowed for the verifying home visit, per level
    yellow_days: int = 10
    orange_days: int = 5
    red_days: int = 2
    window_days: int = 365  # events older than this count no more

    def __post_init__(self) -> None:
        if not 0 < self.blue < self.yellow < self.orange < self.red:
            raise ValueError("thresholds must rise: 0 < blue < yellow < orange < red")
        if not self.blue_days >= self.yellow_days >= self.orange_days >= self.red_days >= 0:
            raise ValueError("deadlines must shorten as the level rises")
        if self.window_days < 1 or self.overlap_bonus < 0:
            raise ValueError("window_days must be positive and overlap_bonus not negative")
        if min(self.weights().values()) < 0 or min(self.cost_ratios().values()) <= 0:
            raise ValueError("weights must not be negative and cost ratios must be positive")

    def weights(self) -> dict[str, float]:
        return {
            HOSPITALISATION: self.hospitalisation,
            CHRONIC_DISEASE: self.chronic_disease,
            NEW_DISABILITY: self.new_disability,
            NEW_UNEMPLOYMENT: self.new_unemployment,
            COLLEGE_ADMISSION: self.college_admission,
            MEDICAL_COST: self.medical_cost,
            SCHOOLING_COST: self.schooling_cost,
        }

    def cost_ratios(self) -> dict[str, float]:
        return {MEDICAL_COST: self.medical_cost_ratio, SCHOOLING_COST: self.schooling_cost_ratio}

    def level_for(self, score: float) -> str:
        for threshold, level in (
            (self.red, "RED"),
            (self.orange, "ORANGE"),
            (self.yellow, "YELLOW"),
            (self.blue, "BLUE"),
        ):
            if score >= threshold:
                return level
        return "NONE"

    def deadline_days(self, level: str) -> int | None:
        return {
            "RED": self.red_days,
            "ORANGE": self.orange_days,
            "YELLOW": self.yellow_days,
            "BLUE": self.blue_days,
        }.get(level)


@dataclass(frozen=True, slots=True)
class WarningResult:
    score: float
    level: str  # NONE | BLUE | YELLOW | ORANGE | RED
    indicators: tuple[str, ...]  # the indicators that fired, in INDICATORS order
    deadline_days: int | None  # None for NONE: no visit is required
    event_ids: tuple[str, ...] = ()  # the events behind the fired indicators, sorted


def in_window(event: WarningEvent, today: date, settings: WarningSettings) -> bool:
    """An event counts from the day it happened until it is `window_days` old."""
    age = (today - event.occurred_on).days
    return 0 <= age <= settings.window_days


def _fired(
    events: list[WarningEvent], income: HouseholdIncome, settings: WarningSettings
) -> dict[str, list[WarningEvent]]:
    by_kind: dict[str, list[WarningEvent]] = {}
    for e in events:
        if e.kind in INDICATORS:
            by_kind.setdefault(e.kind, []).append(e)
    for kind, ratio in settings.cost_ratios().items():
        costs = by_kind.get(kind)
        if costs is None:
            continue
        spent = sum(max(0, e.amount or 0) for e in costs)
        # A household with no income crosses the line with any cost at all.
        if spent <= 0 or spent < ratio * income.annual_income:
            del by_kind[kind]
    return by_kind


def score_household(
    events: Iterable[WarningEvent],
    household: HouseholdIncome,
    settings: WarningSettings,
    today: date,
) -> WarningResult:
    """Score one household's events on `today`. Repeats of an indicator count once;
    costs of a kind add up over the window before they are held against the line."""
    counted = [e for e in events if in_window(e, today, settings)]
    fired = _fired(counted, household, settings)
    indicators = tuple(k for k in INDICATORS if k in fired)
    weights = settings.weights()
    raw = sum(weights[k] for k in indicators)
    raw += settings.overlap_bonus * max(0, len(indicators) - 1)
    # Rounded so that sums of decimal weights land exactly on the thresholds they reach.
    score = round(raw, 6)
    level = settings.level_for(score)
    ids = sorted({e.id for k in indicators for e in fired[k] if e.id})
    return WarningResult(
        score=score,
        level=level,
        indicators=indicators,
        deadline_days=settings.deadline_days(level),
        event_ids=tuple(ids),
    )
