"""How often a household is seen: review cadence by dibao class, care visits by warning level.

Pure: dates in, dates out; "today" is always an argument. Two clocks run on a household:

- the **review** (复核) of a dibao household's eligibility, by its class (Yunnan's 分类施保):
  A 重点保障户 yearly, B 基本保障户 every six months, C 一般保障户 every quarter;
- the **care visit** (探访关爱) of its worker, by its warning level: the redder, the sooner.

A match's next follow-up is the earlier of the two, so one date tells a worker when to go.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType


def _frozen(values: dict[str, int]) -> Mapping[str, int]:
    return MappingProxyType(values)


@dataclass(frozen=True, slots=True)
class CadenceSettings:
    """Defaults follow the documents; a county may tighten them.

    - `review_months_by_class`: A 12 (yearly), B 6 (half-yearly), C 3 (quarterly).
    - `care_days_by_level`: RED 7, ORANGE 14, YELLOW 21, BLUE 30 days between care visits.
    - `default_care_days`: 30, for a household with no warning (NONE) or an unknown level.
    """

    review_months_by_class: Mapping[str, int] = field(
        default_factory=lambda: _frozen({"A": 12, "B": 6, "C": 3})
    )
    care_days_by_level: Mapping[str, int] = field(
        default_factory=lambda: _frozen({"RED": 7, "ORANGE": 14, "YELLOW": 21, "BLUE": 30})
    )
    default_care_days: int = 30

    def __post_init__(self) -> None:
        values = [*self.review_months_by_class.values(), *self.care_days_by_level.values()]
        if self.default_care_days < 1 or any(v < 1 for v in values):
            raise ValueError("every cadence must be at least one day or month")


DEFAULT_CADENCE = CadenceSettings()


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def care_interval_days(
    warning_level: str | None, settings: CadenceSettings = DEFAULT_CADENCE
) -> int:
    return settings.care_days_by_level.get(warning_level or "NONE", settings.default_care_days)


def next_care_visit(
    last_seen: date, warning_level: str | None, settings: CadenceSettings = DEFAULT_CADENCE
) -> date:
    return last_seen + timedelta(days=care_interval_days(warning_level, settings))


def next_review(
    last_review: date, dibao_class: str | None, settings: CadenceSettings = DEFAULT_CADENCE
) -> date | None:
    """None for a household without a dibao class: its review is not on this clock."""
    months = settings.review_months_by_class.get(dibao_class or "")
    return add_months(last_review, months) if months else None


def next_follow_up(
    last_seen: date,
    *,
    warning_level: str | None,
    review_due: date | None = None,
    settings: CadenceSettings = DEFAULT_CADENCE,
) -> date:
    """When the worker must next follow the household up after seeing it on `last_seen`:
    the next care visit, or the household's review if that falls due first. A review
    already past due does not pin every follow-up to the next day: it is the review
    process's own overdue item, not a reason to visit daily."""
    care = next_care_visit(last_seen, warning_level, settings)
    if review_due is None or review_due <= last_seen:
        return care
    return min(care, review_due)


def follow_up_problem(
    chosen: date,
    *,
    last_seen: date,
    warning_level: str | None,
    review_due: date | None = None,
    settings: CadenceSettings = DEFAULT_CADENCE,
) -> str | None:
    """Why a follow-up date the worker chose is not allowed, or None.

    A worker may come back sooner than the cadence asks, never later: the cadence is the
    promise made to the household.
    """
    if chosen <= last_seen:
        return "AFTER_VISIT"
    latest = next_follow_up(
        last_seen, warning_level=warning_level, review_due=review_due, settings=settings
    )
    return "LATER_THAN_CADENCE" if chosen > latest else None


FIRST_VISIT_DAYS = 30  # a new pairing with no warning is first visited within a month


def first_visit_due(
    assigned_on: date,
    *,
    warning_level: str | None,
    alert_due: date | None = None,
    settings: CadenceSettings = DEFAULT_CADENCE,
) -> date:
    """When the first visit of a newly assigned household is due: urgency first.

    The household's open alert must be verified by its deadline (a deadline already past
    makes the visit due on the day it is assigned); otherwise the care cadence of its
    warning level applies (red in a week, orange in two), never later than a month."""
    due = assigned_on + timedelta(
        days=min(FIRST_VISIT_DAYS, care_interval_days(warning_level, settings))
    )
    if alert_due is not None:
        due = min(due, max(alert_due, assigned_on))
    return due
