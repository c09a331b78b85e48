"""The time and result-size limits hold on the remote store too: a runaway query on Virtuoso
gets the same 503 JSON as on the embedded store, a too-large result the same 422."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mnkg.api.app import create_app
from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store.remote import RemoteStore

# Three-way cross product of the kg graph with string work per row: minutes on Virtuoso.
RUNAWAY = f"""SELECT (COUNT(*) AS ?n) FROM <{Graph.KG}> WHERE {{
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i
  FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?i))) = 7)
}}"""


def _client(virtuoso, tmp_path, **options: object) -> tuple[TestClient, RemoteStore]:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path, store=virtuoso.sparql, **options)  # type: ignore[arg-type]
    store = RemoteStore(virtuoso.sparql, settings=settings)
    return TestClient(create_app(settings=settings, store=store)), store


def test_result_limit(virtuoso, remote, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client, store = _client(virtuoso, tmp_path, result_limit=5, query_timeout=60.0)
    with client:
        many = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        few = client.get(
            "/sparql",
            params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"},
            headers={"Accept": "application/sparql-results+json"},
        )
    store.close()
    assert many.status_code == 422
    assert "more than 5 rows" in many.json()["error"]
    assert few.status_code == 200
    assert len(few.json()["results"]["bindings"]) == 5


def test_runaway_query_is_stopped_and_the_service_answers(virtuoso, remote, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client, store = _client(virtuoso, tmp_path, query_timeout=5.0)
    with client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        stopped = client.get("/sparql", params={"query": RUNAWAY})
        after = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    store.close()
    assert stopped.status_code == 503
    assert "time limit of 5 s" in stopped.json()["error"]
    # Virtuoso goes on with the abandoned query; MNKG and the server still answer others.
    assert after.status_code == 200, after.text
