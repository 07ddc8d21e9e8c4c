"""Pure validators for registry input (GraphQL mutations, CSV import).

Each `validate_*` takes a mapping of record field names to raw values (typed values or the
strings a form or a CSV cell gives) and returns every problem found, never raising. Codes are
stable tokens a client can branch on; reasons are short English sentences for logs and
developers; the pages translate the codes (frontend/src/features/households/importErrors.ts).
"""

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from operator import mul
from typing import Final

from server.registry.vocabulary import (
    CAUSES,
    DIBAO_CLASSES,
    RELATIONS,
    SEXES,
    SKILLS,
    SPECIAL_GROUPS,
    TIERS,
    TRAVEL_MODES,
    WARNING_LEVELS,
)


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    reason: str
    code: str


MISSING_VALUE: Final = "MISSING_VALUE"
INVALID_FORMAT: Final = "INVALID_FORMAT"
UNKNOWN_VALUE: Final = "UNKNOWN_VALUE"
INVALID_ID_NUMBER: Final = "INVALID_ID_NUMBER"
IMPOSSIBLE_DATE: Final = "IMPOSSIBLE_DATE"
FUTURE_DATE: Final = "FUTURE_DATE"
BIRTH_DATE_MISMATCH: Final = "BIRTH_DATE_MISMATCH"
SEX_MISMATCH: Final = "SEX_MISMATCH"
NEGATIVE_INCOME: Final = "NEGATIVE_INCOME"
OUTSIDE_CHINA: Final = "OUTSIDE_CHINA"
CLASS_WITHOUT_DIBAO: Final = "CLASS_WITHOUT_DIBAO"
DIBAO_WITHOUT_CLASS: Final = "DIBAO_WITHOUT_CLASS"
OUT_OF_RANGE: Final = "OUT_OF_RANGE"
INVALID_PHONE: Final = "INVALID_PHONE"

# China's bounding box; coarse on purpose: it catches swapped lat/lon and 0,0.
CHINA_LAT: Final = (18.0, 54.0)
CHINA_LON: Final = (73.0, 135.0)
OLDEST_BIRTH: Final = date(1880, 1, 1)

# GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS: Final = "10X98765432"
_ASCII_ZERO_SUM: Final = ord("0") * sum(ID_WEIGHTS)
PROVINCE_CODES: Final = frozenset(
    [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46]
    + [50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]
)
_ASCII_DIGITS: Final = frozenset("0123456789")
# What Excel shows after it turned an 18-digit ID into a float.
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)
_DATE_SEPARATED = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{9,11}$")
_LIST_SEPARATORS = re.compile(r"[|、,，;；]")


def id_check_char(first17: str) -> str:
    """The 18th character for 17 leading digits."""
    # Byte values are digit + 48 ("0"); subtracting 48 * sum(weights) avoids 17 int() calls.
    return ID_CHECK_CHARS[(sum(map(mul, first17.encode(), ID_WEIGHTS)) - _ASCII_ZERO_SUM) % 11]


