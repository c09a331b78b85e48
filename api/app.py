"""The app factory: a thin FastAPI app over a :class:`~mnkg.kg.store.Store`.

``create_app(settings=..., store=...)`` receives everything it needs (no globals, no patching in
tests). Routers are listed once in :data:`ROUTERS`; adding one is a one-line change.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import mnkg
from mnkg.api import sparql_lane
from mnkg.api.cors import ReadWriteCORS
from mnkg.api.deps import require_release
from mnkg.api.errors import install_error_handlers
from mnkg.api.rehearse import rehearse
from mnkg.api.routes import (
    conditions,
    graph_store,
    localize,
    localize_page,
    mappings,
    page,
    queries,
    search,
    sparql,
    terms,
    version,
)
from mnkg.kg import AnswerWarmer, Settings, Store

ROUTERS: tuple[ModuleType, ...] = (
    sparql,
    graph_store,
    mappings,
    queries,
    terms,
    search,
    conditions,
    localize,
    localize_page,
    version,
    page,
)
"""Modules each exposing ``router`` (an APIRouter), included in this order."""

NEEDS_RELEASE: frozenset[ModuleType] = frozenset(
    {mappings, queries, terms, search, conditions, localize}
)
"""The domain API: its routes answer 503 ``the store holds no release`` when the release
graphs are missing or empty (:func:`mnkg.api.deps.require_release`), instead of empty lists.
``/sparql``, ``/graph-store`` (to load or repair the store) and ``/version`` always answer."""


class _BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by Content-Length or while reading."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                if value.isdigit() and int(value) > self.max_bytes:
                    await self._refuse(send)
                    return
                break
        received = 0
        started = too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            # FastAPI turns any exception raised while it reads a JSON body into its own 400
            # ("There was an error parsing the body"), so _BodyTooLarge may never reach us:
            # once the body was too large, whatever the app answers becomes our 413.
            nonlocal started
            if too_large:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await self._refuse(send)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                started = True
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "error": f"the request body is larger than {self.max_bytes} bytes",
                "detail": None,
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _warm_answers(store: Store, cache: dict[Any, Any]) -> Any:
    """Lifespan: the domain answers' indexes (and the routes' own state) are built before the
    app serves, and the indexes again after every change of the store's generation
    (:class:`mnkg.kg.AnswerWarmer`)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warmer = app.state.answer_warmer = AnswerWarmer(store, cache)
        # in anyio's worker threads, the ones sync routes run in: they are started too
        await anyio.to_thread.run_sync(warmer.start)
        # FastAPI builds each included route's state (dependencies, response fields) on the
        # route's first request; the OpenAPI document builds all of them, so no first request
        # pays for it (20-30 ms before this)
        app.openapi()
        app.state.rehearsal = await rehearse(app)  # statuses by URL (tests read them)
        yield
        await anyio.to_thread.run_sync(warmer.stop)

    return lifespan


def create_app(*, settings: Settings, store: Store, **fastapi_options: Any) -> FastAPI:
    """Build the MNKG web app over ``store``; the caller owns the store (and closes it)."""
    domain_cache: dict[Any, Any] = {}
    fastapi_options.setdefault("lifespan", _warm_answers(store, domain_cache))
    app = sparql_lane.LanedFastAPI(
        title="MNKG",
        summary="Motor neuron knowledge graph: SPARQL 1.1 endpoint and domain API",
        version=mnkg.__version__,
        **{"docs_url": None, "redoc_url": None, **fastapi_options},  # local assets: routes/page.py
    )
    app.state.settings = settings
    app.state.store = store
    app.state.domain_cache = domain_cache
    install_error_handlers(app)
    for module in ROUTERS:
        needs = [Depends(require_release)] if module in NEEDS_RELEASE else []
        app.include_router(module.router, dependencies=needs)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ReadWriteCORS, write_origins=settings.cors_write_origins)  # outermost

    def shared_middleware(inner: ASGIApp) -> ASGIApp:  # the same two, around the lean lane
        limited = BodySizeLimit(inner, max_bytes=settings.max_body_bytes)
        return ReadWriteCORS(limited, write_origins=settings.cors_write_origins)

    sparql_lane.install(app, shared_middleware)  # /sparql without FastAPI's routing layer
    return app


__all__ = ["NEEDS_RELEASE", "ROUTERS", "BodySizeLimit", "create_app"]
