"""JSON error bodies everywhere: ``{"error": <message>, "detail": <anything or null>}``.

A :class:`~mnkg.kg.errors.UserError` answers with its ``http_status``; HTTP errors raised by
FastAPI or Starlette (404, 405, ...) keep their status and headers; request validation errors are
400s; anything else is a 500 whose body says nothing about the internals.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from mnkg.kg import UserError

log = logging.getLogger("mnkg.api")


class ProtocolError(UserError):
    """A request the SPARQL 1.1 Protocol does not allow (two queries, query and update...)."""

    http_status = 400


class UnsupportedMediaType(UserError):
    """A POST body in a media type the protocol does not define."""

    http_status = 415


def error_response(
    status: int, error: str, detail: object | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The one shape of every error the API returns."""
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


async def _user_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UserError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
    return error_response(exc.http_status, exc.message, exc.detail, headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
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
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


__all__ = ["ProtocolError", "UnsupportedMediaType", "error_response", "install_error_handlers"]
