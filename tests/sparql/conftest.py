"""Fixtures for the endpoint tests: a tiny release, the app over it, and a real server.

The real server is ``mnkg serve`` in a subprocess on 127.0.0.1 and a free port
(``start_server``), stopped at the end of the session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.servers import LiveServer

from mnkg.api.app import create_app
from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store.oxigraph import OxigraphStore

EX = "http://example.org/"
TOKEN = "test-write-token"

QUADS = f"""
<{EX}ConditionA> <{EX}causes> <{EX}LmnSign> <{Graph.KG}> .
<{EX}ConditionB> <{EX}causes> <{EX}UmnSign> <{Graph.KG}> .
<{EX}ConditionC> <{EX}causes> <{EX}LmnSign> <{Graph.REDUNDANT}> .
<{EX}ConditionA> <http://www.w3.org/2000/01/rdf-schema#label> "condition A"@en <{Graph.ONTOLOGY}> .
<{EX}ConditionC> <http://www.w3.org/2000/01/rdf-schema#label> "condition C" <{Graph.ONTOLOGY}> .
"""


def write_release(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mnkg.nq").write_text(QUADS.strip() + "\n", encoding="utf-8")
    return folder


def _loaded_store(settings: Settings, release: Path) -> OxigraphStore:
    store = OxigraphStore(settings.data_dir, settings=settings)
    store.load_release(release)
    return store


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator:
    """``make_client(**settings)``: a TestClient over a fresh store loaded with the release."""
    stores: list[OxigraphStore] = []
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        data_dir = tmp_path / f"data{len(stores)}"
        options = {"query_timeout": 5.0, "result_limit": 1000, "workers": 2} | overrides
        settings = Settings(data_dir=data_dir, **options)  # type: ignore[arg-type]
        store = _loaded_store(settings, write_release(tmp_path / "release"))
        stores.append(store)
        client = TestClient(create_app(settings=settings, store=store))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
    for store in stores:
        store.close()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The read-only app (no write token), shared by a module's tests that only read."""
    base = tmp_path_factory.mktemp("app")
    settings = Settings(data_dir=base / "data", result_limit=1000, workers=2)
    store = _loaded_store(settings, write_release(base / "release"))
    with TestClient(create_app(settings=settings, store=store)) as test_client:
        yield test_client
    store.close()


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, start_server: Callable[..., LiveServer]
) -> Iterator[LiveServer]:
    """``mnkg serve`` on 127.0.0.1 with a 2 s time limit and a write token; its first start
    loads the tiny release from ``<data dir>/release``."""
    data_dir = tmp_path_factory.mktemp("server") / "data"
    write_release(data_dir / "release")  # the default release location
    with start_server(data_dir, MNKG_WRITE_TOKEN=TOKEN, MNKG_QUERY_TIMEOUT="2") as started:
        yield started
