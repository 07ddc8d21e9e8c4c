"""Indicator events in: checking an event's fields (the form's and a feed line's alike),
and recording one event through the API with its household rescored in the same
transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.driver import Graph
from graph.households import households_by_id
from graph.indicator_events import (
    IndicatorEventRecord,
    NewEvent,
    event_key,
    people_by_id_number,
    record_events_tx,
)
from graph.scope import Scope
from matching.warning import COST_KINDS, INDICATORS
from server.clock import Clock
from server.registry.validation import (
    FUTURE_DATE,
    IMPOSSIBLE_DATE,
    INVALID_FORMAT,
    MISSING_VALUE,
    OUT_OF_RANGE,
    UNKNOWN_VALUE,
    FieldError,
    check_id_number,
    parse_date,
)
from server.services.errors import TOO_LONG, EntityNotFound, InvalidFields
from server.services.warnings import WARNING_SETTINGS, Rescored, rescore_tx
from server.services.writes import run_write

MAX_AMOUNT: Final = 10_000_000  # yuan: anything larger is a typo (or cents)
MAX_TEXT: Final = 100

# Kinds as codes, or as the Chinese a department's export may use.
KIND_ALIASES: Final[Mapping[str, str]] = {
    **{k: k for k in INDICATORS},
    "住院": "HOSPITALISATION",
    "患病住院": "HOSPITALISATION",
    "慢性病": "CHRONIC_DISEASE",
    "重大疾病": "CHRONIC_DISEASE",
    "慢性病和重大疾病": "CHRONIC_DISEASE",
    "残疾登记": "NEW_DISABILITY",
    "残疾人登记办证": "NEW_DISABILITY",
    "新增失业": "NEW_UNEMPLOYMENT",
    "失业": "NEW_UNEMPLOYMENT",
    "高考录取": "COLLEGE_ADMISSION",
    "医疗自负费用": "MEDICAL_COST",
    "医疗费用": "MEDICAL_COST",
    "教育支出": "SCHOOLING_COST",
    "教育费用": "SCHOOLING_COST",
}


@dataclass(frozen=True, slots=True)
class EventFacts:
    """An event's checked values, before it is tied to a household."""

    kind: str
    occurred_on: date
    amount: int | None
    source: str
    external_id: str | None


def check_event(
    *,
    kind: object,
    occurred_on: object,
    amount: object,
    source: object,
    external_id: object,
    today: date,
    default_source: str = "MANUAL",
) -> tuple[EventFacts | None, list[FieldError]]:
    """Every problem with one event's fields (the form's and a feed line's alike)."""
    errors: list[FieldError] = []
    code = KIND_ALIASES.get(str(kind or "").strip().upper()) or KIND_ALIASES.get(
        str(kind or "").strip()
    )
    if not str(kind or "").strip():
        errors.append(FieldError("kind", "kind is required", MISSING_VALUE))
    elif code is None:
        errors.append(FieldError("kind", f"unknown kind {kind!r}", UNKNOWN_VALUE))
    day = parse_date(occurred_on)
    if occurred_on in (None, ""):
        errors.append(FieldError("occurred_on", "the day it happened is required", MISSING_VALUE))
    elif day is None:
        errors.append(FieldError("occurred_on", "not a date (YYYY-MM-DD)", IMPOSSIBLE_DATE))
    elif day > today:
        errors.append(FieldError("occurred_on", "the day is in the future", FUTURE_DATE))
    money = _amount(amount, required=code in COST_KINDS, errors=errors)
    src = str(source or "").strip() or default_source
    ext = str(external_id or "").strip() or None
    for field, value in (("source", src), ("external_id", ext or "")):
        if len(value) > MAX_TEXT:
            errors.append(FieldError(field, f"at most {MAX_TEXT} characters", TOO_LONG))
    if errors or code is None or day is None:
        return None, errors
    return EventFacts(kind=code, occurred_on=day, amount=money, source=src, external_id=ext), []


def _amount(value: object, *, required: bool, errors: list[FieldError]) -> int | None:
    if value is None or value == "":
        if required:
            errors.append(FieldError("amount", "a cost needs its amount in yuan", MISSING_VALUE))
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        errors.append(FieldError("amount", "not a number of yuan", INVALID_FORMAT))
        return None
    if not 0 <= number <= MAX_AMOUNT:
        errors.append(FieldError("amount", f"must be 0..{MAX_AMOUNT} yuan", OUT_OF_RANGE))
        return None
    return round(number)


