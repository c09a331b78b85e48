"""The one store interface: what the API and the library may ask of any triple store.

Two protocols, kept small on purpose (the OAK "capability interface" idea):

* :class:`Store` reads: ``query`` returns pyoxigraph's own result types, ``query_serialized``
  returns bytes already in the media type a client asked for (what ``/sparql`` streams), and
  ``named_graphs`` lists the graphs (for the service description and for checking
  ``default-graph-uri`` / ``named-graph-uri``).
* :class:`Loader` writes: ``load_release`` replaces the whole content with a release folder,
  ``update`` runs SPARQL 1.1 Update.

Implementations: :mod:`mnkg.kg.store.oxigraph` (embedded, on disk or in memory) and
:mod:`mnkg.kg.store.remote` (any SPARQL 1.1 server). Pick one with
:func:`mnkg.kg.store.open_store` and a descriptor (``oxigraph:<dir>``, ``memory:``,
``https://host/sparql``).

Dataset semantics every implementation keeps: with no ``default_graph_uris`` the default graph is
the union of all graphs; ``named_graph_uris`` restricts what ``GRAPH`` sees.

Parameters are bound with :func:`mnkg.kg.store.bindings.inject_values` (a ``VALUES`` block at the
head of the outermost WHERE group), the same text on every backend.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, TypeAlias, runtime_checkable

from pyoxigraph import (
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
)

from mnkg.kg.errors import UserError

QueryResult: TypeAlias = QuerySolutions | QueryBoolean | Iterator[Triple]
"""What :meth:`Store.query` returns, whatever the backend: pyoxigraph's solutions and booleans, and
for CONSTRUCT and DESCRIBE an iterator of :class:`pyoxigraph.Triple`."""

BindingValue: TypeAlias = NamedNode | Literal
"""A value a query parameter can be bound to (SPARQL ``VALUES`` allows no blank nodes)."""

Bindings: TypeAlias = Mapping[str, BindingValue | tuple[BindingValue, ...]]
"""Variable name (without ``?``) to the term it is bound to, or to a tuple of terms: one row
each (a several-row ``VALUES`` block for that variable)."""


class ResultKind(StrEnum):
    """The three shapes a SPARQL query result can take."""

    SOLUTIONS = "solutions"
    """SELECT"""
    BOOLEAN = "boolean"
    """ASK"""
    GRAPH = "graph"
    """CONSTRUCT and DESCRIBE"""


@dataclass(frozen=True, slots=True)
class SerializedResult:
    """A query result already serialized for a client."""

    body: bytes
    media_type: str
    """The Content-Type to send (with ``charset=utf-8`` for text formats)."""
    kind: ResultKind


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load did, for the CLI and the logs."""

    quads: int
    graphs: dict[str, int]
    """Named graph IRI (``""`` for the default graph) to its number of triples."""
    seconds: float
    location: str
    """Where the data now lives (store directory or endpoint URL)."""
    size_bytes: int | None = None


# --- errors every backend raises (each a UserError, so CLI and API turn them into messages) ---


class QuerySyntaxError(UserError):
    """The query or update does not parse; the message is the parser's."""

    http_status = 400


class NotAcceptable(UserError):
    """The client accepts no media type we can produce for this kind of result."""

    http_status = 406


class QueryTimeout(UserError):
    """The query ran past its time limit and was stopped (its CPU is freed)."""

    http_status = 503


class ResultTooLarge(UserError):
    """The result has more rows or triples than the configured limit."""

    http_status = 422


class StoreUnavailable(UserError):
    """No store is loaded yet, or every query worker is busy past the time limit."""

    http_status = 503


class FederationDisabled(UserError):
    """The query uses SERVICE; the embedded store never calls other servers (no SSRF)."""

    http_status = 400


class UnknownGraph(UserError):
    """A graph IRI given in the request is not in the store."""

    http_status = 400


