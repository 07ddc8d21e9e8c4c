"""The pooled parse equals the single parse: the same records (up to the random ids), lines,
refs and errors, with a household's rows and the file-wide checks spread over parsers."""

from dataclasses import replace

import pytest

from server.demo.county import generate_county
from server.demo.shape import DEMO_TODAY
from server.registry.household_csv import ParsedImport, parse_household_csv, shard_of
from server.registry.household_csv_format import write_household_csv
from server.registry.household_csv_pool import parse_household_csv_pooled
from tests.unit.server.test_household_csv import csv_bytes, id_number, row


def comparable(parsed: ParsedImport) -> tuple[object, ...]:
    """Everything but the random ids, which are replaced by the file's refs."""
    ref = parsed.household_refs
    return (
        [replace(h, id=ref[h.id]) for h in parsed.households],
        [replace(p, id="", household_id=ref[p.household_id]) for p in parsed.people],
        {ref[k]: v for k, v in parsed.household_lines.items()},
        parsed.person_lines,
        parsed.errors,
        parsed.village_ids,
        parsed.encoding,
        parsed.rows,
        parsed.ignored_columns,
    )


@pytest.mark.parametrize("parsers", [2, 3])
def test_a_good_file_parses_alike(parsers: int) -> None:
    county = generate_county(households=200, seed=7)
    # Rows of a household far apart in the file: the first row still says the shared cells.
    data = write_household_csv(county.households, county.people)
    header, *lines = data.decode().splitlines(keepends=True)
    shuffled = "".join([header, *lines[::2], *lines[1::2]]).encode()
    for file in (data, shuffled, write_household_csv(county.households, county.people, "gbk")):
        serial = parse_household_csv(file, today=DEMO_TODAY)
        pooled = parse_household_csv_pooled(file, today=DEMO_TODAY, parsers=parsers, min_bytes=0)
        assert serial.ok and len(serial.households) == 200
        assert comparable(pooled) == comparable(serial)
        assert {p.household_id for p in pooled.people} == {h.id for h in pooled.households}


def test_a_bad_file_lists_the_same_errors_in_the_same_order() -> None:
    refs = [f"H{i}" for i in range(12)]
    assert len({shard_of(r, 2) for r in refs}) == 2  # the households land on both parsers
    same = id_number("19700101", "011")
    rows: list[dict[str, str] | None] = [
        row(household_ref=r, member_id_number=id_number("19600101", f"{i:03}"))
        for i, r in enumerate(refs)
    ]
    rows += [
        row(household_ref="H1", member_id_number=same, member_relation="SPOUSE"),
        row(household_ref="H2", member_id_number=same, member_relation="CHILD", tier="RICH"),
        # (a later row's differing tier: INCONSISTENT_HOUSEHOLD)
        None,
        row(household_ref="H3", lat="38.5", member_id_number=id_number("19710101", "022")),
        row(household_ref="", member_id_number=same),  # no ref, and the ID number a third time
        row(household_ref="H9", member_id_number=id_number("19600101", "009")),  # a second head
        row(
            household_ref="H20",  # no head, and a tier that does not exist
            tier="RICH",
            member_relation="CHILD",
            member_id_number=id_number("19900101", "031"),
        ),
    ]
    data = csv_bytes(rows)
    serial = parse_household_csv(data, today=DEMO_TODAY)
    assert {e.code for e in serial.errors} >= {
        "DUPLICATE_ID_NUMBER",
        "UNKNOWN_VALUE",
        "INCONSISTENT_HOUSEHOLD",
        "MISSING_VALUE",
        "SEVERAL_HEADS",
        "NO_HEAD",
    }
    for parsers in (2, 3):
        pooled = parse_household_csv_pooled(data, today=DEMO_TODAY, parsers=parsers, min_bytes=0)
        assert comparable(pooled) == comparable(serial)
        assert pooled.households == () and pooled.people == ()


def test_an_unreadable_row_stops_every_parser_and_is_said_once() -> None:
    rows = [
        row(household_ref=f"H{i}", member_id_number=id_number("19600101", f"{i:03}"))
        for i in range(6)
    ]
    text = csv_bytes(rows).decode()
    header, *lines = text.splitlines(keepends=True)
    too_long = "x" * 200_000  # over the csv module's field limit: csv.Error
    data = "".join([header, *lines[:3], f"H9,{too_long}\n", *lines[3:]]).encode()
    serial = parse_household_csv(data, today=DEMO_TODAY)
    pooled = parse_household_csv_pooled(data, today=DEMO_TODAY, parsers=2, min_bytes=0)
    assert [e.code for e in serial.errors].count("INVALID_FORMAT") == 1
    assert comparable(pooled) == comparable(serial)


def test_header_problems_and_small_files_need_no_parsers() -> None:
    refused = parse_household_csv_pooled(b"\xff\xfe\x00bad", today=DEMO_TODAY, min_bytes=0)
    assert refused.errors and refused.errors[0].line == 1
    only_header = csv_bytes([])
    assert comparable(
        parse_household_csv_pooled(only_header, today=DEMO_TODAY, min_bytes=0)
    ) == comparable(parse_household_csv(only_header, today=DEMO_TODAY))
