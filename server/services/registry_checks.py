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
from server.services.errors import TOO_LONG, TOO_MANY

NAME_MAX: Final = 60
TEXT_MAX: Final = 500
LIST_MAX: Final = 100  # list inputs are capped (STYLE.md); members, regions, codes
MAX_BUDGET_YUAN: Final = 10_000_000_000


class Check:
    """Collects the errors of one mapping."""

    __slots__ = ("fields", "errors")

    def __init__(self, fields: Mapping[str, object]) -> None:
        self.fields = fields
        self.errors: list[FieldError] = []

    def add(self, field: str, reason: str, code: str) -> None:
        self.errors.append(FieldError(field, reason, code))

    def _given(self, field: str, required: bool) -> bool:
        value = self.fields.get(field)
        blank = value is None or (isinstance(value, str) and not value.strip())
        if blank and required:
            self.add(field, f"{field} is required.", MISSING_VALUE)
        return not blank

    def text(self, field: str, *, required: bool, max_len: int = NAME_MAX) -> None:
        if not self._given(field, required):
            return
        value = self.fields[field]
        if not isinstance(value, str):
            self.add(field, f"{field} must be text.", INVALID_FORMAT)
        elif len(value.strip()) > max_len:
            self.add(field, f"{field} is longer than {max_len} characters.", TOO_LONG)

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


def validate_need(fields: Mapping[str, object]) -> list[FieldError]:
    c = Check(fields)
    c.code("kind", NEED_KINDS, required=True)
    # Charities read the description without knowing the household: keep it short and
    # factual; naming nobody is a rule for the writer that no check can enforce.
    c.text("description", required=True, max_len=TEXT_MAX)
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
