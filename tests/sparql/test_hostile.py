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

from mnkg.kg.store.graph_store import write_update
from mnkg.kg.store.parse import MAX_TREE_DEPTH, shape_of

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
}
ESCAPED = r"PREFIX ex: <urn:ex:> ASK {{ ?x ex:a\' ?y {0} ?x ex:b\' ?y }}"
"""The escape that hid nesting from the old token scanner: ``\'`` inside a prefixed name."""


def shape(text: str):  # type: ignore[no-untyped-def]
    return shape_of("query", text, timeout=60)


@pytest.mark.parametrize("depth", [5_000, 50_000])
@pytest.mark.parametrize("form", sorted(DEEP))
def test_deep_nesting_is_a_400_and_no_worker_dies(client: TestClient, form, depth) -> None:
    before = workers(client)
    response = client.post("/sparql", content=DEEP[form](depth), headers=QUERY)
    assert_error(response, 400, "nests too deeply")
    assert client.get("/sparql", params={"query": SMALL}).json()["boolean"] is True
    assert workers(client) == before


def test_400_000_levels_hidden_by_an_escape_are_a_400_and_no_worker_dies(
    client: TestClient,
) -> None:
    before = workers(client)
    hidden = ESCAPED.format("{" * 400_000 + "}" * 400_000)
    response = client.post("/sparql", content=hidden, headers=QUERY)
    assert_error(response, 400, "nests too deeply")
    assert client.get("/sparql", params={"query": SMALL}).json()["boolean"] is True
    assert workers(client) == before


def test_a_tree_just_over_the_limit_is_a_400(client: TestClient) -> None:
    groups = MAX_TREE_DEPTH // 2 + 1  # two tree levels per group
    assert shape(DEEP["groups"](groups)).depth > MAX_TREE_DEPTH
    response = client.post("/sparql", content=DEEP["groups"](groups), headers=QUERY)
    assert_error(response, 400, "nests too deeply", str(MAX_TREE_DEPTH))


def test_deep_nesting_in_an_update_is_a_400(make_client) -> None:
    writable = make_client(write_token=TOKEN)
    update = "INSERT DATA { <urn:a> <urn:b> " + "(" * 20_000 + "1" + ")" * 20_000 + " }"
    response = writable.post("/sparql", data={"update": update}, headers=AUTH)
    assert_error(response, 400, "nests too deeply")


@pytest.mark.parametrize("form", ["groups", "expressions", "collections"])
def test_nesting_of_100_levels_is_answered(client: TestClient, form: str) -> None:
    query = DEEP[form](100)
    assert shape(query).depth <= MAX_TREE_DEPTH
    response = client.post("/sparql", content=query, headers=QUERY)
    assert response.status_code == 200, response.text


def test_a_chain_of_negations_is_a_syntax_error(client: TestClient) -> None:
    """``!!x`` is not SPARQL (UnaryExpression takes a PrimaryExpression after ``!``)."""
    response = client.post("/sparql", content="ASK { FILTER(!!true) }", headers=QUERY)
    assert_error(response, 400, "syntax error at line 1")


def test_a_flat_query_the_grammar_cannot_parse_in_time_is_a_400(make_client) -> None:
    """rdflib's parser takes ~4 ms per term of a long ``||`` chain: past the time limit the
    grammar process is killed and the query refused, before any worker sees it."""
    quick = make_client(query_timeout=1.0)
    before = workers(quick)
    query = "ASK { FILTER(" + " || ".join(["false"] * 60_000) + " || true) }"
    response = quick.post("/sparql", content=query, headers=QUERY)
    assert_error(response, 400, "could not be parsed within 1 s")
    assert workers(quick) == before


def test_a_long_flat_query_that_parses_is_answered(client: TestClient) -> None:
    before = workers(client)
    query = "ASK { FILTER(" + " || ".join(["false"] * 200) + " || true) }"
    response = client.post("/sparql", content=query, headers=QUERY)
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True
    assert workers(client) == before


def test_brackets_in_strings_iris_and_comments_do_not_count() -> None:
    text = "ASK { ?s ?p '((((((' . ?s ?p <urn:x> } # " + "(" * 500
    assert shape(text).depth < 10
    assert shape(text).problem is None


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
    assert shape(query).services == ()
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


@pytest.mark.parametrize("form", ["collections", "blank-node-lists"])
def test_nested_collections_count_though_rdflib_flattens_them(client: TestClient, form) -> None:
    """101 nested collections: a 400, not a query the engine parses in time growing with the
    fourth power of the depth."""
    assert shape(DEEP[form](100)).depth <= MAX_TREE_DEPTH < shape(DEEP[form](101)).depth
    response = client.post("/sparql", content=DEEP[form](101), headers=QUERY)
    assert_error(response, 400, "nests too deeply")
