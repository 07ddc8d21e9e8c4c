"""Evidence of an adoption: a receipt or a photo, checked by its first bytes and its size,
stored with the need for the station, auditors and the adopting organisation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from graph.adoption_reads import add_evidence_tx
from graph.adoptions import AdoptionState, Step
from graph.driver import Graph
from graph.registry_writes import new_id
from matching.adoption import OPEN_STATUSES
from server.services.adoptions import organisation_of, step
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    ParameterisedError,
    StateConflict,
)
from server.services.registry import Caller
from server.services.writes import run_write

EVIDENCE_MAX_BYTES = 5 * 2**20
# What a receipt or a photo may be, recognised by its first bytes (not by its name).
EVIDENCE_TYPES: dict[bytes, str] = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"%PDF-": "application/pdf",
}


def evidence_type(data: bytes) -> str | None:
    return next((t for magic, t in EVIDENCE_TYPES.items() if data.startswith(magic)), None)


@dataclass(frozen=True, slots=True)
class EvidenceCommand:
    adoption_id: str
    kind: str  # RECEIPT | PHOTO
    filename: str
    data: bytes


async def add_evidence(graph: Graph, caller: Caller, cmd: EvidenceCommand) -> None:
    """A receipt or photo, stored with the need; the adoption must be the caller's and open."""
    org = organisation_of(caller)
    if not cmd.data:
        raise InvalidFields([ParameterisedError("file", "the file is empty", "EMPTY_FILE")])
    if len(cmd.data) > EVIDENCE_MAX_BYTES:
        raise InvalidFields(
            [
                ParameterisedError(
                    "file",
                    "the file is too large",
                    "TOO_LARGE",
                    (("maxBytes", str(EVIDENCE_MAX_BYTES)),),
                )
            ]
        )
    content_type = evidence_type(cmd.data)
    if content_type is None:
        raise InvalidFields(
            [
                ParameterisedError(
                    "file",
                    "a JPEG, PNG or PDF only",
                    "WRONG_FILE_TYPE",
                    (("allowed", "JPEG, PNG, PDF"),),
                )
            ]
        )

    def decide(state: AdoptionState) -> Step | None:
        if state.org_id != org:
            raise EntityNotFound("Adoption", cmd.adoption_id)
        if state.adoption["status"] not in OPEN_STATUSES:
            raise StateConflict("ADOPTION_" + str(state.adoption["status"]), "the adoption is over")
        return None  # the lock and the checks only: the evidence is written next

    await step(graph, caller.actor, cmd.adoption_id, None, caller.scope.params(), decide)
    await run_write(
        graph,
        add_evidence_tx,
        actor=caller.actor,
        evidence_id=new_id("evidence"),
        adoption_id=cmd.adoption_id,
        kind=cmd.kind,
        content_type=content_type,
        filename=cmd.filename[:200],
        data=cmd.data,
        sha256=hashlib.sha256(cmd.data).hexdigest(),
    )
