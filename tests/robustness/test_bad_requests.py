"""Hostile and malformed requests over real HTTP: each a clear 4xx with a JSON error, and the
server keeps answering afterwards.

Complements tests/sparql/test_protocol.py (which covers the SPARQL protocol's own malformed
requests on a tiny store): here the domain endpoints too, over the curated release, and the
inputs that break parsers (size, bytes that are not UTF-8); nesting depth is in
test_query_depth.py, on a server of its own (a crash there must not poison these tests).
"""

from __future__ import annotations

import httpx
import pytest

SMALL = "SELECT ?s WHERE { ?s a <http://www.w3.org/2002/07/owl#Ontology> } LIMIT 1"
OVER_LIMIT = 1_000_000 + 1  # MNKG_MAX_BODY_BYTES default


def assert_json_4xx(response: httpx.Response, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    body = response.json()
    message = body.get("error") or body.get("detail")
    assert message, body
    assert "Traceback" not in response.text


@pytest.fixture(autouse=True)
def still_serving(http: httpx.Client):
    """After every test, the server still answers a small query."""
    yield
    response = http.get("/sparql", params={"query": SMALL})
    assert response.status_code == 200, response.text


# --- oversized bodies: 413 on every endpoint that takes a body ----------------------------


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/sparql", "application/sparql-query"),
        ("/sparql", "application/x-www-form-urlencoded"),
        ("/localize", "application/json"),
        ("/terms", "application/json"),
        ("/queries/conditions-with-lmn-signs", "application/json"),
    ],
)
def test_oversized_bodies_are_413(http: httpx.Client, path: str, content_type: str) -> None:
    body = b"query=" + b"#" * OVER_LIMIT if "form" in content_type else b" " * OVER_LIMIT
    assert_json_4xx(http.post(path, content=body, headers={"Content-Type": content_type}), 413)


def test_an_oversized_chunked_body_without_length_is_413(http: httpx.Client) -> None:
    def chunks():
        for _ in range(40):
            yield b"#" * 50_000

    response = http.post(
        "/localize", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_json_4xx(response, 413)


# --- queries that break parsers ------------------------------------------------------------


def test_a_huge_query_under_the_body_limit_is_answered_or_refused_clearly(
    http: httpx.Client,
) -> None:
    union = " UNION ".join(f"{{ BIND({i} AS ?x) }}" for i in range(30_000))  # ~700 KB
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {union} }}"
    response = http.post(
        "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
    )
    if response.status_code == 200:
        assert response.json()["results"]["bindings"][0]["n"]["value"] == "30000"
    else:
        assert_json_4xx(response, 400, 413, 422, 503)


def test_a_huge_values_block_is_answered_or_refused_clearly(http: httpx.Client) -> None:
    values = " ".join(f"<urn:x:{i}>" for i in range(40_000))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {values} }} }}"
    response = http.post("/sparql", data={"query": query})
    if response.status_code == 200:
        assert response.json()["results"]["bindings"][0]["n"]["value"] == "40000"
    else:
        assert_json_4xx(response, 400, 413, 422, 503)


def test_a_localize_request_with_huge_strings_is_a_4xx(http: httpx.Client) -> None:
    response = http.post("/localize", json={"signs": ["x" * 200_000]})
    assert_json_4xx(response, 400, 404, 422)


# --- bytes that are not UTF-8 ---------------------------------------------------------------

INVALID_UTF8 = b'SELECT * WHERE { ?s ?p "\xff\xfe\xc3\x28" }'


def test_invalid_utf8_sparql_query_body_is_400(http: httpx.Client) -> None:
    response = http.post(
        "/sparql", content=INVALID_UTF8, headers={"Content-Type": "application/sparql-query"}
    )
    assert_json_4xx(response, 400)


