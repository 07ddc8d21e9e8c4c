"""Validators: each good case passes, each bad case gives its own code on its own field."""

from datetime import date

import pytest

from server.registry import validation
from server.registry.validation import (
    FieldError,
    check_id_number,
    id_check_char,
    id_number_birth_date,
    id_number_sex,
    is_valid_phone,
    parse_date,
    validate_household,
    validate_person,
    validate_social_worker,
)

TODAY = date(2026, 11, 1)
# GB 11643-1999's own example: Beijing Chaoyang, born 1949-12-31, a woman, check digit X.
STANDARD_EXAMPLE = "11010519491231002X"
LOUFAN_MAN = "140123197503081234"[:17] + id_check_char("14012319750308123")


def codes(errors: list[FieldError]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in errors}


# ---- ID numbers ------------------------------------------------------------------------


def test_valid_id_numbers() -> None:
    assert check_id_number(STANDARD_EXAMPLE, today=TODAY) is None
    assert check_id_number(STANDARD_EXAMPLE.lower(), today=TODAY) is None
    assert check_id_number(f" {LOUFAN_MAN} ", today=TODAY) is None


def test_a_real_format_id_with_a_wrong_check_digit() -> None:
    wrong = STANDARD_EXAMPLE[:17] + "5"
    reason = check_id_number(wrong, today=TODAY)
    assert reason is not None and "check digit" in reason and "X" in reason


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1101051949123100", "18 characters"),
        ("11010519491231002X1", "18 characters"),
        ("1101051949123100AX", "17 digits"),
        ("11010519491231002Y", "17 digits"),
        ("１１０１０５１９４９１２３１００２X", "17 digits"),  # full-width digits
        ("991234194912310020", "province"),
        ("110105194902300021", "impossible birth date"),  # 30 February
        ("110105187001010021", "impossible birth date"),  # before 1880
        ("110105209901010021", "future"),
        ("1.10105E+17", "number"),  # what Excel shows after eating the column
        ("", "18 characters"),
    ],
)
def test_bad_id_numbers_say_why(value: str, words: str) -> None:
    reason = check_id_number(value, today=TODAY)
    assert reason is not None and words in reason


def test_an_id_number_must_be_text() -> None:
    assert check_id_number(110105194912310020, today=TODAY) == "ID number must be text."


def test_birth_date_and_sex_come_out_of_an_id_number() -> None:
    assert id_number_birth_date(STANDARD_EXAMPLE) == date(1949, 12, 31)
    assert id_number_sex(STANDARD_EXAMPLE) == "F"  # 17th digit 2: even
    assert id_number_sex(LOUFAN_MAN) == "M"  # 17th digit 3: odd
    assert id_number_birth_date("short") is None and id_number_sex("short") is None
    assert id_number_birth_date("110105194902300021") is None


def test_dates_in_the_forms_people_and_excel_write() -> None:
    expected = date(1975, 3, 8)
    for text in ("1975-03-08", "1975/3/8", "1975.3.8", "19750308", "1975年3月8日", "1975/3/8 0:00"):
        assert parse_date(text) == expected
    assert parse_date(expected) == expected
    assert parse_date("1975-02-30") is None and parse_date("soon") is None and parse_date(7) is None


def test_phones() -> None:
    for good in ("13912345678", "0351-5123456", "03515123456", "+86 139 1234 5678"):
        assert is_valid_phone(good)
    for bad in ("12345678901", "1391234567", "5123456", "phone"):
        assert not is_valid_phone(bad)


# ---- households ------------------------------------------------------------------------

GOOD_HOUSEHOLD: dict[str, object] = {
    "village_id": "rg-v0001",
    "tier": "DIBAO",
    "dibao_class": "B",
    "causes": ("ILLNESS", "SCHOOLING"),
    "special_groups": ["ELDERLY"],
    "size": 3,
    "monthly_income_per_person": 420.0,
    "lat": 37.9,
    "lon": 112.0,
    "phone": "13912345678",
    "warning_level": "YELLOW",
    "risk_score": 0.4,
    "needs_skills": ("MEDICAL",),
}


def household(**changes: object) -> dict[str, object]:
    return {**GOOD_HOUSEHOLD, **changes}


