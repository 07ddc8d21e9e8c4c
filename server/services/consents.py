"""Consent-scoped reveal: the worker records and withdraws a household's consent; an adopting
organisation reads only what a valid consent names, audited in the reading transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.consents import (
    CONSENT_FIELDS,
    ConsentRow,
    Reveal,
    record_consent_tx,
    reveal_contact_tx,
    withdraw_consent_tx,
)
from graph.driver import Graph
from graph.registry_writes import new_id
from server.clock import Clock
from server.registry.validation import FieldError
from server.roles import Role
from server.services.adoptions import ORGANISATION_ROLES
from server.services.errors import InvalidFields, NotPermitted
from server.services.registry import Caller
from server.services.writes import run_write

CASE_WORKERS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.STATION_MANAGER, Role.SOCIAL_WORKER})
MAX_CONSENT_DAYS = 366  # consent is renewed at least yearly
MAX_GIVEN_BY = 50


@dataclass(frozen=True, slots=True)
class ConsentCommand:
    household_id: str
    given_by: str
    fields: tuple[str, ...]
    expires_on: date


def consent_problems(
    cmd: ConsentCommand, today: date, allowed: tuple[str, ...] = CONSENT_FIELDS
) -> list[FieldError]:
    out = []
    if not cmd.given_by.strip() or len(cmd.given_by) > MAX_GIVEN_BY:
        out.append(FieldError("givenBy", "who gave consent, briefly", "REQUIRED"))
    if not cmd.fields or any(f not in allowed for f in cmd.fields):
        out.append(FieldError("fields", "at least one known field", "NOT_IN_VOCABULARY"))
    if cmd.expires_on < today or (cmd.expires_on - today).days > MAX_CONSENT_DAYS:
        out.append(FieldError("expiresOn", "from today to a year ahead", "OUT_OF_RANGE"))
    return out


async def record_consent(
    graph: Graph, caller: Caller, cmd: ConsentCommand, *, clock: Clock
) -> ConsentRow:
    if caller.role not in CASE_WORKERS:
        raise NotPermitted("the household's workers record consent")
    today = clock.today()
    problems = consent_problems(cmd, today)
    if problems:
        raise InvalidFields(problems)
    row: ConsentRow = await run_write(
        graph,
        record_consent_tx,
        actor=caller.actor,
        consent_id=new_id("consent"),
        household_id=cmd.household_id,
        given_by=cmd.given_by.strip(),
        given_on=today,
        fields=sorted(set(cmd.fields), key=CONSENT_FIELDS.index),
        expires_on=cmd.expires_on,
        scope_params=caller.scope.params(),
    )
    return row


async def withdraw_consent(
    graph: Graph, caller: Caller, consent_id: str, expected_version: int, *, clock: Clock
) -> ConsentRow:
    if caller.role not in CASE_WORKERS:
        raise NotPermitted("the household's workers withdraw consent")
    row: ConsentRow = await run_write(
        graph,
        withdraw_consent_tx,
        actor=caller.actor,
        consent_id=consent_id,
        expected_version=expected_version,
        today=clock.today(),
        scope_params=caller.scope.params(),
    )
    return row


async def reveal_contact(graph: Graph, caller: Caller, adoption_id: str, *, clock: Clock) -> Reveal:
    if caller.role not in ORGANISATION_ROLES or caller.own_id is None:
        raise NotPermitted("only the adopting organisation")
    reveal: Reveal = await run_write(
        graph,
        reveal_contact_tx,
        actor=caller.actor,
        adoption_id=adoption_id,
        org_id=caller.own_id,
        today=clock.today(),
    )
    return reveal
