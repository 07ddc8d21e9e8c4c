"""Validation that `server.registry.validation` does not cover: needs, stations, volunteers,
charities, enterprises, and the length and count limits every form needs.

Same contract as `server.registry.validation`: a mapping of record field names to raw values
in, every problem out as `FieldError`s, never raising.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import Final

from server.registry.validation import (
    CHINA_LAT,
    CHINA_LON,
    INVALID_FORMAT,
    INVALID_PHONE,
    MISSING_VALUE,
    OUT_OF_RANGE,
    OUTSIDE_CHINA,
    UNKNOWN_VALUE,
    FieldError,
    is_valid_phone,
)
from server.registry.vocabulary import (
    CAUSES,
    NEED_KINDS,
    SECTORS,
    SEXES,
    SKILLS,
    URGENCIES,
    VOLUNTEER_KINDS,
)
from server.services.errors import (
    CONTAINS_PERSONAL_DATA,
    FORBIDDEN_CHARACTER,
    TOO_LONG,
    TOO_MANY,
    ParameterisedError,
)
from server.services.personal_data import screen
from server.services.text_rules import forbidden_character

NAME_MAX: Final = 60
TEXT_MAX: Final = 500
LIST_MAX: Final = 100  # list inputs are capped (STYLE.md); members, regions, codes
MAX_BUDGET_YUAN: Final = 10_000_000_000
MAX_MONTHLY_INCOME: Final = 10_000_000  # yuan per person per month; beyond is a typo
REASON_MAX: Final = 500  # reasons and notes given with a decision


class Check:
    """Collects the errors of one mapping."""

    __slots__ = ("fields", "errors")

    def __init__(self, fields: Mapping[str, object]) -> None:
        self.fields = fields
        self.errors: list[FieldError] = []

    def add(self, field: str, reason: str, code: str, **parameters: object) -> None:
        params = tuple((k, str(v)) for k, v in parameters.items())
        self.errors.append(ParameterisedError(field, reason, code, params))

    def _given(self, field: str, required: bool) -> bool:
        value = self.fields.get(field)
        blank = value is None or (isinstance(value, str) and not value.strip())
        if blank and required:
            self.add(field, f"{field} is required.", MISSING_VALUE)
        return not blank

    def text(
        self, field: str, *, required: bool, max_len: int = NAME_MAX, multiline: bool = False
    ) -> None:
        """Names by default (one line, NAME_MAX); `multiline` for free texts."""
        if not self._given(field, required):
            return
        value = self.fields[field]
        if not isinstance(value, str):
            self.add(field, f"{field} must be text.", INVALID_FORMAT)
            return
        if len(value.strip()) > max_len:
            self.add(
                field, f"{field} is longer than {max_len} characters.", TOO_LONG, maxLength=max_len
            )
        bad = forbidden_character(value, multiline=multiline)
        if bad:
            self.add(
                field, f"{field} holds the character {bad}.", FORBIDDEN_CHARACTER, character=bad
            )

    def no_personal_data(self, field: str) -> None:
        """Text outside roles read: no ID number, no phone number."""
        value = self.fields.get(field)
        if not isinstance(value, str):
            return
        kinds = sorted({found.kind for found in screen(value)})
        if kinds:
            self.add(
                field,
                f"{field} contains {' and '.join(kinds)}: outside roles read it; name nobody.",
                CONTAINS_PERSONAL_DATA,
                kinds=",".join(kinds),
            )

    def number(
        self, field: str, *, required: bool, minimum: float | None = None, integer: bool = False
    ) -> float | None:
        if not self._given(field, required):
            return None
        value = self.fields[field]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.add(field, f"{field} must be a number.", INVALID_FORMAT)
            return None
        number = float(value)
        if integer and not number.is_integer():
            self.add(field, f"{field} must be a whole number.", INVALID_FORMAT)
        elif minimum is not None and number < minimum:
            self.add(field, f"{field} must be at least {minimum:g}.", OUT_OF_RANGE)
        return number

    def code(self, field: str, vocabulary: Collection[str], *, required: bool) -> None:
        if self._given(field, required) and self.fields[field] not in vocabulary:
            self.add(field, f"Unknown {field} '{self.fields[field]}'.", UNKNOWN_VALUE)

    def codes(self, field: str, vocabulary: Collection[str], *, required: bool = False) -> None:
        value = self.fields.get(field)
        items = list(value) if isinstance(value, list | tuple) else None
        if value is not None and items is None:
            self.add(field, f"{field} must be a list.", INVALID_FORMAT)
        elif not items:
            if required:
                self.add(field, f"{field} needs at least one entry.", MISSING_VALUE)
        elif len(items) > LIST_MAX:
            self.add(field, f"{field} has more than {LIST_MAX} entries.", TOO_MANY)
        elif vocabulary and (unknown := [str(i) for i in items if i not in vocabulary]):
            self.add(field, f"Unknown {field}: {', '.join(unknown)}.", UNKNOWN_VALUE)

    def location(self, lat_field: str, lon_field: str, *, required: bool) -> None:
        lat = self.number(lat_field, required=required)
        lon = self.number(lon_field, required=required)
        if lat is not None and not CHINA_LAT[0] <= lat <= CHINA_LAT[1]:
            self.add(lat_field, "Latitude is outside China (18 to 54).", OUTSIDE_CHINA)
        if lon is not None and not CHINA_LON[0] <= lon <= CHINA_LON[1]:
            self.add(lon_field, "Longitude is outside China (73 to 135).", OUTSIDE_CHINA)

    def phone(self, field: str) -> None:
        value = self.fields.get(field)
        if isinstance(value, str) and value.strip() and not is_valid_phone(value):
            self.add(field, "Phone must be a mobile or a landline with area code.", INVALID_PHONE)


def validate_need(fields: Mapping[str, object], *, screen_text: bool = True) -> list[FieldError]:
    """`screen_text=False` when the description is not being written (a status change of a
    need stored before screening)."""
    c = Check(fields)
    c.code("kind", NEED_KINDS, required=True)
    # Charities read the description without knowing the household: ID numbers and phone
    # numbers are refused; naming nobody otherwise is a rule for the writer.
    c.text("description", required=True, max_len=TEXT_MAX, multiline=True)
    if screen_text:
        c.no_personal_data("description")
    c.number("estimated_cost", required=True, minimum=0, integer=True)
    c.code("urgency", URGENCIES, required=True)
    return c.errors


def validate_station(fields: Mapping[str, object]) -> list[FieldError]:
    c = Check(fields)
    c.text("name", required=True)
    c.text("township_id", required=True)
    c.location("lat", "lon", required=True)
    c.phone("phone")
    return c.errors


def validate_volunteer(fields: Mapping[str, object]) -> list[FieldError]:
    c = Check(fields)
    c.text("name", required=True)
    c.text("village_id", required=True)
    c.code("sex", SEXES, required=True)
    c.code("kind", VOLUNTEER_KINDS, required=True)
    c.codes("skills", SKILLS)
    c.location("lat", "lon", required=True)
    c.phone("phone")
    return c.errors


def validate_charity(fields: Mapping[str, object]) -> list[FieldError]:
    c = Check(fields)
    c.text("name", required=True)
    c.codes("focus_kinds", NEED_KINDS, required=True)
    budget = c.number("budget_yuan", required=True, minimum=0, integer=True)
    if budget is not None and budget > MAX_BUDGET_YUAN:
        c.add("budget_yuan", "Budget is implausibly large.", OUT_OF_RANGE)
    c.codes("region_ids", (), required=True)
    return c.errors


def validate_enterprise(fields: Mapping[str, object]) -> list[FieldError]:
    c = Check(fields)
    c.text("name", required=True)
    c.codes("sectors", SECTORS, required=True)
    c.number("jobs_offered", required=True, minimum=0, integer=True)
    c.codes("causes_supported", CAUSES)
    c.codes("region_ids", (), required=True)
    return c.errors


def household_limits(fields: Mapping[str, object]) -> list[FieldError]:
    """Limits `server.registry.validation.validate_household` leaves open."""
    c = Check(fields)
    c.text("address", required=True, max_len=TEXT_MAX)
    c.codes("languages", ())
    income = c.number("monthly_income_per_person", required=False)
    if income is not None and income > MAX_MONTHLY_INCOME:
        c.add(
            "monthly_income_per_person",
            f"Income above {MAX_MONTHLY_INCOME} yuan a month is not plausible.",
            OUT_OF_RANGE,
            maximum=MAX_MONTHLY_INCOME,
        )
    return c.errors


def reason_errors(field: str, value: str | None, *, max_len: int = REASON_MAX) -> list[FieldError]:
    """A reason or note given with a decision: capped, without control characters."""
    c = Check({field: value})
    c.text(field, required=False, max_len=max_len, multiline=True)
    return c.errors


def person_limits(fields: Mapping[str, object]) -> list[FieldError]:
    c = Check(fields)
    c.text("name", required=False)
    return c.errors


def social_worker_limits(fields: Mapping[str, object]) -> list[FieldError]:
    """What a worker record needs beyond `validate_social_worker`: the matcher reads the
    worker's sex and home location, so they are required here."""
    c = Check(fields)
    c.text("name", required=False)
    c.code("sex", SEXES, required=True)
    c.number("home_lat", required=True)
    c.number("home_lon", required=True)
    c.codes("languages", ())
    return c.errors