def test_a_good_household() -> None:
    assert validate_household(GOOD_HOUSEHOLD) == []
    as_text = {k: str(v) for k, v in GOOD_HOUSEHOLD.items() if not isinstance(v, tuple | list)}
    assert validate_household({**as_text, "causes": "ILLNESS|SCHOOLING"}) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"tier": "RICH"}, ("tier", "UNKNOWN_VALUE")),
        ({"tier": "NEAR_DIBAO"}, ("dibao_class", "CLASS_WITHOUT_DIBAO")),
        ({"dibao_class": None}, ("dibao_class", "DIBAO_WITHOUT_CLASS")),
        ({"dibao_class": "D"}, ("dibao_class", "UNKNOWN_VALUE")),
        ({"monthly_income_per_person": -1}, ("monthly_income_per_person", "NEGATIVE_INCOME")),
        ({"monthly_income_per_person": "much"}, ("monthly_income_per_person", "INVALID_FORMAT")),
        ({"size": 0}, ("size", "OUT_OF_RANGE")),
        ({"size": 2.5}, ("size", "INVALID_FORMAT")),
        ({"lat": 0.0}, ("lat", "OUTSIDE_CHINA")),
        ({"lon": 150.0}, ("lon", "OUTSIDE_CHINA")),
        ({"lat": 112.0, "lon": 37.9}, ("lat", "OUTSIDE_CHINA")),  # swapped
        ({"lat": float("nan")}, ("lat", "INVALID_FORMAT")),
        ({"causes": ("ILLNESS", "BAD_LUCK")}, ("causes", "UNKNOWN_VALUE")),
        ({"special_groups": "ELDERLY|ALIENS"}, ("special_groups", "UNKNOWN_VALUE")),
        ({"needs_skills": ("MAGIC",)}, ("needs_skills", "UNKNOWN_VALUE")),
        ({"causes": 7}, ("causes", "INVALID_FORMAT")),
        ({"phone": "12345"}, ("phone", "INVALID_PHONE")),
        ({"warning_level": "PURPLE"}, ("warning_level", "UNKNOWN_VALUE")),
        ({"risk_score": 1.5}, ("risk_score", "OUT_OF_RANGE")),
        ({"village_id": ""}, ("village_id", "MISSING_VALUE")),
        ({"tier": None}, ("tier", "MISSING_VALUE")),
    ],
)
def test_each_bad_household_field(changes: dict[str, object], expected: tuple[str, str]) -> None:
    errors = validate_household(household(**changes))
    assert expected in codes(errors)
    assert all(e.reason.endswith(".") for e in errors)


def test_a_partial_household_update_checks_only_what_it_has() -> None:
    assert validate_household({"phone": "13912345678"}, partial=True) == []
    assert codes(validate_household({"lat": 99.0}, partial=True)) == {("lat", "OUTSIDE_CHINA")}
    assert ("tier", "MISSING_VALUE") in codes(validate_household({}))


def test_every_error_reports_every_problem_at_once() -> None:
    errors = validate_household(household(tier="NEAR_DIBAO", lat=0, monthly_income_per_person=-5))
    assert codes(errors) == {
        ("dibao_class", "CLASS_WITHOUT_DIBAO"),
        ("lat", "OUTSIDE_CHINA"),
        ("monthly_income_per_person", "NEGATIVE_INCOME"),
    }


# ---- people ----------------------------------------------------------------------------

GOOD_PERSON: dict[str, object] = {
    "name": "王秀英",
    "id_number": STANDARD_EXAMPLE,
    "sex": "F",
    "birth_date": date(1949, 12, 31),
    "relation": "HEAD",
    "disability_grade": 2,
    "chronic_illness": True,
    "serious_illness": False,
    "can_work": False,
    "lives_away": False,
}


def person(**changes: object) -> dict[str, object]:
    return {**GOOD_PERSON, **changes}


