"""What every embedded store answers the same way (the contract the API relies on)."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import (
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
)
from pyoxigraph import parse as parse_rdf

from mnkg.kg.iris import Graph
from mnkg.kg.store import (
    FederationDisabled,
    Loader,
    NotAcceptable,
    QuerySyntaxError,
    ResultKind,
    ResultTooLarge,
    Store,
    UnknownGraph,
)

EX = "http://example.org/"
CAUSES_LMN = f"SELECT ?c WHERE {{ ?c <{EX}causes> <{EX}LmnSign> }} ORDER BY ?c"


def values(result: QuerySolutions, var: str) -> list[str]:
    return [solution[var].value for solution in result]


def test_both_protocols_are_implemented(store: Store) -> None:
    assert isinstance(store, Store)
    assert isinstance(store, Loader)


def test_default_graph_is_the_union_of_the_named_graphs(store: Store) -> None:
    # ConditionA's triple is in the kg graph, ConditionC's in the redundant graph.
    result = store.query(CAUSES_LMN)
    assert isinstance(result, QuerySolutions)
    assert values(result, "c") == [EX + "ConditionA", EX + "ConditionC"]


def test_default_graph_uris_restrict_the_default_graph(store: Store) -> None:
    result = store.query(CAUSES_LMN, default_graph_uris=[Graph.KG])
    assert values(result, "c") == [EX + "ConditionA"]


def test_named_graph_uris_restrict_graph_patterns(store: Store) -> None:
    sparql = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert set(values(store.query(sparql), "g")) == {
        Graph.ONTOLOGY,
        Graph.KG,
        Graph.REDUNDANT,
        Graph.IMPORTS,
    }
    restricted = store.query(sparql, named_graph_uris=[Graph.REDUNDANT])
    assert values(restricted, "g") == [Graph.REDUNDANT]


def test_a_from_clause_in_the_query_is_respected(store: Store) -> None:
    sparql = f"SELECT ?c FROM <{Graph.REDUNDANT}> WHERE {{ ?c <{EX}causes> <{EX}LmnSign> }}"
    assert values(store.query(sparql), "c") == [EX + "ConditionC"]


def test_ask_and_construct(store: Store) -> None:
    ask = store.query(f"ASK {{ <{EX}ConditionB> <{EX}causes> <{EX}UmnSign> }}")
    assert isinstance(ask, QueryBoolean)
    assert bool(ask) is True
    triples = list(store.query(f"CONSTRUCT WHERE {{ ?c <{EX}causes> ?sign }}"))
    assert {(t.subject.value, t.object.value) for t in triples} == {
        (EX + "ConditionA", EX + "LmnSign"),
        (EX + "ConditionB", EX + "UmnSign"),
        (EX + "ConditionC", EX + "LmnSign"),
    }


def test_literals_survive_the_trip_intact(store: Store) -> None:
    result = store.query(f"SELECT ?l WHERE {{ <{EX}ConditionB> ?p ?l FILTER(isLiteral(?l)) }}")
    (label,) = [solution["l"] for solution in result]
    assert label == Literal('condition "B" {x}', language="en")


def test_bindings_bind_a_parameter(store: Store) -> None:
    sparql = "SELECT ?c WHERE { ?c <http://example.org/causes> ?sign }"
    result = store.query(sparql, bindings={"sign": NamedNode(EX + "UmnSign")})
    assert values(result, "c") == [EX + "ConditionB"]


def test_bindings_apply_before_an_aggregate_hides_the_variable(store: Store) -> None:
    # The trap a trailing VALUES falls into: the count must be of UMN signs only.
    sparql = "SELECT (COUNT(?c) AS ?n) WHERE { ?c <http://example.org/causes> ?sign }"
    result = store.query(sparql, bindings={"sign": NamedNode(EX + "UmnSign")})
    assert values(result, "n") == ["1"]


def test_serialized_results_in_each_format(store: Store) -> None:
    for fmt in (
        QueryResultsFormat.JSON,
        QueryResultsFormat.XML,
        QueryResultsFormat.CSV,
        QueryResultsFormat.TSV,
    ):
        out = store.query_serialized(CAUSES_LMN, results_format=fmt, graph_format=None)
        assert out.kind is ResultKind.SOLUTIONS
        assert out.media_type.startswith(fmt.media_type.split(";")[0])
        assert (EX + "ConditionC").encode() in out.body
    json_format = QueryResultsFormat.JSON
    body = store.query_serialized(CAUSES_LMN, results_format=json_format, graph_format=None).body
    assert len(json.loads(body)["results"]["bindings"]) == 2
    construct = f"CONSTRUCT WHERE {{ ?c <{EX}causes> ?sign }}"
    for rdf_format in (RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.RDF_XML, RdfFormat.JSON_LD):
        out = store.query_serialized(construct, results_format=None, graph_format=rdf_format)
        assert out.kind is ResultKind.GRAPH
        assert len(list(parse_rdf(out.body, format=rdf_format))) == 3


def test_a_format_the_client_refused_is_not_acceptable(store: Store) -> None:
    with pytest.raises(NotAcceptable):
        store.query_serialized(
            "CONSTRUCT WHERE { ?s ?p ?o }",
            results_format=QueryResultsFormat.JSON,
            graph_format=None,
        )
    with pytest.raises(NotAcceptable):
        store.query_serialized("ASK {}", results_format=None, graph_format=RdfFormat.TURTLE)


def test_syntax_errors_carry_the_parser_message(store: Store) -> None:
    with pytest.raises(QuerySyntaxError, match=r"line 1, column \d+") as raised:
        store.query("SELECT ?x WHERE { ?x ?p }")
    assert raised.value.detail  # the parser's own message


def test_result_limit_stops_large_results(store: Store) -> None:
    # The fixture settings allow 5 rows; the store has 8 triples.
    assert len(list(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 5"))) == 5
    with pytest.raises(ResultTooLarge, match="more than 5 rows"):
        store.query("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(ResultTooLarge, match="more than 5 triples"):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }")


def test_federated_queries_are_refused(store: Store) -> None:
    with pytest.raises(FederationDisabled):
        store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")


def test_named_graphs_lists_the_release_graphs(store: Store) -> None:
    assert store.named_graphs() == {Graph.ONTOLOGY, Graph.KG, Graph.REDUNDANT, Graph.IMPORTS}


def test_update_is_visible_to_later_queries(store: Store) -> None:
    assert isinstance(store, Loader)
    triple = f"<{EX}ConditionD> <{EX}causes> <{EX}LmnSign>"
    store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ {triple} }} }}")
    assert EX + "ConditionD" in values(store.query(CAUSES_LMN), "c")
    assert EX + "g" in store.named_graphs()
    with pytest.raises(QuerySyntaxError):
        store.update("INSERT DATA { nonsense }")
    assert len(values(store.query(CAUSES_LMN), "c")) == 3


def test_unknown_graph_errors_are_user_errors() -> None:
    assert UnknownGraph("x").http_status == 400


def test_async_queries_on_the_event_loop(disk_store) -> None:
    import asyncio

    async def both():
        parsed = await disk_store.aquery(CAUSES_LMN)
        serialized = await disk_store.aquery_serialized(
            CAUSES_LMN, results_format=QueryResultsFormat.CSV, graph_format=None
        )
        return values(parsed, "c"), serialized.body.decode().split()

    parsed, csv_rows = asyncio.run(both())
    assert parsed == [EX + "ConditionA", EX + "ConditionC"]
    assert csv_rows == ["c", EX + "ConditionA", EX + "ConditionC"]


def test_async_query_timeout_kills_the_worker(disk_store) -> None:
    import asyncio

    from mnkg.kg.store import QueryTimeout

    runaway = (  # 8 triples joined 10 times over: 8**10 rows to count
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
        "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x . ?y ?z ?aa . ?ab ?ac ?ad }"
    )
    with pytest.raises(QueryTimeout):
        asyncio.run(disk_store.aquery(runaway, timeout=0.3))
    assert bool(disk_store.query("ASK { ?s ?p ?o }")) is True
