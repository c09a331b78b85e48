"""Evaluate one query on a pyoxigraph store and serialize its result: the code a worker runs.

Kept free of the rest of the project (only pyoxigraph and the standard library) so worker
processes start fast. Requests and responses are plain tuples and bytes: they cross a pipe.

The result-size limit is enforced while serializing: solutions are first written as SPARQL TSV
(one line per row) through a writer that stops evaluation once the limit is passed, then
re-serialized into the requested format if that is not TSV. Both steps run in Rust.
"""

from __future__ import annotations

import itertools
import re
from typing import Any, NamedTuple

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    parse_query_results,
    serialize,
)

TRANSPORT_SOLUTIONS = QueryResultsFormat.TSV.media_type
"""Format solutions cross the pipe in when the caller wants parsed results."""
TRANSPORT_GRAPH = RdfFormat.N_TRIPLES.media_type
"""Format triples cross the pipe in when the caller wants parsed results."""


class QueryRequest(NamedTuple):
    """One query to evaluate, in picklable form (a tuple: it crosses the pipe on every query,
    and a tuple pickles in a fifth of a frozen dataclass's time)."""

    sparql: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    results_media_type: str | None = TRANSPORT_SOLUTIONS
    graph_media_type: str | None = TRANSPORT_GRAPH
    limit: int = 100_000
    union_default_graph: bool = True
    """Without protocol graph lists: False when the query has its own FROM / FROM NAMED."""


class QueryResponse(NamedTuple):
    """The serialized result: ``kind`` is ``solutions``, ``boolean`` or ``graph``."""

    kind: str
    body: bytes
    media_type: str


class EvaluationError(Exception):
    """An error to report to the client; ``code`` names the store error class to raise,
    ``detail`` is the engine's own message when ``message`` rephrases it."""

    def __init__(self, code: str, message: str, detail: str | None = None) -> None:
        super().__init__(code, message, detail)
        self.code = code
        self.message = message
        self.detail = detail


_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def syntax_error(raw: str) -> EvaluationError:
    """The engine's syntax error in plain words (its own message kept as ``detail``)."""
    if "The SELECT contains a variable that is unbound" in raw:
        message = (
            "the SELECT projects a variable that is neither in the GROUP BY nor computed by "
            "an aggregate; group by it, wrap it in SAMPLE(...), or leave it out"
        )
    elif "Prefix not found" in raw:
        message = "the query uses a prefix it does not declare; add a PREFIX line for it"
    else:
        message = "the query is not valid SPARQL"
    position = _POSITION.match(raw)
    if position:
        message = f"{message} (line {position.group(1)}, column {position.group(2)})"
    return EvaluationError("QuerySyntaxError", message, raw)


def engine_error(error: RuntimeError) -> EvaluationError | None:
    """An engine error caused by the query rather than the store, in plain words."""
    raw = str(error)
    custom = re.match(r"The custom function (<[^>]*>) is not supported", raw)
    if custom:
        return EvaluationError(
            "QuerySyntaxError",
            f"unknown function {custom.group(1)}: this endpoint evaluates the SPARQL 1.1 "
            "built-in functions and the XSD casts, no others",
            raw,
        )
    return None


class _TooMany(Exception):
    pass


class _RowCountingWriter:
    """A binary sink for SPARQL TSV that stops the serializer once ``limit`` rows are passed."""

    __slots__ = ("chunks", "limit", "newlines")

    def __init__(self, limit: int) -> None:
        self.chunks: list[bytes] = []
        self.newlines = 0
        self.limit = limit

    def write(self, data: bytes) -> int:
        self.newlines += data.count(b"\n")
        if self.newlines - 1 > self.limit:  # the first line is the header
            raise _TooMany
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def too_large(limit: int, what: str) -> EvaluationError:
    """The error for a result over the server's limit (``what``: rows or triples)."""
    return EvaluationError(
        "ResultTooLarge",
        f"the result has more than {limit} {what} (the server's result limit); "
        "add a LIMIT or narrow the query",
    )


