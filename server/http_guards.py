"""What every HTTP request passes before the app sees it (issue 8, findings 9-11).

- a request id: taken from nowhere the client controls, answered in `X-Request-Id`, and put
  on the ASGI scope so the GraphQL error log can name the request without its content;
- a body cap: JSON posts and multipart uploads have separate caps; a larger body is answered
  413 as soon as the declared length, or the bytes read so far, exceed it;
- multipart and other form posts need `X-Bangfu-Client` (a custom header forces a CORS
  preflight, so another site's page cannot post a form to the API in a user's browser);
- security headers on every response.
"""

from __future__ import annotations

import json
import uuid
from typing import Final

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.settings import Limits

REQUEST_ID_HEADER: Final = "X-Request-Id"
CLIENT_HEADER: Final = "X-Bangfu-Client"

# The built SPA loads its own scripts and styles from /assets, talks to /graphql on the same
# origin (HTTP and WebSocket), and embeds nothing from elsewhere.
CONTENT_SECURITY_POLICY: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS: Final = (
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


class BodyTooLarge(Exception):
    pass


def _is_multipart(headers: Headers) -> bool:
    return headers.get("content-type", "").lower().startswith("multipart/")


def _needs_client_header(method: str, headers: Headers) -> bool:
    """A POST a browser may send cross-site without a preflight (a "simple" request)."""
    if method != "POST":
        return False
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in {"multipart/form-data", "application/x-www-form-urlencoded", "text/plain", ""}


async def _answer(send: Send, status: int, code: str, message: str, request_id: str) -> None:
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (REQUEST_ID_HEADER.lower().encode(), request_id.encode()),
                *((k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS),
                (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                # The rest of the body is not read: the connection cannot be reused.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HttpGuards:
    def __init__(self, app: ASGIApp, limits: Limits, *, graphiql: bool) -> None:
        self.app = app
        self.limits = limits
        self.graphiql = graphiql

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        headers = Headers(scope=scope)
        method = scope["method"]
        if (
            scope["path"] == "/graphql"
            and _needs_client_header(method, headers)
            and not headers.get(CLIENT_HEADER)
        ):
            await _answer(
                send,
                403,
                "CLIENT_HEADER_REQUIRED",
                f"form and upload posts need the {CLIENT_HEADER} header",
                request_id,
            )
            return
        cap = self.limits.max_upload_body if _is_multipart(headers) else self.limits.max_json_body
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            await _answer(send, 413, "BODY_TOO_LARGE", f"body over {cap} bytes", request_id)
            return
        # GraphiQL (development only) loads its scripts from a CDN: no CSP on that page.
        with_csp = not (self.graphiql and method == "GET" and scope["path"] == "/graphql")
        started = False
        received = 0

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                out = MutableHeaders(scope=message)
                out[REQUEST_ID_HEADER] = request_id
                for name, value in SECURITY_HEADERS:
                    out.setdefault(name, value)
                if with_csp:
                    out.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            await send(message)

        try:
            await self.app(scope, capped_receive, guarded_send)
        except BodyTooLarge:
            if started:
                raise
            await _answer(send, 413, "BODY_TOO_LARGE", f"body over {cap} bytes", request_id)
