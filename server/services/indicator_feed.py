"""A bulk feed of indicator events, as other departments send it: CSV or JSON lines, one
event per line, by ID number (columns id_number, kind, occurred_on, amount, source,
external_id).

A file with any malformed line is refused whole, every bad line listed with its line
number, field and reason: a broken export should be fixed and sent again, and sending it
again is safe because events merge on their key. ID numbers the registry does not know (or
that lie outside the sender's area) are not errors of the file: their lines are listed
back, and the other lines are recorded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from _csv import Reader
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Final

from graph.audit import Actor
from graph.driver import Graph
from graph.indicator_events import NewEvent, event_key, people_by_id_number
from graph.scope import Scope
from server.clock import Clock
from server.registry.validation import MISSING_VALUE, check_id_number
from server.services.indicator_events import EventFacts, check_event, record_feed_tx
from server.services.warnings import ProgressCallback, rescore_many
from server.services.writes import run_write

COLUMNS: Final = ("id_number", "kind", "occurred_on", "amount", "source", "external_id")
REQUIRED: Final = ("id_number", "kind", "occurred_on")
MAX_LINES: Final = 200_000
MAX_LISTED: Final = 1000
WRITE_BATCH: Final = 500


@dataclass(frozen=True, slots=True)
class FeedError:
    line: int
    field: str
    reason: str
    code: str


@dataclass(frozen=True, slots=True)
class FeedLine:
    line: int
    id_number: str
    facts: EventFacts


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    format: str  # CSV | JSONL
    rows: int  # non-blank lines after the header
    lines: tuple[FeedLine, ...]  # the good ones
    errors: tuple[FeedError, ...]
    ignored_columns: tuple[str, ...]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")  # what Excel on a Chinese Windows saves


def _csv_rows(reader: Reader, names: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for row in reader:
        if any(cell.strip() for cell in row):
            # line_num counts physical lines read, so it is this record's (last) line.
            yield reader.line_num, dict(zip(names, row, strict=False))


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | None]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        yield number, value if isinstance(value, dict) else None


def parse_feed(data: bytes, *, today: date) -> ParsedFeed:
    """Pure: the file's events and every problem with its lines."""
    text = _decode(data)
    is_jsonl = text.lstrip().startswith("{")
    errors: list[FeedError] = []
    lines: list[FeedLine] = []
    ignored: tuple[str, ...] = ()
    rows: Iterator[tuple[int, dict[str, Any] | None]]
    if is_jsonl:
        rows = _jsonl_rows(text)
    else:
        reader = csv.reader(io.StringIO(text, newline=""))
        names = [h.strip().lower() for h in next(reader, [])]
        ignored = tuple(n for n in names if n and n not in COLUMNS)
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            errors += [FeedError(1, c, "missing column", MISSING_VALUE) for c in missing]
            return ParsedFeed("CSV", 0, (), tuple(errors), ignored)
        rows = _csv_rows(reader, names)
    count = 0
    for number, row in rows:
        count += 1
        if count > MAX_LINES:
            errors.append(FeedError(number, "", f"more than {MAX_LINES} lines", "TOO_MANY"))
            break
        if row is None:
            errors.append(FeedError(number, "", "not a JSON object", "INVALID_FORMAT"))
            continue
        line, problems = _line(number, row, today)
        errors += problems
        if line is not None:
            lines.append(line)
    return ParsedFeed("JSONL" if is_jsonl else "CSV", count, tuple(lines), tuple(errors), ignored)


def _line(number: int, row: dict[str, Any], today: date) -> tuple[FeedLine | None, list[FeedError]]:
    id_number = str(row.get("id_number") or "").strip().upper()
    problems: list[FeedError] = []
    if not id_number:
        problems.append(FeedError(number, "id_number", "ID number is required", MISSING_VALUE))
    elif (reason := check_id_number(id_number, today=today)) is not None:
        problems.append(FeedError(number, "id_number", reason, "INVALID_ID_NUMBER"))
    facts, errors = check_event(
        kind=row.get("kind"),
        occurred_on=row.get("occurred_on"),
        amount=row.get("amount"),
        source=row.get("source"),
        external_id=row.get("external_id"),
        today=today,
        default_source="FEED",
    )
    problems += [FeedError(number, e.field, e.reason, e.code) for e in errors]
    if problems or facts is None:
        return None, problems
    return FeedLine(line=number, id_number=id_number, facts=facts), []


