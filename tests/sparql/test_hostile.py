"""Hostile inputs to the endpoint: each a clear 4xx JSON answer, never a 5xx or a dead worker.

Regression tests for /work/notes/perf-findings.md F2 (chunked oversized body), F3 (deep
nesting), F4 (invalid UTF-8 in forms and URLs), F6 (non-ASCII letters outside strings), and
Graph Store writes with blank nodes (written as ``INSERT {...} WHERE {}`` for Virtuoso).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from pyoxigraph import RdfFormat

from mnkg.kg.store.bindings import MAX_QUERY_DEPTH, nesting_depth, uses_service
from mnkg.kg.store.graph_store import write_update

EX = "http://example.org/"
SMALL = f"ASK {{ <{EX}ConditionA> ?p ?o }}"
QUERY = {"content-type": "application/sparql-query"}
TOKEN = "hostile-write-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}


def assert_error(response: httpx.Response, status: int, *fragments: str) -> str:
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    message = response.json()["error"]
    for fragment in fragments:
        assert fragment in message, message
    return message


def workers(client: TestClient) -> list[int]:
    """The query workers' pids, once started (the store starts them on first use)."""
    assert client.get("/sparql", params={"query": SMALL}).status_code == 200
    return sorted(client.app.state.store.worker_pids())  # type: ignore[attr-defined]


# --- F2: an oversized body without Content-Length --------------------------------------------


@pytest.mark.parametrize("path", ["/localize", "/terms", "/queries/conditions-with-lmn-signs"])
def test_an_oversized_chunked_json_body_is_413(server, path: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(25):
            yield b" " * 50_000  # 1.25 MB, over the 1 MB default, no Content-Length

    with httpx.Client(timeout=60) as http:
        response = http.post(
            server.url + path, content=chunks(), headers={"content-type": "application/json"}
        )
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "larger than 1000000 bytes")


def test_a_chunked_json_body_under_the_limit_still_reaches_the_route(server) -> None:
    with httpx.Client(timeout=60) as http:
        response = http.post(
            server.url + "/localize",
            content=iter([b'{"signs": ', b"42}"]),
            headers={"content-type": "application/json"},
        )
    assert response.status_code in (400, 422), response.text  # the route's own validation
    assert "larger than" not in response.text


# --- F3: deep nesting ------------------------------------------------------------------------


DEEP = {
    "groups": lambda d: "SELECT * WHERE " + "{" * d + " ?s ?p ?o " + "}" * d,
    "expressions": lambda d: "ASK { FILTER(" + "(" * d + "1" + ")" * d + ") }",
    "collections": lambda d: "ASK { ?s ?p " + "(" * d + "1" + ")" * d + " }",
    "blank-node-lists": lambda d: "ASK { ?s ?p " + "[ <urn:p> " * d + "1" + " ]" * d + " }",
    "negations": lambda d: "ASK { FILTER(" + "!" * d + "true) }",
}


@pytest.mark.parametrize("depth", [MAX_QUERY_DEPTH + 1, 5_000, 50_000])
@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting_is_a_400_and_no_worker_dies(client: TestClient, shape, depth) -> None:
    before = workers(client)
    response = client.post("/sparql", content=DEEP[shape](depth), headers=QUERY)
    assert_error(response, 400, "nests brackets", f"at most {MAX_QUERY_DEPTH}")
    assert client.get("/sparql", params={"query": SMALL}).json()["boolean"] is True
    assert workers(client) == before


def test_deep_nesting_in_an_update_is_a_400(make_client) -> None:
    writable = make_client(write_token=TOKEN)
    update = "INSERT DATA { <urn:a> <urn:b> " + "(" * 20_000 + "1" + ")" * 20_000 + " }"
    response = writable.post("/sparql", data={"update": update}, headers=AUTH)
    assert_error(response, 400, "nests brackets")


@pytest.mark.parametrize("shape", ["groups", "expressions", "negations"])
def test_nesting_up_to_the_limit_is_answered(client: TestClient, shape: str) -> None:
    query = DEEP[shape](MAX_QUERY_DEPTH - 2)
    assert nesting_depth(query) <= MAX_QUERY_DEPTH
    response = client.post("/sparql", content=query, headers=QUERY)
    assert response.status_code == 200, response.text


