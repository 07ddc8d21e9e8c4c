"""The bulk-import file: round trips, encodings, and every bad row with line and column."""

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from graph.county_writer import County
from graph.households import HouseholdRecord
from graph.members import PersonRecord
from server.demo.county import generate_county
from server.demo.shape import DEMO_TODAY
from server.registry.household_csv import parse_household_csv
from server.registry.household_csv_format import (
    COLUMN_LABELS,
    COLUMNS,
    write_household_csv,
)
from server.registry.validation import id_check_char

TEMPLATE = Path(__file__).resolve().parents[3] / "docs" / "import-template.csv"


def id_number(birth: str, seq: str, area: str = "140123") -> str:
    first = area + birth + seq
    return first + id_check_char(first)


@pytest.fixture(scope="module")
def county() -> County:
    return generate_county(households=300, seed=4)


def imported_like(h: HouseholdRecord) -> HouseholdRecord:
    # An import knows no warnings or review dates: monitoring sets those later.
    return replace(h, id="", warning_level="NONE", risk_score=0.0, next_review_due=None)


def assert_round_trip(county: County, data: bytes) -> None:
    parsed = parse_household_csv(data, today=DEMO_TODAY)
    assert parsed.errors == ()
    assert parsed.rows == len(county.people)
    assert [imported_like(h) for h in parsed.households] == [
        imported_like(h) for h in county.households
    ]
    assert [replace(p, id="", household_id="") for p in parsed.people] == [
        replace(p, id="", household_id="") for p in county.people
    ]
    assert parsed.village_ids == {h.village_id for h in county.households}


def test_utf8_round_trip(county: County) -> None:
    data = write_household_csv(county.households, county.people)
    assert data.startswith(b"household_ref,village_id,tier,")
    assert parse_household_csv(data, today=DEMO_TODAY).encoding == "utf-8"
    assert_round_trip(county, data)


def test_gbk_round_trip_with_the_chinese_header(county: County) -> None:
    data = write_household_csv(county.households, county.people, "gbk", header="zh")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really GBK, as Excel on Chinese Windows writes it
    assert data.decode("gbk").startswith("户编号,村编码,救助分层,")
    assert parse_household_csv(data, today=DEMO_TODAY).encoding == "gb18030"
    assert_round_trip(county, data)


def test_utf8_with_bom_and_utf16(county: County) -> None:
    data = write_household_csv(county.households, county.people, "utf-8-sig", header="zh")
    assert data.startswith(b"\xef\xbb\xbf")
    assert parse_household_csv(data, today=DEMO_TODAY).encoding == "utf-8-sig"
    assert_round_trip(county, data)
    data16 = write_household_csv(county.households, county.people, "utf-16")
    assert_round_trip(county, data16)


def test_tab_separated(county: County) -> None:
    text = write_household_csv(county.households, county.people).decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter="\t").writerows(rows)
    assert_round_trip(county, out.getvalue().encode())


def test_ids_are_random_and_carry_no_personal_data(county: County) -> None:
    # Re-import finds earlier households by ref in their township (server.services.imports),
    # so ids need not be derived from the file: they are random, hashes of nothing.
    data = write_household_csv(county.households, county.people)
    first = parse_household_csv(data, today=DEMO_TODAY)
    again = parse_household_csv(data, today=DEMO_TODAY)
    assert not {h.id for h in first.households} & {h.id for h in again.households}
    h, p = first.households[0], first.people[0]
    assert re.fullmatch(r"hh-[0-9a-f]{32}", h.id) and re.fullmatch(r"p-[0-9a-f]{32}", p.id)
    assert p.household_id == h.id
    for person in first.people:
        digest = hashlib.sha1(f"\x00{person.id_number}".encode()).hexdigest()
        assert digest[:20] not in person.id and person.id_number not in person.id
    # The file's household refs travel with the records, for the import to look up.
    assert first.household_refs[h.id] == county.households[0].id


