"""The lean lane: ``GET`` and ``POST /sparql`` answered ahead of FastAPI's routing.

A small query spends more time in the web framework than in the engine: FastAPI's router,
its dependency solving, its exception and telemetry middleware and Starlette's
request/response adapters run for every request (docs/performance.md). This ASGI middleware
takes ``GET`` and ``POST`` requests for ``/sparql`` and hands them straight to the route's own
handlers (:func:`mnkg.api.routes.sparql.sparql_get`, :func:`~mnkg.api.routes.sparql.sparql_post`),
so the protocol code, its limits (per-client 429, body timeout) and its errors are the same
code. Errors raised by the handlers are answered by the exception handlers registered on the
app (:func:`mnkg.api.errors.install_error_handlers`), looked up along the exception's MRO as
Starlette does. The lane is the outermost layer (:class:`LanedFastAPI`, the app class); its
requests pass through their own instances of the CORS and body-size middleware
(:func:`mnkg.api.app.create_app`), so those apply to ``/sparql`` exactly as to every other
path. Other methods (``HEAD``, ``OPTIONS`` after CORS, ``PUT``...) and other paths go on to
FastAPI, which keeps the route for the OpenAPI description and for its 405 with ``Allow``.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from mnkg.api.routes.sparql import sparql_get, sparql_post

PATH = "/sparql"
HANDLERS: dict[str, Callable[[Request], Awaitable[Response]]] = {
    "GET": sparql_get,
    "POST": sparql_post,
}


def _route_path(scope: Scope) -> str:
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def _handler(app: Any, exc: Exception) -> Callable[..., Any] | None:
    handlers: dict[Any, Callable[..., Any]] = getattr(app, "exception_handlers", {})
    for cls in type(exc).__mro__:
        if cls in handlers:
            return handlers[cls]
    return None


async def _answer_error(request: Request, exc: Exception) -> Response:
    """The app's own answer to ``exc`` (every error is JSON, see :mod:`mnkg.api.errors`)."""
    handler = _handler(request.scope.get("app"), exc)
    if handler is None:
        raise exc
    if inspect.iscoroutinefunction(handler):
        response: Response = await handler(request, exc)
    else:
        response = await run_in_threadpool(handler, request, exc)
    return response


async def serve(scope: Scope, receive: Receive, send: Send) -> None:
    """Answer one ``GET`` or ``POST /sparql`` with the route's handler, errors as the app's."""
    request = Request(scope, receive)
    try:
        response = await HANDLERS[scope["method"]](request)
    except Exception as exc:  # answered as FastAPI's exception middleware would
        response = await _answer_error(request, exc)
    await response(scope, receive, send)


class LanedFastAPI(FastAPI):
    """FastAPI with the lane in front: ``GET``/``POST /sparql`` go to the lane (the shared
    middleware around :func:`serve`, set by :func:`install`), everything else to FastAPI.

    The lane is taken before FastAPI's own ``__call__``, which asks OpenTelemetry on every
    request whether tracing is configured (a few microseconds a lookup); a ``/sparql``
    request never reached FastAPI's tracing middleware anyway."""

    lane: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lane = self.lane
        if lane is not None and scope["type"] == "http" and scope["method"] in HANDLERS:
            if self.root_path:
                scope["root_path"] = self.root_path  # as FastAPI.__call__ does
            if _route_path(scope) == PATH:
                scope["app"] = self  # as Starlette.__call__ does: request.app
                await lane(scope, receive, send)
                return
        await super().__call__(scope, receive, send)


def install(app: LanedFastAPI, wrap: Callable[[ASGIApp], ASGIApp]) -> None:
    """Give ``app`` its lane: ``wrap`` puts the middleware every request must pass (CORS, the
    body limit) around :func:`serve`, as ``add_middleware`` does around the router."""
    app.lane = wrap(serve)


__all__ = ["PATH", "LanedFastAPI", "install", "serve"]
