"""The same query suite through our API on the embedded store and on Virtuoso: same answers.

Rows are compared as sets (Virtuoso does not merge a triple that sits in two graphs of the
default graph; the answers as sets are what a client relies on). Blank nodes compare as "some
blank node". Each query of the suite is sent as a user would: POST form-encoded to /sparql.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from mnkg.kg.iris import GRAPH_BASE, MNKG_TERM, Graph
from mnkg.queries.registry import load_registry

PREFIXES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX mnkg: <{MNKG_TERM}>
PREFIX mg: <{GRAPH_BASE}>
"""

SELECTS: dict[str, str] = {
    "graph sizes": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "distinct predicates of the union": "SELECT DISTINCT ?p WHERE { ?s ?p ?o }",
    "labels": "SELECT ?s ?label WHERE { ?s rdfs:label ?label }",
    "conditions with LMN signs (redundant graph + inferred hierarchy)": """
        SELECT DISTINCT ?condition ?sign WHERE {
          GRAPH mg:redundant { ?condition obo:RO_0002200 ?sign }
          ?sign rdfs:subClassOf* mnkg:0000301 .
        }""",
    "LMN disorders": "SELECT DISTINCT ?c WHERE { ?c rdfs:subClassOf+ mnkg:0000401 }",
    "existential restrictions (blank nodes)": """
        SELECT ?c ?p ?d WHERE {
          ?c rdfs:subClassOf ?r . ?r owl:onProperty ?p ; owl:someValuesFrom ?d
        }""",
    "blank node subjects": "SELECT ?r ?t WHERE { ?r a ?t FILTER isBlank(?r) }",
    "literal kinds": """
        SELECT DISTINCT (DATATYPE(?o) AS ?datatype) (LANG(?o) AS ?lang)
        WHERE { ?s ?p ?o FILTER isLiteral(?o) }""",
    "literal kinds without language tags": """
        SELECT DISTINCT (DATATYPE(?o) AS ?datatype)
        WHERE { ?s ?p ?o FILTER(isLiteral(?o) && LANG(?o) = "") }""",
    "language tags": "SELECT DISTINCT (LANG(?o) AS ?lang) WHERE { ?s ?p ?o FILTER isLiteral(?o) }",
    "typed values": """
        SELECT ?s ?o WHERE { ?s ?p ?o
          FILTER(DATATYPE(?o) IN (xsd:boolean, xsd:integer, xsd:decimal, xsd:date)) }""",
    "having": """
        SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH mg:redundant { ?c obo:RO_0002200 ?s } }
        GROUP BY ?c HAVING (COUNT(DISTINCT ?s) > 2)""",
    "optional and not exists": """
        SELECT ?c ?label WHERE {
          GRAPH mg:redundant { ?c obo:RO_0002200 ?s }
          OPTIONAL { ?c rdfs:label ?label }
          FILTER NOT EXISTS { ?c rdfs:subClassOf mnkg:0000401 }
        }""",
    "union and values": """
        SELECT ?x ?kind WHERE {
          VALUES ?kind { mnkg:0000300 mnkg:0000301 }
          { ?x rdfs:subClassOf ?kind } UNION { ?x obo:RO_0002200 ?kind }
        }""",
    "string functions": """
        SELECT ?s (UCASE(?l) AS ?upper) (STRLEN(?l) AS ?n) WHERE {
          ?s rdfs:label ?l FILTER(CONTAINS(LCASE(?l), "atrophy"))
        }""",
    "FROM": f"SELECT (COUNT(*) AS ?n) FROM <{Graph.ONTOLOGY}> WHERE {{ ?s ?p ?o }}",
    "FROM NAMED": f"""
        SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{Graph.REDUNDANT}>
        WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g""",
}

KNOWN_DEVIATIONS: dict[str, str] = {
    "literal kinds": "Virtuoso 7.2 leaves DATATYPE() of a language-tagged literal unbound "
    "(SPARQL 1.0); SPARQL 1.1 gives rdf:langString, as the embedded store does",
}
"""Queries on which Virtuoso is known to answer differently (docs/stores.md); strict xfail, so
the test notices when a server version starts to agree."""

ORDERED: dict[str, str] = {
    # STR(): SPARQL leaves the order between plain and language-tagged literals to the engine.
    "ordered labels": "SELECT ?l ?s WHERE { ?s rdfs:label ?l } ORDER BY STR(?l) STR(?s) LIMIT 25",
}

