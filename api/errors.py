"""JSON error bodies everywhere: ``{"error": <message>, "detail": <anything or null>}``.

A :class:`~mnkg.kg.errors.UserError` answers with its ``http_status``; HTTP errors raised by
FastAPI or Starlette (404, 405, ...) keep their status and headers; request validation errors are
400s; anything else is a 500 whose body says nothing about the internals. Errors the HTTP server
answers before the app sees the request (malformed, too long, too slow) have the same shape
(:mod:`mnkg.api.server`).

No body shows where the data lives or which servers stand behind the service
(:func:`redact`): the data directory, the release folder and the remote store's URLs and host
become neutral words, and in 5xx messages (store and disk trouble, written by the engine) any other
absolute path or IP address does too. The log keeps the full message for the operator.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from mnkg.kg import Settings, UserError

log = logging.getLogger("mnkg.api")

TIMED_OUT = "mnkg.timed_out"
"""Scope key the server (:mod:`mnkg.api.server`) sets on a request it gave up on because the
client was too slow; it has logged that, so the app logs nothing more."""


class ProtocolError(UserError):
    """A request the SPARQL 1.1 Protocol does not allow (two queries, query and update...)."""

    http_status = 400


class UnsupportedMediaType(UserError):
    """A POST body in a media type the protocol does not define."""

    http_status = 415


_ABSOLUTE_PATH = re.compile(r"(?<![\w:/.<~-])(?:/[^\s/'\"<>]+){2,}/?")
"""An absolute POSIX path of two or more segments not inside an IRI (``http://h/a/b``) or
between angle brackets (``</a/b>``)."""
_ADDRESS = re.compile(r"\b(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:]+\])(?::\d+)?\b")


def _secrets(settings: Settings | None) -> list[tuple[str, str]]:
    """(text, replacement) for the locations of this deployment, longest first."""
    if settings is None:
        return []
    found: list[tuple[str, str]] = []
    for path, name in ((settings.release_dir, "the release folder"),):
        found.append((str(path), name))
    found.append((str(settings.data_dir), "the data directory"))
    for url in (settings.store, settings.update_url, settings.graph_store_url):
        if url:
            parts = urlsplit(url)
            found.append((url, "the store's URL"))
            if parts.netloc:
                found.append((parts.netloc, "the store's host"))
            if parts.hostname and len(parts.hostname) > 3:
                found.append((parts.hostname, "the store's host"))
    return sorted(found, key=lambda pair: -len(pair[0]))


def redact(text: str, settings: Settings | None, *, server_error: bool) -> str:
    """``text`` without the deployment's paths and addresses (see the module docstring)."""
    for secret, replacement in _secrets(settings):
        if secret and secret in text:
            text = text.replace(secret, replacement)
    if server_error:
        text = _ADDRESS.sub("<address>", _ABSOLUTE_PATH.sub("<path>", text))
    return text


def _redact_detail(detail: object, settings: Settings | None, *, server_error: bool) -> object:
    if isinstance(detail, str):
        return redact(detail, settings, server_error=server_error)
    if isinstance(detail, dict):
        return {
            k: _redact_detail(v, settings, server_error=server_error) for k, v in detail.items()
        }
    if isinstance(detail, Iterable) and not isinstance(detail, bytes | bytearray):
        return [_redact_detail(v, settings, server_error=server_error) for v in detail]
    return detail


def error_response(
    status: int,
    error: str,
    detail: object | None = None,
    headers: dict[str, str] | None = None,
    *,
    settings: Settings | None = None,
) -> JSONResponse:
    """The one shape of every error the API returns (redacted with ``settings``)."""
    server_error = status >= 500
    body = {
        "error": redact(error, settings, server_error=server_error),
        "detail": _redact_detail(detail, settings, server_error=server_error),
    }
    return JSONResponse(body, status_code=status, headers=headers)


def _settings(request: Request) -> Settings | None:
    return getattr(request.app.state, "settings", None)


async def _user_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UserError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
    if exc.http_status >= 500:
        log.warning(
            "%s %s answered %d: %s", request.method, request.url.path, exc.http_status, exc.message
        )
    return error_response(
        exc.http_status, exc.message, exc.detail, headers, settings=_settings(request)
    )


async def _client_gone(request: Request, exc: Exception) -> JSONResponse:
    """One line, not a traceback: the client went away (or was timed out) mid-request."""
    if request.scope.get(TIMED_OUT):
        return error_response(408, "the request was not complete in time")
    client = f"{request.client.host}:{request.client.port}" if request.client else "a client"
    log.info(
        "%s disconnected before sending the whole request (%s %s)",
        client,
        request.method,
        request.url.path,
    )
    return error_response(400, "the client disconnected before sending the whole request")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.__cause__, ClientDisconnect):  # FastAPI's "error parsing the body"
        return await _client_gone(request, exc.__cause__)
    return error_response(exc.status_code, str(exc.detail), None, dict(exc.headers or {}))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
    return error_response(400, "invalid request parameters", detail)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the JSON shape."""
    app.add_exception_handler(UserError, _user_error)
    app.add_exception_handler(ClientDisconnect, _client_gone)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


__all__ = [
    "TIMED_OUT",
    "ProtocolError",
    "UnsupportedMediaType",
    "error_response",
    "install_error_handlers",
    "redact",
]