@dataclass(frozen=True, slots=True)
class RecordEvent:
    """The command: exactly one of household_id and id_number names whom it concerns."""

    household_id: str | None
    id_number: str | None
    kind: object
    occurred_on: object
    amount: object
    source: object
    external_id: object


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    event: IndicatorEventRecord
    duplicate: bool  # the same event was recorded before; nothing new was written
    rescored: Rescored


async def record_indicator_event(
    graph: Graph, *, scope: Scope, actor: Actor, cmd: RecordEvent, clock: Clock
) -> RecordedEvent:
    when, today = clock.now(), clock.today()
    facts, errors = check_event(
        kind=cmd.kind,
        occurred_on=cmd.occurred_on,
        amount=cmd.amount,
        source=cmd.source,
        external_id=cmd.external_id,
        today=today,
    )
    id_number = (cmd.id_number or "").strip().upper() or None
    if (cmd.household_id is None) == (id_number is None):
        errors.append(
            FieldError("household_id", "give either a household id or an ID number", MISSING_VALUE)
        )
    elif id_number is not None and (reason := check_id_number(id_number, today=today)) is not None:
        errors.append(FieldError("id_number", reason, "INVALID_ID_NUMBER"))
    if errors or facts is None:
        raise InvalidFields(errors)
    household_id, person_id = await _subject(graph, scope, cmd.household_id, id_number)
    new = NewEvent(
        key=event_key(
            source=facts.source,
            external_id=facts.external_id,
            kind=facts.kind,
            subject=id_number or f"household:{household_id}",
            occurred_on=facts.occurred_on,
            amount=facts.amount,
        ),
        kind=facts.kind,
        household_id=household_id,
        person_id=person_id,
        occurred_on=facts.occurred_on,
        amount=facts.amount,
        source=facts.source,
        external_id=facts.external_id,
    )
    recorded: RecordedEvent = await run_write(
        graph, _record_and_rescore_tx, event=new, actor=actor, now=when, today=today
    )
    return recorded


async def _subject(
    graph: Graph, scope: Scope, household_id: str | None, id_number: str | None
) -> tuple[str, str | None]:
    """(household id, person id) of whom the event concerns, within the caller's scope."""
    if id_number is not None:
        found = (await people_by_id_number(graph, [id_number], scope=scope)).get(id_number)
        if found is None:
            raise EntityNotFound("Person", id_number, field="id_number")
        return found.household_id, found.person_id
    assert household_id is not None
    [row] = await households_by_id(graph, [household_id], scope=scope)
    if row is None:
        raise EntityNotFound("Household", household_id, field="household_id")
    return household_id, None


async def _record_and_rescore_tx(
    tx: AsyncManagedTransaction, *, event: NewEvent, actor: Actor, now: datetime, today: date
) -> RecordedEvent:
    [(record, created)] = await record_events_tx(tx, events=[event], reported_by=actor.id, now=now)
    if created:
        await record_audit_many(tx, actor=actor, entries=[_event_audit(record)])
    [rescored] = await rescore_tx(
        tx,
        household_ids=[record.household_id],
        settings=WARNING_SETTINGS,
        now=now,
        today=today,
        actor=actor,
    )
    return RecordedEvent(event=record, duplicate=not created, rescored=rescored)


# Grid reports confirmed by the station record their event in their own transaction.
record_and_rescore_tx = _record_and_rescore_tx


def _event_audit(e: IndicatorEventRecord) -> AuditEntry:
    return AuditEntry(
        action="RECORD_INDICATOR_EVENT",
        entity_type="IndicatorEvent",
        entity_id=e.id,
        before=None,
        after={
            "household_id": e.household_id,
            "person_id": e.person_id,
            "kind": e.kind,
            "occurred_on": e.occurred_on.isoformat(),
            "amount": e.amount,
            "source": e.source,
            "external_id": e.external_id,
        },
    )


async def record_feed_tx(
    tx: AsyncManagedTransaction,
    *,
    events: Sequence[NewEvent],
    actor: Actor,
) -> list[tuple[IndicatorEventRecord, bool]]:
    """A batch of a bulk feed: merged and audited together; rescoring follows per batch."""
    recorded = await record_events_tx(tx, events=events, reported_by=actor.id, now=actor.at)
    await record_audit_many(
        tx, actor=actor, entries=[_event_audit(e) for e, created in recorded if created]
    )
    return recorded
