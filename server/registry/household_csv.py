"""The bulk-import file for households: one row per PERSON, pure (bytes in, records out).

Rows that share a `household_ref` form one household; the household columns repeat on each
of its rows (or are left blank after the first, as Excel writes merged cells). Columns, by
English name or by the Chinese name in brackets (either header row is accepted):

household columns
    household_ref [户编号]            required; any text that names the household in the file
    village_id [村编码]               required; a VILLAGE region id, checked by the caller
    tier [救助分层]                   required; EXTREME|DIBAO|NEAR_DIBAO|EXPENDITURE|TEMPORARY
                                      or 特困|低保|低保边缘|支出型贫困|临时救助
    dibao_class [低保类别]            A|B|C, required for DIBAO and only for DIBAO
    causes [致贫原因]                 codes or labels (因病、因残 ...) separated by | or 、
    address [家庭住址]                required
    phone [联系电话]                  mobile or landline with area code
    lat [纬度], lon [经度]            required; WGS84 degrees inside China
    monthly_income_per_person [月人均收入]  required; yuan, >= 0
    special_groups [特殊群体]         optional extra groups; 老、小、残 and left-behind groups
                                      are also derived from the members
    needs_skills [所需服务技能]       optional extra skills (PSYCHOLOGICAL ...); MEDICAL and
                                      DISABILITY_CARE are also derived from the members
    languages [沟通语言]              optional; e.g. MANDARIN|JIN or 普通话、晋语

member columns
    member_name [姓名]                required
    member_id_number [身份证号]       required; 18 characters, valid check digit
    member_sex [性别]                 M|F or 男|女; blank: taken from the ID number
    member_birth_date [出生日期]      YYYY-MM-DD (also 1975/3/8, 19750308, 1975年3月8日);
                                      blank: taken from the ID number
    member_relation [与户主关系]      required; HEAD|SPOUSE|CHILD|PARENT|GRANDCHILD|SIBLING|OTHER
                                      or 户主、配偶、子女 (儿子、女儿 ...), exactly one HEAD
    member_disability_grade [残疾等级]  1-4 (一级 ... 四级), blank if none
    member_chronic_illness [慢性病], member_serious_illness [重大疾病],
    member_lives_away [外出务工]      是/否, Y/N, 1/0, true/false; blank: no
    member_can_work [劳动能力]        as above; blank: aged 16-59 without a serious illness or
                                      a grade 1-2 disability

The file may be UTF-8 (with or without BOM), GBK/GB18030 (Excel's "CSV" on Chinese
Windows) or UTF-16 with BOM; comma- or tab-separated. Other columns are ignored (and listed).

Records get ids that do not depend on row order, so importing the same file again updates
instead of duplicating: households 'hh-imp-' + sha1(household_ref), people 'p-imp-' +
sha1(ID number). Pass `id_salt` (a deployment secret) so that a person id does not reveal
the ID number to whoever can hash the few billion possible ones.
"""

import csv
import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Final, Protocol

from graph.households import HouseholdRecord
from graph.members import PersonRecord
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
    CAUSE_LABELS,
    CAUSES,
    DIBAO_CLASS_LABELS,
    LANGUAGE_LABELS,
    LANGUAGES,
    RELATION_LABELS,
    SEX_LABELS,
    SKILL_LABELS,
    SKILLS,
    SPECIAL_GROUP_LABELS,
    SPECIAL_GROUPS,
    TIER_LABELS,
)

