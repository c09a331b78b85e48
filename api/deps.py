"""Request dependencies: the settings and the store the app was created with.

Both live on ``app.state`` (set by :func:`mnkg.api.app.create_app`), so tests pass their own
through the factory; nothing here reads the environment or caches a global.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

import mnkg
from mnkg.kg import (
    ONTOLOGY_IRI,
    Graph,
    Isolated,
    Loader,
    Settings,
    Store,
    UserError,
    VersionInfo,
    version_info,
)


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


RELEASE_GRAPHS: tuple[str, ...] = (
    Graph.ONTOLOGY,
    Graph.IMPORTS,
    Graph.KG,
    Graph.INFERRED,
    Graph.REDUNDANT,
    Graph.NONREDUNDANT,
    Graph.MAPPINGS,
    Graph.CLAIMS,
)
"""The graphs ``mnkg build`` writes; ``/version`` lists those missing or empty."""
REQUIRED_GRAPH = Graph.ONTOLOGY
"""The graph without which the store holds no release (never loaded, or emptied by DROP,
CLEAR or DELETE WHERE): every release has it, and the terms every answer names are in it. A
store that lost another release graph still answers what it can; ``/version`` says which."""
NO_RELEASE = "the store holds no release"


class NoRelease(UserError):
    """The release graphs are missing or empty: the domain API would answer empty lists."""

    http_status = 503


@dataclass(frozen=True, slots=True)
class ReleaseStatus:
    """Whether the store holds a release, for one generation of its content."""

    generation: str
    missing: tuple[str, ...]
    """Release graphs that are missing or empty."""

    @property
    def holds_release(self) -> bool:
        return REQUIRED_GRAPH not in self.missing

    def as_json(self) -> dict[str, Any]:
        """The ``store`` member of ``/version``."""
        out: dict[str, Any] = {
            "holds_release": self.holds_release,
            # a remote store's generation starts with its URL (an internal address): not shown
            "generation": self.generation.rsplit("#", 1)[-1],
            "missing_graphs": list(self.missing),
        }
        if not self.holds_release:
            out["error"] = NO_RELEASE
        return out

    def error(self) -> NoRelease:
        return NoRelease(
            NO_RELEASE,
            detail={
                "missing_graphs": list(self.missing),
                "hint": "load a release (`mnkg load`) or swap a kept generation back in "
                "(`mnkg stores`, `mnkg rollback`)",
            },
        )


_status_lock = threading.Lock()


def release_status(request: Request) -> ReleaseStatus:
    """The store's release status, checked once per generation of its content (a load, a
    write or a rollback makes a new one) and remembered on the app."""
    store: Store = request.app.state.store
    generation = store.generation()
    known: ReleaseStatus | None = getattr(request.app.state, "release_status", None)
    if known is not None and known.generation == generation:
        return known
    with _status_lock:
        graphs = frozenset() if generation == "empty" else store.named_graphs()
        status = ReleaseStatus(generation, tuple(g for g in RELEASE_GRAPHS if g not in graphs))
        request.app.state.release_status = status
    return status


STORE_FREE_PATHS: frozenset[str] = frozenset({"/queries", "/prefixes.json"})
"""Domain routes that answer from the package, not the store (the named-query list, the
prefix map): they answer whatever the store holds."""


def require_release(request: Request) -> None:
    """A dependency of every domain route: 503 ``the store holds no release`` without one."""
    route = request.scope.get("route")
    if getattr(route, "path", None) in STORE_FREE_PATHS:
        return
    status = release_status(request)
    if not status.holds_release:
        raise status.error()


def version_with_status(request: Request) -> VersionInfo:
    """``/version``: what the store serves (:func:`mnkg.kg.version_info`) and, under
    ``store``, whether it holds a release at all (with no store loaded, no query is sent)."""
    status = release_status(request)
    if status.generation == "empty":
        info: dict[str, Any] = version_info_of_nothing()
    else:
        answer = version_info(request.app.state.store, cache=app_cache(request))
        info = answer.model_dump(by_alias=True, exclude_unset=True)
    store = status.as_json()
    served = request.app.state.store
    if isinstance(served, Isolated):
        store["isolation"] = served.isolation()
    return VersionInfo.model_validate(info | {"store": store})


def version_info_of_nothing() -> dict[str, Any]:
    """``/version`` of a data directory where nothing was loaded yet."""
    return {
        "release": None,
        "ontology": {"iri": ONTOLOGY_IRI, "versionIRI": None, "versionInfo": None},
        "sources": [],
        "graphs": [],
        "curated": {"conditions": 0, "signs": 0, "sites": 0, "statements": 0},
        "software": {"name": "mnkg", "version": mnkg.__version__},
    }


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
    "NO_RELEASE",
    "RELEASE_GRAPHS",
    "REQUIRED_GRAPH",
    "STORE_FREE_PATHS",
    "NoRelease",
    "ReleaseStatus",
    "SettingsDep",
    "StoreDep",
    "Unauthorized",
    "WriterDep",
    "WritesDisabled",
    "app_cache",
    "check_write_access",
    "get_settings",
    "get_store",
    "release_status",
    "require_release",
    "version_with_status",
]
