"""Bulk import of households and their members from a CSV file.

A file with any bad row is refused whole, with every bad row's line, column and reason;
a good file is upserted in batched transactions, so importing it twice changes nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from graph.audit import Actor, record_audit
from graph.county_writer import write_households
from graph.driver import Graph
from graph.members import members_of_other_households
from graph.regions import known_villages
from graph.scope import EVERYWHERE, Scope
from server.registry.household_csv import ParsedImport, RowError, parse_household_csv
from server.services.writes import run_write

MAX_LISTED_ERRORS = 1000

ProgressCallback = Callable[[float, str], Awaitable[None]]


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
    phase_seconds: dict[str, float]  # parse, check, write: where the time went

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["errors"] = [asdict(e) for e in self.errors]
        return data


async def _graph_errors(
    graph: Graph, parsed: ParsedImport, known: Mapping[str, object]
) -> list[RowError]:
    """Errors only the graph can reveal: unknown villages, people already elsewhere."""
    errors: list[RowError] = []
    for h in parsed.households:
        if h.village_id not in known:
            reason = f"unknown village {h.village_id!r}, or outside your area"
            for line in parsed.household_lines[h.id]:
                errors.append(RowError(line, "village_id", reason, "UNKNOWN_REGION"))
    elsewhere = await members_of_other_households(
        graph, {p.id_number: p.household_id for p in parsed.people}
    )
    for id_number, other in sorted(elsewhere.items()):
        errors.append(
            RowError(
                parsed.person_lines.get(id_number, 0),
                "member_id_number",
                f"this ID number is already a member of household {other}",
                "DUPLICATE_ID_NUMBER",
            )
        )
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
        await progress(0.02, "解析文件 / parsing the file")
    phases: dict[str, float] = {}
    parsed = await asyncio.to_thread(parse_household_csv, data, today=today)
    phases["parse"] = round(time.perf_counter() - started, 2)
    errors = list(parsed.errors)
    villages = await known_villages(graph, parsed.village_ids, scope=scope)
    if not errors:
        if progress:
            await progress(0.1, "核对村与身份证号 / checking villages and ID numbers")
        errors = await _graph_errors(graph, parsed, villages)
    errors.sort(key=lambda e: (e.line, e.column))
    phases["check"] = round(time.perf_counter() - started - phases["parse"], 2)

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
    )
    await run_write(
        graph, _audit_import_tx, actor=actor, filename=filename, digest=digest, parsed=parsed
    )
    phases["write"] = round(time.perf_counter() - started - phases["parse"] - phases["check"], 2)
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
    graph: Graph, data: bytes, filename: str, *, today: date
) -> tuple[bool, dict[str, Any]]:
    """The `bangfu import FILE` path: same checks and writes, without the queue."""
    report = await import_households(
        graph,
        data,
        actor=Actor(id="cli", role="ADMIN"),
        scope=EVERYWHERE,
        today=today,
        filename=filename,
    )
    return report.accepted, report.to_json()
