"""Answers never outlive the data they came from, and are built before the first request.

- Through a real ``mnkg serve`` with a write token: an update that relabels a term without
  changing the triple count shows the new label in /terms, /search and /conditions (the caches
  key on the store's generation, not on counts).
- :class:`mnkg.kg.AnswerWarmer` (the app's lifespan) builds the label index and every
  /conditions answer before serving, and again when the store's generation changes: afterwards
  those requests run no query at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from fixtures.servers import LiveServer
from helpers.api_vocab import BELL

from mnkg.api.app import create_app
from mnkg.kg import PATTERNS, SOURCES, Store, conditions_by_pattern, expand, search, whole_json
from mnkg.kg.settings import Settings
from mnkg.kg.store import open_store

TOKEN = "cache-test-token"
NEW_LABEL = "relabelled palsy for the cache test"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(http: httpx.Client) -> int:
    response = http.post(
        "/sparql", data={"query": COUNT}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _condition_label(http: httpx.Client, condition: str) -> str:
    body = http.get("/conditions", params={"pattern": "LMN"}).json()
    return next(c["label"] for c in body["conditions"] if c["id"] == condition)


def test_a_relabel_that_keeps_the_triple_count_shows_everywhere(
    curated_data_dir: Path,
    copy_data_dir: Callable[[Path], Path],
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server(copy_data_dir(curated_data_dir), MNKG_WRITE_TOKEN=TOKEN)
    with server, httpx.Client(base_url=server.url, timeout=120) as http:
        old = http.get(f"/terms/{BELL}").json()["label"]
        assert old and old != NEW_LABEL
        assert _condition_label(http, BELL) == old  # the answers are warm: built at start
        first = http.get("/search", params={"q": old}).json()["results"][0]
        assert (first["id"], first["label"]) == (BELL, old)
        before = _count(http)
        update = (
            f"DELETE {{ GRAPH ?g {{ <{expand(BELL)}> <{LABEL}> ?old }} }} "
            f'INSERT {{ GRAPH ?g {{ <{expand(BELL)}> <{LABEL}> "{NEW_LABEL}" }} }} '
            f"WHERE {{ GRAPH ?g {{ <{expand(BELL)}> <{LABEL}> ?old }} }}"
        )
        done = http.post(
            "/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert done.status_code in (200, 204), done.text
        assert _count(http) == before, "the relabel keeps the number of triples"

        assert http.get(f"/terms/{BELL}").json()["label"] == NEW_LABEL
        hits = http.get("/search", params={"q": NEW_LABEL}).json()["results"]
        assert hits and hits[0]["id"] == BELL and hits[0]["match_type"] == "exact label"
        for hit in http.get("/search", params={"q": old, "limit": 100}).json()["results"]:
            if hit["id"] == BELL:
                assert hit["label"] == NEW_LABEL and hit["matched_field"] != "label"
        assert _condition_label(http, BELL) == NEW_LABEL
        paged = http.get("/conditions", params={"pattern": "LMN", "limit": 1000}).json()
        assert NEW_LABEL in {c["label"] for c in paged["conditions"]}


class CountingStore:
    """A store that counts the queries it runs; its generation can be changed by the test."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.queries = 0
        self.lock = threading.Lock()
        self.suffix = ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def query(self, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            self.queries += 1
        return self._store.query(*args, **kwargs)

    def generation(self) -> str:
        return self._store.generation() + self.suffix


@pytest.fixture(scope="module")
def curated_store(curated_data_dir: Path) -> Iterator[Store]:
    opened = open_store(settings=Settings(data_dir=curated_data_dir, query_timeout=60))
    yield opened
    opened.close()


def _ask_everything(store: Any, cache: dict[Any, Any]) -> None:
    for source in SOURCES:
        for pattern in PATTERNS:
            whole_json(store, pattern, source, cache=cache)
            conditions_by_pattern(store, pattern, source=source, limit=10, cache=cache)
    search(store, "palsy", cache=cache)


def test_the_app_warms_every_answer_before_serving_and_after_a_change(
    curated_store: Store, curated_data_dir: Path
) -> None:
    counting = CountingStore(curated_store)
    app = create_app(settings=Settings(data_dir=curated_data_dir), store=counting)  # type: ignore[arg-type]
    with TestClient(app) as client:  # runs the lifespan: the warm-up happens here
        warmer = app.state.answer_warmer
        assert warmer.warmed == counting.generation()
        before = counting.queries
        for pattern in PATTERNS:
            assert client.get("/conditions", params={"pattern": pattern}).status_code == 200
        assert client.get("/search", params={"q": "palsy"}).status_code == 200
        version = client.get("/version").json()
        assert version["curated"]["conditions"] > 0
        _ask_everything(counting, app.state.domain_cache)
        assert counting.queries == before, "a warm answer runs no query"

        warmer.changed.clear()
        counting.suffix = "-changed"  # what a load or a write does to the generation
        assert warmer.changed.wait(120), "the warmer saw the new generation"
        assert warmer.warmed == counting.generation()
        rewarmed = counting.queries
        assert rewarmed > before
        _ask_everything(counting, app.state.domain_cache)
        assert client.get("/version").json()["curated"] == version["curated"]
        assert counting.queries == rewarmed
    assert warmer._thread is None  # stopped with the app
