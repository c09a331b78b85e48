"""Point lookups are answered in the server process (kg/store/inline.py), exactly as a worker
would answer them, and every other query still goes to a worker."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat

from mnkg.kg.iris import Graph
from mnkg.kg.store import ResultTooLarge, StoreUnavailable
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.store.workers import WorkerPool

from .conftest import one_worker_store

EX = "http://example.org/"  # the subjects of the store tests' release (conftest.py)
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LOOKUP_A = f"SELECT ?p ?o WHERE {{ <{EX}ConditionA> ?p ?o }}"
LABEL_OF_A = f"SELECT ?label WHERE {{ <{EX}ConditionA> <{LABEL}> ?label }}"
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x . ?y ?z ?aa . ?ab ?ac ?ad }"
)
FORMATS = [
    QueryResultsFormat.JSON,
    QueryResultsFormat.XML,
    QueryResultsFormat.CSV,
    QueryResultsFormat.TSV,
]

POINT_LOOKUPS = [
    LOOKUP_A,
    LABEL_OF_A,
    f"PREFIX ex: <{EX}> SELECT * WHERE {{ ex:ConditionA ?p ?o }} LIMIT 2",
    f"ASK {{ <{EX}ConditionA> a ?type }}",
]
NOT_POINT_LOOKUPS = [
    "SELECT ?s WHERE { ?s ?p ?o }",  # no constant subject
    f"SELECT ?o WHERE {{ <{EX}ConditionA> <{EX}causes>/<{EX}causes> ?o }}",  # a path
    f"SELECT ?o WHERE {{ <{EX}ConditionA> <{EX}causes>* ?o }}",
    f"SELECT ?o WHERE {{ <{EX}ConditionA> ?p ?o }} ORDER BY ?o",
    f"SELECT ?o WHERE {{ <{EX}ConditionA> ?p ?o }} OFFSET 1",
    f"SELECT DISTINCT ?o WHERE {{ <{EX}ConditionA> ?p ?o }}",
    f"SELECT ?o WHERE {{ <{EX}ConditionA> ?p ?o FILTER(isIRI(?o)) }}",
    f"SELECT ?o WHERE {{ <{EX}ConditionA> ?p ?o ; <{EX}causes> ?x }}",  # two patterns
    f"SELECT (COUNT(*) AS ?n) WHERE {{ <{EX}ConditionA> ?p ?o }}",
    f"SELECT ?o FROM <{Graph.KG}> WHERE {{ <{EX}ConditionA> ?p ?o }}",
    f"SELECT ?o WHERE {{ GRAPH ?g {{ <{EX}ConditionA> ?p ?o }} }}",
    f"SELECT ?o WHERE {{ SERVICE <http://example.org/sparql> {{ <{EX}ConditionA> ?p ?o }} }}",
    f"CONSTRUCT {{ <{EX}ConditionA> ?p ?o }} WHERE {{ <{EX}ConditionA> ?p ?o }}",
]


@pytest.fixture
def stores(release: Path, tmp_path: Path) -> Iterator[tuple[OxigraphStore, OxigraphStore]]:
    """The same release twice: lookups answered in process, and every query by a worker."""
    inline = one_worker_store(release, tmp_path / "inline")
    workers_only = one_worker_store(release, tmp_path / "off", inline_lookup_rows=0)
    yield inline, workers_only
    inline.close()
    workers_only.close()


def _pool(store: OxigraphStore) -> WorkerPool:
    assert store._pool is not None
    return store._pool


@pytest.mark.parametrize("text", POINT_LOOKUPS)
def test_point_lookups_are_recognised_on_the_real_parse(stores, text: str) -> None:
    inline, _ = stores
    assert inline.describe(text).lookup is True


@pytest.mark.parametrize("text", NOT_POINT_LOOKUPS)
def test_other_queries_are_not_point_lookups(stores, text: str) -> None:
    inline, _ = stores
    assert inline.describe(text).lookup is False


def test_a_lookup_answered_in_process_is_the_answer_of_a_worker(stores) -> None:
    inline, workers_only = stores
    for text in POINT_LOOKUPS:
        for results_format in FORMATS:
            ours, theirs = (
                store.query_serialized(text, results_format=results_format, graph_format=None)
                for store in (inline, workers_only)
            )
            assert (ours.body, ours.media_type, ours.kind) == (
                theirs.body,
                theirs.media_type,
                theirs.kind,
            ), (text, results_format)
    assert inline._pool is None  # no worker was needed for any of them


def test_a_lookup_is_answered_while_a_runaway_holds_every_worker(stores) -> None:
    inline, _ = stores
    inline.start()
    pool = _pool(inline)
    assert pool.size == 1

    async def scenario() -> tuple[object, object, object]:
        runaway = asyncio.ensure_future(inline.aquery(RUNAWAY, timeout=3))
        assert await asyncio.to_thread(pool.wait_for, lambda s: s.running >= 1, timeout=30)
        lookup, other = await asyncio.gather(
            inline.aquery_serialized(
                LABEL_OF_A,
                results_format=QueryResultsFormat.JSON,
                graph_format=None,
                timeout=0.5,
                public=True,
            ),
            inline.aquery("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", timeout=0.5),
            return_exceptions=True,
        )
        return lookup, other, (await asyncio.gather(runaway, return_exceptions=True))[0]

    lookup, other, _runaway = asyncio.run(scenario())
    assert not isinstance(lookup, BaseException), lookup
    bindings = json.loads(lookup.body)["results"]["bindings"]  # type: ignore[union-attr]
    assert [row["label"]["value"] for row in bindings] == ["condition A"]
    assert isinstance(other, StoreUnavailable) and "stayed busy" in other.message


def test_a_lookup_with_more_rows_than_the_cap_is_answered_whole_by_a_worker(
    release: Path, tmp_path: Path
) -> None:
    capped = one_worker_store(release, tmp_path / "capped", inline_lookup_rows=1)
    try:
        rows = list(capped.query(LOOKUP_A))
        assert len(rows) == 3  # subClassOf, label, causes: all of them, past the cap of 1
        assert capped._pool is not None  # a worker was started to answer it
    finally:
        capped.close()


def test_a_lookup_over_the_result_limit_is_refused_as_a_worker_refuses_it(
    release: Path, tmp_path: Path
) -> None:
    limited = one_worker_store(release, tmp_path / "limited", result_limit=2)
    try:
        with pytest.raises(ResultTooLarge, match="more than 2 rows"):
            limited.query(LOOKUP_A)
        assert limited._pool is None  # refused in process, as a worker would have
    finally:
        limited.close()


def test_lookups_follow_a_load_that_swaps_the_store(stores, tmp_path: Path) -> None:
    inline, _ = stores
    assert bool(inline.query(f"ASK {{ <{EX}ConditionA> ?p ?o }}")) is True
    other = tmp_path / "other-release"
    other.mkdir()
    (other / "mnkg.nq").write_text(
        f'<{EX}ConditionZ> <{LABEL}> "condition Z" <{Graph.ONTOLOGY}> .\n', encoding="utf-8"
    )
    inline.load_release(other)
    assert bool(inline.query(f"ASK {{ <{EX}ConditionA> ?p ?o }}")) is False
    assert [row["label"].value for row in inline.query(LABEL_OF_A.replace("A>", "Z>"))] == [
        "condition Z"
    ]


def test_a_lookup_reads_only_the_graphs_the_protocol_names(stores) -> None:
    inline, workers_only = stores
    for store in (inline, workers_only):
        rows = list(store.query(LOOKUP_A, default_graph_uris=[Graph.KG]))
        assert [row["p"].value for row in rows] == [f"{EX}causes"]
