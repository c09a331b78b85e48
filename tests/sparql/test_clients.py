"""The endpoint as informatics teams use it: SPARQLWrapper, rdflib and curl-like HTTP against
``mnkg serve`` on 127.0.0.1."""

from __future__ import annotations

import threading

import httpx
from rdflib import Graph as RdfGraph
from rdflib import URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from mnkg.kg.iris import Graph

EX = "http://example.org/"
TOKEN = "test-write-token"  # the server fixture's MNKG_WRITE_TOKEN
LMN = f"SELECT ?c WHERE {{ ?c <{EX}causes> <{EX}LmnSign> }} ORDER BY ?c"
BOTH = [EX + "ConditionA", EX + "ConditionC"]
# Five triples joined 15 times over: 5**15 (3e10) rows to count, far past any time limit.
_JOIN = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(15))
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{ {_JOIN} }}"


def test_sparqlwrapper_select_json_get_and_post(server) -> None:
    for method in ("GET", POST):
        sparql = SPARQLWrapper(server.sparql)
        sparql.setMethod(method)
        sparql.setQuery(LMN)
        sparql.setReturnFormat(JSON)
        result = sparql.queryAndConvert()
        assert [row["c"]["value"] for row in result["results"]["bindings"]] == BOTH


def test_sparqlwrapper_other_formats(server) -> None:
    sparql = SPARQLWrapper(server.sparql)
    sparql.setQuery(LMN)
    sparql.setReturnFormat(XML)
    xml = sparql.queryAndConvert()
    uris = [node.firstChild.data for node in xml.getElementsByTagName("uri")]
    assert uris == BOTH
    sparql.setReturnFormat(CSV)
    assert sparql.queryAndConvert().decode().split() == ["c", *BOTH]
    sparql.setQuery(f"CONSTRUCT WHERE {{ ?c <{EX}causes> ?sign }}")
    sparql.setReturnFormat(TURTLE)
    graph = RdfGraph().parse(data=sparql.queryAndConvert(), format="turtle")
    assert len(graph) == 3
    sparql.setReturnFormat(XML)  # RDF/XML for a graph, parsed by SPARQLWrapper into rdflib
    assert len(sparql.queryAndConvert()) == 3
    sparql.setQuery(f"ASK {{ <{EX}ConditionB> <{EX}causes> <{EX}UmnSign> }}")
    sparql.setReturnFormat(JSON)
    assert sparql.queryAndConvert()["boolean"] is True


def test_rdflib_sparqlstore(server) -> None:
    store = SPARQLStore(server.sparql, returnFormat="json")
    graph = RdfGraph(store=store)
    rows = graph.query(LMN)
    assert [str(row.c) for row in rows] == BOTH
    assert (URIRef(EX + "ConditionA"), URIRef(EX + "causes"), URIRef(EX + "LmnSign")) in graph
    named = RdfGraph(store=store, identifier=URIRef(Graph.REDUNDANT))
    assert {str(s) for s in named.subjects()} == {EX + "ConditionC"}
    store.close()


def test_rdflib_update_store_with_the_token(server) -> None:
    store = SPARQLUpdateStore(
        server.sparql,
        server.sparql,
        auth=None,
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    graph = RdfGraph(store=store, identifier=URIRef(EX + "from-rdflib"))
    triple = (URIRef(EX + "ConditionR"), URIRef(EX + "causes"), URIRef(EX + "LmnSign"))
    graph.add(triple)
    assert triple in graph
    graph.remove(triple)
    # The graph is now empty, so it no longer exists: ask the union instead (naming a graph
    # that does not exist is a 400, see test_protocol).
    ask = f"ASK {{ <{EX}ConditionR> ?p ?o }}"
    assert httpx.get(server.sparql, params={"query": ask}).json()["boolean"] is False
    store.close()


def test_update_without_token_is_refused_over_http(server) -> None:
    response = httpx.post(
        server.sparql, data={"update": f"INSERT DATA {{ <{EX}x> <{EX}y> <{EX}z> }}"}
    )
    assert response.status_code == 401
    assert response.json()["error"]


def test_runaway_query_is_stopped_while_others_are_answered(server) -> None:
    outcome: dict[str, httpx.Response] = {}

    def runaway() -> None:
        outcome["runaway"] = httpx.get(server.sparql, params={"query": RUNAWAY}, timeout=60)

    thread = threading.Thread(target=runaway)
    thread.start()
    answered = []
    with httpx.Client(timeout=30) as client:
        for _ in range(30):
            response = client.get(server.sparql, params={"query": LMN})
            answered.append(response.status_code)
    running_meanwhile = thread.is_alive()
    thread.join(timeout=60)
    assert answered == [200] * 30
    assert running_meanwhile
    runaway_response = outcome["runaway"]
    assert runaway_response.status_code == 503
    assert "limit" in runaway_response.json()["error"]
    # The server is still healthy afterwards.
    assert httpx.get(server.sparql, params={"query": LMN}).status_code == 200


def test_large_results_are_read_whole_by_the_real_server(server) -> None:
    """Regression: under uvicorn's uvloop the worker socket was left non-blocking, so a result
    larger than one socket read failed half-way with a 503 "worker died" (perf finding F9)."""
    graph = "https://example.org/large"
    rows = 3000
    body = "".join(
        f'<https://example.org/s{i}> <https://example.org/p> "value {i} {"x" * 40}" .\n'
        for i in range(rows)
    )
    auth = {"Authorization": f"Bearer {TOKEN}"}
    put = httpx.put(
        server.url + "/graph-store",
        params={"graph": graph},
        content=body,
        headers=auth | {"Content-Type": "application/n-triples"},
        timeout=60,
    )
    assert put.status_code in (200, 201, 204), put.text
    try:
        query = f"SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        for _ in range(5):
            answer = httpx.get(
                server.sparql,
                params={"query": query},
                headers={"Accept": "application/sparql-results+json"},
                timeout=60,
            )
            assert answer.status_code == 200, answer.text
            assert len(answer.json()["results"]["bindings"]) == rows
    finally:
        httpx.delete(server.url + "/graph-store", params={"graph": graph}, headers=auth, timeout=60)
