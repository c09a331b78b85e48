"""Writes: refused on a read-only server, token-checked otherwise, never corrupting data."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mnkg.kg.iris import Graph

EX = "http://example.org/"
TOKEN = "s3cret-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}
INSERT = f"INSERT DATA {{ GRAPH <{EX}new> {{ <{EX}ConditionD> <{EX}causes> <{EX}LmnSign> }} }}"
LMN = f"SELECT ?c WHERE {{ ?c <{EX}causes> <{EX}LmnSign> }} ORDER BY ?c"


def conditions(client: TestClient) -> list[str]:
    response = client.get("/sparql", params={"query": LMN})
    assert response.status_code == 200, response.text
    return [row["c"]["value"] for row in response.json()["results"]["bindings"]]


@pytest.fixture
def writable(make_client) -> TestClient:
    return make_client(write_token=TOKEN)


def test_update_refused_without_a_configured_token(client: TestClient) -> None:
    before = conditions(client)
    for headers in ({}, AUTH):
        response = client.post("/sparql", data={"update": INSERT}, headers=headers)
        assert response.status_code == 403, response.text
        assert "read-only" in response.json()["error"]
    response = client.post(
        "/sparql", content=INSERT, headers={"content-type": "application/sparql-update"}
    )
    assert response.status_code == 403
    assert conditions(client) == before


def test_update_needs_the_right_token(writable: TestClient) -> None:
    before = conditions(writable)
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN}):
        response = writable.post("/sparql", data={"update": INSERT}, headers=headers)
        assert response.status_code == 401, response.text
        assert response.headers["www-authenticate"] == "Bearer"
    assert conditions(writable) == before


def test_update_accepted_with_the_token(writable: TestClient) -> None:
    response = writable.post(
        "/sparql",
        content=INSERT,
        headers={"content-type": "application/sparql-update", **AUTH},
    )
    assert response.status_code == 204, response.text
    assert EX + "ConditionD" in conditions(writable)
    response = writable.post("/sparql", data={"update": f"DROP GRAPH <{EX}new>"}, headers=AUTH)
    assert response.status_code == 204
    assert EX + "ConditionD" not in conditions(writable)


def test_a_malformed_update_changes_nothing(writable: TestClient) -> None:
    before = conditions(writable)
    bad = f"DELETE WHERE {{ ?s ?p ?o }} ; INSERT DATA {{ <{EX}x> <{EX}y> }}"
    response = writable.post("/sparql", data={"update": bad}, headers=AUTH)
    assert response.status_code == 400
    assert conditions(writable) == before


def test_service_description_lists_update_when_writable(writable: TestClient) -> None:
    response = writable.get("/sparql", headers={"accept": "application/n-triples"})
    assert "SPARQL11Update" in response.text


# --- Graph Store Protocol ---------------------------------------------------------------------

TURTLE = f"<{EX}ConditionE> <{EX}causes> <{EX}LmnSign> ."


def test_graph_store_read_is_open(client: TestClient) -> None:
    nt = {"accept": "application/n-triples"}
    response = client.get("/graph-store", params={"graph": Graph.REDUNDANT}, headers=nt)
    assert response.status_code == 200
    assert response.text.strip() == f"<{EX}ConditionC> <{EX}causes> <{EX}LmnSign> ."
    assert client.head("/graph-store", params={"graph": Graph.KG}).status_code == 200
    assert client.get("/graph-store", params={"graph": EX + "none"}).status_code == 404
    assert client.get("/graph-store").status_code == 400
    assert client.get("/graph-store", params={"default": ""}).status_code == 200


def test_graph_store_writes_refused_without_token(client: TestClient) -> None:
    for method in ("PUT", "POST", "DELETE"):
        response = client.request(
            method,
            "/graph-store",
            params={"graph": Graph.KG},
            content=TURTLE,
            headers={"content-type": "text/turtle"},
        )
        assert response.status_code == 403, (method, response.text)
    assert client.get("/graph-store", params={"graph": Graph.KG}).status_code == 200


def test_graph_store_put_post_delete(writable: TestClient) -> None:
    target = {"graph": EX + "curated"}
    ttl = {"content-type": "text/turtle", **AUTH}
    response = writable.put("/graph-store", params=target, content=TURTLE, headers=ttl)
    assert response.status_code == 201
    assert EX + "ConditionE" in conditions(writable)
    more = f"<{EX}ConditionF> <{EX}causes> <{EX}LmnSign> ."
    response = writable.post("/graph-store", params=target, content=more, headers=ttl)
    assert response.status_code == 204
    assert {EX + "ConditionE", EX + "ConditionF"} <= set(conditions(writable))
    # PUT replaces the whole graph.
    assert writable.put("/graph-store", params=target, content=more, headers=ttl).status_code == 204
    assert EX + "ConditionE" not in conditions(writable)
    # A body that does not parse is refused and changes nothing.
    response = writable.put("/graph-store", params=target, content="<a> <b", headers=ttl)
    assert response.status_code == 400
    assert EX + "ConditionF" in conditions(writable)
    response = writable.put(
        "/graph-store",
        params=target,
        content=more,
        headers={"content-type": "application/pdf", **AUTH},
    )
    assert response.status_code == 415
    assert writable.delete("/graph-store", params=target, headers=AUTH).status_code == 204
    assert writable.delete("/graph-store", params=target, headers=AUTH).status_code == 404
    assert EX + "ConditionF" not in conditions(writable)