ASKS: dict[str, tuple[str, bool]] = {
    "an LMN sign exists": ("ASK { ?s rdfs:subClassOf mnkg:0000301 }", True),
    "no class is its own restriction": ("ASK { ?c owl:onProperty ?c }", False),
}

CONSTRUCTS: dict[str, str] = {
    "labels of LMN disorders": """
        CONSTRUCT { ?c rdfs:label ?l }
        WHERE { ?c rdfs:subClassOf+ mnkg:0000401 ; rdfs:label ?l }""",
    "restrictions": """
        CONSTRUCT { ?c rdfs:subClassOf ?r . ?r owl:someValuesFrom ?d }
        WHERE { ?c rdfs:subClassOf ?r . ?r owl:someValuesFrom ?d }""",
}


def _term(term: dict[str, str]) -> tuple[str, ...]:
    if term["type"] == "bnode":
        return ("bnode",)
    if term["type"] == "uri":
        return ("uri", term["value"])
    return ("literal", term["value"], term.get("datatype", ""), term.get("xml:lang", ""))


def _rows(body: dict[str, Any]) -> list[frozenset[tuple[str, tuple[str, ...]]]]:
    return [
        frozenset((name, _term(value)) for name, value in row.items())
        for row in body["results"]["bindings"]
    ]


def _select(backend, query: str, **params: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = backend.client.post(
        "/sparql",
        data={"query": PREFIXES + query},
        params=params,
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, (backend.name, response.text)
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    return response.json()


def _graph(backend, query: str) -> set[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    response = backend.client.post(
        "/sparql",
        data={"query": PREFIXES + query},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code == 200, (backend.name, response.text)
    return {_triple_key(q) for q in parse(response.content, format=RdfFormat.N_TRIPLES)}


def _triple_key(quad: Any) -> tuple[str, ...]:
    def key(term: Any) -> str:
        return (
            "_:"
            if not isinstance(term, NamedNode) and term.__class__.__name__ == "BlankNode"
            else str(term)
        )

    return (key(quad.subject), str(quad.predicate), key(quad.object))


def _nonempty(values: Iterable[object]) -> bool:
    return any(True for _ in values)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DEVIATIONS[name])]
            if name in KNOWN_DEVIATIONS
            else [],
        )
        for name in SELECTS
    ],
)
def test_select_same_rows(backends, name: str) -> None:  # type: ignore[no-untyped-def]
    embedded, remote = backends
    ours, theirs = _select(embedded, SELECTS[name]), _select(remote, SELECTS[name])
    assert sorted(ours["head"]["vars"]) == sorted(theirs["head"]["vars"])
    assert set(_rows(ours)) == set(_rows(theirs))


def test_suite_is_not_vacuous(backends) -> None:  # type: ignore[no-untyped-def]
    """The queries the comparison leans on do find something in the release."""
    embedded, _ = backends
    for name in (
        "graph sizes",
        "labels",
        "conditions with LMN signs (redundant graph + inferred hierarchy)",
        "existential restrictions (blank nodes)",
        "literal kinds",
    ):
        assert _rows(_select(embedded, SELECTS[name])), name


@pytest.mark.parametrize("name", list(ORDERED))
def test_ordered_rows_same_order(backends, name: str) -> None:  # type: ignore[no-untyped-def]
    embedded, remote = backends
    ours, theirs = _select(embedded, ORDERED[name]), _select(remote, ORDERED[name])
    assert _rows(ours) and _rows(ours) == _rows(theirs)


@pytest.mark.parametrize("name", list(ASKS))
def test_ask_same_answer(backends, name: str) -> None:  # type: ignore[no-untyped-def]
    query, expected = ASKS[name]
    for backend in backends:
        assert _select(backend, query)["boolean"] is expected, backend.name


@pytest.mark.parametrize("name", list(CONSTRUCTS))
def test_construct_same_triples(backends, name: str) -> None:  # type: ignore[no-untyped-def]
    embedded, remote = backends
    ours = _graph(embedded, CONSTRUCTS[name])
    assert ours
    assert ours == _graph(remote, CONSTRUCTS[name])


def test_union_default_graph_excludes_server_graphs(backends) -> None:  # type: ignore[no-untyped-def]
    """Virtuoso's own system graphs stay out of the default graph: the count is the release's."""
    embedded, remote = backends
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    for backend in backends:
        count = int(_select(backend, query)["results"]["bindings"][0]["n"]["value"])
        assert count == embedded.report.quads, backend.name
    assert remote.store.named_graphs() == embedded.store.named_graphs()


