"""Parsing and checking the household import file, row by row: pure, bytes in, records out.

The file's columns, headers, encodings and value spellings are in
`server.registry.household_csv_format`, which also writes the file. Every problem becomes a
`RowError` (line, column, code and its params; the reason is an English line for logs); a
file with any error imports nothing. The page says each error from its code and params.
"""

import csv
import io
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from graph.households import HouseholdRecord
from graph.members import PersonRecord
from server.registry.household_csv_errors import (
    DUPLICATE_COLUMN,
    EMPTY_FILE,
    EXTRA_CELLS,
    INCONSISTENT_HOUSEHOLD,
    INVALID_ENCODING,
    INVALID_FORMAT,
    MISSING_COLUMN,
    NO_HEAD,
    SEVERAL_HEADS,
    RowError,
    duplicate_id_numbers,
    shown_value,
    sorted_errors,
)
from server.registry.household_csv_format import (
    CLASS_SPELLINGS,
    COLUMN_LABELS,
    COLUMN_OF_HOUSEHOLD_FIELD,
    COLUMN_OF_MEMBER_FIELD,
    COLUMNS,
    GRADE_SPELLINGS,
    HEADER_NAMES,
    RELATION_SPELLINGS,
    REQUIRED_COLUMNS,
    SEX_SPELLINGS,
    SHARED_COLUMNS,
    TIER_SPELLINGS,
    code_of,
    column_codes,
    comparable,
    decode_file,
    flag,
    header_key,
    new_household_id,
    new_person_id,
    to_float,
)
from server.registry.household_facts import (
    age_on,
    derive_needs_skills,
    derive_special_groups,
    in_vocabulary_order,
)
from server.registry.validation import (
    FieldError,
    id_number_birth_date,
    id_number_sex,
    parse_date,
    validate_household,
    validate_person,
)
from server.registry.vocabulary import (
    CAUSES,
    LANGUAGES,
    SKILLS,
    SPECIAL_GROUPS,
)


@dataclass(frozen=True, slots=True)
class ParsedImport:
    """Either households and people (errors empty) or every error (households empty)."""

    households: tuple[HouseholdRecord, ...]
    people: tuple[PersonRecord, ...]
    errors: tuple[RowError, ...]
    village_ids: frozenset[str]  # for the caller to check against the graph
    encoding: str
    rows: int  # data rows read (blank rows not counted)
    ignored_columns: tuple[str, ...]  # header cells that name no known column
    # Where each record came from, so checks made later against the graph can name lines.
    household_lines: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    person_lines: Mapping[str, int] = field(default_factory=dict)  # by ID number
    household_refs: Mapping[str, str] = field(default_factory=dict)  # household id -> ref

    @property
    def ok(self) -> bool:
        return not self.errors


# ---- parsing ----------------------------------------------------------------------------
@dataclass(slots=True)
class _Member:
    line: int
    name: str
    id_number: str
    sex: str | None
    birth_date: str | None
    relation: str
    grade_text: str | None
    chronic: bool | None
    serious: bool | None
    can_work: bool | None
    lives_away: bool | None


@dataclass(slots=True)
class _Household:
    ref: str
    first_line: int
    cells: dict[str, str]  # the shared columns as the first row wrote them
    errors: dict[str, list[tuple[str, str]]]  # column -> (reason, code) of the first row
    members: list[_Member]
    head_lines: list[int]


class _Reader(Protocol):
    """What the row loop needs of csv.reader: rows, and the physical line count."""

    @property
    def line_num(self) -> int: ...

    def __next__(self) -> list[str]: ...


def _household_fields(cells: Mapping[str, str]) -> dict[str, object]:
    return {
        "village_id": cells["village_id"],
        "tier": code_of(cells["tier"], TIER_SPELLINGS),
        "dibao_class": code_of(cells["dibao_class"], CLASS_SPELLINGS) or None,
        "causes": column_codes("causes", cells["causes"]),
        "special_groups": column_codes("special_groups", cells["special_groups"]),
        "needs_skills": column_codes("needs_skills", cells["needs_skills"]),
        "phone": cells["phone"],
        "lat": cells["lat"],
        "lon": cells["lon"],
        "monthly_income_per_person": cells["monthly_income_per_person"],
    }


