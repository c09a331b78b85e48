"""Rehearse the domain routes before serving: a few in-process requests through the whole app.

The answers are warm when the app starts (:class:`mnkg.kg.AnswerWarmer`), but the code that
turns them into a response is not: CPython specialises a function's bytecode only after it has
run several times, and pydantic, Starlette and FastAPI fill caches of their own on first use.
A first ``/conditions`` page took 2.5-3x the tenth after start for that reason alone. The
rehearsal sends each request of :data:`REHEARSED` :data:`ROUNDS` times through the app (its
middleware, routing, validation and serialisation) over httpx's in-process ASGI transport: no
socket is opened and nothing leaves the process. A failure is logged, never raised: it must not
stop the service starting.
"""

from __future__ import annotations

import logging

import httpx
from fastapi import FastAPI

log = logging.getLogger("mnkg.api")

REHEARSED = (
    "/version",
    "/conditions?pattern=LMN&source=hpo&limit=100",
    "/conditions?pattern=LMN&source=mnkg&limit=100",
    "/search?q=fasciculations",
)
"""Requests answered from the warm answers (read-only, any store: an empty answer is fine).
Pages, not whole lists: a whole list is mostly bytes to send, and its first request was already
within 1.5x of its tenth."""
ROUNDS = 10


async def rehearse(app: FastAPI, *, rounds: int = ROUNDS) -> dict[str, int]:
    """Send each rehearsed request ``rounds`` times through ``app``; the last status of each."""
    statuses: dict[str, int] = {}
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://rehearsal") as client:
            for _ in range(rounds):
                for url in REHEARSED:
                    statuses[url] = (await client.get(url)).status_code
    except Exception:  # logged: a rehearsal that fails leaves the routes as cold as before
        log.exception("rehearsing the domain routes failed")
    return statuses


__all__ = ["REHEARSED", "ROUNDS", "rehearse"]