def test_protocol_dataset_same_rows(backends) -> None:  # type: ignore[no-untyped-def]
    embedded, remote = backends
    query = "SELECT DISTINCT ?p WHERE { ?s ?p ?o }"
    params = {"default-graph-uri": Graph.ONTOLOGY}
    ours = set(_rows(_select(embedded, query, **params)))
    assert ours == set(_rows(_select(remote, query, **params)))
    assert ours < set(_rows(_select(embedded, query)))  # one graph, not the union


def _named_cases() -> list[tuple[str, dict[str, str]]]:
    """Each named query with its required examples, and with every example when that differs."""
    cases = []
    for query in load_registry():
        required = query.example_params()
        cases.append((query.name, required))
        every = {p.name: p.example for p in query.params}
        if every != required:
            cases.append((query.name, every))
    return cases


LIST_SEPARATOR = " | "
"""GROUP_CONCAT columns join items with this; SPARQL leaves the order of the items to the engine."""


def _normalized(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    def value(v: Any) -> str:
        if isinstance(v, str) and LIST_SEPARATOR in v:
            return repr(LIST_SEPARATOR.join(sorted(v.split(LIST_SEPARATOR))))
        return repr(v)

    return tuple(sorted((k, value(v)) for k, v in row.items()))


@pytest.mark.parametrize(
    ("name", "params"),
    [pytest.param(n, p, id=f"{n}[{','.join(p) or 'no params'}]") for n, p in _named_cases()],
)
def test_named_query_same_answer(backends, name: str, params: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Every named query (queries/*.rq) through /queries on both backends: same rows, same order.

    Every ORDER BY of the named queries is a total order over the projected rows (docs/stores.md),
    so the rows must come back in the same order, not only as the same set. Only the order of
    the items inside a " | "-joined list (GROUP_CONCAT) is left to the engine.
    """
    embedded, remote = backends
    ours = embedded.client.get(f"/queries/{name}", params=params)
    assert ours.status_code == 200, (name, ours.text)
    theirs = remote.client.get(f"/queries/{name}", params=params)
    assert theirs.status_code == 200, (name, theirs.text)
    ours_body, theirs_body = ours.json(), theirs.json()
    assert ours_body["columns"] == theirs_body["columns"]
    ours_rows = [_normalized(r) for r in ours_body["rows"]]
    theirs_rows = [_normalized(r) for r in theirs_body["rows"]]
    assert set(ours_rows) == set(theirs_rows), name
    assert ours_rows == theirs_rows, name


def test_named_queries_not_vacuous(backends) -> None:  # type: ignore[no-untyped-def]
    """The comparison above is over real answers: nearly every named query finds rows."""
    embedded, _ = backends
    empty = [
        name
        for name, params in _named_cases()
        if not embedded.client.get(f"/queries/{name}", params=params).json()["rows"]
    ]
    assert len(empty) <= 2, empty


def test_parameter_binding_same_rows(backends) -> None:  # type: ignore[no-untyped-def]
    """Store.query with bindings (a VALUES block) answers the same on both backends."""
    embedded, remote = backends
    query = PREFIXES + "SELECT ?c WHERE { ?c rdfs:subClassOf ?parent }"
    bindings = {"parent": NamedNode(MNKG_TERM + "0000401")}
    ours = {str(row["c"]) for row in embedded.store.query(query, bindings=bindings)}
    assert ours
    assert ours == {str(row["c"]) for row in remote.store.query(query, bindings=bindings)}


@pytest.mark.parametrize(
    ("query", "params", "status"),
    [
        ("SELEC ?x WHERE { ?x ?y ?z }", {}, 400),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", {}, None),
    ],
)
def test_errors_same_status_and_message(
    backends, query: str, params: dict, status: int | None
) -> None:  # type: ignore[no-untyped-def]
    answers = []
    for backend in backends:
        response = backend.client.post(
            "/sparql",
            data={"query": query},
            params=params,
            headers={"Accept": "application/sparql-results+json"},
        )
        assert response.status_code >= 400
        # the remote store's host is redacted from its error bodies (docs/stores.md)
        error = response.json()["error"].replace("the store's host", "127.0.0.1")
        answers.append((response.status_code, error))
    assert answers[0] == answers[1]
    if status is not None:
        assert answers[0][0] == status
