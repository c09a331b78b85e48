"""/sparql follows the SPARQL 1.1 Protocol: operations, content negotiation, errors (httpx)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph as RdfGraph
from rdflib import URIRef

from mnkg.kg.iris import Graph

EX = "http://example.org/"
LMN = f"SELECT ?c WHERE {{ ?c <{EX}causes> <{EX}LmnSign> }} ORDER BY ?c"
CONSTRUCT = f"CONSTRUCT WHERE {{ ?c <{EX}causes> ?sign }}"
BOTH = [EX + "ConditionA", EX + "ConditionC"]


def bindings(response) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    return [row["c"]["value"] for row in response.json()["results"]["bindings"]]


def assert_error(response, status: int, fragment: str = "") -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "detail"}
    assert fragment.lower() in body["error"].lower()
    return body


# --- the three ways to send a query -----------------------------------------------------------


def test_get(client: TestClient) -> None:
    assert bindings(client.get("/sparql", params={"query": LMN})) == BOTH


def test_post_form(client: TestClient) -> None:
    assert bindings(client.post("/sparql", data={"query": LMN})) == BOTH


def test_post_sparql_query_body(client: TestClient) -> None:
    response = client.post(
        "/sparql", content=LMN, headers={"content-type": "application/sparql-query"}
    )
    assert bindings(response) == BOTH


# --- the dataset ------------------------------------------------------------------------------


def test_default_graph_uri(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": LMN, "default-graph-uri": Graph.KG})
    assert bindings(response) == [EX + "ConditionA"]
    response = client.post(
        "/sparql",
        content=LMN,
        params={"default-graph-uri": [Graph.KG, Graph.REDUNDANT]},
        headers={"content-type": "application/sparql-query"},
    )
    assert bindings(response) == BOTH


def test_named_graph_uri(client: TestClient) -> None:
    query = "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?c ?p ?o } } ORDER BY ?c"
    response = client.post("/sparql", data={"query": query, "named-graph-uri": Graph.REDUNDANT})
    assert bindings(response) == [EX + "ConditionC"]


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_an_unknown_dataset_graph_is_an_empty_graph_with_a_warning(
    client: TestClient, parameter: str
) -> None:
    """As in Fuseki and Oxigraph: the dataset names a graph the store does not hold."""
    response = client.get("/sparql", params={"query": LMN, parameter: EX + "no-such-graph"})
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"] == []
    assert f"<{EX}no-such-graph>" in response.headers["warning"]
    assert "no such graph" in response.headers["warning"]


def test_an_unknown_from_graph_is_an_empty_graph_with_a_warning(client: TestClient) -> None:
    query = f"SELECT * FROM <{EX}nowhere> WHERE {{ ?s ?p ?o }}"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"] == []
    assert f"<{EX}nowhere>" in response.headers["warning"]


def test_known_graphs_carry_no_warning(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": LMN, "default-graph-uri": Graph.KG})
    assert response.status_code == 200
    assert "warning" not in response.headers


def test_a_dataset_graph_that_is_not_an_iri_is_a_bad_request(client: TestClient) -> None:
    assert_error(client.get("/sparql", params={"query": LMN, "named-graph-uri": "not an iri"}), 400)


# --- content negotiation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("text/html, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_formats(client: TestClient, accept: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": LMN}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"]
    assert (EX + "ConditionC") in response.text


def test_csv_is_parseable(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": LMN}, headers={"accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows == [["c"], *([uri] for uri in BOTH)]


def test_ask(client: TestClient) -> None:
    ask = f"ASK {{ <{EX}ConditionA> <{EX}causes> <{EX}LmnSign> }}"
    response = client.get("/sparql", params={"query": ask})
    assert response.json() == {"head": {}, "boolean": True}
    xml = client.get(
        "/sparql", params={"query": ask}, headers={"accept": "application/sparql-results+xml"}
    )
    assert "<boolean>true</boolean>" in xml.text


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_formats(client: TestClient, accept: str, rdflib_format: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    graph = RdfGraph().parse(data=response.text, format=rdflib_format)
    assert len(graph) == 3
    assert (URIRef(EX + "ConditionC"), URIRef(EX + "causes"), URIRef(EX + "LmnSign")) in graph


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": LMN, "format": "csv"}, headers={"accept": "application/json"}
    )
    assert response.headers["content-type"].startswith("text/csv")


def test_not_acceptable(client: TestClient) -> None:
    assert_error(client.get("/sparql", params={"query": LMN}, headers={"accept": "image/png"}), 406)
    # Acceptable for SELECT, not for CONSTRUCT: known only once the query ran.
    assert_error(
        client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/csv"}), 406
    )


# --- malformed requests -----------------------------------------------------------------------


def test_syntax_error_gives_the_parser_message(client: TestClient) -> None:
    body = assert_error(client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x }"}), 400)
    assert "line 1, column 19" in body["error"], body  # where the triple stops making sense
    assert "'?x'" in body["error"]  # the text found there
    assert "Expected" in body["detail"]["parser"]  # the parser's own words


def test_two_queries(client: TestClient) -> None:
    assert_error(client.get("/sparql", params={"query": [LMN, LMN]}), 400, "2 'query'")
    assert_error(
        client.post(
            "/sparql",
            content=LMN,
            params={"query": LMN},
            headers={"content-type": "application/sparql-query"},
        ),
        400,
        "2 'query'",
    )


def test_query_and_update_together(client: TestClient) -> None:
    response = client.post("/sparql", data={"query": LMN, "update": "CLEAR ALL"})
    assert_error(response, 400, "both a query and an update")


def test_missing_query(client: TestClient) -> None:
    assert_error(client.post("/sparql", data={"default-graph-uri": Graph.KG}), 400, "neither")


def test_update_by_get(client: TestClient) -> None:
    assert_error(client.get("/sparql", params={"update": "CLEAR ALL"}), 400, "POST")


def test_wrong_media_type(client: TestClient) -> None:
    response = client.post("/sparql", content=LMN, headers={"content-type": "text/plain"})
    assert_error(response, 415, "application/sparql-query")


def test_wrong_method(client: TestClient) -> None:
    response = client.put("/sparql", content=LMN)
    assert_error(response, 405)
    assert "GET" in response.headers["allow"]


def test_body_too_large(make_client) -> None:
    client = make_client(max_body_bytes=1000)
    query = "ASK {} #" + "x" * 2000
    response = client.post(
        "/sparql", content=query, headers={"content-type": "application/sparql-query"}
    )
    assert_error(response, 413, "larger than 1000 bytes")


def test_result_limit(make_client) -> None:
    client = make_client(result_limit=2)
    assert bindings(client.get("/sparql", params={"query": LMN})) == BOTH
    response = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert_error(response, 422, "more than 2 rows")


def test_federated_query_refused(client: TestClient) -> None:
    query = "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert_error(client.get("/sparql", params={"query": query}), 400, "SERVICE")


def test_errors_elsewhere_are_json_too(client: TestClient) -> None:
    assert_error(client.get("/no-such-page"), 404)


# --- service description, CORS ----------------------------------------------------------------


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = RdfGraph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    languages = set(graph.objects(None, URIRef(sd + "supportedLanguage")))
    assert languages == {URIRef(sd + "SPARQL11Query")}  # read-only: no SPARQL11Update
    names = {str(name) for name in graph.objects(None, URIRef(sd + "name"))}
    assert names == {Graph.KG, Graph.REDUNDANT, Graph.ONTOLOGY}
    formats = set(graph.objects(None, URIRef(sd + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/JSON-LD") in formats  # the W3C's IRI
    assert not any("/formats/data/" in str(iri) for iri in formats)
    jsonld = client.get("/sparql", headers={"accept": "application/ld+json"})
    assert json.loads(jsonld.text)


def test_cors(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": LMN}, headers={"origin": "https://yasgui.example"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={
            "origin": "https://yasgui.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_the_openapi_schema_has_one_operation_id_per_operation(client: TestClient) -> None:
    """FastAPI warned "Duplicate Operation ID" for the graph-store routes."""
    import warnings

    client.app.openapi_schema = None  # type: ignore[attr-defined]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        schema = client.app.openapi()  # type: ignore[attr-defined]
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert {"get", "head", "put", "post", "delete"} <= set(schema["paths"]["/graph-store"])
