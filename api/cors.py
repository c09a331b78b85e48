"""CORS: every web page may read; only pages of the origins the settings name may write.

Reads are ``GET``, ``HEAD`` and ``POST`` without an ``Authorization`` header (a SPARQL query in
a POST body, ``/localize``, ``/terms`` batches): they answer ``Access-Control-Allow-Origin: *``
as every public SPARQL endpoint does. Writes are ``PUT``, ``DELETE``, ``PATCH`` and any request
that carries ``Authorization`` (SPARQL Update and Graph Store writes need the bearer token):
a browser only sends them cross-origin after a preflight, which answers 403 unless the page's
origin is in ``Settings.cors_write_origins`` (default: none). An actual write that arrives with
a foreign ``Origin`` anyway (a non-browser client imitating one, or a preflight cache gone
wrong) is refused with the same 403 before it reaches the route. The service's own pages
(same host and port as the request) are not cross-origin and may write.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

READ_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
WRITE_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS")
READ_HEADERS = ("Accept", "Accept-Language", "Content-Language", "Content-Type")
WRITE_HEADERS = (*READ_HEADERS, "Authorization")
EXPOSE_HEADERS = "Content-Type, Content-Length, Vary, Retry-After, WWW-Authenticate"
MAX_AGE = "3600"


def is_write(method: str, headers: Headers) -> bool:
    """Whether a request (or the one a preflight announces) may change the store."""
    return method.upper() not in READ_METHODS or "authorization" in headers


class ReadWriteCORS:
    """The CORS policy above, as ASGI middleware."""

    def __init__(self, app: ASGIApp, *, write_origins: tuple[str, ...] = ()) -> None:
        self.app = app
        self.write_origins = frozenset(o.rstrip("/").lower() for o in write_origins)

    def may_write(self, origin: str, headers: Headers) -> bool:
        """A listed origin, or the service's own (same host and port as the request)."""
        if origin.rstrip("/").lower() in self.write_origins:
            return True
        host = headers.get("host")
        return host is not None and urlsplit(origin).netloc.lower() == host.lower()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        writer = self.may_write(origin, headers)
        requested = headers.get("access-control-request-method")
        if scope["method"] == "OPTIONS" and requested is not None:
            await self._preflight(origin, writer, requested, headers, send)
            return
        if is_write(scope["method"], headers) and not writer:
            await _refuse(send, origin)
            return
        await self.app(scope, receive, _with_cors(send, "*" if not writer else origin))

    async def _preflight(
        self, origin: str, writer: bool, method: str, headers: Headers, send: Send
    ) -> None:
        wanted = {
            h.strip().lower()
            for h in headers.get("access-control-request-headers", "").split(",")
            if h.strip()
        }
        allowed = WRITE_HEADERS if writer else READ_HEADERS
        methods = WRITE_METHODS if writer else READ_METHODS
        unknown = wanted - {h.lower() for h in allowed}
        if not writer and (method.upper() not in READ_METHODS or "authorization" in wanted):
            await _refuse(send, origin)
            return
        if method.upper() not in methods or unknown:
            what = f"the header(s) {', '.join(sorted(unknown))}" if unknown else method
            await _send_json(send, 400, f"CORS does not allow {what}", None, [])
            return
        await _send_json(
            send,
            200,
            None,
            None,
            [
                (b"access-control-allow-origin", (origin if writer else "*").encode()),
                (b"access-control-allow-methods", ", ".join(methods).encode()),
                (b"access-control-allow-headers", ", ".join(allowed).encode()),
                (b"access-control-max-age", MAX_AGE.encode()),
                (b"vary", b"Origin"),
            ],
            empty=True,
        )


def _with_cors(send: Send, allow_origin: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            headers["Access-Control-Allow-Origin"] = allow_origin
            headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
            headers.add_vary_header("Origin")
        await send(message)

    return sending


async def _refuse(send: Send, origin: str) -> None:
    await _send_json(
        send,
        403,
        f"cross-origin writes from {origin} are not allowed",
        "every origin may read (GET, HEAD, POST without Authorization); writes (PUT, DELETE, "
        "requests with Authorization) need the page's origin in MNKG_CORS_WRITE_ORIGINS",
        [(b"vary", b"Origin")],
    )


async def _send_json(
    send: Send,
    status: int,
    error: str | None,
    detail: str | None,
    headers: list[tuple[bytes, bytes]],
    *,
    empty: bool = False,
) -> None:
    body = b"" if empty else json.dumps({"error": error, "detail": detail}).encode()
    extra = [] if empty else [(b"content-type", b"application/json")]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [*headers, *extra, (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


__all__ = ["ReadWriteCORS", "is_write"]
