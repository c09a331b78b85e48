"""``GET /localize``: the localisation page for a browser, the POST's JSON for an API client.

A browser (its ``Accept`` ranks ``text/html`` above ``application/json``) gets the page,
``api/static/localize.html`` with its script and stylesheet from ``/static/mnkg/``; the page
calls ``POST /localize`` itself. Any other client gets JSON: the query string is the POST's
body (``?signs=HP:0002380&signs=Areflexia&absent=HP:0003487&onset=acute&age_months=30``, each
list field repeated), and the answer, errors included, is the POST's own, because the request
is handed to the ``POST /localize`` route of this app in the same process (no second
validation model, no import of that route module). So a page link is also an API URL.

Nothing is loaded from another host: the page is sent with the query page's
Content-Security-Policy (same origin only).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.types import Message

router = APIRouter(tags=["Localization"])

PAGE = Path(__file__).resolve().parent.parent / "static" / "localize.html"
"""The page (package data); its script and stylesheet are served by ``/static/mnkg/``."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
)
"""The query page's policy (api/routes/page.py): scripts, styles and requests from here only."""

LIST_FIELDS = ("signs", "absent")
"""Body fields that are lists: repeated in the query string."""

_QUERY_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "signs",
        "in": "query",
        "required": False,
        "description": "a finding present (HPO ID or exact label); repeat for each. Needed "
        "for JSON; the page reads it too",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
        "example": ["HP:0002380", "Areflexia"],
    },
    {
        "name": "absent",
        "in": "query",
        "required": False,
        "description": "a finding looked for and not found; repeat for each",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    },
    *(
        {"name": name, "in": "query", "required": False, "description": text, "schema": schema}
        for name, text, schema in (
            ("onset", "acute or chronic", {"type": "string", "enum": ["acute", "chronic"]}),
            ("age_months", "age in months", {"type": "number"}),
            ("source", "mnkg, hpo or all", {"type": "string", "enum": ["mnkg", "hpo", "all"]}),
            ("limit", "most conditions returned", {"type": "integer"}),
        )
    ),
]


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header (RFC 9110 section 12.5.1) with their q values."""
    ranges = []
    for element in accept.split(","):
        media_range, *parameters = (piece.strip() for piece in element.split(";"))
        if "/" not in media_range:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media_range.lower(), quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q of ``media_type``: the most specific range that matches it decides."""
    family = media_type.split("/")[0] + "/*"
    best = (-1, 0.0)
    for media_range, quality in ranges:
        specificity = {media_type: 2, family: 1, "*/*": 0}.get(media_range, -1)
        if specificity > best[0]:
            best = (specificity, quality)
    return best[1]


def prefers_html(accept: str | None) -> bool:
    """True when the client ranks ``text/html`` above ``application/json``.

    Browsers do (``text/html,...,*/*;q=0.8``); curl, httpx and ``fetch`` send ``*/*`` or
    nothing, a tie, and API clients get JSON, as before this page existed.
    """
    if not accept or not accept.strip():
        return False
    ranges = _ranges(accept)
    return _quality("text/html", ranges) > _quality("application/json", ranges)


def body_from_query(request: Request) -> dict[str, Any]:
    """The POST body the query string stands for: list fields repeated, the others once."""
    body: dict[str, Any] = {}
    for name, value in request.query_params.multi_items():
        if name in LIST_FIELDS:
            body.setdefault(name, []).append(value)
        elif name in body:
            body[name] = [body[name], value]  # the POST's validation names the repeated field
        else:
            body[name] = value
    return body


async def answer_as_post(request: Request) -> Response:
    """The JSON ``POST /localize`` answers for the query string's body, errors included."""
    body = json.dumps(body_from_query(request), ensure_ascii=False).encode()
    headers = [
        (name, value)
        for name, value in request.scope["headers"]
        if name not in (b"content-type", b"content-length", b"transfer-encoding")
    ]
    headers += [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    scope = {**request.scope, "method": "POST", "query_string": b"", "headers": headers}
    sent = False
    start: Message = {}
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await request.app.router(scope, receive, send)
    media_type = dict(start.get("headers", [])).get(b"content-type", b"application/json")
    return Response(
        b"".join(chunks),
        status_code=start.get("status", 500),
        media_type=media_type.decode("latin-1"),
        headers={"Vary": "Accept"},
    )


def page_response() -> HTMLResponse:
    """The page, with a same-origin-only policy."""
    return HTMLResponse(
        PAGE.read_text(encoding="utf-8"),
        headers={
            "Content-Security-Policy": CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache",
            "Vary": "Accept",
        },
    )


@router.get(
    "/localize",
    summary="The localisation page (browsers) or the POST's JSON for a query string (API)",
    response_model=None,
    openapi_extra={"parameters": _QUERY_PARAMETERS},
    responses={
        200: {
            "description": "the page for Accept: text/html; otherwise the answer of "
            "POST /localize for the body the query string gives",
            "content": {"text/html": {}, "application/json": {}},
        },
        400: {"description": "the POST's error for that body (e.g. no signs given)"},
    },
)
async def get_localize(request: Request) -> Response:
    """HTML for a browser, JSON (the POST's answer) for everyone else."""
    if prefers_html(request.headers.get("accept")):
        return page_response()
    return await answer_as_post(request)


__all__ = ["body_from_query", "prefers_html", "router"]