HOUSEHOLD_COLUMNS: Final = (
    "household_ref",
    "village_id",
    "tier",
    "dibao_class",
    "causes",
    "address",
    "phone",
    "lat",
    "lon",
    "monthly_income_per_person",
    "special_groups",
    "needs_skills",
    "languages",
)
MEMBER_COLUMNS: Final = (
    "member_name",
    "member_id_number",
    "member_sex",
    "member_birth_date",
    "member_relation",
    "member_disability_grade",
    "member_chronic_illness",
    "member_serious_illness",
    "member_can_work",
    "member_lives_away",
)
COLUMNS: Final = (*HOUSEHOLD_COLUMNS, *MEMBER_COLUMNS)
REQUIRED_COLUMNS: Final = (
    "household_ref",
    "village_id",
    "tier",
    "address",
    "lat",
    "lon",
    "monthly_income_per_person",
    "member_name",
    "member_id_number",
    "member_relation",
)
# The Chinese header, first name of each: what the template and `header="zh"` write.
COLUMN_LABELS: Final[Mapping[str, str]] = {
    "household_ref": "户编号",
    "village_id": "村编码",
    "tier": "救助分层",
    "dibao_class": "低保类别",
    "causes": "致贫原因",
    "address": "家庭住址",
    "phone": "联系电话",
    "lat": "纬度",
    "lon": "经度",
    "monthly_income_per_person": "月人均收入",
    "special_groups": "特殊群体",
    "needs_skills": "所需服务技能",
    "languages": "沟通语言",
    "member_name": "姓名",
    "member_id_number": "身份证号",
    "member_sex": "性别",
    "member_birth_date": "出生日期",
    "member_relation": "与户主关系",
    "member_disability_grade": "残疾等级",
    "member_chronic_illness": "慢性病",
    "member_serious_illness": "重大疾病",
    "member_can_work": "劳动能力",
    "member_lives_away": "外出务工",
}
_MORE_HEADER_NAMES: Final[Mapping[str, tuple[str, ...]]] = {
    "household_ref": ("户号", "家庭编号"),
    "village_id": ("村编号", "村庄编码"),
    "tier": ("分层", "救助类型"),
    "dibao_class": ("保障类别", "分类施保类别"),
    "causes": ("困难原因",),
    "address": ("住址", "地址"),
    "phone": ("电话", "手机号"),
    "monthly_income_per_person": ("家庭月人均收入", "人均月收入"),
    "needs_skills": ("所需技能",),
    "languages": ("语言", "方言"),
    "member_name": ("成员姓名",),
    "member_id_number": ("身份证号码", "公民身份号码", "证件号码"),
    "member_relation": ("与户主的关系", "关系"),
    "member_chronic_illness": ("是否患慢性病",),
    "member_serious_illness": ("是否患重大疾病", "大病"),
    "member_can_work": ("有劳动能力", "是否有劳动能力"),
    "member_lives_away": ("是否外出务工",),
}

# Record field each column feeds, for mapping validator errors back to columns.
_HOUSEHOLD_FIELD: Final = {c: c for c in HOUSEHOLD_COLUMNS if c != "household_ref"}
_MEMBER_FIELD: Final = {c: c.removeprefix("member_") for c in MEMBER_COLUMNS}
_COLUMN_OF_HOUSEHOLD_FIELD: Final = {v: k for k, v in _HOUSEHOLD_FIELD.items()}
_COLUMN_OF_MEMBER_FIELD: Final = {v: k for k, v in _MEMBER_FIELD.items()}
# Household columns that repeat on every row of a household (all but the reference).
_SHARED: Final = tuple(c for c in HOUSEHOLD_COLUMNS if c != "household_ref")
_LIST_COLUMNS: Final = ("causes", "special_groups", "needs_skills", "languages")
_LIST_SEPARATORS: Final = ("|", "、", "，", ",", ";", "；")


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 1-based physical line of the file; the header is line 1
    column: str  # canonical column name, "" for the whole row or file
    reason: str
    code: str  # a validation code, or one of the file-level codes below


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

    @property
    def ok(self) -> bool:
        return not self.errors


INVALID_ENCODING: Final = "INVALID_ENCODING"
EMPTY_FILE: Final = "EMPTY_FILE"
MISSING_COLUMN: Final = "MISSING_COLUMN"
DUPLICATE_COLUMN: Final = "DUPLICATE_COLUMN"
EXTRA_CELLS: Final = "EXTRA_CELLS"
INCONSISTENT_HOUSEHOLD: Final = "INCONSISTENT_HOUSEHOLD"
NO_HEAD: Final = "NO_HEAD"
SEVERAL_HEADS: Final = "SEVERAL_HEADS"
DUPLICATE_ID_NUMBER: Final = "DUPLICATE_ID_NUMBER"
INVALID_FORMAT: Final = "INVALID_FORMAT"