def test_a_good_person() -> None:
    assert validate_person(GOOD_PERSON, today=TODAY) == []
    assert validate_person(person(sex=None, birth_date=None), today=TODAY) == []
    assert validate_person(person(birth_date="1949-12-31", disability_grade="2"), today=TODAY) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"id_number": STANDARD_EXAMPLE[:17] + "1"}, ("id_number", "INVALID_ID_NUMBER")),
        ({"id_number": ""}, ("id_number", "MISSING_VALUE")),
        ({"name": "  "}, ("name", "MISSING_VALUE")),
        ({"birth_date": date(2030, 1, 1)}, ("birth_date", "FUTURE_DATE")),
        ({"birth_date": "1949-02-30"}, ("birth_date", "IMPOSSIBLE_DATE")),
        ({"birth_date": date(1850, 1, 1)}, ("birth_date", "IMPOSSIBLE_DATE")),
        ({"birth_date": "last spring"}, ("birth_date", "INVALID_FORMAT")),
        ({"birth_date": date(1949, 12, 30)}, ("birth_date", "BIRTH_DATE_MISMATCH")),
        ({"sex": "M"}, ("sex", "SEX_MISMATCH")),
        ({"sex": "X"}, ("sex", "UNKNOWN_VALUE")),
        ({"disability_grade": 5}, ("disability_grade", "OUT_OF_RANGE")),
        ({"disability_grade": 0}, ("disability_grade", "OUT_OF_RANGE")),
        ({"relation": "COUSIN"}, ("relation", "UNKNOWN_VALUE")),
        ({"relation": None}, ("relation", "MISSING_VALUE")),
        ({"can_work": "maybe"}, ("can_work", "INVALID_FORMAT")),
    ],
)
def test_each_bad_person_field(changes: dict[str, object], expected: tuple[str, str]) -> None:
    assert expected in codes(validate_person(person(**changes), today=TODAY))


# ---- social workers --------------------------------------------------------------------

GOOD_WORKER: dict[str, object] = {
    "name": "李娟",
    "station_id": "st-01",
    "caseload_limit": 120,
    "reach_km": 15.0,
    "travel_mode": "EBIKE",
    "skills": ("MEDICAL", "PSYCHOLOGICAL"),
    "languages": ("MANDARIN", "晋语"),
    "sex": "F",
    "phone": "13812345678",
    "id_number": STANDARD_EXAMPLE,
    "home_lat": 37.9,
    "home_lon": 112.0,
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"caseload_limit": -1}, ("caseload_limit", "OUT_OF_RANGE")),
        ({"caseload_limit": 2.5}, ("caseload_limit", "INVALID_FORMAT")),
        ({"reach_km": 0}, ("reach_km", "OUT_OF_RANGE")),
        ({"travel_mode": "HORSE"}, ("travel_mode", "UNKNOWN_VALUE")),
        ({"skills": ("MEDICAL", "JUGGLING")}, ("skills", "UNKNOWN_VALUE")),
        ({"languages": ("MANDARIN", "")}, ("languages", "INVALID_FORMAT")),
        ({"home_lon": 10.0}, ("home_lon", "OUTSIDE_CHINA")),
        ({"id_number": "123"}, ("id_number", "INVALID_ID_NUMBER")),
        ({"station_id": None}, ("station_id", "MISSING_VALUE")),
    ],
)
def test_each_bad_worker_field(changes: dict[str, object], expected: tuple[str, str]) -> None:
    assert validate_social_worker(GOOD_WORKER, today=TODAY) == []
    assert expected in codes(validate_social_worker({**GOOD_WORKER, **changes}, today=TODAY))


def test_a_worker_with_no_caseload_is_allowed() -> None:
    assert validate_social_worker({**GOOD_WORKER, "caseload_limit": 0}, today=TODAY) == []


# The codes validation.py names; the pages hold a text for each (importErrors.test.ts).
KNOWN_CODES = {
    validation.MISSING_VALUE,
    validation.INVALID_FORMAT,
    validation.UNKNOWN_VALUE,
    validation.INVALID_ID_NUMBER,
    validation.IMPOSSIBLE_DATE,
    validation.FUTURE_DATE,
    validation.BIRTH_DATE_MISMATCH,
    validation.SEX_MISMATCH,
    validation.NEGATIVE_INCOME,
    validation.OUTSIDE_CHINA,
    validation.CLASS_WITHOUT_DIBAO,
    validation.DIBAO_WITHOUT_CLASS,
    validation.OUT_OF_RANGE,
    validation.INVALID_PHONE,
}


def test_every_code_is_a_named_one() -> None:
    found: set[str] = set()
    for fields in (household(tier="X", lat=0, size=0, phone="1", causes=("Z",)), {}):
        found |= {e.code for e in validate_household(fields)}
    for changes in ({"sex": "M", "birth_date": "1949-02-30"}, {"birth_date": date(2030, 1, 1)}):
        found |= {e.code for e in validate_person(person(**changes), today=TODAY)}
    found |= {e.code for e in validate_person(person(birth_date=date(1949, 1, 1)), today=TODAY)}
    assert found <= KNOWN_CODES
