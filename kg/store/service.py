"""The SPARQL 1.1 Service Description of an endpoint (returned by ``GET /sparql`` without query)."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    serialize,
)

from mnkg.kg.store.formats import GRAPH_TYPES

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS_TITLE = NamedNode("http://purl.org/dc/terms/title")
_RESULT_FORMATS = (
    QueryResultsFormat.JSON,
    QueryResultsFormat.XML,
    QueryResultsFormat.CSV,
    QueryResultsFormat.TSV,
)


FORMAT_IRIS: dict[RdfFormat, str] = {RdfFormat.JSON_LD: "http://www.w3.org/ns/formats/JSON-LD"}
"""Where pyoxigraph's ``format.iri`` is not the W3C's (0.5.13 gives JSON-LD as
``https://www.w3.org/ns/formats/data/JSON-LD``; https://www.w3.org/ns/formats/ lists
``http://www.w3.org/ns/formats/JSON-LD``)."""


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def description(
    endpoint: str,
    *,
    graphs: Iterable[str],
    writable: bool,
    rdf_format: RdfFormat,
    title: str = "MNKG SPARQL endpoint",
) -> bytes:
    """Serialize the service description of ``endpoint`` in ``rdf_format``."""
    service = NamedNode(endpoint + "#service")
    dataset, default_graph = BlankNode("dataset"), BlankNode("default")
    triples = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, DCTERMS_TITLE, Literal(title)),
        Triple(service, _sd("endpoint"), NamedNode(endpoint)),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    if writable:
        triples.append(Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    for fmt in _RESULT_FORMATS:
        triples.append(Triple(service, _sd("resultFormat"), NamedNode(fmt.iri)))
    for graph_format in dict((f, None) for _, f in GRAPH_TYPES):
        iri = FORMAT_IRIS.get(graph_format, graph_format.iri)
        triples.append(Triple(service, _sd("resultFormat"), NamedNode(iri)))
    for index, graph in enumerate(sorted(graphs)):
        named = BlankNode(f"g{index}")
        triples += [
            Triple(dataset, _sd("namedGraph"), named),
            Triple(named, RDF_TYPE, _sd("NamedGraph")),
            Triple(named, _sd("name"), NamedNode(graph)),
        ]
    body = serialize(
        triples, format=rdf_format, prefixes={"sd": SD, "dcterms": "http://purl.org/dc/terms/"}
    )
    assert body is not None
    return body


__all__ = ["description"]