# ---- value vocabularies: codes, Chinese labels and common synonyms ----------------------


def _lookup(
    codes: Iterable[str], labels: Mapping[str, str], **more: Sequence[str]
) -> dict[str, str]:
    table = {c.upper(): c for c in codes}
    table.update({label: code for code, label in labels.items()})
    for code, names in more.items():
        table.update({name: code for name in names})
    return table


_TIERS: Final = _lookup(
    TIER_LABELS,
    TIER_LABELS,
    EXTREME=("特困供养", "特困人员", "特困户"),
    DIBAO=("低保户", "最低生活保障"),
    NEAR_DIBAO=("低边", "低保边缘户", "低边户"),
    EXPENDITURE=("支出型", "支出型贫困户"),
    TEMPORARY=("临时", "临时救助对象"),
)
_CLASSES: Final = _lookup(
    DIBAO_CLASS_LABELS, DIBAO_CLASS_LABELS, A=("A类",), B=("B类",), C=("C类",)
)
_CAUSES: Final = _lookup(
    CAUSES,
    CAUSE_LABELS,
    **{code: (label + "致贫",) for code, label in CAUSE_LABELS.items()},
)
_GROUPS: Final = _lookup(
    SPECIAL_GROUPS, SPECIAL_GROUP_LABELS, ELDERLY=("老人",), CHILD=("未成年人",)
)
_SKILLS: Final = _lookup(SKILLS, SKILL_LABELS)
_LANGUAGES: Final = _lookup(LANGUAGES, LANGUAGE_LABELS)
_SEXES: Final = _lookup(SEX_LABELS, SEX_LABELS, M=("MALE",), F=("FEMALE",))
_RELATIONS: Final = _lookup(
    RELATION_LABELS,
    RELATION_LABELS,
    HEAD=("本人",),
    SPOUSE=("妻子", "丈夫", "妻", "夫"),
    CHILD=("儿子", "女儿", "子", "女", "长子", "次子", "长女", "次女"),
    PARENT=("父亲", "母亲", "父", "母"),
    GRANDCHILD=("孙子", "孙女", "外孙子", "外孙女", "外孙"),
    SIBLING=("兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"),
    OTHER=("其它", "儿媳", "女婿"),
)
_GRADES: Final = {
    **{str(g): g for g in range(1, 5)},
    **{f"{g}级": g for g in range(1, 5)},
    **{zh: g for g, zh in enumerate("一二三四", start=1)},
    **{f"{zh}级": g for g, zh in enumerate("一二三四", start=1)},
}
_TRUE: Final = frozenset({"1", "Y", "YES", "TRUE", "T", "是", "有", "√"})
_FALSE: Final = frozenset({"0", "N", "NO", "FALSE", "F", "否", "无", "×"})


def _code(value: str, table: Mapping[str, str]) -> str:
    """The code for a code or label; unknown text passes through for the validator to name."""
    return table.get(value.upper()) or table.get(value) or value


def _codes(value: str, table: Mapping[str, str]) -> list[str]:
    for sep in _LIST_SEPARATORS[1:]:
        value = value.replace(sep, "|")
    return [_code(item.strip(), table) for item in value.split("|") if item.strip()]


@lru_cache(maxsize=4096)  # a file spells the same few combinations thousands of times
def _column_codes(column: str, value: str) -> tuple[str, ...]:
    return tuple(_codes(value, _LIST_TABLES[column]))


def household_id_for(household_ref: str, *, salt: str = "") -> str:
    return "hh-imp-" + hashlib.sha1(f"{salt}\x00{household_ref}".encode()).hexdigest()[:20]


def person_id_for(id_number: str, *, salt: str = "") -> str:
    return "p-imp-" + hashlib.sha1(f"{salt}\x00{id_number}".encode()).hexdigest()[:20]


def _header_key(cell: str) -> str:
    # Tolerate what spreadsheets add: spaces, "*" marking required columns, any case.
    return cell.replace("\ufeff", "").strip().strip("*").strip().lower().replace(" ", "")