def _serialize_solutions(solutions: QuerySolutions, media_type: str, limit: int) -> bytes:
    writer = _RowCountingWriter(limit)
    try:
        solutions.serialize(writer, format=QueryResultsFormat.TSV)  # type: ignore[arg-type]
    except _TooMany:
        raise too_large(limit, "rows") from None
    tsv = b"".join(writer.chunks)
    target = QueryResultsFormat.from_media_type(media_type)
    if target == QueryResultsFormat.TSV:
        return tsv
    reparsed = parse_query_results(tsv, format=QueryResultsFormat.TSV)
    body = reparsed.serialize(format=target)
    assert body is not None
    return body


def _dataset_options(request: QueryRequest) -> dict[str, Any]:
    # SPARQL 1.1 Protocol: once either list is given, the dataset is exactly what they name.
    # pyoxigraph ignores FROM when use_default_graph_as_union is set, hence the flag.
    if not request.default_graph_uris and not request.named_graph_uris:
        return {"use_default_graph_as_union": request.union_default_graph}
    return {
        "default_graph": [NamedNode(uri) for uri in request.default_graph_uris],
        "named_graphs": [NamedNode(uri) for uri in request.named_graph_uris],
    }


def evaluate(store: Store, request: QueryRequest) -> QueryResponse:
    """Run ``request`` on ``store``; raise :class:`EvaluationError` for reportable problems."""
    try:
        dataset = _dataset_options(request)
    except ValueError as error:
        raise EvaluationError("UnknownGraph", f"not an IRI: {error}") from None
    try:
        result = store.query(request.sparql, **dataset)
        if isinstance(result, QueryBoolean):
            media_type = request.results_media_type
            if media_type is None:
                raise EvaluationError("NotAcceptable", not_acceptable("an ASK"))
            body = result.serialize(format=QueryResultsFormat.from_media_type(media_type))
            assert body is not None
            return QueryResponse("boolean", body, media_type)
        if isinstance(result, QuerySolutions):
            media_type = request.results_media_type
            if media_type is None:
                raise EvaluationError("NotAcceptable", not_acceptable("a SELECT"))
            body = _serialize_solutions(result, media_type, request.limit)
            return QueryResponse("solutions", body, media_type)
        media_type = request.graph_media_type
        if media_type is None:
            raise EvaluationError("NotAcceptable", not_acceptable("a CONSTRUCT or DESCRIBE"))
        triples = list(itertools.islice(result, request.limit + 1))
        if len(triples) > request.limit:
            raise too_large(request.limit, "triples")
        body = serialize(triples, format=RdfFormat.from_media_type(media_type))
        assert body is not None
        return QueryResponse("graph", body, media_type)
    except SyntaxError as error:
        raise syntax_error(str(error)) from None
    except RuntimeError as error:
        mapped = engine_error(error)
        if mapped is None:
            raise
        raise mapped from None
    except OSError as error:
        raise EvaluationError("StoreUnavailable", f"store error: {error}") from None


def not_acceptable(form: str) -> str:
    """Why no accepted media type fits: ``form`` is "an ASK", "a SELECT" ..."""
    return f"none of the accepted media types can represent the result of {form} query"


def run_update(store: Store, sparql: str) -> None:
    """Run a SPARQL Update (one transaction) on a writable store."""
    try:
        store.update(sparql)
    except SyntaxError as error:
        raise syntax_error(str(error)) from None
    except OSError as error:
        raise EvaluationError("StoreUnavailable", f"store error: {error}") from None


def named_graphs(store: Store) -> frozenset[str]:
    """IRIs of the store's named graphs that hold at least one triple."""
    return frozenset(
        graph.value
        for graph in store.named_graphs()
        if isinstance(graph, NamedNode)
        and next(store.quads_for_pattern(None, None, None, graph), None) is not None
    )


__all__ = [
    "TRANSPORT_GRAPH",
    "TRANSPORT_SOLUTIONS",
    "EvaluationError",
    "QueryRequest",
    "QueryResponse",
    "evaluate",
    "named_graphs",
    "not_acceptable",
    "run_update",
    "too_large",
]
