"""Request dependencies: the settings and the store the app was created with.

Both live on ``app.state`` (set by :func:`mnkg.api.app.create_app`), so tests pass their own
through the factory; nothing here reads the environment or caches a global.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Request

from mnkg.kg import Loader, Settings, Store, UserError


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


def get_store(request: Request) -> Store:
    """The store the app was created with."""
    return request.app.state.store


def app_cache(request: Request) -> dict[Any, Any]:
    """The app's cache of indexes read from the store (labels, annotations, answers).

    Entries are keyed by the store's content (:func:`mnkg.kg.answers.lookup.cached`), so a
    reload of the store is picked up on the next request.
    """
    cache = getattr(request.app.state, "domain_cache", None)
    if cache is None:
        cache = request.app.state.domain_cache = {}
    return cache


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


class WritesDisabled(UserError):
    """The server was started without a write token: it is read-only."""

    http_status = 403


class Unauthorized(UserError):
    """A write needs ``Authorization: Bearer <token>`` with the server's write token."""

    http_status = 401


def check_write_access(request: Request) -> Loader:
    """Allow a write only with the server's write token; return the store to write to."""
    settings: Settings = request.app.state.settings
    store = request.app.state.store
    if not settings.write_token:
        raise WritesDisabled(
            "this endpoint is read-only: start the server with a write token "
            "(--write-token or MNKG_WRITE_TOKEN) to allow SPARQL Update and Graph Store writes"
        )
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), settings.write_token.encode()
    ):
        raise Unauthorized("writes need the header 'Authorization: Bearer <write token>'")
    if not isinstance(store, Loader):
        raise WritesDisabled(f"the store {store.descriptor} does not accept writes")
    return store


WriterDep = Annotated[Loader, Depends(check_write_access)]

__all__ = [
    "SettingsDep",
    "StoreDep",
    "Unauthorized",
    "WriterDep",
    "WritesDisabled",
    "app_cache",
    "check_write_access",
    "get_settings",
    "get_store",
]
