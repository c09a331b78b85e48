"""The embedded pyoxigraph store: on disk in a data directory (served by worker processes),
or in memory for tests.

Both run the same evaluation code (:func:`mnkg.kg.store.evaluate.evaluate`) and enforce the
same result-size limit; only the on-disk store can enforce the time limit (a query in the
current process cannot be stopped).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pyoxigraph import (
    QueryResultsFormat,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
)
from pyoxigraph import Store as OxStore

from mnkg.kg.settings import Settings
from mnkg.kg.store import layout
from mnkg.kg.store.base import (
    Bindings,
    LoadReport,
    QueryResult,
    ResultKind,
    SerializedResult,
    release_files,
)
from mnkg.kg.store.bindings import inject_values
from mnkg.kg.store.evaluate import (
    TRANSPORT_GRAPH,
    TRANSPORT_SOLUTIONS,
    EvaluationError,
    QueryRequest,
    QueryResponse,
    evaluate,
    named_graphs,
    run_update,
)
from mnkg.kg.store.inline import InlineLookups
from mnkg.kg.store.parse import QueryShape, ashape_of, check, shape_of
from mnkg.kg.store.workers import WorkerPool, raise_evaluation_error

log = logging.getLogger("mnkg.store")


def _request(
    sparql: str,
    shape: QueryShape,
    *,
    settings: Settings,
    bindings: Bindings | None,
    default_graph_uris: Sequence[str],
    named_graph_uris: Sequence[str],
    results_media_type: str | None,
    graph_media_type: str | None,
    limit: int,
) -> QueryRequest:
    check(shape, settings)  # before the engine sees it (see mnkg.kg.store.parse)
    sparql = inject_values(sparql, bindings)
    explicit = bool(default_graph_uris or named_graph_uris)
    return QueryRequest(
        sparql=sparql,
        default_graph_uris=tuple(default_graph_uris),
        named_graph_uris=tuple(named_graph_uris),
        results_media_type=results_media_type,
        graph_media_type=graph_media_type,
        limit=limit,
        union_default_graph=not explicit and not shape.dataset,
    )


def parse_response(response: QueryResponse) -> QueryResult:
    """Turn a transported response back into pyoxigraph result objects."""
    if response.kind == ResultKind.GRAPH:
        quads = parse(response.body, format=RdfFormat.from_media_type(response.media_type))
        return _triples(quads)
    return parse_query_results(
        response.body, format=QueryResultsFormat.from_media_type(response.media_type)
    )


def _triples(quads: Iterator[Any]) -> Iterator[Triple]:
    for quad in quads:
        yield quad.triple


def _serialized(response: QueryResponse) -> SerializedResult:
    media_type = response.media_type
    if "charset" not in media_type and (
        media_type.startswith("text/") or media_type.endswith(("json", "xml", "n-triples"))
    ):
        media_type += "; charset=utf-8"
    return SerializedResult(response.body, media_type, ResultKind(response.kind))


def _warn_if_networked(pool: WorkerPool) -> None:
    reason = pool.isolation()
    if reason is not None:
        log.warning("query workers are NOT isolated from the network: %s", reason)


class _Evaluating:
    """What both embedded stores share: check the text, build the request, evaluate it,
    unpack the answer."""

    settings: Settings

    def _evaluate(
        self,
        request: QueryRequest,
        timeout: float | None,
        public: bool = False,
        lookup: QueryShape | None = None,
    ) -> QueryResponse:
        """Evaluate ``request``; ``lookup``: its shape when it has no bindings (a point
        lookup may then be answered in process, :mod:`mnkg.kg.store.inline`)."""
        raise NotImplementedError

    def _parse_timeout(self) -> float:
        return self.settings.query_timeout

    def describe(self, sparql: str, form: str = "query") -> QueryShape:
        """What ``sparql`` asks for, from a real parse (cached by text)."""
        return shape_of(form, sparql, timeout=self._parse_timeout())

    async def adescribe(
        self, sparql: str, form: str = "query", *, public: bool = False
    ) -> QueryShape:
        """:meth:`describe` for an event loop (``public``: text from a ``/sparql`` client)."""
        return await ashape_of(form, sparql, timeout=self._parse_timeout(), public=public)

    def _build(
        self,
        sparql: str,
        shape: QueryShape,
        formats: tuple[QueryResultsFormat | None, RdfFormat | None],
        bindings: Bindings | None,
        graphs: tuple[Sequence[str], Sequence[str]],
    ) -> QueryRequest:
        results_format, graph_format = formats
        return _request(
            sparql,
            shape,
            settings=self.settings,
            bindings=bindings,
            default_graph_uris=graphs[0],
            named_graph_uris=graphs[1],
            results_media_type=results_format.media_type.split(";")[0] if results_format else None,
            graph_media_type=graph_format.media_type if graph_format else None,
            limit=self.settings.result_limit,
        )

    def _answer(
        self,
        sparql: str,
        formats: tuple[QueryResultsFormat | None, RdfFormat | None],
        bindings: Bindings | None,
        graphs: tuple[Sequence[str], Sequence[str]],
        timeout: float | None,
    ) -> QueryResponse:
        """Check, build and evaluate (``graphs``: the protocol's default and named graphs)."""
        shape = self.describe(sparql)
        request = self._build(sparql, shape, formats, bindings, graphs)
        return self._evaluate(request, timeout, lookup=None if bindings else shape)

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
    ) -> QueryResult:
        """Evaluate a query; see :meth:`mnkg.kg.store.base.Store.query`."""
        graphs = (default_graph_uris, named_graph_uris)
        return parse_response(self._answer(sparql, _TRANSPORT, bindings, graphs, timeout))

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
        """Evaluate and serialize; see :meth:`mnkg.kg.store.base.Store.query_serialized`."""
        formats, graphs = (results_format, graph_format), (default_graph_uris, named_graph_uris)
        return _serialized(self._answer(sparql, formats, bindings, graphs, timeout))


