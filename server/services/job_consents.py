"""A household's consent to a job proposal, and what it opens to the enterprise.

The station records the household's answer to a proposal; with a yes it may record, in the
same transaction, what the household agreed the enterprise may see (the candidate's name, the
household's phone) and until when (graph/consents.py, tied to that proposal). The enterprise
reads it only while the proposal stands (CONSENTED or HIRED) and the consent is valid; each
read is audited in the reading transaction; withdrawing the consent closes it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from neo4j import AsyncManagedTransaction

from graph.audit import Actor
from graph.consents import (
    CONSENT_FIELDS,
    ConsentRow,
    Reveal,
    record_consent_tx,
    reveal_candidate_tx,
)
from graph.driver import Graph
from graph.job_postings import ProposalRecord, change_proposal_tx
from graph.registry_writes import new_id
from matching import job_matching as jm
from server.clock import Clock
from server.registry.validation import FieldError
from server.roles import IDENTITY_ROLES, Role
from server.services.consents import ConsentCommand, consent_problems
from server.services.errors import InvalidFields, NotPermitted, StateConflict
from server.services.registry import Caller
from server.services.writes import run_write

# An enterprise needs whom to call, not where the family lives.
JOB_SHARE_FIELDS: Final = ("CONTACT_NAME", "CONTACT_PHONE")


@dataclass(frozen=True, slots=True)
class JobShare:
    given_by: str
    fields: tuple[str, ...]
    expires_on: date


@dataclass(frozen=True, slots=True)
class JobConsentResult:
    proposal: ProposalRecord
    consent: ConsentRow | None


async def _answer_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    proposal_id: str,
    expected_version: int,
    scope_params: dict[str, Any],
    status: str,
    today: date,
    share: JobShare | None,
) -> JobConsentResult:
    def decide(p: ProposalRecord) -> tuple[str, dict[str, Any]]:
        if status not in jm.PROPOSAL_TRANSITIONS.get(p.status, frozenset()):
            raise StateConflict(
                f"PROPOSAL_{p.status}",
                f"the proposal is {p.status}",
                "status",
                {"currentStatus": p.status, "requestedStatus": status},
            )
        action = "RECORD_JOB_CONSENT" if p.status == "PROPOSED" else "RECORD_JOB_OUTCOME"
        return action, {"status": status, "outcome_on": today, "decided_by": actor.id}

    proposal = await change_proposal_tx(
        tx,
        actor=actor,
        proposal_id=proposal_id,
        expected_version=expected_version,
        scope_params=scope_params,
        decide=decide,
    )
    consent = None
    if share is not None:
        consent = await record_consent_tx(
            tx,
            actor=actor,
            consent_id=new_id("consent"),
            household_id=proposal.household_id,
            given_by=share.given_by.strip(),
            given_on=today,
            fields=sorted(set(share.fields), key=CONSENT_FIELDS.index),
            expires_on=share.expires_on,
            scope_params=scope_params,
            proposal_id=proposal_id,
        )
    return JobConsentResult(proposal, consent)


async def answer_job_proposal(
    graph: Graph,
    caller: Caller,
    proposal_id: str,
    expected_version: int,
    status: str,
    *,
    clock: Clock,
    share: JobShare | None = None,
) -> JobConsentResult:
    """The station records consent (CONSENTED / DECLINED) or the outcome (HIRED, LEFT,
    DECLINED), with a yes optionally what the enterprise may see; all audited together."""
    if caller.role not in IDENTITY_ROLES or caller.role is Role.AUDITOR:
        raise NotPermitted("only the station records consent and outcomes")
    today = clock.today()
    if share is not None:
        problems = consent_problems(
            ConsentCommand(proposal_id, share.given_by, share.fields, share.expires_on),
            today,
            JOB_SHARE_FIELDS,
        )
        if status != "CONSENTED":
            problems.append(FieldError("share", "only with the household's yes", "NOT_ALLOWED"))
        if problems:
            raise InvalidFields(
                [FieldError(f"share.{p.field}", p.reason, p.code) for p in problems]
            )
    result: JobConsentResult = await run_write(
        graph,
        _answer_tx,
        actor=caller.actor,
        proposal_id=proposal_id,
        expected_version=expected_version,
        scope_params=caller.scope.params(),
        status=status,
        today=today,
        share=share,
    )
    return result


async def reveal_candidate_contact(
    graph: Graph, caller: Caller, proposal_id: str, *, clock: Clock
) -> Reveal:
    if caller.role is not Role.ENTERPRISE or caller.own_id is None:
        raise NotPermitted("only the proposal's enterprise")
    reveal: Reveal = await run_write(
        graph,
        reveal_candidate_tx,
        actor=caller.actor,
        proposal_id=proposal_id,
        org_id=caller.own_id,
        today=clock.today(),
    )
    return reveal