_HEADER_NAMES: Final = {
    _header_key(name): column
    for column in COLUMNS
    for name in (column, COLUMN_LABELS[column], *_MORE_HEADER_NAMES.get(column, ()))
}


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


def _decode(data: bytes) -> tuple[str, str] | None:
    """Text and encoding name: BOMs first, then strict UTF-8, then GB18030 (a GBK superset)."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8"), "utf-8-sig"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _flag(value: str) -> bool | None | str:
    """True/False, None for blank, or the text itself when it is neither."""
    if not value:
        return None
    upper = value.upper()
    return True if upper in _TRUE else False if upper in _FALSE else value


def _to_float(value: str) -> float:
    return float(value.replace(",", ""))


def _comparable(column: str, value: str) -> object:
    """What two spellings of one household value share (低保 and DIBAO, 1e2 and 100)."""
    if column == "tier":
        return _code(value, _TIERS)
    if column == "dibao_class":
        return _code(value, _CLASSES)
    if column in _LIST_COLUMNS:
        return frozenset(_column_codes(column, value))
    if column in ("lat", "lon", "monthly_income_per_person"):
        try:
            return _to_float(value)
        except ValueError:
            return value
    return value


_LIST_TABLES: Final = {
    "causes": _CAUSES,
    "special_groups": _GROUPS,
    "needs_skills": _SKILLS,
    "languages": _LANGUAGES,
}


def _household_fields(cells: Mapping[str, str]) -> dict[str, object]:
    return {
        "village_id": cells["village_id"],
        "tier": _code(cells["tier"], _TIERS),
        "dibao_class": _code(cells["dibao_class"], _CLASSES) or None,
        "causes": _column_codes("causes", cells["causes"]),
        "special_groups": _column_codes("special_groups", cells["special_groups"]),
        "needs_skills": _column_codes("needs_skills", cells["needs_skills"]),
        "phone": cells["phone"],
        "lat": cells["lat"],
        "lon": cells["lon"],
        "monthly_income_per_person": cells["monthly_income_per_person"],
    }


def _household_errors(cells: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for e in validate_household(_household_fields(cells)):
        column = _COLUMN_OF_HOUSEHOLD_FIELD.get(e.field, e.field)
        out.setdefault(column, []).append((e.reason, e.code))
    if not cells["address"]:
        out.setdefault("address", []).append(("address is required.", "MISSING_VALUE"))
    return out


def _member(line: int, cells: Mapping[str, str], errors: list[RowError]) -> _Member:
    flags: dict[str, bool | None] = {}
    for column in ("member_chronic_illness", "member_serious_illness", "member_can_work"):
        value = _flag(cells[column])
        if isinstance(value, str):
            reason = f"{column} must be 是/否, Y/N, 1/0 or true/false."
            errors.append(RowError(line, column, reason, INVALID_FORMAT))
            value = None
        flags[column] = value
    away = _flag(cells["member_lives_away"])
    if isinstance(away, str):
        reason = "member_lives_away must be 是/否, Y/N, 1/0 or true/false."
        errors.append(RowError(line, "member_lives_away", reason, INVALID_FORMAT))
        away = None
    grade = cells["member_disability_grade"]
    return _Member(
        line=line,
        name=cells["member_name"],
        id_number=cells["member_id_number"].replace(" ", "").upper(),
        sex=_code(cells["member_sex"], _SEXES) or None,
        birth_date=cells["member_birth_date"] or None,
        relation=_code(cells["member_relation"], _RELATIONS),
        grade_text=str(_GRADES.get(grade, grade)) if grade else None,
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
        column = _HEADER_NAMES.get(_header_key(cell))
        if column is None:
            if cell.strip():
                ignored.append(cell.strip())
        elif column in index:
            reason = f"Column {column} appears twice (columns {index[column] + 1} and {i + 1})."
            errors.append(RowError(1, column, reason, DUPLICATE_COLUMN))
        else:
            index[column] = i
    for column in REQUIRED_COLUMNS:
        if column not in index:
            reason = f"Required column {column} ({COLUMN_LABELS[column]}) is missing."
            errors.append(RowError(1, column, reason, MISSING_COLUMN))
    return index, ignored, errors


def parse_household_csv(
    data: bytes, *, today: date | None = None, id_salt: str = ""
) -> ParsedImport:
    """Parse and validate a whole file; every bad row is reported, nothing is half-imported."""
    today = today or date.today()
    decoded = _decode(data)
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
    households, rows = _read_rows(reader, index, len(header), errors, today)
    if rows == 0:
        errors.append(RowError(1, "", "The file has a header but no data rows.", EMPTY_FILE))
    _check_heads(households, errors)
    village_ids = frozenset(h.cells["village_id"] for h in households.values()) - {""}
    if errors:
        order = {c: i for i, c in enumerate(("", *COLUMNS))}
        errors.sort(key=lambda e: (e.line, order.get(e.column, len(order))))
        return ParsedImport((), (), tuple(errors), village_ids, encoding, rows, tuple(ignored))
    built = [(h, *_records(h, today, id_salt)) for h in households.values()]
    return ParsedImport(
        households=tuple(record for _, record, _ in built),
        people=tuple(p for _, _, people in built for p in people),
        errors=(),
        village_ids=village_ids,
        encoding=encoding,
        rows=rows,
        ignored_columns=tuple(ignored),
        household_lines={
            record.id: tuple(m.line for m in source.members) for source, record, _ in built
        },
        person_lines={m.id_number: m.line for source, _, _ in built for m in source.members},
    )


def _read_rows(
    reader: _Reader,
    index: Mapping[str, int],
    width: int,
    errors: list[RowError],
    today: date,
) -> tuple[dict[str, _Household], int]:
    households: dict[str, _Household] = {}
    id_lines: dict[str, int] = {}
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
            errors.append(RowError(line, "", f"Unreadable row: {exc}.", INVALID_FORMAT))
            break
        if not "".join(row).strip():
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
                shared = tuple(cells[c] for c in _SHARED)
                found = household_errors.get(shared)
                if found is None:  # many households share a village: validate each spelling once
                    found = household_errors[shared] = _household_errors(cells)
                household = households[ref] = _Household(
                    ref, line, {c: cells[c] for c in _SHARED}, found, [], []
                )
                for column, problems in found.items():
                    errors.extend(RowError(line, column, r, code) for r, code in problems)
            else:
                _check_repeated(household, cells, line, errors)
        member = _member(line, cells, errors)
        for e in _member_errors(member, today):
            column = _COLUMN_OF_MEMBER_FIELD.get(e.field, e.field)
            errors.append(RowError(line, column, e.reason, e.code))
        if member.id_number:
            first = id_lines.setdefault(member.id_number, line)
            if first != line:
                reason = f"The ID number is already on line {first}."
                errors.append(RowError(line, "member_id_number", reason, DUPLICATE_ID_NUMBER))
        if ref:
            households[ref].members.append(member)
            if member.relation == "HEAD":
                households[ref].head_lines.append(line)
    return households, rows


def _check_repeated(
    household: _Household, cells: Mapping[str, str], line: int, errors: list[RowError]
) -> None:
    """A later row of a household: blanks inherit, values must agree with the first row."""
    for column in _SHARED:
        value = cells[column]
        if not value:
            continue
        first = household.cells[column]
        if value != first and _comparable(column, value) != _comparable(column, first):
            reason = (
                f"'{value}' differs from '{first}' on line {household.first_line}"
                f" for household {household.ref}."
            )
            errors.append(RowError(line, column, reason, INCONSISTENT_HOUSEHOLD))
        elif column in household.errors:  # the same bad value again: this row is bad too
            errors.extend(RowError(line, column, r, c) for r, c in household.errors[column])


def _check_heads(households: Mapping[str, _Household], errors: list[RowError]) -> None:
    for h in households.values():
        if not h.head_lines:
            reason = f"Household {h.ref} has no member with relation HEAD (户主)."
            errors.append(RowError(h.first_line, "member_relation", reason, NO_HEAD))
        for line in h.head_lines[1:]:
            reason = f"Household {h.ref} already has its HEAD on line {h.head_lines[0]}."
            errors.append(RowError(line, "member_relation", reason, SEVERAL_HEADS))


def _records(h: _Household, today: date, salt: str) -> tuple[HouseholdRecord, list[PersonRecord]]:
    """Records for a household whose every row passed validation."""
    hid = household_id_for(h.ref, salt=salt)
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
                id=person_id_for(m.id_number, salt=salt),
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
        *_column_codes("special_groups", c["special_groups"]),
    )
    skills = (*derive_needs_skills(people), *_column_codes("needs_skills", c["needs_skills"]))
    household = HouseholdRecord(
        id=hid,
        village_id=c["village_id"],
        tier=_code(c["tier"], _TIERS),
        dibao_class=_code(c["dibao_class"], _CLASSES) or None,
        causes=in_vocabulary_order(_column_codes("causes", c["causes"]), CAUSES),
        special_groups=in_vocabulary_order(groups, SPECIAL_GROUPS),
        size=len(people),
        monthly_income_per_person=_to_float(c["monthly_income_per_person"]),
        lat=_to_float(c["lat"]),
        lon=_to_float(c["lon"]),
        address=c["address"],
        phone=c["phone"],
        warning_level="NONE",  # warnings come from monitoring, not from an import
        risk_score=0.0,
        next_review_due=None,
        needs_skills=in_vocabulary_order(skills, SKILLS),
        languages=in_vocabulary_order(_column_codes("languages", c["languages"]), LANGUAGES),
    )
    return household, people


# ---- writing ----------------------------------------------------------------------------


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _joined(codes: Iterable[str], labels: Mapping[str, str] | None) -> str:
    if labels is None:
        return "|".join(codes)
    return "、".join(labels.get(c, c) for c in codes)


def write_household_csv(
    households: Iterable[HouseholdRecord],
    people: Iterable[PersonRecord],
    encoding: str = "utf-8",
    *,
    header: str = "en",
) -> bytes:
    """The import file for these households, one row per member, in household order.

    `header="zh"` writes the Chinese header and Chinese labels for coded values, as a
    person would fill it in. Use encoding "utf-8-sig" for a file Excel opens correctly and
    "gbk" for what Excel itself writes. `household_ref` is the household's id.
    """
    if header not in ("en", "zh"):
        raise ValueError("header must be 'en' or 'zh'")
    zh = header == "zh"
    members: dict[str, list[PersonRecord]] = {}
    for p in people:
        members.setdefault(p.household_id, []).append(p)
    yes, no = ("是", "否") if zh else ("true", "false")
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([COLUMN_LABELS[c] if zh else c for c in COLUMNS])
    for h in households:
        rows = members.get(h.id)
        if not rows:
            raise ValueError(f"household {h.id} has no members: a row is one member")
        shared = [
            h.id,
            h.village_id,
            TIER_LABELS[h.tier] if zh else h.tier,
            h.dibao_class or "",
            _joined(h.causes, CAUSE_LABELS if zh else None),
            h.address,
            h.phone,
            repr(h.lat),
            repr(h.lon),
            _number(h.monthly_income_per_person),
            _joined(h.special_groups, SPECIAL_GROUP_LABELS if zh else None),
            _joined(h.needs_skills, SKILL_LABELS if zh else None),
            _joined(h.languages, LANGUAGE_LABELS if zh else None),
        ]
        for p in rows:
            writer.writerow(
                [
                    *shared,
                    p.name,
                    p.id_number,
                    SEX_LABELS[p.sex] if zh else p.sex,
                    p.birth_date.isoformat(),
                    RELATION_LABELS[p.relation] if zh else p.relation,
                    "" if p.disability_grade is None else str(p.disability_grade),
                    yes if p.chronic_illness else no,
                    yes if p.serious_illness else no,
                    yes if p.can_work else no,
                    yes if p.lives_away else no,
                ]
            )
    return out.getvalue().encode(encoding)
