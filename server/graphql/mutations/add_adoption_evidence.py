"""addAdoptionEvidence: a receipt or photo (JPEG, PNG or PDF, at most 5 MiB) for an
adoption the caller holds; stored with the need, seen by the station and auditors."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._adoption import STEP_ERRORS, adoption_after, step_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.market import Adoption, EvidenceKind
from server.services.evidence import EVIDENCE_MAX_BYTES, EvidenceCommand, add_evidence


@strawberry.type
class AddAdoptionEvidenceSuccess:
    adoption: Adoption | None


AddAdoptionEvidenceResult = Annotated[
    AddAdoptionEvidenceSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("AddAdoptionEvidenceResult"),
]


@strawberry.type
class AddAdoptionEvidenceMutation:
    @strawberry.mutation(extensions=access("addAdoptionEvidence"))
    async def add_adoption_evidence(
        self,
        info: Info[Context, Any],
        adoption_id: strawberry.ID,
        kind: EvidenceKind,
        file: Upload,
    ) -> AddAdoptionEvidenceResult:
        who = await caller(info)
        # Read at most one byte past the limit: a larger file is refused without holding it.
        data: bytes = await file.read(EVIDENCE_MAX_BYTES + 1)  # type: ignore[attr-defined]
        command = EvidenceCommand(
            adoption_id=str(adoption_id),
            kind=kind.value,
            filename=getattr(file, "filename", "") or "",
            data=data,
        )
        try:
            await add_evidence(info.context.graph, who, command)
        except STEP_ERRORS as exc:
            return step_error(exc)
        return AddAdoptionEvidenceSuccess(
            adoption=await adoption_after(info, who, str(adoption_id))
        )