def test_long_flat_queries_do_not_kill_a_worker(client: TestClient) -> None:
    """Not nested, yet recursive inside the engine: ~0.5 MB of ``||`` overflowed 8 MB stacks."""
    before = workers(client)
    query = "ASK { FILTER(" + " || ".join(["false"] * 60_000) + " || true) }"
    response = client.post("/sparql", content=query, headers=QUERY)
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True
    assert workers(client) == before


def test_brackets_in_strings_iris_and_comments_do_not_count() -> None:
    text = "ASK { ?s ?p '((((((' . ?s ?p <urn:x> } # " + "(" * 500
    assert nesting_depth(text) == 1


# --- F4: invalid UTF-8 ------------------------------------------------------------------------


def test_invalid_utf8_in_a_form_is_400(client: TestClient) -> None:
    body = b"query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%22%FF%FE%22%20%7D"
    response = client.post(
        "/sparql", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert_error(response, 400, "the form body is not UTF-8", "0xFF")


def test_invalid_utf8_in_the_url_of_a_valid_query_is_400(client: TestClient) -> None:
    query = "SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D"  # valid but for \xff
    response = client.get("/sparql?query=" + query)
    assert_error(response, 400, "the URL query string is not UTF-8", "0xFF")


def test_invalid_utf8_in_a_sparql_query_body_is_400(client: TestClient) -> None:
    body = b'SELECT * WHERE { ?s ?p "\xff\xfe" }'
    response = client.post("/sparql", content=body, headers=QUERY)
    assert_error(response, 400, "not UTF-8")


def test_utf8_percent_escapes_in_a_form_work(client: TestClient) -> None:
    query = f'ASK {{ <{EX}ConditionA> ?p "condition A"@en }}'.replace("condition A", "é")
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is False


# --- F6: non-ASCII letters outside strings and IRIs ---------------------------------------------


def test_non_ascii_prefixed_names_and_variables_are_queries_like_any_other(
    client: TestClient,
) -> None:
    query = "PREFIX ex: <http://example.org/> SELECT ?café WHERE { ?café ?p ex:café }"
    assert uses_service(query) is False
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    assert response.json()["head"]["vars"] == ["café"]
    assert response.json()["results"]["bindings"] == []


def test_non_ascii_garbage_is_the_parsers_400(client: TestClient) -> None:
    response = client.get("/sparql?query=%C3%AF%15c%C2%A6%0C%F2%90%8F%BA")  # found by schemathesis
    assert_error(response, 400)


# --- Graph Store writes with blank nodes (Virtuoso refuses them in INSERT DATA) ---------------

BNODES = b"<http://example.org/s> <http://example.org/p> [ <http://example.org/q> 1 ] ."


def test_a_write_with_blank_nodes_uses_an_insert_template() -> None:
    update = write_update("PUT", EX + "g", body=BNODES, rdf_format=RdfFormat.TURTLE)
    assert "INSERT DATA" not in update
    assert update.rstrip().endswith("} WHERE {}")
    plain = write_update("POST", EX + "g", body=b"<urn:a> <urn:b> 1 .", rdf_format=RdfFormat.TURTLE)
    assert "INSERT DATA" in plain


def test_graph_store_put_and_post_with_blank_nodes(make_client) -> None:
    writable = make_client(write_token=TOKEN)
    target = {"graph": EX + "bnodes"}
    ttl = {"content-type": "text/turtle", **AUTH}

    def write(method: str) -> None:
        response = writable.request(
            method, "/graph-store", params=target, content=BNODES, headers=ttl
        )
        assert response.status_code in (200, 201, 204), response.text

    def blank_nodes() -> str:
        count = (
            f"SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ GRAPH <{EX}bnodes> "
            f"{{ <{EX}s> <{EX}p> ?b . ?b <{EX}q> 1 . FILTER(isBlank(?b)) }} }}"
        )
        response = writable.get("/sparql", params={"query": count})
        return response.json()["results"]["bindings"][0]["n"]["value"]

    write("PUT")
    write("POST")
    assert blank_nodes() == "2"  # each write makes fresh blank nodes
    write("PUT")  # replaces the graph
    assert blank_nodes() == "1"