HEADER = ",".join(COLUMNS)


def row(**cells: str) -> dict[str, str]:
    base = {
        "household_ref": "H1",
        "village_id": "rg-v0001",
        "tier": "DIBAO",
        "dibao_class": "B",
        "causes": "ILLNESS|SCHOOLING",
        "address": "娄烦县娄烦镇杏峪村1组1号",
        "phone": "13912345678",
        "lat": "37.9",
        "lon": "112.0",
        "monthly_income_per_person": "420",
        "member_name": "王建国",
        "member_id_number": id_number("19600101", "123"),
        "member_relation": "HEAD",
    }
    return {**base, **cells}


def csv_bytes(rows: Sequence[dict[str, str] | None], columns: tuple[str, ...] = COLUMNS) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([] if r is None else [r.get(c, "") for c in columns])
    return out.getvalue().encode()


def test_labels_synonyms_and_derived_fields() -> None:
    rows = [
        row(tier="低保", dibao_class="B类", causes="因病、因学", member_sex="男"),
        row(
            household_ref="H1",
            member_name="王小明",
            member_id_number=id_number("20120505", "002"),
            member_relation="孙女",
            member_chronic_illness="是",
            member_can_work="",
        ),
        row(
            household_ref="H1",
            member_name="张桂兰",
            member_id_number=id_number("19620202", "044"),
            member_relation="妻子",
            member_disability_grade="二级",
            member_birth_date="1962/2/2",
        ),
    ]
    parsed = parse_household_csv(csv_bytes(rows), today=DEMO_TODAY)
    assert parsed.errors == ()
    (h,) = parsed.households
    assert (h.tier, h.dibao_class, h.causes, h.size) == ("DIBAO", "B", ("ILLNESS", "SCHOOLING"), 3)
    assert h.special_groups == ("ELDERLY", "CHILD", "DISABLED", "LEFT_BEHIND_CHILD")
    assert h.needs_skills == ("DISABILITY_CARE",)
    assert (h.warning_level, h.risk_score, h.next_review_due) == ("NONE", 0.0, None)
    head, child, wife = parsed.people
    assert (head.sex, head.birth_date, head.relation) == ("M", date(1960, 1, 1), "HEAD")
    assert (child.sex, child.relation, child.chronic_illness) == ("F", "GRANDCHILD", True)
    assert not child.can_work and head.can_work is False  # 66 and 14: only 16-59 can work
    assert (wife.relation, wife.disability_grade, wife.can_work) == ("SPOUSE", 2, False)


def test_household_cells_may_be_blank_after_the_first_row() -> None:
    blank = dict.fromkeys(
        ("village_id", "tier", "dibao_class", "causes", "address", "lat", "lon"), ""
    )
    rows = [
        row(),
        row(
            **blank,
            monthly_income_per_person="",
            member_name="李芳",
            member_id_number=id_number("19650303", "022"),
            member_relation="SPOUSE",
        ),
    ]
    parsed = parse_household_csv(csv_bytes(rows), today=DEMO_TODAY)
    assert parsed.errors == () and parsed.households[0].size == 2


