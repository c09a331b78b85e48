"""The endpoint never makes a request of its own (issue 12 point 1).

By construction: every query and update worker runs in a network namespace of its own, so even
a ``SERVICE`` or ``LOAD`` that reached one could not connect to anything, 127.0.0.1 included.
On top: ``SERVICE`` and ``LOAD`` are found on a real parse, with every escape the grammar
allows, and refused with a 400 unless the allow-list names the endpoint (and the network
setting is on).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mnkg.api.app import create_app
from mnkg.kg.errors import UserError
from mnkg.kg.settings import Settings
from mnkg.kg.store import layout
from mnkg.kg.store.evaluate import QueryRequest
from mnkg.kg.store.isolation import isolate_network
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.store.workers import WorkerPool

TOKEN = "security-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()  # the worker's HTTP client gets a closed connection: an error

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def probes(url: str) -> dict[str, str]:
    """SERVICE hidden by the escapes the old token scanner did not know (issue 12)."""
    return {
        "quote-escape": "PREFIX ex: <urn:ex:> SELECT * { OPTIONAL { ?x ex:a\\' ?y } "
        f"SERVICE <{url}> {{ ?s ?p ?o }} OPTIONAL {{ ?x ex:b\\' ?y }} }}",
        "hash-escape": "PREFIX ex: <urn:ex:> SELECT * { OPTIONAL { ?x ex:p\\# ?y } "
        f"SERVICE <{url}> {{ ?s ?p ?o }} OPTIONAL {{ ?x ex:p\\# ?y }} }}",
        "unicode-escape": f"SELECT * {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "lower-case-silent": f"select * {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "nested-in-a-subquery": "SELECT * { { SELECT * { "
        f"SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    }


RELEASE = '<urn:ex:s> <urn:ex:p> "o" <https://w3id.org/mnkg/graph/kg> .\n'


def _store(tmp_path: Path, **settings: object) -> OxigraphStore:
    release = tmp_path / "release"
    release.mkdir(exist_ok=True)
    (release / "mnkg.nq").write_text(RELEASE, encoding="utf-8")
    data = tmp_path / f"data-{len(list(tmp_path.iterdir()))}"
    options = {"workers": 1, "reserved_workers": 0, "query_timeout": 10.0} | settings
    store = OxigraphStore(data, settings=Settings(data_dir=data, **options))  # type: ignore[arg-type]
    store.load_release(release)
    return store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    opened = _store(tmp_path)
    yield opened
    opened.close()


def _run_in_worker(store: OxigraphStore, sparql: str) -> str:
    """Send ``sparql`` straight to a query worker, past every check; the error it reports."""
    request = QueryRequest(sparql=sparql, results_media_type="application/sparql-results+json")
    try:
        store._readers().call("query", request, timeout=10)
    except Exception as error:  # the worker's report of the failed SERVICE call
        return str(error)
    return "answered"


@pytest.mark.parametrize("name", sorted(probes("x")))
def test_a_worker_cannot_reach_127_0_0_1_even_past_the_checks(
    store: OxigraphStore, listener: Listener, name: str
) -> None:
    outcome = _run_in_worker(store, probes(listener.url)[name])
    assert listener.connections == 0, outcome
    if name == "unicode-escape":  # the engine does not expand \u in keywords: a syntax error
        assert "not valid SPARQL" in outcome
    elif name == "lower-case-silent":  # SILENT: the failed call is an empty answer
        assert outcome == "answered"
    else:
        assert "unreachable" in outcome.lower(), outcome


def test_the_same_probe_reaches_the_listener_when_the_network_is_allowed(
    tmp_path: Path, listener: Listener
) -> None:
    """The control: with MNKG_SPARQL_NETWORK the worker does connect (so the test above can
    fail: it is the namespace that stops the call)."""
    networked = _store(tmp_path, sparql_network=True)
    try:
        _run_in_worker(networked, probes(listener.url)["quote-escape"])
        assert listener.connections >= 1
        assert networked.isolation()["network"] == "off"
    finally:
        networked.close()


def test_the_workers_report_their_isolation(store: OxigraphStore) -> None:
    assert store.isolation() == {"network": "isolated", "reason": None}


def test_load_in_the_writer_cannot_reach_127_0_0_1(
    store: OxigraphStore, listener: Listener
) -> None:

    writer = WorkerPool(layout.store_root(store.data_dir), size=1, mode="write")
    try:
        with pytest.raises(UserError, match=r"(?i)unreachable"):
            writer.call("update", f"LOAD <{listener.url}>", timeout=10)
    finally:
        writer.close()
    assert listener.connections == 0


class _Refusing:
    def unshare(self, flags: int) -> int:
        return -1


def test_where_the_os_refuses_the_namespace_the_reason_is_reported() -> None:
    reason = isolate_network(_Refusing())
    assert reason is not None and "unshare(CLONE_NEWNET) was refused" in reason


# --- the checks on the real parse: a clear 400, and nothing reaches a worker ---------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    opened = _store(tmp_path, write_token=TOKEN)
    with TestClient(create_app(settings=opened.settings, store=opened)) as test_client:
        yield test_client
    opened.close()


@pytest.mark.parametrize("name", sorted(probes("x")))
def test_every_escaped_service_is_a_400_naming_it(
    client: TestClient, listener: Listener, name: str
) -> None:
    response = client.post(
        "/sparql",
        content=probes(listener.url)[name],
        headers={"content-type": "application/sparql-query"},
    )
    assert response.status_code == 400, response.text
    assert f"SERVICE <{listener.url}> is refused" in response.json()["error"]
    assert listener.connections == 0


def test_a_service_on_a_variable_is_refused(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * { SERVICE ?x { ?s ?p ?o } }"})
    assert response.status_code == 400
    assert "SERVICE ?x is refused" in response.json()["error"]


def test_load_with_the_token_but_no_allow_list_is_a_400(
    client: TestClient, listener: Listener
) -> None:
    response = client.post("/sparql", data={"update": f"LOAD <{listener.url}>"}, headers=AUTH)
    assert response.status_code == 400, response.text
    assert f"LOAD <{listener.url}> is refused" in response.json()["error"]
    hidden = f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    response = client.post("/sparql", data={"update": hidden}, headers=AUTH)
    assert response.status_code == 400, response.text
    assert "SERVICE" in response.json()["error"]
    assert listener.connections == 0


def test_an_allowed_endpoint_still_needs_the_network_setting(
    tmp_path: Path, listener: Listener
) -> None:
    opened = _store(tmp_path, sparql_allowed_services=[listener.url])
    try:
        with TestClient(create_app(settings=opened.settings, store=opened)) as allowed:
            query = f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
            response = allowed.get("/sparql", params={"query": query})
        assert response.status_code == 400
        assert "MNKG_SPARQL_NETWORK" in response.json()["error"]
        assert listener.connections == 0
    finally:
        opened.close()


def test_service_in_a_string_or_a_comment_is_not_a_call(client: TestClient) -> None:
    query = "SELECT * { ?s ?p 'SERVICE <http://127.0.0.1:1/>' } # SERVICE <http://127.0.0.1:1/>"
    assert client.get("/sparql", params={"query": query}).status_code == 200
