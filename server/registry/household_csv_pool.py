"""Parsing a large import file in several processes.

Each parser reads every row (the csv module is fast) but checks and builds only its share of
the households: all rows of a household go to the same parser, so every check within a
household is made exactly as one parser makes it. What spans households is done here: the
file-wide duplicate ID number check, the count of rows, and the order of households and
errors, so the result equals `parse_household_csv`'s (up to the random new ids).
"""

import heapq
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Final

from graph.households import HouseholdRecord
from graph.members import PersonRecord
from server.registry.household_csv import (
    OpenedFile,
    ParsedImport,
    check_heads,
    household_records,
    open_household_csv,
    parse_household_csv,
    read_rows,
)
from server.registry.household_csv_errors import (
    EMPTY_FILE,
    RowError,
    duplicate_id_numbers,
    sorted_errors,
)

# One unless BANGFU_IMPORT_PARSERS says more: on the shared 2-core machine (load 5-20) two
# parsers were never faster (no idle core; about a third more CPU in all), so a calm
# machine with idle cores opts in.
PARSERS: Final = int(os.environ.get("BANGFU_IMPORT_PARSERS", "1"))
# Below this a single parse is faster than starting the parsers (about half a second each).
POOL_MIN_BYTES: Final = 4 * 2**20

_HOUSEHOLD_FIELDS: Final = tuple(f.name for f in fields(HouseholdRecord))
_PERSON_FIELDS: Final = tuple(f.name for f in fields(PersonRecord))
_ID_NUMBER: Final = _PERSON_FIELDS.index("id_number")

# A parsed household as plain values (first line, ref, household, members, members' lines):
# tuples pickle several times faster than the frozen records they are rebuilt into.
_Built = tuple[int, str, tuple[Any, ...], list[tuple[Any, ...]], tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class _Shard:
    rows: int
    errors: list[RowError]
    village_ids: frozenset[str]
    id_lines: list[tuple[int, str]]  # (line, ID number) of every member row, in line order
    households: list[_Built]  # empty when the shard found an error


def _parse_shard(data: bytes, today: date, shard: int, shards: int) -> _Shard:
    opened = open_household_csv(data)
    if not isinstance(opened, OpenedFile):  # the caller opened the same bytes already
        raise ValueError("the file's header is refused")
    errors: list[RowError] = []
    households, rows, id_lines = read_rows(
        opened.data_rows(), opened.index, opened.width, errors, today, (shard, shards)
    )
    check_heads(households, errors)
    village_ids = frozenset(h.cells["village_id"] for h in households.values()) - {""}
    built: list[_Built] = []
    if not errors:
        for h in households.values():
            record, people = household_records(h, today)
            built.append(
                (
                    h.first_line,
                    h.ref,
                    tuple(getattr(record, f) for f in _HOUSEHOLD_FIELDS),
                    [tuple(getattr(p, f) for f in _PERSON_FIELDS) for p in people],
                    tuple(m.line for m in h.members),
                )
            )
    return _Shard(rows, errors, village_ids, id_lines, built)


def _context() -> Any:
    """Parsers fork from a server process that has imported this module once: not from the
    caller, which runs the Neo4j driver's and the event loop's threads a fork would copy
    mid-lock, and not spawned afresh, which imports the modules again every time."""
    context = multiprocessing.get_context(os.environ.get("BANGFU_PARSE_START", "forkserver"))
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([__name__])
    return context


def parse_household_csv_pooled(
    data: bytes,
    *,
    today: date,
    parsers: int = PARSERS,
    min_bytes: int = POOL_MIN_BYTES,
) -> ParsedImport:
    """`parse_household_csv` in `parsers` processes when the file is large enough."""
    if parsers < 2 or len(data) < min_bytes:
        return parse_household_csv(data, today=today)
    opened = open_household_csv(data)
    if isinstance(opened, ParsedImport):
        return opened
    context = _context()
    with ProcessPoolExecutor(max_workers=parsers, mp_context=context) as pool:
        shards = list(
            pool.map(
                _parse_shard,
                [data] * parsers,
                [today] * parsers,
                range(parsers),
                [parsers] * parsers,
            )
        )
    return _merge(opened, shards)


def _merge(opened: OpenedFile, shards: list[_Shard]) -> ParsedImport:
    rows = sum(s.rows for s in shards)
    errors = [e for s in shards for e in s.errors]
    errors.extend(duplicate_id_numbers(list(heapq.merge(*(s.id_lines for s in shards)))))
    if rows == 0:
        no_rows = "The file has a header but no data rows."
        errors.append(RowError(1, "", no_rows, EMPTY_FILE, (("hasHeader", True),)))
    village_ids = frozenset().union(*(s.village_ids for s in shards))
    encoding, ignored = opened.encoding, opened.ignored
    if errors:
        return ParsedImport((), (), sorted_errors(errors), village_ids, encoding, rows, ignored)
    built = sorted((b for s in shards for b in s.households), key=lambda b: b[0])
    households = tuple(HouseholdRecord(*b[2]) for b in built)
    return ParsedImport(
        households=households,
        people=tuple(PersonRecord(*p) for b in built for p in b[3]),
        errors=(),
        village_ids=village_ids,
        encoding=encoding,
        rows=rows,
        ignored_columns=ignored,
        household_lines={h.id: b[4] for h, b in zip(households, built, strict=True)},
        person_lines={
            p[_ID_NUMBER]: line for b in built for p, line in zip(b[3], b[4], strict=True)
        },
        household_refs={h.id: b[1] for h, b in zip(households, built, strict=True)},
    )
