"""GET /exports/{job_id}: the finished Excel file of an export job, to the user who started
it, with the same bearer token as GraphQL (a link alone opens nothing)."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph.jobs import job_by_id
from server.auth import TokenError, principal_from_header
from server.services.exports import EXPORT_FUNCTION, XLSX_TYPE, export_key
from server.session_store import is_token_revoked


def _refuse(status: int, code: str) -> JSONResponse:
    return JSONResponse({"error": code}, status_code=status, headers={"Cache-Control": "no-store"})


async def download_export(request: Request) -> Response:
    state = request.app.state

    async def revoked(token_id: str) -> bool:
        return await is_token_revoked(state.arq, token_id)

    try:
        principal = await principal_from_header(
            state.graph,
            state.signer,
            request.headers.get("authorization"),
            revoked,
            now=state.clock.now(),
        )
    except TokenError:
        return _refuse(401, "UNAUTHENTICATED")
    if principal is None:
        return _refuse(401, "UNAUTHENTICATED")
    job = await job_by_id(state.graph, request.path_params["job_id"])
    # Another user's export and no export at all look the same.
    if job is None or job.kind != EXPORT_FUNCTION or job.created_by != principal.user_id:
        return _refuse(404, "NOT_FOUND")
    if job.status != "SUCCEEDED":
        return _refuse(409, "NOT_READY")
    data = await state.arq.get(export_key(job.id))
    if data is None:
        return _refuse(410, "EXPIRED")
    filename = str((job.result or {}).get("filename") or "export.xlsx")
    disposition = f"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        data,
        media_type=XLSX_TYPE,
        headers={
            "Content-Disposition": disposition,
            "Cache-Control": "no-store",
        },
    )