def _household_errors(cells: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for e in validate_household(_household_fields(cells)):
        column = COLUMN_OF_HOUSEHOLD_FIELD.get(e.field, e.field)
        out.setdefault(column, []).append((e.reason, e.code))
    if not cells["address"]:
        out.setdefault("address", []).append(("address is required.", "MISSING_VALUE"))
    return out


def _member(line: int, cells: Mapping[str, str], errors: list[RowError]) -> _Member:
    flags: dict[str, bool | None] = {}
    for column in ("member_chronic_illness", "member_serious_illness", "member_can_work"):
        value = flag(cells[column])
        if isinstance(value, str):
            reason = f"{column} must be yes/no (是/否, Y/N, 1/0 or true/false)."
            params = (*shown_value(column, cells.get(column, "")), ("expected", "YES_NO"))
            errors.append(RowError(line, column, reason, INVALID_FORMAT, params))
            value = None
        flags[column] = value
    away = flag(cells["member_lives_away"])
    if isinstance(away, str):
        reason = "member_lives_away must be yes/no (是/否, Y/N, 1/0 or true/false)."
        params = (
            *shown_value("member_lives_away", cells["member_lives_away"]),
            ("expected", "YES_NO"),
        )
        errors.append(RowError(line, "member_lives_away", reason, INVALID_FORMAT, params))
        away = None
    grade = cells["member_disability_grade"]
    return _Member(
        line=line,
        name=cells["member_name"],
        id_number=cells["member_id_number"].replace(" ", "").upper(),
        sex=code_of(cells["member_sex"], SEX_SPELLINGS) or None,
        birth_date=cells["member_birth_date"] or None,
        relation=code_of(cells["member_relation"], RELATION_SPELLINGS),
        grade_text=str(GRADE_SPELLINGS.get(grade, grade)) if grade else None,
        chronic=flags["member_chronic_illness"],
        serious=flags["member_serious_illness"],
        can_work=flags["member_can_work"],
        lives_away=away,
    )


def _member_errors(m: _Member, today: date) -> list[FieldError]:
    fields: dict[str, object] = {
        "name": m.name,
        "id_number": m.id_number,
        "sex": m.sex,
        "birth_date": m.birth_date,
        "relation": m.relation,
        "disability_grade": m.grade_text,
        "chronic_illness": m.chronic,
        "serious_illness": m.serious,
        "can_work": m.can_work,
        "lives_away": m.lives_away,
    }
    return validate_person(fields, today=today)


def _read_header(
    header: list[str],
) -> tuple[dict[str, int], list[str], list[RowError]]:
    index: dict[str, int] = {}
    ignored: list[str] = []
    errors: list[RowError] = []
    for i, cell in enumerate(header):
        column = HEADER_NAMES.get(header_key(cell))
        if column is None:
            if cell.strip():
                ignored.append(cell.strip())
        elif column in index:
            reason = f"Column {column} appears twice (columns {index[column] + 1} and {i + 1})."
            at = (("first", index[column] + 1), ("second", i + 1))
            errors.append(RowError(1, column, reason, DUPLICATE_COLUMN, at))
        else:
            index[column] = i
    for column in REQUIRED_COLUMNS:
        if column not in index:
            reason = f"Required column {column} ({COLUMN_LABELS[column]}) is missing."
            errors.append(RowError(1, column, reason, MISSING_COLUMN))
    return index, ignored, errors


@dataclass(frozen=True, slots=True)
class OpenedFile:
    """A decoded file whose header passed: what reading its rows needs."""

    text: str
    encoding: str
    delimiter: str
    index: Mapping[str, int]  # canonical column -> its position in a row
    width: int  # cells in the header
    ignored: tuple[str, ...]

    def data_rows(self) -> _Reader:
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        next(reader)  # the header
        return reader


def open_household_csv(data: bytes) -> OpenedFile | ParsedImport:
    """The decoded file and its header, or the refusal when either is bad."""
    decoded = decode_file(data)
    if decoded is None:
        error = RowError(1, "", "The file is neither UTF-8 nor GBK text.", INVALID_ENCODING)
        return ParsedImport((), (), (error,), frozenset(), "", 0, ())
    text, encoding = decoded
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]  # no split(): that would copy the whole file
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        error = RowError(1, "", "The file is empty: no header row.", EMPTY_FILE)
        return ParsedImport((), (), (error,), frozenset(), encoding, 0, ())
    index, ignored, errors = _read_header(header)
    if errors:
        return ParsedImport((), (), tuple(errors), frozenset(), encoding, 0, tuple(ignored))
    return OpenedFile(text, encoding, delimiter, index, len(header), tuple(ignored))


