"""Triple stores behind one interface (:mod:`mnkg.kg.store.base`), chosen by a descriptor.

Descriptors:

* ``oxigraph:<dir>``: the embedded on-disk store in a data directory (the default);
* ``memory:``: an embedded in-memory store (tests; no time limit can be enforced);
* ``http://...`` or ``https://...``: any SPARQL 1.1 server (:mod:`mnkg.kg.store.remote`).
"""

from __future__ import annotations

from pathlib import Path

from mnkg.kg.errors import UserError
from mnkg.kg.settings import Settings
from mnkg.kg.store.base import (
    RELEASE_FILE,
    AsyncQuery,
    Bindings,
    BindingValue,
    FederationDisabled,
    Isolated,
    Loader,
    LoadReport,
    NotAcceptable,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    ResultKind,
    ResultTooLarge,
    SerializedResult,
    Store,
    StoreUnavailable,
    UnknownGraph,
    release_file,
)
from mnkg.kg.store.bindings import inject_values
from mnkg.kg.store.oxigraph import MemoryStore, OxigraphStore


def descriptor_for(settings: Settings) -> str:
    """The descriptor the settings select: ``settings.store`` if set, else the data dir."""
    return settings.store or f"oxigraph:{settings.data_dir}"


def load_into(settings: Settings, release_dir: Path) -> LoadReport:
    """Load ``release_dir`` (every ``*.nq`` of it) into the store ``settings`` select."""
    store = open_store(settings=settings)
    try:
        if not isinstance(store, Loader):
            raise UserError(f"the store {store.descriptor} cannot be loaded")
        return store.load_release(release_dir)
    finally:
        store.close()


def open_store(descriptor: str | None = None, *, settings: Settings | None = None) -> Store:
    """Open the store a descriptor names (default: the one ``settings`` selects).

    Remote stores are imported lazily, so the embedded path needs no HTTP client stack.
    """
    settings = settings or Settings()
    descriptor = descriptor or descriptor_for(settings)
    if descriptor.startswith(("http://", "https://")):
        from mnkg.kg.store.remote import RemoteStore  # lazy: httpx only for remote stores

        return RemoteStore(descriptor, settings=settings)
    if descriptor == "memory:":
        return MemoryStore(settings=settings)
    if descriptor.startswith("oxigraph:"):
        return OxigraphStore(Path(descriptor.removeprefix("oxigraph:")), settings=settings)
    raise UserError(
        f"unknown store {descriptor!r}: use oxigraph:<dir>, memory: or an http(s) SPARQL URL"
    )


__all__ = [
    "RELEASE_FILE",
    "AsyncQuery",
    "BindingValue",
    "Bindings",
    "FederationDisabled",
    "Isolated",
    "LoadReport",
    "Loader",
    "NotAcceptable",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTimeout",
    "ResultKind",
    "ResultTooLarge",
    "SerializedResult",
    "Store",
    "StoreUnavailable",
    "UnknownGraph",
    "descriptor_for",
    "inject_values",
    "load_into",
    "open_store",
    "release_file",
]
