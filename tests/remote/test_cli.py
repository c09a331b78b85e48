"""``mnkg load --store`` and ``mnkg serve --store`` against Virtuoso, through the real CLI, and
the errors a user sees when the server is unreachable or refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.servers import free_port
from SPARQLWrapper import JSON, SPARQLWrapper

from mnkg.api.app import create_app
from mnkg.kg.iris import GRAPH_BASE, MNKG_TERM, Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store.remote import RemoteStore

CLI = [sys.executable, "-c", "from mnkg.kg.cli import main; main()"]
LMN_QUERY = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?condition ?sign WHERE {{
  GRAPH <{Graph.REDUNDANT}> {{ ?condition <http://purl.obolibrary.org/obo/RO_0002200> ?sign }}
  ?sign rdfs:subClassOf* <{MNKG_TERM}0000301> .
}}"""


def _mnkg(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MNKG_")}
    env["MNKG_DATA_DIR"] = str(tmp_path / "data")
    # the time limit of the session's remote store (conftest.py): a busy machine slows Virtuoso
    # down, and a load that fails half-way leaves it for the tests that follow
    env["MNKG_QUERY_TIMEOUT"] = "60"
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=300, env=env, check=False
    )


def _graph_counts(store: RemoteStore) -> dict[str, int]:
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"].value: int(row["n"].value) for row in rows}  # type: ignore[union-attr]


@pytest.mark.parametrize("transport", ["update", "graph-store"])
def test_cli_load_pushes_the_release(
    remote, embedded, virtuoso, release, tmp_path: Path, transport: str
) -> None:  # type: ignore[no-untyped-def]
    stale = GRAPH_BASE + "stale-test-graph"
    remote.store.update(f"INSERT DATA {{ GRAPH <{stale}> {{ <{stale}> a <{stale}> }} }}")
    assert stale in remote.store.named_graphs()
    args = ["load", "--store", virtuoso.sparql, "--release", str(release.path)]
    if transport == "graph-store":
        args += ["--graph-store-url", virtuoso.graph_store]
    done = _mnkg(*args, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"loaded {embedded.report.quads} triples" in done.stdout
    assert virtuoso.sparql in done.stdout
    # A new client: the serving store caches the graph list for GRAPHS_TTL seconds.
    fresh = RemoteStore(virtuoso.sparql, settings=remote.settings)
    try:
        assert _graph_counts(fresh) == {g: n for g, n in embedded.report.graphs.items() if g}
        assert stale not in fresh.named_graphs()  # graphs the release lacks are dropped
    finally:
        fresh.close()
        if transport == "update":
            # Virtuoso keeps integer-valued xsd:decimal sent by SPARQL Update as xsd:integer
            # (docs/stores.md): push the release again as the session's fixture did (Graph Store
            # Protocol), so the parity tests see the same data whatever order the tests run in.
            remote.store.load_release(release.path)
        remote.store.refresh()  # the session's serving store, for the tests that follow


def test_cli_load_unreachable_server(release, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{free_port()}/sparql"
    done = _mnkg("load", "--store", url, "--release", str(release.path), tmp_path=tmp_path)
    assert done.returncode == 2
    assert f"error: cannot reach the SPARQL server at {url}" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_load_refused(virtuoso, release, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wrong = virtuoso.sparql.rsplit("/", 1)[0] + "/no-such-graph-store"
    done = _mnkg(
        "load",
        "--store",
        virtuoso.sparql,
        "--graph-store-url",
        wrong,
        "--release",
        str(release.path),
        tmp_path=tmp_path,
    )
    assert done.returncode == 2
    assert f"the SPARQL server at {wrong} failed on loading" in done.stderr
    assert "(HTTP 501 " in done.stderr  # what Virtuoso answers to a PUT there
    assert "Traceback" not in done.stderr


def test_cli_rejects_a_store_that_is_not_a_url(tmp_path: Path) -> None:
    done = _mnkg("load", "--store", "ftp://127.0.0.1/x", tmp_path=tmp_path)
    assert done.returncode == 2
    assert "unknown store" in done.stderr or "http(s) URL" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def served(virtuoso, remote, tmp_path: Path, start_server):  # type: ignore[no-untyped-def]
    """``mnkg serve --store <virtuoso>`` on 127.0.0.1 and a free port (its URL)."""
    # the time limit of the session's remote store (conftest.py)
    with start_server(
        tmp_path / "data", "--store", virtuoso.sparql, MNKG_QUERY_TIMEOUT="60"
    ) as server:
        yield server.url


def test_serve_store_answers_sparqlwrapper_like_the_embedded_store(served: str, embedded) -> None:  # type: ignore[no-untyped-def]
    client = SPARQLWrapper(served + "/sparql")
    client.setQuery(LMN_QUERY)
    client.setReturnFormat(JSON)
    client.setTimeout(60)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index]
    theirs = {(r["condition"]["value"], r["sign"]["value"]) for r in rows}
    ours = {(row["condition"].value, row["sign"].value) for row in embedded.store.query(LMN_QUERY)}
    assert ours
    assert theirs == ours


def test_api_over_an_unreachable_server_says_so(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    settings = Settings(data_dir=tmp_path, store=url, query_timeout=10.0)
    store = RemoteStore(url, settings=settings)
    with TestClient(create_app(settings=settings, store=store)) as client:
        response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    store.close()
    assert response.status_code == 503
    assert response.json()["error"].startswith("cannot reach the SPARQL server at ")
    assert "127.0.0.1" not in response.text  # no internal address in an error body (issue 12)


def test_password_in_the_store_url_is_not_shown(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://mnkg:s3cret@127.0.0.1:{port}/sparql"
    store = RemoteStore(url, settings=Settings(data_dir=tmp_path, store=url))
    try:
        assert "s3cret" not in store.descriptor
        with pytest.raises(Exception) as raised:
            store.query("ASK { ?s ?p ?o }")
        assert "s3cret" not in str(raised.value)
        assert "mnkg:***@127.0.0.1" in str(raised.value)
    finally:
        store.close()
