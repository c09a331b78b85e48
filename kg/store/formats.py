"""Content negotiation for SPARQL results: which serialization a client gets.

The query form is only known once the query is evaluated, so negotiation yields one choice for
solutions (SELECT, ASK) and one for graphs (CONSTRUCT, DESCRIBE); None means nothing acceptable
(HTTP 406 once the form is known).

>>> negotiate("text/csv, */*;q=0.1").results_format
<QueryResultsFormat SPARQL Results in CSV>
>>> negotiate("text/csv").graph_format is None
True
>>> negotiate(None).graph_format
<RdfFormat Turtle>
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from pyoxigraph import QueryResultsFormat, RdfFormat

SOLUTION_TYPES: tuple[tuple[str, QueryResultsFormat], ...] = (
    ("application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", QueryResultsFormat.TSV),
    ("application/json", QueryResultsFormat.JSON),
    ("application/xml", QueryResultsFormat.XML),
    ("text/xml", QueryResultsFormat.XML),
)
"""Media types we produce for SELECT and ASK, in our order of preference."""

GRAPH_TYPES: tuple[tuple[str, RdfFormat], ...] = (
    ("text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/rdf+xml", RdfFormat.RDF_XML),
    ("application/ld+json", RdfFormat.JSON_LD),
    ("application/x-turtle", RdfFormat.TURTLE),
    ("application/turtle", RdfFormat.TURTLE),
    ("text/plain", RdfFormat.N_TRIPLES),
    ("application/xml", RdfFormat.RDF_XML),
    ("text/xml", RdfFormat.RDF_XML),
    ("application/json", RdfFormat.JSON_LD),
)
"""Media types we produce for CONSTRUCT and DESCRIBE, in our order of preference."""

F = TypeVar("F", QueryResultsFormat, RdfFormat)

_SHORT_SOLUTIONS = {
    "json": QueryResultsFormat.JSON,
    "srj": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "srx": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
_SHORT_GRAPHS = {
    "turtle": RdfFormat.TURTLE,
    "ttl": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nt": RdfFormat.N_TRIPLES,
    "n-triples": RdfFormat.N_TRIPLES,
    "xml": RdfFormat.RDF_XML,
    "rdfxml": RdfFormat.RDF_XML,
    "rdf+xml": RdfFormat.RDF_XML,
    "rdf": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
    "json-ld": RdfFormat.JSON_LD,
    "json": RdfFormat.JSON_LD,
}


@dataclass(frozen=True, slots=True)
class Negotiated:
    """The serialization for each result shape, None when the client accepts none of ours."""

    results_format: QueryResultsFormat | None
    graph_format: RdfFormat | None


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        pieces = part.strip().split(";")
        media_range = pieces[0].strip().lower()
        if not media_range:
            continue
        q = 1.0
        for parameter in pieces[1:]:
            key, _, value = parameter.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media_range, q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q the client gives ``media_type``: the most specific matching range decides."""
    best_specificity, best_q = -1, 0.0
    family = media_type.split("/")[0]
    for media_range, q in ranges:
        if media_range == media_type:
            specificity = 2
        elif media_range == f"{family}/*":
            specificity = 1
        elif media_range == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, best_q = specificity, q
    return best_q


def _best(ranges: list[tuple[str, float]], candidates: Sequence[tuple[str, F]]) -> F | None:
    best: F | None = None
    best_q = 0.0
    for media_type, fmt in candidates:
        q = _quality(media_type, ranges)
        if q > best_q:  # ties keep our earlier (preferred) candidate
            best, best_q = fmt, q
    return best


def _from_parameter(
    values: Sequence[str], short: dict[str, F], types: Sequence[tuple[str, F]]
) -> F | None:
    by_type = dict(types)
    for value in values:
        value = value.strip().lower()
        if value in short:
            return short[value]
        if value.split(";")[0] in by_type:
            return by_type[value.split(";")[0]]
    return None


def negotiate(accept: str | None, *, format_params: Sequence[str] = ()) -> Negotiated:
    """Choose result serializations from an Accept header and ``format``/``output`` values.

    A recognised ``format`` (or ``output``) parameter wins over the header, as Virtuoso and
    Fuseki do; SPARQLWrapper sends both. Cached: clients send the same few headers (a pure
    function of its arguments, nothing read from the store).
    """
    return _negotiate(accept, tuple(format_params))


@functools.lru_cache(maxsize=512)
def _negotiate(accept: str | None, format_params: tuple[str, ...]) -> Negotiated:
    ranges = _parse_accept(accept) if accept and accept.strip() else [("*/*", 1.0)]
    results = _from_parameter(format_params, _SHORT_SOLUTIONS, SOLUTION_TYPES)
    graph = _from_parameter(format_params, _SHORT_GRAPHS, GRAPH_TYPES)
    return Negotiated(
        results_format=results or _best(ranges, SOLUTION_TYPES),
        graph_format=graph or _best(ranges, GRAPH_TYPES),
    )


def negotiate_rdf(accept: str | None) -> RdfFormat | None:
    """The RDF serialization for a graph response (service description, Graph Store GET)."""
    ranges = _parse_accept(accept) if accept and accept.strip() else [("*/*", 1.0)]
    return _best(ranges, GRAPH_TYPES)


def rdf_format_of(content_type: str | None) -> RdfFormat | None:
    """The RDF format a request body declares in its Content-Type, if we can parse it."""
    if not content_type:
        return None
    media_type = content_type.split(";")[0].strip().lower()
    return dict(GRAPH_TYPES).get(media_type)


__all__ = [
    "GRAPH_TYPES",
    "SOLUTION_TYPES",
    "Negotiated",
    "negotiate",
    "negotiate_rdf",
    "rdf_format_of",
]
