"""SPARQL 1.1 Graph Store Protocol operations, written as SPARQL so every backend supports them.

A write becomes one SPARQL Update request (one transaction on pyoxigraph): PUT is
``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``, POST is ``INSERT DATA``, DELETE
is ``DROP GRAPH``; data with blank nodes is inserted with ``INSERT { ... } WHERE {}`` instead
(Virtuoso refuses blank nodes in ``INSERT DATA``). The body is parsed (and so validated) by
pyoxigraph before anything is sent to the store, and terms are written back in N-Triples
syntax, escaped by pyoxigraph.

The default graph (``?default``): reads return the union of all graphs, as ``/sparql`` does;
writes address the store's own default graph, which is part of that union.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Triple, parse

from mnkg.kg.errors import UserError

CONSTRUCT_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }"
CONSTRUCT_DEFAULT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def graph_iri(value: str) -> str:
    """Validate a graph IRI given by a client; a UserError if it is not an absolute IRI."""
    try:
        return NamedNode(value).value
    except ValueError as error:
        raise UserError(f"not a valid graph IRI: {value!r} ({error})") from None


def read_query(graph: str | None) -> str:
    """The CONSTRUCT query that returns a graph (None: the default graph, i.e. the union)."""
    return CONSTRUCT_DEFAULT if graph is None else CONSTRUCT_GRAPH % graph_iri(graph)


def _parse(body: bytes, rdf_format: RdfFormat, base_iri: str | None) -> list[Quad]:
    try:
        return list(parse(body, format=rdf_format, base_iri=base_iri))
    except (SyntaxError, ValueError) as error:
        raise UserError(f"the request body is not valid {rdf_format.name}: {error}") from None


def _has_blank_node(term: object) -> bool:
    if isinstance(term, BlankNode):
        return True
    if isinstance(term, Triple):  # RDF 1.2 triple terms may hold blank nodes too
        return any(_has_blank_node(t) for t in (term.subject, term.predicate, term.object))
    return False


def _triples_text(quads: list[Quad]) -> str:
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def write_update(
    method: str,
    graph: str | None,
    *,
    body: bytes = b"",
    rdf_format: RdfFormat | None = None,
    base_iri: str | None = None,
) -> str:
    """The SPARQL Update that performs a Graph Store PUT, POST or DELETE."""
    target = "DEFAULT" if graph is None else f"GRAPH <{graph_iri(graph)}>"
    if method == "DELETE":
        return f"DROP {target}" if graph is None else f"DROP SILENT {target}"
    if rdf_format is None:
        raise UserError("the request body needs an RDF Content-Type")
    quads = _parse(body, rdf_format, base_iri)
    data = _triples_text(quads)
    block = data if graph is None else f"GRAPH <{graph_iri(graph)}> {{\n{data}\n}}"
    if any(_has_blank_node(q.subject) or _has_blank_node(q.object) for q in quads):
        # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty WHERE (one
        # solution) inserts the same triples, each label a fresh blank node, on every engine.
        insert = f"INSERT {{\n{block}\n}} WHERE {{}}"
    else:
        insert = f"INSERT DATA {{\n{block}\n}}"
    if method == "POST":
        return insert
    if method == "PUT":
        return f"DROP SILENT {target} ;\n{insert}"
    raise UserError(f"the Graph Store Protocol has no {method}")


__all__ = ["graph_iri", "read_query", "write_update"]
