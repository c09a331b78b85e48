"""SPARQL errors that name the problem in plain words (issue 16 point 4), the parser's own
message kept in ``detail``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def error_of(client: TestClient, query: str) -> dict:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_an_undeclared_prefix_is_named(client: TestClient) -> None:
    body = error_of(client, "SELECT * WHERE { ?s ?p ?o FILTER(datatype(?o) = xsd:string) }")
    assert body["error"].startswith("prefix xsd: is not declared")
    assert "Expected" not in body["error"] and "'%'" not in body["error"]
    assert body["detail"]["parser"]


def test_every_undeclared_prefix_is_named(client: TestClient) -> None:
    body = error_of(client, "SELECT * WHERE { ?s obo:p ?o . ?o ex:q ?x }")
    assert "prefix ex:, obo: are not declared" in body["error"]


@pytest.mark.parametrize(
    "call", ["<urn:ex:shout>(?o)", "ex:shout(?o)"], ids=["iri", "prefixed-name"]
)
def test_an_unknown_function_is_named(client: TestClient, call: str) -> None:
    query = f"PREFIX ex: <urn:ex:> SELECT ?s WHERE {{ ?s ?p ?o FILTER({call}) }}"
    body = error_of(client, query)
    assert body["error"].startswith("unknown function <urn:ex:shout>")


def test_a_cast_is_not_an_unknown_function(client: TestClient) -> None:
    query = (
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
        "SELECT ?n WHERE { BIND(xsd:integer('7') AS ?n) }"
    )
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text


def test_an_unbound_projection_is_explained(client: TestClient) -> None:
    body = error_of(client, "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert "neither in the GROUP BY nor computed by an aggregate" in body["error"]
    assert "unbound" in body["detail"]  # the engine's own words


def test_a_syntax_error_names_line_column_and_token(client: TestClient) -> None:
    body = error_of(client, "SELECT *\nWHERE {\n  ?s ?p ?o }\nLIMT 10")
    assert "line 4, column 1" in body["error"]
    assert "'LIMT'" in body["error"]
    assert body["detail"]["line"] == 4 and body["detail"]["column"] == 1
    assert "LIMT" in body["detail"]["parser"]
