"""Turning validated raw values (from GraphQL or a form) into graph property values.

Only called after validation passed, so a value of the wrong type here is a bug.
"""

from __future__ import annotations

import calendar
from datetime import date


def text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def number(value: object) -> float:
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"not a number after validation: {value!r}")


def whole(value: object) -> int:
    return int(number(value))


def strings(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def flag(value: object) -> bool:
    return value is True


def add_months(day: date, months: int) -> date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
