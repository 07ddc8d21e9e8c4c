"""GET /evidence/<id>: the file of a receipt or photo, for the station (and the casework roles
in the area), auditors and the organisation that adopted the need; anyone else gets 404.

The token travels in `Authorization: Bearer` like every API call (the page fetches the file
and shows it), so a link alone opens nothing."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from graph.adoption_reads import evidence_content
from graph.scope import resolve_scope
from server.auth import TokenError, principal_from_header
from server.roles import Role
from server.session_store import is_token_revoked

READERS = frozenset(
    {
        Role.ADMIN,
        Role.COORDINATOR,
        Role.STATION_MANAGER,
        Role.SOCIAL_WORKER,
        Role.AUDITOR,
        Role.CHARITY,
        Role.ENTERPRISE,
    }
)


async def evidence_file(request: Request) -> Response:
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
        principal = None
    if principal is None:
        return Response(status_code=401)
    if principal.role not in READERS:
        return Response(status_code=404)
    scope = await resolve_scope(
        state.graph,
        role=principal.role.value,
        kind=principal.scope_kind,
        scope_id=principal.scope_id,
    )
    org = principal.scope_id if principal.role in (Role.CHARITY, Role.ENTERPRISE) else None
    if principal.role in (Role.CHARITY, Role.ENTERPRISE) and org is None:
        return Response(status_code=404)
    found = await evidence_content(state.graph, request.path_params["id"], scope=scope, org_id=org)
    if found is None:
        return Response(status_code=404)
    content_type, _, data = found
    return Response(
        data,
        media_type=content_type,
        headers={
            "Content-Disposition": "inline",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