@lru_cache(maxsize=1 << 16)  # an import repeats the same few tens of thousands of dates
def _date_from_digits(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def check_id_number(value: object, *, today: date | None) -> str | None:
    """Why `value` is not a valid resident ID number, or None if it is one."""
    if not isinstance(value, str):
        return "ID number must be text."
    v = value.strip().upper()
    if len(v) != 18 or not (v[:17].isascii() and v[:17].isdigit()) or v[17] not in ID_CHECK_CHARS:
        if _SCIENTIFIC.match(v):
            return "ID number was turned into a number (e.g. by Excel); store it as text."
        if len(v) != 18:
            return "ID number must have 18 characters."
        return "ID number must be 17 digits followed by a digit or X."
    if int(v[:2]) not in PROVINCE_CODES:
        return "ID number starts with an unknown province code."
    birth = _date_from_digits(v[6:10], v[10:12], v[12:14])
    if birth is None or birth < OLDEST_BIRTH:
        return "ID number contains an impossible birth date."
    if today is not None and birth > today:
        return "ID number contains a birth date in the future."
    expected = id_check_char(v[:17])
    if v[17] != expected:
        return f"ID number check digit should be {expected}, not {v[17]}."
    return None


def id_number_birth_date(value: str) -> date | None:
    """The birth date written in an ID number, if it has one."""
    v = value.strip()
    if len(v) != 18 or not set(v[6:14]) <= _ASCII_DIGITS:
        return None
    return _date_from_digits(v[6:10], v[10:12], v[12:14])


def id_number_sex(value: str) -> str | None:
    """'M' or 'F' from the 17th character (odd for men), if it is a digit."""
    v = value.strip()
    if len(v) != 18 or v[16] not in _ASCII_DIGITS:
        return None
    return "M" if int(v[16]) % 2 else "F"


def parse_date(value: object) -> date | None:
    """A date from a date, or from the text forms people and Excel write; None if neither."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip().split(" ")[0]  # Excel may append " 0:00:00"
    m = _DATE_SEPARATED.match(text) or _DATE_COMPACT.match(text)
    return _date_from_digits(*m.groups()) if m else None


def _looks_like_date(value: object) -> bool:
    """Shaped like a date even if no such day exists (2023-02-30)."""
    if not isinstance(value, str):
        return False
    text = value.strip().split(" ")[0]
    return bool(_DATE_SEPARATED.match(text) or _DATE_COMPACT.match(text))


def is_valid_phone(value: str) -> bool:
    """A mainland mobile (1[3-9]xxxxxxxxx) or a landline with area code (0351-5xxxxxx)."""
    digits = value.strip().replace(" ", "").replace("-", "")
    if digits.startswith("+86"):
        digits = digits[3:]
    return bool(_MOBILE.match(digits) or _LANDLINE.match(digits))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Checker:
    """Collects errors for one mapping; keeps each validator a flat list of checks."""

    __slots__ = ("fields", "errors", "partial")

    def __init__(self, fields: Mapping[str, object], partial: bool) -> None:
        self.fields = fields
        self.partial = partial
        self.errors: list[FieldError] = []

    def add(self, field: str, reason: str, code: str) -> None:
        self.errors.append(FieldError(field, reason, code))

    def present(self, field: str, *, required: bool) -> bool:
        """True if the field has a value; records MISSING_VALUE if it must and has none."""
        value = self.fields.get(field)
        if value is not None and (not isinstance(value, str) or value.strip()):
            return True
        if required and not self.partial:
            self.add(field, f"{field} is required.", MISSING_VALUE)
        return False

    def text(self, field: str, *, required: bool) -> str | None:
        value = self.fields.get(field)
        if isinstance(value, str):  # the common case first: this runs for every CSV cell
            value = value.strip()
            if value:
                return value
        elif value is not None:
            self.add(field, f"{field} must be text.", INVALID_FORMAT)
            return None
        if required and not self.partial:
            self.add(field, f"{field} is required.", MISSING_VALUE)
        return None

    def number(self, field: str, *, required: bool, integer: bool = False) -> float | None:
        if not self.present(field, required=required):
            return None
        value = self.fields[field]
        number: float | None = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip().replace(",", ""))
            except ValueError:
                number = None
        if number is None or not math.isfinite(number):
            self.add(field, f"{field} must be a number.", INVALID_FORMAT)
            return None
        if integer and not number.is_integer():
            self.add(field, f"{field} must be a whole number.", INVALID_FORMAT)
            return None
        return number

    def flag(self, field: str) -> None:
        value = self.fields.get(field)
        if (
            value is not None
            and not isinstance(value, bool)
            and self.present(field, required=False)
        ):
            self.add(field, f"{field} must be true or false.", INVALID_FORMAT)

    def code(self, field: str, vocabulary: Collection[str], *, required: bool) -> str | None:
        value = self.text(field, required=required)
        if value is None:
            return None
        if value not in vocabulary:
            self.add(field, f"Unknown {field} '{value}'.", UNKNOWN_VALUE)
            return None
        return value

    def codes(self, field: str, vocabulary: Collection[str]) -> None:
        if not self.present(field, required=False):
            return
        value = self.fields[field]
        items: list[object]
        if isinstance(value, str):
            items = [s.strip() for s in _LIST_SEPARATORS.split(value) if s.strip()]
        elif isinstance(value, list | tuple | set | frozenset):
            items = list(value)
        else:
            self.add(field, f"{field} must be a list.", INVALID_FORMAT)
            return
        unknown = [str(i) for i in items if not isinstance(i, str) or i not in vocabulary]
        if unknown:
            self.add(field, f"Unknown {field}: {', '.join(unknown)}.", UNKNOWN_VALUE)

    def location(self, lat_field: str, lon_field: str, *, required: bool) -> None:
        lat = self.number(lat_field, required=required)
        lon = self.number(lon_field, required=required)
        if lat is not None and not CHINA_LAT[0] <= lat <= CHINA_LAT[1]:
            self.add(lat_field, "Latitude is outside China (18 to 54).", OUTSIDE_CHINA)
        if lon is not None and not CHINA_LON[0] <= lon <= CHINA_LON[1]:
            self.add(lon_field, "Longitude is outside China (73 to 135).", OUTSIDE_CHINA)

    def phone(self, field: str) -> None:
        value = self.text(field, required=False)
        if value is not None and not is_valid_phone(value):
            self.add(field, "Phone must be a mobile or a landline with area code.", INVALID_PHONE)

    def id_number(self, field: str, *, required: bool, today: date | None) -> str | None:
        value = self.text(field, required=required)
        if value is None:
            return None
        reason = check_id_number(value, today=today)
        if reason is not None:
            self.add(field, reason, INVALID_ID_NUMBER)
            return None
        return value.upper()


def validate_household(fields: Mapping[str, object], *, partial: bool = False) -> list[FieldError]:
    """Check a household's own fields (keys as in HouseholdRecord).

    With `partial`, absent fields are not reported (an update of a few fields).
    """
    c = _Checker(fields, partial)
    c.text("village_id", required=True)
    tier = c.code("tier", TIERS, required=True)
    dibao_class = c.text("dibao_class", required=False)
    if dibao_class is not None:
        if tier is not None and tier != "DIBAO":
            c.add("dibao_class", "Only DIBAO households have a class.", CLASS_WITHOUT_DIBAO)
        elif dibao_class not in DIBAO_CLASSES:
            c.add("dibao_class", f"Unknown dibao_class '{dibao_class}'.", UNKNOWN_VALUE)
    elif tier == "DIBAO":
        c.add("dibao_class", "A DIBAO household needs a class (A, B or C).", DIBAO_WITHOUT_CLASS)
    c.codes("causes", CAUSES)
    c.codes("special_groups", SPECIAL_GROUPS)
    c.codes("needs_skills", SKILLS)
    size = c.number("size", required=False, integer=True)
    if size is not None and size < 1:
        c.add("size", "A household has at least one member.", OUT_OF_RANGE)
    income = c.number("monthly_income_per_person", required=True)
    if income is not None and income < 0:
        c.add("monthly_income_per_person", "Income cannot be negative.", NEGATIVE_INCOME)
    c.location("lat", "lon", required=True)
    c.phone("phone")
    c.code("warning_level", WARNING_LEVELS, required=False)
    risk = c.number("risk_score", required=False)
    if risk is not None and not 0.0 <= risk <= 1.0:
        c.add("risk_score", "Risk score must be between 0 and 1.", OUT_OF_RANGE)
    review = fields.get("next_review_due")
    if not _blank(review) and parse_date(review) is None:
        c.add("next_review_due", "next_review_due must be a date.", INVALID_FORMAT)
    return c.errors


def validate_person(
    fields: Mapping[str, object], *, today: date, partial: bool = False
) -> list[FieldError]:
    """Check a household member (keys as in PersonRecord).

    Sex and birth date may be left out (the ID number holds both); when given they must
    agree with it.
    """
    c = _Checker(fields, partial)
    c.text("name", required=True)
    id_number = c.id_number("id_number", required=True, today=today)
    sex = c.code("sex", SEXES, required=False)
    if sex is not None and id_number is not None and id_number_sex(id_number) != sex:
        c.add("sex", "Sex does not match the ID number.", SEX_MISMATCH)
    if c.present("birth_date", required=False):
        raw = fields["birth_date"]
        birth = parse_date(raw)
        if birth is None and _looks_like_date(raw):
            c.add("birth_date", "Birth date does not exist in the calendar.", IMPOSSIBLE_DATE)
        elif birth is None:
            c.add("birth_date", "Birth date must be a date like 1975-03-08.", INVALID_FORMAT)
        elif birth < OLDEST_BIRTH:
            c.add("birth_date", "Birth date is impossibly early.", IMPOSSIBLE_DATE)
        elif birth > today:
            c.add("birth_date", "Birth date is in the future.", FUTURE_DATE)
        elif id_number is not None and id_number_birth_date(id_number) != birth:
            c.add("birth_date", "Birth date does not match the ID number.", BIRTH_DATE_MISMATCH)
    grade = c.number("disability_grade", required=False, integer=True)
    if grade is not None and not 1 <= grade <= 4:
        c.add("disability_grade", "Disability grade must be 1 to 4.", OUT_OF_RANGE)
    c.code("relation", RELATIONS, required=True)
    for flag in ("chronic_illness", "serious_illness", "can_work", "lives_away"):
        c.flag(flag)
    return c.errors


def validate_social_worker(
    fields: Mapping[str, object], *, today: date | None = None, partial: bool = False
) -> list[FieldError]:
    """Check a social worker (keys as in SocialWorkerRecord). Without `today` the ID
    number's birth date is not compared with the day (the registry spec has no clock)."""
    c = _Checker(fields, partial)
    c.text("name", required=True)
    c.text("station_id", required=True)
    caseload = c.number("caseload_limit", required=True, integer=True)
    if caseload is not None and caseload < 0:
        c.add("caseload_limit", "Caseload limit cannot be negative.", OUT_OF_RANGE)
    reach = c.number("reach_km", required=True)
    if reach is not None and reach <= 0:
        c.add("reach_km", "Reach must be more than 0 km.", OUT_OF_RANGE)
    c.code("travel_mode", TRAVEL_MODES, required=True)
    c.codes("skills", SKILLS)
    languages = fields.get("languages")
    if not _blank(languages) and (
        not isinstance(languages, list | tuple)
        or not all(isinstance(x, str) and x.strip() for x in languages)
    ):
        c.add("languages", "languages must be a list of language names.", INVALID_FORMAT)
    c.code("sex", SEXES, required=False)
    c.phone("phone")
    c.id_number("id_number", required=False, today=today)
    c.location("home_lat", "home_lon", required=False)
    return c.errors