def test_a_bad_file_lists_every_bad_row_with_line_and_column() -> None:
    good = id_number("19600101", "123")
    rows: list[dict[str, str] | None] = [
        row(),  # line 2: fine
        row(  # line 3: a real-format ID with a wrong check digit
            member_name="王小红",
            member_id_number=good[:14] + "2" + good[15:17] + "0",
            member_relation="CHILD",
        ),
        row(  # line 4: unknown tier
            household_ref="H2", tier="RICH", member_id_number=id_number("19700101", "011")
        ),
        row(  # line 5: same bad tier again, and a latitude that differs from line 4
            household_ref="H2",
            tier="RICH",
            lat="38.5",
            member_id_number=id_number("19710101", "022"),
            member_relation="SPOUSE",
        ),
        row(  # line 6: negative income, and the household has no head
            household_ref="H3",
            monthly_income_per_person="-5",
            member_id_number=id_number("19900101", "031"),
            member_relation="CHILD",
        ),
        None,  # line 7: blank, skipped
        row(household_ref="H4", member_id_number=good),  # line 8: duplicate of line 2
        row(  # line 9: a second head
            household_ref="H4", member_id_number=id_number("19800101", "041")
        ),
        row(  # line 10: a class without dibao, and 0 latitude
            household_ref="H5",
            tier="NEAR_DIBAO",
            dibao_class="A",
            lat="0",
            member_id_number=id_number("19500101", "051"),
        ),
        row(  # lines 11-12: an address with a line break inside quotes, otherwise fine
            household_ref="H6",
            address="娄烦县静游镇\n张家庄村2组3号",
            member_id_number=id_number("19550101", "061"),
        ),
        row(  # line 13: born in the future
            household_ref="H6",
            member_id_number=id_number("20200101", "071"),
            member_birth_date="2030-01-01",
            member_relation="GRANDCHILD",
            address="",  # blank repeats line 11's (merged cells)
        ),
        row(  # line 14: a flag that is neither yes nor no
            household_ref="H7",
            member_chronic_illness="maybe",
            member_id_number=id_number("19450101", "081"),
        ),
        row(household_ref="", member_id_number=id_number("19460101", "091")),  # line 15
        row(  # line 16: sex against the ID number, and a grade that does not exist
            household_ref="H8",
            member_id_number=id_number("19470101", "002"),
            member_sex="男",
            member_disability_grade="5",
        ),
    ]
    parsed = parse_household_csv(csv_bytes(rows), today=DEMO_TODAY)
    assert parsed.households == () and parsed.people == () and not parsed.ok
    assert [(e.line, e.column, e.code) for e in parsed.errors] == [
        (3, "member_id_number", "INVALID_ID_NUMBER"),
        (4, "tier", "UNKNOWN_VALUE"),
        (5, "tier", "UNKNOWN_VALUE"),
        (5, "lat", "INCONSISTENT_HOUSEHOLD"),
        (6, "monthly_income_per_person", "NEGATIVE_INCOME"),
        (6, "member_relation", "NO_HEAD"),
        (8, "member_id_number", "DUPLICATE_ID_NUMBER"),
        (9, "member_relation", "SEVERAL_HEADS"),
        (10, "dibao_class", "CLASS_WITHOUT_DIBAO"),
        (10, "lat", "OUTSIDE_CHINA"),
        (13, "member_birth_date", "FUTURE_DATE"),
        (14, "member_chronic_illness", "INVALID_FORMAT"),
        (15, "household_ref", "MISSING_VALUE"),
        (16, "member_sex", "SEX_MISMATCH"),
        (16, "member_disability_grade", "OUT_OF_RANGE"),
    ]
    by_line = {(e.line, e.column): e.reason for e in parsed.errors}
    assert "check digit" in by_line[(3, "member_id_number")]
    assert "line 2" in by_line[(8, "member_id_number")]
    assert "line 8" in by_line[(9, "member_relation")]
    assert "line 4" in by_line[(5, "lat")]
    # What the page says each error with: codes and values, never identity.
    said = {(e.line, e.column): dict(e.params) for e in parsed.errors}
    assert said[(8, "member_id_number")] == {"firstLine": 2}
    assert said[(9, "member_relation")] == {"household": "H4", "headLine": 8}
    assert said[(5, "lat")] == {"firstLine": 4, "household": "H2"}  # no coordinates echoed
    assert said[(4, "tier")] == {"value": "RICH"}
    assert said[(14, "member_chronic_illness")] == {"value": "maybe", "expected": "YES_NO"}
    assert said[(16, "member_disability_grade")] == {"value": "5"}
    assert said[(3, "member_id_number")] == {}  # an ID number is identity: not echoed
    assert said[(6, "member_relation")]["household"]
    assert parsed.rows == 13
    assert parsed.village_ids == {"rg-v0001"}  # still reported, for the caller's message


