"""Hostile and malformed requests over real HTTP: each a clear 4xx with a JSON error, and the
server keeps answering afterwards.

Complements tests/sparql/test_protocol.py (which covers the SPARQL protocol's own malformed
requests on a tiny store): here the domain endpoints too, over the curated release, and the
inputs that break parsers (size, bytes that are not UTF-8); nesting depth is in
test_query_depth.py, on a server of its own (a crash there must not poison these tests).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import httpx
import pytest
from fixtures.servers import MNKG, serving

from mnkg.api.app import create_app
from mnkg.kg.settings import Settings
from mnkg.kg.store import open_store

SMALL = "SELECT ?s WHERE { ?s a <http://www.w3.org/2002/07/owl#Ontology> } LIMIT 1"
OVER_LIMIT = 1_000_000 + 1  # MNKG_MAX_BODY_BYTES default
TOKEN = "robustness-write-token"  # the live server's (conftest.py)


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


# --- what the HTTP server answers before the app: the same JSON shape (raw sockets) ---------


def raw_exchange(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are, read the answer until the server closes; status, headers, body."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(data)
        received = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:  # the server closed with request bytes unread
                break
            if not chunk:
                break
            received += chunk
            if b"\r\n\r\n" in received:
                head, _, body = received.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                if length and len(body) >= int(length.group(1)):
                    break
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines)}
    return int(status_line.split()[1]), headers, body


def assert_json_error(answer: tuple[int, dict[str, str], bytes], status: int) -> dict:
    code, headers, body = answer
    assert code == status, (code, body[:300])
    assert headers["content-type"].startswith("application/json"), headers
    parsed = json.loads(body)
    assert set(parsed) == {"error", "detail"} and parsed["error"], parsed
    return parsed


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET /version HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400),
        (b"GET /terms/HP:\xef\xbc\x90 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /version HTTP/1.1\r\nHost x\r\n\r\n", 400),
        (b"GET /sparql?query=" + b"a" * 200_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET /version HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n", 431),
    ],
    ids=[
        "garbage",
        "request-line",
        "raw-utf8-target",
        "header-without-colon",
        "long-url",
        "huge-header",
    ],
)
def test_requests_the_server_refuses_before_the_app_have_the_json_shape(
    live, request_bytes: bytes, status: int
) -> None:
    parsed = assert_json_error(raw_exchange(live.port, request_bytes), status)
    if status == 414:
        assert "POST" in parsed["detail"]


def test_a_long_url_under_the_limit_still_works(http: httpx.Client) -> None:
    query = SMALL + " #" + "x" * 20_000
    assert http.get("/sparql", params={"query": query}).status_code == 200


# --- CURIEs: ASCII digits only ---------------------------------------------------------------

FULLWIDTH_HP = "HP:\uff10\uff10\uff10\uff11\uff12\uff15\uff10"  # HP:0001250 in fullwidth digits
ARABIC_INDIC_MONDO = "MONDO:" + "\u0660" * 3 + "\u0664\u0669\u0667\u0666"


@pytest.mark.parametrize("curie", [FULLWIDTH_HP, ARABIC_INDIC_MONDO])
def test_curies_with_non_ascii_digits_are_400(http: httpx.Client, curie: str) -> None:
    assert_json_4xx(http.get(f"/terms/{curie}"), 400)
    batch = http.post("/terms", json={"ids": [curie]})  # a batch lists the bad ID as an error
    assert batch.status_code == 200, batch.text
    assert batch.json()["terms"] == []
    assert [e["status"] for e in batch.json()["errors"]] == [400]
    assert_json_4xx(http.post("/localize", json={"signs": [curie]}), 400, 422)
    assert_json_4xx(http.get("/mappings", params={"id": curie}), 400)


# --- CORS: every origin reads, only listed origins write -------------------------------------

EVIL = "https://evil.example"
CURATOR = "https://curator.example"
WRITE_HEADERS = {"Authorization": f"Bearer {TOKEN}"}


def test_cross_origin_reads_are_open_to_every_origin(http: httpx.Client) -> None:
    read = http.get("/sparql", params={"query": SMALL}, headers={"Origin": EVIL})
    assert read.status_code == 200
    assert read.headers["access-control-allow-origin"] == "*"
    preflight = http.options(
        "/sparql",
        headers={
            "Origin": EVIL,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "authorization" not in preflight.headers["access-control-allow-headers"].lower()


@pytest.mark.parametrize(
    ("method", "headers"),
    [("PUT", ""), ("DELETE", ""), ("POST", "authorization, content-type")],
)
def test_cross_origin_write_preflights_are_refused_by_default(
    http: httpx.Client, method: str, headers: str
) -> None:
    preflight = http.options(
        "/graph-store",
        headers={
            "Origin": EVIL,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers,
        },
    )
    assert_json_4xx(preflight, 403)
    assert "access-control-allow-origin" not in preflight.headers


def test_cross_origin_writes_are_refused_even_with_the_token(http: httpx.Client) -> None:
    graph = "https://example.org/robustness-cors"
    put = http.put(
        "/graph-store",
        params={"graph": graph},
        content=b"<urn:a> <urn:b> <urn:c> .",
        headers={**WRITE_HEADERS, "Content-Type": "text/turtle", "Origin": EVIL},
    )
    assert_json_4xx(put, 403)
    update = http.post(
        "/sparql",
        data={"update": f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:b> <urn:c> }} }}"},
        headers={**WRITE_HEADERS, "Origin": EVIL},
    )
    assert_json_4xx(update, 403)
    assert http.get("/graph-store", params={"graph": graph}).status_code == 404


# --- a server of our own: leftovers, slow clients, an emptied store, listed write origins ----


@pytest.fixture(scope="module")
def own(curated_data_dir: Path, tmp_path_factory: pytest.TempPathFactory, start_server):
    """``mnkg serve`` over a copy of the curated data dir (writes allowed, a 2 s request
    deadline, one write origin), started after planting what killed runs leave behind."""
    data_dir = tmp_path_factory.mktemp("own-server") / "data"
    shutil.copytree(curated_data_dir, data_dir, symlinks=True)
    (data_dir / "store" / "building-20261207T000000000000-dead00").mkdir()
    (data_dir / ".release-killed0").mkdir()
    server = start_server(
        data_dir,
        MNKG_WRITE_TOKEN=TOKEN,
        MNKG_REQUEST_READ_TIMEOUT="2",
        MNKG_CORS_WRITE_ORIGINS=json.dumps([CURATOR]),
        MNKG_KEEP_GENERATIONS="2",
    )
    with server:
        yield server


def test_leftovers_of_killed_loads_and_builds_are_removed_at_start(own) -> None:
    assert not list((own.data_dir / "store").glob("building-*"))
    assert not list(own.data_dir.glob(".release-*"))
    assert len(own.log_lines("left behind by a killed")) == 2


@pytest.mark.parametrize(
    "partial",
    [
        b"",
        b"GET /version HTTP/1.1\r\nHost: x\r\nX-Slow: a",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100\r\n\r\nASK {",
    ],
    ids=["nothing", "slow-headers", "slow-body"],
)
def test_a_slow_client_is_timed_out_with_a_json_408_and_one_log_line(own, partial: bytes) -> None:
    before = len(own.log_lines("was not complete after"))
    with socket.create_connection(("127.0.0.1", own.port), timeout=60) as sock:
        sock.sendall(partial)  # and nothing more: the server has to give up on us
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408"), received[:200]
    assert json.loads(body)["error"].startswith("the request was not complete")
    assert len(own.wait_for_log("was not complete after", before + 1)) == before + 1
    assert "Traceback" not in own.log.read_text(errors="replace")


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/sparql", "application/sparql-query"), ("/localize", "application/json")],
)
def test_a_client_that_leaves_mid_body_is_one_log_line(own, path: str, content_type: str) -> None:
    needle = f"disconnected before sending the whole request (POST {path})"
    before = len(own.log_lines(needle))
    with socket.create_connection(("127.0.0.1", own.port), timeout=60) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n".encode()
            + b'Content-Length: 1000\r\n\r\n{"signs": ['
        )
    assert len(own.wait_for_log(needle, before + 1)) == before + 1
    assert "Traceback" not in own.log.read_text(errors="replace")


def test_writes_from_a_listed_origin_are_allowed(own) -> None:
    graph = "https://example.org/from-the-curator"
    with httpx.Client(base_url=own.url, timeout=60) as client:
        preflight = client.options(
            "/graph-store",
            headers={
                "Origin": CURATOR,
                "Access-Control-Request-Method": "PUT",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == CURATOR
        assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
        put = client.put(
            "/graph-store",
            params={"graph": graph},
            content=b"<urn:a> <urn:b> <urn:c> .",
            headers={**WRITE_HEADERS, "Content-Type": "text/turtle", "Origin": CURATOR},
        )
        assert put.status_code in (200, 201, 204), put.text
        assert put.headers["access-control-allow-origin"] == CURATOR
        assert client.get("/graph-store", params={"graph": graph}).status_code == 200
        refused = client.delete(
            "/graph-store", params={"graph": graph}, headers={**WRITE_HEADERS, "Origin": EVIL}
        )
        assert_json_4xx(refused, 403)
        same_origin = client.delete(
            "/graph-store", params={"graph": graph}, headers={**WRITE_HEADERS, "Origin": own.url}
        )
        assert same_origin.status_code in (200, 204), same_origin.text


DOMAIN_READS = [
    ("GET", "/terms/MONDO:0004976", None),
    ("POST", "/terms", {"ids": ["MONDO:0004976"]}),
    ("GET", "/search?q=sclerosis", None),
    ("GET", "/conditions?pattern=LMN", None),
    ("GET", "/mappings?id=MONDO:0004976", None),
    ("POST", "/localize", {"signs": ["HP:0002380"]}),
    ("GET", "/queries/conditions-with-lmn-signs", None),
]


def domain_answers(client: httpx.Client) -> list[httpx.Response]:
    return [client.request(method, path, json=body) for method, path, body in DOMAIN_READS]


def update(client: httpx.Client, sparql: str) -> None:
    done = client.post("/sparql", data={"update": sparql}, headers=WRITE_HEADERS)
    assert done.status_code in (200, 204), done.text


def test_an_emptied_store_answers_503_no_release_until_rolled_back(own) -> None:
    with httpx.Client(base_url=own.url, timeout=60) as client:
        assert [r.status_code for r in domain_answers(client)] == [200] * len(DOMAIN_READS)
        loaded = client.get("/version").json()["store"]
        assert loaded["holds_release"] is True and loaded["missing_graphs"] == []

        update(client, "CLEAR GRAPH <https://w3id.org/mnkg/graph/claims>")
        partial = client.get("/version").json()["store"]
        assert partial["holds_release"] is True
        assert partial["missing_graphs"] == ["https://w3id.org/mnkg/graph/claims"]

        update(client, "DROP ALL")
        for response in domain_answers(client):
            assert response.status_code == 503, (response.request.url, response.text[:300])
            assert response.json()["error"] == "the store holds no release"
        version = client.get("/version")
        assert version.status_code == 200
        assert version.json()["store"]["holds_release"] is False
        assert version.json()["store"]["error"] == "the store holds no release"
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
        assert client.get("/queries").status_code == 200  # the list needs no store

        done = subprocess.run(
            [*MNKG, "rollback", loaded["generation"], "--data-dir", str(own.data_dir)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert [r.status_code for r in domain_answers(client)] == [200] * len(DOMAIN_READS)
        assert client.get("/version").json()["store"] == loaded


def test_no_error_body_shows_a_path_when_the_store_is_gone(own) -> None:
    """A data dir whose ``current`` pointer vanished: 503s that say so without the path."""
    pointer = own.data_dir / "store" / "current"
    target = os.readlink(pointer)
    pointer.unlink()
    try:
        with httpx.Client(base_url=own.url, timeout=60) as client:
            answers = [
                client.get("/sparql", params={"query": SMALL}),
                client.get("/terms/MONDO:0004976"),
                client.post(
                    "/sparql",
                    data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
                    headers=WRITE_HEADERS,
                ),
            ]
            version = client.get("/version")
    finally:
        os.symlink(target, pointer)
    for response in answers:
        assert response.status_code == 503, response.text
        assert str(own.data_dir) not in response.text and "/tmp" not in response.text
        assert response.json()["error"], response.text
    assert version.status_code == 200 and version.json()["store"]["holds_release"] is False
    assert set(version.json()["curated"].values()) == {0}  # nothing is served, nothing counted
    assert str(own.data_dir) not in version.text


@pytest.mark.parametrize(
    ("message", "hidden"),
    [
        ("store error: IO error: While open /srv/mnkg/store/db-1/000012.sst: denied", "/srv"),
        ("the query worker could not reach 10.0.0.7:8890", "10.0.0.7"),
        ("connection to http://127.0.0.1:9/x refused", "127.0.0.1"),
    ],
)
def test_redaction_of_server_error_messages(message: str, hidden: str) -> None:
    from mnkg.api.errors import redact

    assert hidden not in redact(message, None, server_error=True)
    assert redact("unknown graph https://w3id.org/mnkg/graph/kgg", None, server_error=True) == (
        "unknown graph https://w3id.org/mnkg/graph/kgg"
    )


def test_a_data_dir_never_loaded_answers_version_and_503s(tmp_path: Path) -> None:
    """`mnkg serve` before any `mnkg load`: /version says there is no release (200), the domain
    routes are 503s that say so."""
    settings = Settings(data_dir=tmp_path)
    store = open_store(settings=settings)
    try:
        with serving(create_app(settings=settings, store=store)) as url:
            version = httpx.get(f"{url}/version", timeout=60)
            term = httpx.get(f"{url}/terms/MONDO:0004976", timeout=60)
    finally:
        store.close()
    assert version.status_code == 200, version.text
    assert version.json()["store"]["holds_release"] is False
    assert version.json()["release"] is None and set(version.json()["curated"].values()) == {0}
    assert term.status_code == 503 and term.json()["error"] == "the store holds no release"