def parse_household_csv(data: bytes, *, today: date) -> ParsedImport:
    """Parse and validate a whole file; every bad row is reported, nothing is half-imported."""
    opened = open_household_csv(data)
    if isinstance(opened, ParsedImport):
        return opened
    errors: list[RowError] = []
    households, rows, id_lines = read_rows(
        opened.data_rows(), opened.index, opened.width, errors, today
    )
    errors.extend(duplicate_id_numbers(id_lines))
    if rows == 0:
        no_rows = "The file has a header but no data rows."
        errors.append(RowError(1, "", no_rows, EMPTY_FILE, (("hasHeader", True),)))
    check_heads(households, errors)
    village_ids = frozenset(h.cells["village_id"] for h in households.values()) - {""}
    encoding, ignored = opened.encoding, opened.ignored
    if errors:
        return ParsedImport((), (), sorted_errors(errors), village_ids, encoding, rows, ignored)
    built = [(h, *household_records(h, today)) for h in households.values()]
    return ParsedImport(
        households=tuple(record for _, record, _ in built),
        people=tuple(p for _, _, people in built for p in people),
        errors=(),
        village_ids=village_ids,
        encoding=encoding,
        rows=rows,
        ignored_columns=ignored,
        household_lines={
            record.id: tuple(m.line for m in source.members) for source, record, _ in built
        },
        person_lines={m.id_number: m.line for source, _, _ in built for m in source.members},
        household_refs={record.id: source.ref for source, record, _ in built},
    )


def shard_of(ref: str, shards: int) -> int:
    """Which of `shards` parsers reads a household's rows: all of them go to the same one."""
    return zlib.crc32(ref.encode()) % shards if ref else 0


def read_rows(
    reader: _Reader,
    index: Mapping[str, int],
    width: int,
    errors: list[RowError],
    today: date,
    shard: tuple[int, int] | None = None,
) -> tuple[dict[str, _Household], int, list[tuple[int, str]]]:
    """The households of the rows (of one shard's households: (shard, shards)), the data rows
    read, and each member's (line, ID number) for the file-wide duplicate check."""
    households: dict[str, _Household] = {}
    id_lines: list[tuple[int, str]] = []
    ref_at = index["household_ref"]
    household_errors: dict[tuple[str, ...], dict[str, list[tuple[str, str]]]] = {}
    positions = [(c, index.get(c)) for c in COLUMNS]
    rows = 0
    while True:
        line = reader.line_num + 1  # the row about to be read starts on the next line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a NUL byte: the rest of the file cannot be trusted
            if shard is None or shard[0] == 0:  # every shard stops here; one says why
                errors.append(RowError(line, "", f"Unreadable row: {exc}.", INVALID_FORMAT))
            break
        if not "".join(row).strip():
            continue
        if shard is not None:
            ref = row[ref_at].strip() if ref_at < len(row) else ""
            if shard_of(ref, shard[1]) != shard[0]:
                continue
        rows += 1
        n = len(row)
        cells = {c: row[i].strip() if i is not None and i < n else "" for c, i in positions}
        if n > width and any(cell.strip() for cell in row[width:]):
            errors.append(
                RowError(line, "", "The row has more cells than the header.", EXTRA_CELLS)
            )
        ref = cells["household_ref"]
        if not ref:
            errors.append(
                RowError(line, "household_ref", "household_ref is required.", "MISSING_VALUE")
            )
        else:
            household = households.get(ref)
            if household is None:
                shared = tuple(cells[c] for c in SHARED_COLUMNS)
                found = household_errors.get(shared)
                if found is None:  # many households share a village: validate each spelling once
                    found = household_errors[shared] = _household_errors(cells)
                household = households[ref] = _Household(
                    ref, line, {c: cells[c] for c in SHARED_COLUMNS}, found, [], []
                )
                for column, problems in found.items():
                    shown = shown_value(column, cells.get(column, ""))
                    errors.extend(RowError(line, column, r, code, shown) for r, code in problems)
            else:
                _check_repeated(household, cells, line, errors)
        member = _member(line, cells, errors)
        for e in _member_errors(member, today):
            column = COLUMN_OF_MEMBER_FIELD.get(e.field, e.field)
            errors.append(
                RowError(line, column, e.reason, e.code, shown_value(column, cells.get(column, "")))
            )
        if member.id_number:
            id_lines.append((line, member.id_number))
        if ref:
            households[ref].members.append(member)
            if member.relation == "HEAD":
                households[ref].head_lines.append(line)
    return households, rows, id_lines


