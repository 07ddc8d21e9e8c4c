"""Values as Neo4j returns them, made Python ones: one place for every graph module."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def native(value: Any) -> Any:
    """Neo4j temporal values as Python ones; anything else unchanged."""
    return value.to_native() if hasattr(value, "to_native") else value


def as_date(value: Any) -> date | None:
    v = native(value)
    if isinstance(v, datetime):
        return v.date()
    return v if isinstance(v, date) else None


def as_datetime(value: Any) -> datetime | None:
    v = native(value)
    return v if isinstance(v, datetime) else None
