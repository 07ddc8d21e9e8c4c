"""The household import file's format: columns, headers, encodings, spellings, ids; the writer.

One row per PERSON; `server.registry.household_csv` parses and checks it (bytes in, records
out).

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

Records get random ids ('hh-' / 'p-' + a UUID4): an id carries no personal data. Importing
the same file again updates instead of duplicating because the import finds what it wrote
before by the household ref within the household's township, and a member by ID number
within that household (`server.services.imports`), never by an id derived from the data.
"""

import csv
import hashlib
import io
import uuid
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Final

from graph.households import HouseholdRecord
from graph.members import PersonRecord
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


COLUMN_OF_HOUSEHOLD_FIELD: Final = {v: k for k, v in _HOUSEHOLD_FIELD.items()}


COLUMN_OF_MEMBER_FIELD: Final = {v: k for k, v in _MEMBER_FIELD.items()}


# Household columns that repeat on every row of a household (all but the reference).
SHARED_COLUMNS: Final = tuple(c for c in HOUSEHOLD_COLUMNS if c != "household_ref")


_LIST_COLUMNS: Final = ("causes", "special_groups", "needs_skills", "languages")


_LIST_SEPARATORS: Final = ("|", "、", "，", ",", ";", "；")


# ---- value vocabularies: codes, Chinese labels and common synonyms ----------------------
def _lookup(
    codes: Iterable[str], labels: Mapping[str, str], **more: Sequence[str]
) -> dict[str, str]:
    table = {c.upper(): c for c in codes}
    table.update({label: code for code, label in labels.items()})
    for code, names in more.items():
        table.update({name: code for name in names})
    return table


TIER_SPELLINGS: Final = _lookup(
    TIER_LABELS,
    TIER_LABELS,
    EXTREME=("特困供养", "特困人员", "特困户"),
    DIBAO=("低保户", "最低生活保障"),
    NEAR_DIBAO=("低边", "低保边缘户", "低边户"),
    EXPENDITURE=("支出型", "支出型贫困户"),
    TEMPORARY=("临时", "临时救助对象"),
)


CLASS_SPELLINGS: Final = _lookup(
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


SEX_SPELLINGS: Final = _lookup(SEX_LABELS, SEX_LABELS, M=("MALE",), F=("FEMALE",))


RELATION_SPELLINGS: Final = _lookup(
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


GRADE_SPELLINGS: Final = {
    **{str(g): g for g in range(1, 5)},
    **{f"{g}级": g for g in range(1, 5)},
    **{zh: g for g, zh in enumerate("一二三四", start=1)},
    **{f"{zh}级": g for g, zh in enumerate("一二三四", start=1)},
}


_TRUE: Final = frozenset({"1", "Y", "YES", "TRUE", "T", "是", "有", "√"})


_FALSE: Final = frozenset({"0", "N", "NO", "FALSE", "F", "否", "无", "×"})


def code_of(value: str, table: Mapping[str, str]) -> str:
    """The code for a code or label; unknown text passes through for the validator to name."""
    return table.get(value.upper()) or table.get(value) or value


def _codes(value: str, table: Mapping[str, str]) -> list[str]:
    for sep in _LIST_SEPARATORS[1:]:
        value = value.replace(sep, "|")
    return [code_of(item.strip(), table) for item in value.split("|") if item.strip()]


@lru_cache(maxsize=4096)  # a file spells the same few combinations thousands of times
def column_codes(column: str, value: str) -> tuple[str, ...]:
    return tuple(_codes(value, _LIST_TABLES[column]))


def new_household_id() -> str:
    return "hh-" + uuid.uuid4().hex


def new_person_id() -> str:
    return "p-" + uuid.uuid4().hex


def legacy_import_digest(household_ref: str) -> str:
    """What an id made before migration 8 held of the ref (a ref is no personal data)."""
    return hashlib.sha1(f"\x00{household_ref}".encode()).hexdigest()[:20]


def header_key(cell: str) -> str:
    # Tolerate what spreadsheets add: spaces, "*" marking required columns, any case.
    return cell.replace("\ufeff", "").strip().strip("*").strip().lower().replace(" ", "")


HEADER_NAMES: Final = {
    header_key(name): column
    for column in COLUMNS
    for name in (column, COLUMN_LABELS[column], *_MORE_HEADER_NAMES.get(column, ()))
}


def decode_file(data: bytes) -> tuple[str, str] | None:
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


def flag(value: str) -> bool | None | str:
    """True/False, None for blank, or the text itself when it is neither."""
    if not value:
        return None
    upper = value.upper()
    return True if upper in _TRUE else False if upper in _FALSE else value


def to_float(value: str) -> float:
    return float(value.replace(",", ""))


def comparable(column: str, value: str) -> object:
    """What two spellings of one household value share (低保 and DIBAO, 1e2 and 100)."""
    if column == "tier":
        return code_of(value, TIER_SPELLINGS)
    if column == "dibao_class":
        return code_of(value, CLASS_SPELLINGS)
    if column in _LIST_COLUMNS:
        return frozenset(column_codes(column, value))
    if column in ("lat", "lon", "monthly_income_per_person"):
        try:
            return to_float(value)
        except ValueError:
            return value
    return value


_LIST_TABLES: Final = {
    "causes": _CAUSES,
    "special_groups": _GROUPS,
    "needs_skills": _SKILLS,
    "languages": _LANGUAGES,
}


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