@runtime_checkable
class Store(Protocol):
    """Read access to a SPARQL dataset."""

    descriptor: str
    """How this store was selected, e.g. ``oxigraph:/data/mnkg`` or ``https://host/sparql``."""

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
    ) -> QueryResult:
        """Evaluate a SPARQL 1.1 query and return parsed results.

        ``timeout`` (seconds) overrides the store's default limit. Raises
        :class:`QuerySyntaxError`, :class:`QueryTimeout`, :class:`ResultTooLarge`,
        :class:`StoreUnavailable`.
        """
        ...

    def query_serialized(
        self,
        sparql: str,
        *,
        results_format: QueryResultsFormat | None,
        graph_format: RdfFormat | None,
        bindings: Bindings | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
    ) -> SerializedResult:
        """Evaluate a query and serialize its result for a client.

        ``results_format`` is used for SELECT and ASK, ``graph_format`` for CONSTRUCT and DESCRIBE;
        the one that applies being None raises :class:`NotAcceptable` (the caller does content
        negotiation before knowing the query form). Same errors as :meth:`query`.
        """
        ...

    def named_graphs(self) -> frozenset[str]:
        """IRIs of the named graphs holding at least one triple."""
        ...

    def generation(self) -> str:
        """The identity of the content being served: a new value after every load and every
        write, the same value as long as the content is the same. Every cache of an answer
        read from the store keys on it (docs/architecture.md), so that no answer outlives the
        data it came from. Cheap: no query on the embedded stores."""
        ...

    def close(self) -> None:
        """Release processes, files and connections. Idempotent."""
        ...


@runtime_checkable
class AsyncQuery(Protocol):
    """Optional: a store that can evaluate on the event loop without a thread (the /sparql hot
    path uses it when present, else runs :meth:`Store.query_serialized` in a thread)."""

    async def aquery(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
    ) -> QueryResult:
        """Same contract as :meth:`Store.query`."""
        ...

    async def aquery_serialized(
        self,
        sparql: str,
        *,
        results_format: QueryResultsFormat | None,
        graph_format: RdfFormat | None,
        bindings: Bindings | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
        public: bool = False,
    ) -> SerializedResult:
        """Same contract as :meth:`Store.query_serialized`; ``public``: the text comes from a
        ``/sparql`` client (it may not take the workers kept for the domain API)."""
        ...


@runtime_checkable
class Isolated(Protocol):
    """A store whose query processes run without a network (the embedded store's workers)."""

    def isolation(self) -> dict[str, object]:
        """``{"network": "isolated" | "off", "reason": None | why it is off}``."""
        ...


@runtime_checkable
class Loader(Protocol):
    """Write access: replace the content with a release, or run SPARQL Update."""

    def load_release(self, release_dir: Path) -> LoadReport:
        """Replace everything with the release in ``release_dir`` (its ``*.nq`` files).

        Embedded stores do this atomically: the previous content keeps serving until the new
        one is complete.
        """
        ...

    def update(self, sparql: str, *, timeout: float | None = None, generated: bool = False) -> None:
        """Run a SPARQL 1.1 Update as one transaction. Raises :class:`QuerySyntaxError`.

        ``generated``: the text is mnkg's own (:func:`mnkg.kg.store.graph_store.write_update`
        from RDF it parsed), so the grammar check of client text is skipped."""
        ...


RELEASE_FILE = "mnkg.nq"
"""The file of a release folder that holds every named graph as N-Quads."""


def release_file(release_dir: Path) -> Path:
    """The N-Quads file of a release folder, or a UserError naming what is missing."""
    path = Path(release_dir) / RELEASE_FILE
    if not path.is_file():
        raise UserError(f"no release at {release_dir}: {RELEASE_FILE} is missing")
    return path


def release_files(release_dir: Path) -> list[Path]:
    """Every N-Quads file of a release: ``mnkg.nq`` first, then the others (``hpo.nq``) sorted."""
    first = release_file(release_dir)
    others = sorted(p for p in Path(release_dir).glob("*.nq") if p.name != RELEASE_FILE)
    return [first, *others]


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
    "release_file",
    "release_files",
]