@dataclass(frozen=True, slots=True)
class UnknownIdNumber:
    line: int
    id_number: str


@dataclass(frozen=True, slots=True)
class FeedReport:
    accepted: bool
    format: str
    sha256: str
    lines: int
    recorded: int  # new events
    duplicates: int  # events already recorded (or repeated in the file)
    unknown_id_numbers: tuple[UnknownIdNumber, ...]  # the first MAX_LISTED
    unknown_count: int
    errors: tuple[FeedError, ...]  # the first MAX_LISTED, in line order
    error_count: int
    ignored_columns: tuple[str, ...]
    households_rescored: int
    alerts_raised: int

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["unknown_id_numbers"] = [asdict(u) for u in self.unknown_id_numbers]
        data["errors"] = [asdict(e) for e in self.errors]
        return data


async def import_indicator_events(
    graph: Graph,
    data: bytes,
    *,
    actor: Actor,
    scope: Scope,
    clock: Clock,
    progress: ProgressCallback | None = None,
) -> FeedReport:
    digest = hashlib.sha256(data).hexdigest()
    parsed = parse_feed(data, today=clock.today())
    errors = sorted(parsed.errors, key=lambda e: (e.line, e.field))

    def report(accepted: bool, **counts: Any) -> FeedReport:
        unknown: list[UnknownIdNumber] = counts.pop("unknown", [])
        return FeedReport(
            accepted=accepted,
            format=parsed.format,
            sha256=digest,
            lines=parsed.rows,
            unknown_id_numbers=tuple(unknown[:MAX_LISTED]),
            unknown_count=len(unknown),
            errors=tuple(errors[:MAX_LISTED]),
            error_count=len(errors),
            ignored_columns=parsed.ignored_columns,
            **{"recorded": 0, "duplicates": 0, "households_rescored": 0, "alerts_raised": 0}
            | counts,
        )

    if errors or not parsed.lines:
        if not errors:
            errors = [FeedError(1, "", "the file has no events", "EMPTY_FILE")]
        return report(False)
    if progress:
        await progress(0.05, "EVENTS_MATCHING")
    people = await people_by_id_number(graph, [x.id_number for x in parsed.lines], scope=scope)
    unknown = [
        UnknownIdNumber(x.line, x.id_number) for x in parsed.lines if x.id_number not in people
    ]
    events: dict[str, NewEvent] = {}
    for x in parsed.lines:
        ref = people.get(x.id_number)
        if ref is None:
            continue
        f = x.facts
        key = event_key(
            source=f.source,
            external_id=f.external_id,
            kind=f.kind,
            subject=x.id_number,
            occurred_on=f.occurred_on,
            amount=f.amount,
        )
        events.setdefault(
            key,
            NewEvent(
                key,
                f.kind,
                ref.household_id,
                ref.person_id,
                f.occurred_on,
                f.amount,
                f.source,
                f.external_id,
            ),
        )
    recorded = await _write(graph, list(events.values()), actor=actor, progress=progress)
    known_lines = len(parsed.lines) - len(unknown)
    households = sorted({e.household_id for e in events.values()})
    rescored = await rescore_many(
        graph, households, actor=actor, clock=clock, progress=progress, start=0.6, end=0.98
    )
    return report(
        True,
        unknown=unknown,
        recorded=recorded,
        duplicates=known_lines - recorded,
        households_rescored=rescored.households,
        alerts_raised=rescored.alerts_raised,
    )


async def _write(
    graph: Graph, events: list[NewEvent], *, actor: Actor, progress: ProgressCallback | None
) -> int:
    created = 0
    for i in range(0, len(events), WRITE_BATCH):
        rows = await run_write(
            graph, record_feed_tx, events=events[i : i + WRITE_BATCH], actor=actor
        )
        created += sum(1 for _, new in rows if new)
        if progress:
            done = min(len(events), i + WRITE_BATCH)
            await progress(
                0.1 + 0.5 * done / len(events),
                "EVENTS_WRITING",
                done=done,
                total=len(events),
            )
    return created
