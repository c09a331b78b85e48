"""Triple stores behind one interface (:mod:`mnkg.kg.store.base`), chosen by a descriptor.

Descriptors:

* ``oxigraph:<dir>``: the embedded on-disk store in a data directory (the default);
* ``memory:``: an embedded in-memory store (tests; no time limit can be enforced);
* ``http://...`` or ``https://...``: any SPARQL 1.1 server (:mod:`mnkg.kg.store.remote`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mnkg.kg.errors import UserError
from mnkg.kg.store.base import (
    RELEASE_FILE,
    Bindings,
    FederationDisabled,
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

if TYPE_CHECKING:
    from mnkg.kg.settings import Settings


def descriptor_for(settings: Settings) -> str:
    """The descriptor the settings select: ``settings.store`` if set, else the data dir."""
    return settings.store or f"oxigraph:{settings.data_dir}"


def open_store(descriptor: str | None = None, *, settings: Settings | None = None) -> Store:
    """Open the store a descriptor names (default: the one ``settings`` selects).

    Remote stores are imported lazily, so the embedded path needs no HTTP client stack.
    """
    from mnkg.kg.settings import Settings

    settings = settings or Settings()
    descriptor = descriptor or descriptor_for(settings)
    if descriptor.startswith(("http://", "https://")):
        from mnkg.kg.store.remote import RemoteStore  # written by the remote-store issue

        return RemoteStore(descriptor, settings=settings)  # type: ignore[return-value]
    if descriptor == "memory:":
        from mnkg.kg.store.oxigraph import MemoryStore

        return MemoryStore(settings=settings)
    if descriptor.startswith("oxigraph:"):
        from pathlib import Path

        from mnkg.kg.store.oxigraph import OxigraphStore

        return OxigraphStore(Path(descriptor.removeprefix("oxigraph:")), settings=settings)
    raise UserError(
        f"unknown store {descriptor!r}: use oxigraph:<dir>, memory: or an http(s) SPARQL URL"
    )


__all__ = [
    "RELEASE_FILE",
    "Bindings",
    "FederationDisabled",
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
    "open_store",
    "release_file",
]
