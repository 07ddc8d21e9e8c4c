"""Bulk import of households and their members from a CSV file.

A file with any bad row is refused whole, with every bad row's line, column and reason;
a good file is upserted in batched transactions, so importing it twice changes nothing.

Ids are random. What the file names again is found, never derived: a household by its ref
within its township (a ref is unique within a township, not county-wide, so two stations'
`001` are two households), a member by ID number within that household. The villages are
checked against the importer's scope first, so an import only ever touches households
inside it. An ID number already registered in a household outside the importer's scope is
a row error that names no household (ID_NUMBER_REGISTERED_ELSEWHERE), and is audited.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from graph.audit import Actor, record_audit
from graph.county_writer import ExistingIds, VillageParents, write_households
from graph.driver import Graph
from graph.households import imported_households
from graph.jobs import ReportProgress
from graph.members import (
    RegisteredElsewhere,
    id_numbers_elsewhere_tx,
    member_ids_by_id_number,
)
from graph.regions import known_villages
from graph.scope import EVERYWHERE, Scope
from server.clock import Clock
from server.registry.household_csv import ParsedImport
from server.registry.household_csv_errors import RowError, shown_value
from server.registry.household_csv_format import legacy_import_digest
from server.registry.household_csv_pool import parse_household_csv_pooled
from server.services.writes import run_write

ID_NUMBER_REGISTERED_ELSEWHERE = "ID_NUMBER_REGISTERED_ELSEWHERE"

MAX_LISTED_ERRORS = 1000

ProgressCallback = ReportProgress  # a code and its parameters (graph.jobs)


@dataclass(frozen=True, slots=True)
class ImportReport:
    accepted: bool
    sha256: str
    encoding: str
    rows: int
    households: int
    people: int
    error_count: int
    errors: tuple[RowError, ...]  # the first MAX_LISTED_ERRORS, in line order
    ignored_columns: tuple[str, ...]
    seconds: float
    phase_seconds: dict[str, float]  # parse, check, write, audit: where the time went

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["errors"] = [{**asdict(e), "params": dict(e.params)} for e in self.errors]
        return data


async def _reuse_ids(
    graph: Graph, parsed: ParsedImport, known: VillageParents
) -> tuple[ParsedImport, ExistingIds]:
    """The parsed file with the ids of the households (by ref in their township) and members
    (by ID number in their household) that an earlier import already wrote, and those ids:
    every other id is new (made at random by the parse), so the writes need not ask again."""
    keys = [
        {
            "key": h.id,
            "ref": parsed.household_refs[h.id],
            "township": known[h.village_id][0],
            "digest": legacy_import_digest(parsed.household_refs[h.id]),
        }
        for h in parsed.households
        if h.village_id in known
    ]
    found = await imported_households(graph, keys)
    if not found:
        return parsed, ExistingIds(frozenset(), frozenset())
    members = await member_ids_by_id_number(graph, list(found.values()))
    existing = ExistingIds(frozenset(found.values()), frozenset(members.values()))

    def household_id(provisional: str) -> str:
        return found.get(provisional, provisional)

    people = []
    for p in parsed.people:
        hid = household_id(p.household_id)
        people.append(replace(p, household_id=hid, id=members.get((hid, p.id_number), p.id)))
    reused = replace(
        parsed,
        households=tuple(replace(h, id=household_id(h.id)) for h in parsed.households),
        people=tuple(people),
        household_lines={household_id(k): v for k, v in parsed.household_lines.items()},
        household_refs={household_id(k): v for k, v in parsed.household_refs.items()},
    )
    return reused, existing


async def _registered_elsewhere(
    graph: Graph, parsed: ParsedImport, *, actor: Actor, scope: Scope
) -> list[RegisteredElsewhere]:
    """The file's ID numbers already members of a household other than the parse's new one:
    asked before the ids of re-imported households are known, so the household an import
    reuses comes back too, and `_graph_errors` drops it (it is in scope, so never audited)."""
    async with graph.driver.session(
        database=graph.database, bookmark_manager=graph.driver.execute_query_bookmark_manager
    ) as session:
        return await session.execute_write(
            id_numbers_elsewhere_tx,
            actor=actor,
            scope=scope,
            household_by_id_number={p.id_number: p.household_id for p in parsed.people},
            purpose="IMPORT_HOUSEHOLDS",
        )


def _graph_errors(
    parsed: ParsedImport, known: Mapping[str, object], elsewhere: list[RegisteredElsewhere]
) -> list[RowError]:
    """Errors only the graph can reveal: unknown villages, people already elsewhere."""
    errors: list[RowError] = []
    for h in parsed.households:
        if h.village_id not in known:
            reason = f"unknown village {h.village_id!r}, or outside your area"
            for line in parsed.household_lines[h.id]:
                shown = shown_value("village_id", h.village_id)
                errors.append(RowError(line, "village_id", reason, "UNKNOWN_REGION", shown))
    household_of = {p.id_number: p.household_id for p in parsed.people}
    for hit in sorted(elsewhere, key=lambda e: e.id_number):
        if hit.household_id is not None and hit.household_id == household_of[hit.id_number]:
            continue  # the household this import updates
        line = parsed.person_lines.get(hit.id_number, 0)
        if hit.household_id is None:
            reason = "this ID number is registered in another area; ask the county office"
            errors.append(
                RowError(line, "member_id_number", reason, ID_NUMBER_REGISTERED_ELSEWHERE)
            )
        else:
            reason = f"this ID number is already a member of household {hit.household_id}"
            errors.append(RowError(line, "member_id_number", reason, "DUPLICATE_ID_NUMBER"))
    return errors


async def import_households(
    graph: Graph,
    data: bytes,
    *,
    actor: Actor,
    scope: Scope,
    today: date,
    filename: str = "",
    progress: ProgressCallback | None = None,
) -> ImportReport:
    started = time.perf_counter()
    digest = hashlib.sha256(data).hexdigest()
    if progress:
        await progress(0.02, "IMPORT_PARSING")
    phases: dict[str, float] = {}
    parsed = await asyncio.to_thread(parse_household_csv_pooled, data, today=today)
    phases["parse"] = round(time.perf_counter() - started, 2)
    errors = list(parsed.errors)
    villages = await known_villages(graph, parsed.village_ids, scope=scope)
    existing: ExistingIds | None = None
    if not errors:
        if progress:
            await progress(0.1, "IMPORT_CHECKING")
        # Independent look-ups, asked at once: which households and members the file names
        # again, and which of its ID numbers are members elsewhere.
        (parsed, existing), elsewhere = await asyncio.gather(
            _reuse_ids(graph, parsed, villages),
            _registered_elsewhere(graph, parsed, actor=actor, scope=scope),
        )
        errors = _graph_errors(parsed, villages, elsewhere)
    errors.sort(key=lambda e: (e.line, e.column))
    phases["check"] = round(time.perf_counter() - started - phases["parse"], 2)
    lap = time.perf_counter()

    def report(accepted: bool) -> ImportReport:
        return ImportReport(
            accepted=accepted,
            sha256=digest,
            encoding=parsed.encoding,
            rows=parsed.rows,
            households=len(parsed.households),
            people=len(parsed.people),
            error_count=len(errors),
            errors=tuple(errors[:MAX_LISTED_ERRORS]),
            ignored_columns=parsed.ignored_columns,
            seconds=round(time.perf_counter() - started, 3),
            phase_seconds=dict(phases),
        )

    if errors:
        return report(False)
    await write_households(
        graph,
        parsed.households,
        parsed.people,
        parents=villages,
        progress=progress,
        start=0.15,
        end=0.95,
        import_refs=parsed.household_refs,
        now=actor.at,
        existing=existing,
    )
    phases["write"] = round(time.perf_counter() - lap, 2)
    lap = time.perf_counter()
    await run_write(
        graph, _audit_import_tx, actor=actor, filename=filename, digest=digest, parsed=parsed
    )
    phases["audit"] = round(time.perf_counter() - lap, 2)
    return report(True)


async def _audit_import_tx(
    tx: Any, *, actor: Actor, filename: str, digest: str, parsed: ParsedImport
) -> None:
    await record_audit(
        tx,
        actor=actor,
        action="IMPORT_HOUSEHOLDS",
        entity_type="ImportFile",
        entity_id=digest,
        before=None,
        after={
            "filename": filename,
            "households": len(parsed.households),
            "people": len(parsed.people),
            "household_ids": [h.id for h in parsed.households][:1000],
        },
    )


async def import_file_now(
    graph: Graph, data: bytes, filename: str, *, clock: Clock
) -> tuple[bool, dict[str, Any]]:
    """The `bangfu import FILE` path: same checks and writes, without the queue."""
    report = await import_households(
        graph,
        data,
        actor=Actor(id="cli", role="ADMIN", at=clock.now()),
        scope=EVERYWHERE,
        today=clock.today(),
        filename=filename,
    )
    return report.accepted, report.to_json()