_TRANSPORT = (
    QueryResultsFormat.from_media_type(TRANSPORT_SOLUTIONS),
    RdfFormat.from_media_type(TRANSPORT_GRAPH),
)
"""The formats answers travel in when the caller wants parsed results."""


class OxigraphStore(_Evaluating):
    """The on-disk store of a data directory, queried through read-only worker processes.

    Workers start on first use (or :meth:`start`). ``in_memory=True`` makes each worker copy
    the store into memory when it opens it (see docs/sparql.md for why the default is not to).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        settings: Settings | None = None,
        workers: int | None = None,
        in_memory: bool = False,
    ) -> None:
        self.settings = settings or Settings(data_dir=data_dir)
        self.data_dir = Path(data_dir)
        self.descriptor = f"oxigraph:{self.data_dir}"
        self.workers = workers or self.settings.workers
        self.in_memory = in_memory
        self._pool: WorkerPool | None = None
        self._writer: WorkerPool | None = None
        self._lock = threading.Lock()
        self._graphs: tuple[object, frozenset[str]] | None = None
        rows = self.settings.inline_lookup_rows
        self._inline = (
            InlineLookups(layout.store_root(self.data_dir), rows=rows)
            if rows and not in_memory  # in-memory workers are for measuring the workers
            else None
        )

    def start(self) -> OxigraphStore:
        """Start the query workers (and open the view for point lookups) now rather than on
        the first query."""
        self._readers()
        if self._inline is not None:
            self._inline.open()
        return self

    def _answer_inline(
        self, request: QueryRequest, lookup: QueryShape | None
    ) -> QueryResponse | None:
        """A point lookup's answer from this process, or None (a worker answers);
        ``lookup``: the shape of a point lookup without bindings, else None."""
        if lookup is None or not lookup.lookup or self._inline is None:
            return None
        try:
            return self._inline.evaluate(request, lookup.plan)
        except EvaluationError as error:
            raise_evaluation_error(error.code, error.message, error.detail)

    def _readers(self) -> WorkerPool:
        with self._lock:
            if self._pool is None:
                reserved = self.settings.reserved_workers  # on top of the /sparql workers
                self._pool = WorkerPool(
                    layout.store_root(self.data_dir),
                    size=self.workers + reserved,
                    in_memory=self.in_memory,
                    reserved=reserved,
                    network=self.settings.sparql_network,
                    memory_mb=self.settings.worker_memory_mb,
                )
                _warn_if_networked(self._pool)
            return self._pool

    def isolation(self) -> dict[str, object]:
        """Whether the query workers run without a network (for ``/version``): ``network``
        is ``"isolated"`` or ``"off"``, ``reason`` says why it is off."""
        reason = self._readers().isolation()
        return {"network": "isolated" if reason is None else "off", "reason": reason}

    def _evaluate(
        self,
        request: QueryRequest,
        timeout: float | None,
        public: bool = False,
        lookup: QueryShape | None = None,
    ) -> QueryResponse:
        answered = self._answer_inline(request, lookup)
        if answered is not None:
            return answered
        limit = self.settings.query_timeout if timeout is None else timeout
        return self._readers().call("query", request, timeout=limit, public=public)

    async def _aanswer(
        self,
        sparql: str,
        formats: tuple[QueryResultsFormat | None, RdfFormat | None],
        bindings: Bindings | None,
        graphs: tuple[Sequence[str], Sequence[str]],
        timeout: float | None,
        public: bool = False,
    ) -> QueryResponse:
        """:meth:`_answer` for the event loop: no thread, neither for the parse nor for the
        worker (:meth:`mnkg.kg.store.workers.WorkerPool.acall`)."""
        shape = await self.adescribe(sparql, public=public)
        request = self._build(sparql, shape, formats, bindings, graphs)
        answered = self._answer_inline(request, None if bindings else shape)
        if answered is not None:
            return answered
        limit = self.settings.query_timeout if timeout is None else timeout
        response: QueryResponse = await self._readers().acall(
            "query", request, timeout=limit, public=public
        )
        return response

    async def aquery(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
    ) -> QueryResult:
        """:meth:`query` for the event loop (no thread hop)."""
        graphs = (default_graph_uris, named_graph_uris)
        return parse_response(await self._aanswer(sparql, _TRANSPORT, bindings, graphs, timeout))

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
        """:meth:`query_serialized` for the event loop. ``public``: the text comes from a
        ``/sparql`` client, so it may not take the workers kept for the domain API."""
        formats, graphs = (results_format, graph_format), (default_graph_uris, named_graph_uris)
        return _serialized(
            await self._aanswer(sparql, formats, bindings, graphs, timeout, public=public)
        )

    def named_graphs(self) -> frozenset[str]:
        """Named graphs with triples; cached until a load or a write swaps the store."""
        pool = self._readers()
        key = layout.current_store(self.data_dir)
        cached = self._graphs
        if cached is not None and cached[0] == key:
            return cached[1]
        graphs = pool.call("graphs", None, timeout=self.settings.query_timeout)
        self._graphs = (key, graphs)
        return graphs

    def generation(self) -> str:
        """The name of the store directory being served: every load and every write swaps in
        a new one (:mod:`mnkg.kg.store.layout`), so it changes exactly when the content does."""
        current = layout.current_store(self.data_dir)
        return "empty" if current is None else current.name

    def load_release(self, release_dir: Path) -> LoadReport:
        """Bulk-load a release aside and swap it in; running workers follow the swap."""
        return layout.load_release(self.data_dir, release_dir, keep=self.settings.keep_generations)

    def update(self, sparql: str, *, timeout: float | None = None, generated: bool = False) -> None:
        """Run a SPARQL Update in the writer process, on a copy swapped in when complete."""
        if not generated:  # text of mnkg's own (write_update): nothing to check
            check(self.describe(sparql, "update"), self.settings)
        with self._lock:
            if self._writer is None:
                self._writer = WorkerPool(
                    layout.store_root(self.data_dir),
                    size=1,
                    mode="write",
                    network=self.settings.sparql_network,
                )
            writer = self._writer
        limit = self.settings.query_timeout if timeout is None else timeout
        writer.call("update", sparql, timeout=limit)
        layout.prune(self.data_dir, self.settings.keep_generations)  # the writer keeps all

    def worker_pids(self) -> list[int]:
        """Process IDs of the query workers (tests check a stopped query frees its worker)."""
        return self._pool.pids() if self._pool else []

    def close(self) -> None:
        """Stop the worker processes. Idempotent."""
        with self._lock:
            for pool in (self._pool, self._writer):
                if pool is not None:
                    pool.close()
            self._pool = self._writer = None
        if self._inline is not None:
            self._inline.close()


class MemoryStore(_Evaluating):
    """An in-memory pyoxigraph store evaluated in this process (tests). No time limit."""

    def __init__(self, *, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.descriptor = "memory:"
        self._store = OxStore()
        self._lock = threading.Lock()
        self._generation = 0

    def _evaluate(
        self,
        request: QueryRequest,
        timeout: float | None,
        public: bool = False,
        lookup: QueryShape | None = None,
    ) -> QueryResponse:
        try:
            return evaluate(self._store, request)
        except EvaluationError as error:
            raise_evaluation_error(error.code, error.message, error.detail)

    def named_graphs(self) -> frozenset[str]:
        """Named graphs with at least one triple."""
        return named_graphs(self._store)

    def generation(self) -> str:
        """A counter bumped by every load and every update of this in-memory store."""
        return f"memory-{id(self)}-{self._generation}"

    def load_release(self, release_dir: Path) -> LoadReport:
        """Load a release into a new in-memory store and swap it in."""
        started = time.perf_counter()
        fresh = OxStore()
        try:
            for source in release_files(release_dir):
                fresh.bulk_load(path=str(source), format=RdfFormat.N_QUADS)
        except SyntaxError as error:
            raise_evaluation_error("QuerySyntaxError", f"invalid N-Quads: {error}")
        graphs = layout.count_graphs(fresh)
        self._store = fresh
        self._generation += 1
        return LoadReport(
            quads=sum(graphs.values()),
            graphs=graphs,
            seconds=time.perf_counter() - started,
            location="memory:",
        )

    def update(self, sparql: str, *, timeout: float | None = None, generated: bool = False) -> None:
        """Run a SPARQL Update (one transaction)."""
        if not generated:  # text of mnkg's own (write_update): nothing to check
            check(self.describe(sparql, "update"), self.settings)
        with self._lock:
            try:
                run_update(self._store, sparql)
            except EvaluationError as error:
                raise_evaluation_error(error.code, error.message, error.detail)
            finally:
                self._generation += 1

    def close(self) -> None:
        """Nothing to release."""


__all__ = ["MemoryStore", "OxigraphStore", "parse_response"]