def test_invalid_utf8_in_a_form_is_400(http: httpx.Client) -> None:
    response = http.post(
        "/sparql",
        content=b"query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%22%FF%FE%22%20%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_json_4xx(response, 400)


def test_invalid_utf8_in_the_url_is_400(live) -> None:
    # httpx would re-encode the URL; send the raw percent-escapes as they come off the wire.
    with httpx.Client(timeout=30) as client:
        request = client.build_request("GET", live.sparql)
        request.url = httpx.URL(live.sparql + "?query=SELECT%20*%20%7B%7D%20%22%FF%22")
        response = client.send(request)
    assert_json_4xx(response, 400)


@pytest.mark.parametrize("path", ["/localize", "/terms", "/queries/conditions-with-lmn-signs"])
def test_invalid_utf8_json_body_is_a_4xx(http: httpx.Client, path: str) -> None:
    response = http.post(
        path, content=b'{"signs": ["\xff\xfe"]}', headers={"Content-Type": "application/json"}
    )
    assert_json_4xx(response, 400, 422)


@pytest.mark.parametrize(
    "params",
    [{"q": "\x00"}, {"q": "a" * 20_000}, {"q": "*" * 50}, {"q": "\U0001f9e0 \u202e"}],
    ids=["nul", "long", "wildcards", "emoji-rtl"],
)
def test_search_with_hostile_text_is_answered_or_a_4xx(http: httpx.Client, params) -> None:
    response = http.get("/search", params=params)
    if response.status_code != 200:
        assert_json_4xx(response, 400, 414, 422)


# --- wrong media types -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type", "body"),
    [
        ("/localize", "text/plain", b'{"signs": ["Fasciculations"]}'),
        ("/localize", "application/x-www-form-urlencoded", b"signs=Fasciculations"),
        ("/terms", "application/xml", b"<ids><id>HP:0002380</id></ids>"),
        ("/sparql", "application/json", b'{"query": "ASK {}"}'),
        ("/sparql", "text/turtle", b"<urn:a> <urn:b> <urn:c> ."),
    ],
)
def test_wrong_media_types_are_a_4xx(
    http: httpx.Client, path: str, content_type: str, body: bytes
) -> None:
    response = http.post(path, content=body, headers={"Content-Type": content_type})
    assert_json_4xx(response, 400, 415, 422)


def test_graph_store_put_in_an_unknown_format_is_415(http: httpx.Client) -> None:
    response = http.put(
        "/graph-store",
        params={"graph": "https://example.org/robustness"},
        content=b"a,b,c\n",
        headers={"Content-Type": "text/csv", "Authorization": "Bearer robustness-write-token"},
    )
    assert_json_4xx(response, 400, 415)


def test_graph_store_put_that_does_not_parse_is_400_and_changes_nothing(
    http: httpx.Client,
) -> None:
    graph = "https://example.org/robustness-broken"
    response = http.put(
        "/graph-store",
        params={"graph": graph},
        content=b"<urn:a> <urn:b> .",
        headers={"Content-Type": "text/turtle", "Authorization": "Bearer robustness-write-token"},
    )
    assert_json_4xx(response, 400)
    assert http.get("/graph-store", params={"graph": graph}).status_code == 404


# --- unknown graph IRIs ------------------------------------------------------------------------


def test_unknown_named_graph_uri_is_an_empty_graph_with_a_warning(http: httpx.Client) -> None:
    """Issue 16.4: as in Fuseki and Oxigraph (it was a 400)."""
    response = http.get(
        "/sparql",
        params={
            "query": "SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
            "named-graph-uri": "https://w3id.org/mnkg/graph/kgg",
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"] == []
    assert "<https://w3id.org/mnkg/graph/kgg>" in response.headers["warning"]


@pytest.mark.parametrize("iri", ["not an iri", "<>", "http://[::1", "\u00e9\u0000"])
def test_invalid_graph_iris_are_400(http: httpx.Client, iri: str) -> None:
    response = http.get("/sparql", params={"query": SMALL, "default-graph-uri": iri})
    assert_json_4xx(response, 400)


def test_graph_store_get_of_an_unknown_graph_is_404(http: httpx.Client) -> None:
    response = http.get("/graph-store", params={"graph": "https://w3id.org/mnkg/graph/nope"})
    assert_json_4xx(response, 404)


def test_graph_store_get_with_an_invalid_iri_is_400(http: httpx.Client) -> None:
    response = http.get("/graph-store", params={"graph": "not an iri"})
    assert_json_4xx(response, 400, 404)
