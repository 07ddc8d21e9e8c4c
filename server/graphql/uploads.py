"""Reading an uploaded file for a job: size checks as typed errors, and the job's record
of who sent what (the bytes themselves travel to the worker, not onto the Job node)."""

from __future__ import annotations

import hashlib
from typing import Any

from strawberry.file_uploads import Upload

from server.auth import Principal
from server.graphql.errors import InvalidInput, invalid_field


def invalid_file(reason: str, code: str) -> InvalidInput:
    return invalid_field("file", reason, code)


async def read_upload(file: Upload, *, max_bytes: int) -> bytes | InvalidInput:
    data: bytes = await file.read()  # type: ignore[attr-defined]
    if not data:
        return invalid_file("the file is empty", "EMPTY_FILE")
    if len(data) > max_bytes:
        limit = max_bytes // 2**20
        reason = f"the file is larger than {limit} MiB"
        return invalid_field("file", reason, "TOO_LARGE", {"maxMiB": limit})
    return data


def upload_job_params(file: Upload, data: bytes, principal: Principal) -> dict[str, Any]:
    """What the Job node records about an upload, and the scope the job will act in."""
    return {
        "filename": getattr(file, "filename", "") or "",
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "actor_id": principal.user_id,
        "actor_role": principal.role.value,
        "scope_kind": principal.scope_kind,
        "scope_id": principal.scope_id,
    }