def _check_repeated(
    household: _Household, cells: Mapping[str, str], line: int, errors: list[RowError]
) -> None:
    """A later row of a household: blanks inherit, values must agree with the first row."""
    for column in SHARED_COLUMNS:
        value = cells[column]
        if not value:
            continue
        first = household.cells[column]
        if value != first and comparable(column, value) != comparable(column, first):
            reason = (
                f"'{value}' differs from '{first}' on line {household.first_line}"
                f" for household {household.ref}."
            )
            params = (
                *shown_value(column, value),
                ("firstLine", household.first_line),
                ("household", household.ref),
            )
            errors.append(RowError(line, column, reason, INCONSISTENT_HOUSEHOLD, params))
        elif column in household.errors:  # the same bad value again: this row is bad too
            shown = shown_value(column, value)
            errors.extend(RowError(line, column, r, c, shown) for r, c in household.errors[column])


def check_heads(households: Mapping[str, _Household], errors: list[RowError]) -> None:
    for h in households.values():
        if not h.head_lines:
            reason = f"Household {h.ref} has no member with relation HEAD (户主)."
            errors.append(
                RowError(h.first_line, "member_relation", reason, NO_HEAD, (("household", h.ref),))
            )
        for line in h.head_lines[1:]:
            reason = f"Household {h.ref} already has its HEAD on line {h.head_lines[0]}."
            params = (("household", h.ref), ("headLine", h.head_lines[0]))
            errors.append(RowError(line, "member_relation", reason, SEVERAL_HEADS, params))


def household_records(h: _Household, today: date) -> tuple[HouseholdRecord, list[PersonRecord]]:
    """Records for a household whose every row passed validation, with new random ids (the
    import swaps in the ids of what it finds already there)."""
    hid = new_household_id()
    people = []
    for m in h.members:
        birth = parse_date(m.birth_date) or id_number_birth_date(m.id_number) or date.min
        grade = int(m.grade_text) if m.grade_text else None
        serious = bool(m.serious)
        can_work = m.can_work
        if can_work is None:  # not given: the usual working age, not gravely ill or disabled
            age = age_on(birth, today)
            can_work = 16 <= age <= 59 and not serious and (grade is None or grade >= 3)
        people.append(
            PersonRecord(
                id=new_person_id(),
                household_id=hid,
                name=m.name,
                id_number=m.id_number,
                sex=m.sex or id_number_sex(m.id_number) or "",
                birth_date=birth,
                disability_grade=grade,
                chronic_illness=bool(m.chronic),
                serious_illness=serious,
                can_work=can_work,
                relation=m.relation,
                lives_away=bool(m.lives_away),
            )
        )
    c = h.cells
    groups = (
        *derive_special_groups(people, today),
        *column_codes("special_groups", c["special_groups"]),
    )
    skills = (*derive_needs_skills(people), *column_codes("needs_skills", c["needs_skills"]))
    household = HouseholdRecord(
        id=hid,
        village_id=c["village_id"],
        tier=code_of(c["tier"], TIER_SPELLINGS),
        dibao_class=code_of(c["dibao_class"], CLASS_SPELLINGS) or None,
        causes=in_vocabulary_order(column_codes("causes", c["causes"]), CAUSES),
        special_groups=in_vocabulary_order(groups, SPECIAL_GROUPS),
        size=len(people),
        monthly_income_per_person=to_float(c["monthly_income_per_person"]),
        lat=to_float(c["lat"]),
        lon=to_float(c["lon"]),
        address=c["address"],
        phone=c["phone"],
        warning_level="NONE",  # warnings come from monitoring, not from an import
        risk_score=0.0,
        next_review_due=None,
        needs_skills=in_vocabulary_order(skills, SKILLS),
        languages=in_vocabulary_order(column_codes("languages", c["languages"]), LANGUAGES),
    )
    return household, people
