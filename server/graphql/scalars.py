"""Date and DateTime arguments within years the domain knows (issue 8, finding 11).

`overdue(at: "9999-12-31T…")` parsed, then overflowed in the first date arithmetic: an
uncoded internal error. A date outside these years is refused while the document's values
are read, with the code BAD_INPUT, before any resolver runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

import dateutil.parser
from graphql import GraphQLError
from strawberry.schema.types.base_scalars import wrap_parser
from strawberry.types.scalar import ScalarDefinition

EARLIEST_YEAR: Final = 1880  # the oldest birth date the registry accepts
LATEST_YEAR: Final = 2200


def _within_years(parse: Callable[[object], object], name: str) -> Callable[[object], object]:
    def parse_value(value: object) -> object:
        parsed: Any = parse(value)
        if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
            raise GraphQLError(
                f"{name} must lie between the years {EARLIEST_YEAR} and {LATEST_YEAR}",
                extensions={
                    "code": "BAD_INPUT",
                    "earliestYear": EARLIEST_YEAR,
                    "latestYear": LATEST_YEAR,
                },
            )
        return parsed

    return parse_value


BOUNDED_DATE: Final = ScalarDefinition(
    name="Date",
    description="Date (isoformat), years 1880 to 2200",
    specified_by_url=None,
    serialize=lambda value: value.isoformat(),
    parse_value=_within_years(wrap_parser(dt.date.fromisoformat, "Date"), "Date"),
    parse_literal=None,
    origin=dt.date,
)
BOUNDED_DATETIME: Final = ScalarDefinition(
    name="DateTime",
    description="Date with time (isoformat), years 1880 to 2200",
    specified_by_url=None,
    serialize=lambda value: value.isoformat(),
    parse_value=_within_years(wrap_parser(dateutil.parser.isoparse, "DateTime"), "DateTime"),
    parse_literal=None,
    origin=dt.datetime,
)
SCALAR_OVERRIDES: Final[dict[object, Any]] = {dt.date: BOUNDED_DATE, dt.datetime: BOUNDED_DATETIME}