def test_missing_and_duplicate_columns_stop_at_the_header() -> None:
    columns = tuple(c for c in COLUMNS if c not in ("lat", "member_relation"))
    parsed = parse_household_csv(csv_bytes([row()], columns), today=DEMO_TODAY)
    assert [(e.line, e.column, e.code) for e in parsed.errors] == [
        (1, "lat", "MISSING_COLUMN"),
        (1, "member_relation", "MISSING_COLUMN"),
    ]
    doubled = parse_household_csv(csv_bytes([row()], (*COLUMNS, "纬度")), today=DEMO_TODAY)
    assert [(e.line, e.column, e.code) for e in doubled.errors] == [(1, "lat", "DUPLICATE_COLUMN")]
    assert dict(doubled.errors[0].params) == {
        "first": COLUMNS.index("lat") + 1,
        "second": len(COLUMNS) + 1,
    }


def test_unknown_columns_are_ignored_and_listed() -> None:
    parsed = parse_household_csv(csv_bytes([row()], (*COLUMNS, "备注")), today=DEMO_TODAY)
    assert parsed.ok and parsed.ignored_columns == ("备注",)


def test_a_chinese_header_with_marks_and_spaces() -> None:
    header = tuple(f" *{COLUMN_LABELS[c]} " for c in COLUMNS)
    text = csv_bytes([row()]).decode().split("\r\n", 1)[1]
    data = (",".join(header) + "\r\n" + text).encode("gbk")
    parsed = parse_household_csv(data, today=DEMO_TODAY)
    assert parsed.ok and parsed.households[0].tier == "DIBAO"


def test_ids_mangled_by_excel_get_a_helpful_reason() -> None:
    parsed = parse_household_csv(csv_bytes([row(member_id_number="1.40123E+17")]), today=DEMO_TODAY)
    assert [(e.line, e.column) for e in parsed.errors] == [(2, "member_id_number")]
    assert "text" in parsed.errors[0].reason


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "EMPTY_FILE"),
        (b"\r\n\r\n", "EMPTY_FILE"),
        (HEADER.encode() + b"\r\n", "EMPTY_FILE"),
        (b"\x80\xff\xfe\x80", "INVALID_ENCODING"),
    ],
)
def test_files_that_are_not_imports(data: bytes, code: str) -> None:
    parsed = parse_household_csv(data, today=DEMO_TODAY)
    assert [(e.line, e.code) for e in parsed.errors] == [(1, code)]


def test_a_row_with_more_cells_than_the_header() -> None:
    data = csv_bytes([row()]).rstrip(b"\r\n") + b",surplus\r\n"
    parsed = parse_household_csv(data, today=DEMO_TODAY)
    assert [(e.line, e.code) for e in parsed.errors] == [(2, "EXTRA_CELLS")]


def test_the_documented_template_imports_cleanly() -> None:
    parsed = parse_household_csv(TEMPLATE.read_bytes(), today=DEMO_TODAY)
    assert parsed.errors == ()
    assert parsed.encoding == "utf-8-sig"  # with a BOM, so Excel shows the Chinese
    assert len(parsed.households) >= 2
    assert {h.tier for h in parsed.households} >= {"DIBAO"}


def test_a_household_without_members_cannot_be_written(county: County) -> None:
    with pytest.raises(ValueError, match="no members"):
        write_household_csv(county.households[:1], [])
    with pytest.raises(ValueError):
        write_household_csv(county.households, county.people, header="fr")


def test_written_people_stay_with_their_household(county: County) -> None:
    people: list[PersonRecord] = list(reversed(county.people))
    data = write_household_csv(county.households, people)
    parsed = parse_household_csv(data, today=DEMO_TODAY)
    assert [h.size for h in parsed.households] == [h.size for h in county.households]
