"""A point lookup read by its plan (kg/store/lookup_plan.py) is the engine's answer, byte for
byte, in every results format; what a plan cannot say exactly goes to the engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat

from mnkg.kg.store import ResultTooLarge
from mnkg.kg.store import inline as inline_module
from mnkg.kg.store.evaluate import QueryRequest, evaluate
from mnkg.kg.store.oxigraph import OxigraphStore

from .conftest import one_worker_store, write_release

EX = "http://example.org/"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
G1, G2 = f"<{EX}g1>", f"<{EX}g2>"

# The same triple in the default graph and two named graphs (the union matches it thrice), a
# triple whose predicate is its object, blank nodes, literals of every kind, and text a TSV
# writer must escape.
QUADS = f"""
<{EX}a> <{LABEL}> "a" {G1} .
<{EX}a> <{LABEL}> "a" {G2} .
<{EX}a> <{LABEL}> "a" .
<{EX}a> <{LABEL}> "ein A"@de {G1} .
<{EX}a> <{EX}self> <{EX}self> {G1} .
<{EX}a> <{EX}count> "42"^^<{XSD}integer> {G2} .
<{EX}a> <{EX}count> "0042"^^<{XSD}integer> {G2} .
<{EX}a> <{EX}weight> "1.50"^^<{XSD}decimal> {G2} .
<{EX}a> <{EX}note> "tab\\tnew\\nline \\"quoted\\" \\\\ é 🧠" {G1} .
<{EX}a> <{EX}part> _:b1 {G1} .
<{EX}a> <{EX}link> <{EX}b> {G1} .
<{EX}a> <{EX}link> <{EX}c> {G2} .
<{EX}b> <{LABEL}> "b" {G1} .
"""

PLANNED = [
    f"SELECT ?p ?o WHERE {{ <{EX}a> ?p ?o }}",
    f"SELECT ?o ?p WHERE {{ <{EX}a> ?p ?o }}",
    f"SELECT * WHERE {{ <{EX}a> ?p ?o }}",
    f"SELECT * WHERE {{ <{EX}a> ?pred ?obj }}",
    f"SELECT ?label WHERE {{ <{EX}a> <{LABEL}> ?label }}",
    f"SELECT $label WHERE {{ <{EX}a> <{LABEL}> $label }} LIMIT 2",
    f"SELECT ?o WHERE {{ <{EX}a> <{LABEL}> ?o }} LIMIT 0",
    f"SELECT ?x WHERE {{ <{EX}a> ?x ?x }}",
    f"SELECT * WHERE {{ <{EX}a> ?p [] }}",
    f"SELECT ?b1 ?p WHERE {{ <{EX}a> ?p _:b1 }}",  # a blank node is not the variable ?b1
    f"SELECT ?unbound ?o WHERE {{ <{EX}a> <{EX}link> ?o }}",
    f"SELECT ?p WHERE {{ <{EX}a> ?p <{EX}b> }}",
    f"SELECT ?o WHERE {{ <{EX}missing> ?p ?o }}",
    f"PREFIX ex: <{EX}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?l WHERE { ex:a rdfs:label ?l }",
    f"PREFIX : <{EX}> SELECT ?o WHERE {{ :a :link ?o }}",
    f"PREFIX ex: <{EX}> SELECT ?o WHERE {{ <{EX}b> ex:nothing ?o . }}",
    f"ASK {{ <{EX}a> <{EX}link> <{EX}c> }}",
    f"ASK {{ <{EX}a> <{EX}link> <{EX}a> }}",
    f"ASK {{ <{EX}a> a ?type }}",
    f"SELECT ?o WHERE {{ <{EX}a> <{EX}count> ?o }}",
    f"SELECT ?o WHERE {{ <{EX}a> <{EX}note> ?o }}",
    f"SELECT ?o WHERE {{ <{EX}a> <{EX}part> ?o }}",
]
NOT_PLANNED = [
    f'SELECT ?p WHERE {{ <{EX}a> ?p "a" }}',  # a literal object
    f"SELECT ?p WHERE {{ <{EX}a> ?p 42 }}",
    f"BASE <{EX}> SELECT ?o WHERE {{ <a> <link> ?o }}",  # relative IRIs
    f"SELECT ?o WHERE {{ <{EX}a> <{EX}li\\u006Ek> ?o }}",  # an escape
    f"SELECT * WHERE {{ <{EX}a> <{EX}link> <{EX}b> }}",  # nothing to project
]
FORMATS = [
    QueryResultsFormat.JSON,
    QueryResultsFormat.XML,
    QueryResultsFormat.CSV,
    QueryResultsFormat.TSV,
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[OxigraphStore, ...]]:
    """The same data twice: lookups read by plan in process, and every query by a worker."""
    root = tmp_path_factory.mktemp("plans")
    release = write_release(root / "release", QUADS)
    inline = one_worker_store(release, root / "inline")
    workers_only = one_worker_store(release, root / "off", inline_lookup_rows=0)
    yield inline, workers_only
    inline.close()
    workers_only.close()


@pytest.fixture
def engine_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-process engine path fails the test: only a plan may answer."""

    def refuse(*args: object) -> object:
        raise AssertionError("answered by Store.query, not by the plan")

    monkeypatch.setattr(inline_module, "evaluate", refuse)


def _engine(store: OxigraphStore, text: str, results_format: QueryResultsFormat) -> bytes:
    """The engine's answer on the same read-only view (blank node labels are the store's)."""
    assert store._inline is not None
    view = store._inline._store()
    assert view is not None
    return evaluate(view, QueryRequest(text, results_media_type=results_format.media_type)).body


@pytest.mark.parametrize("text", PLANNED)
def test_a_planned_lookup_is_the_engines_answer_in_every_format(
    stores, engine_refused, text: str
) -> None:
    inline, workers_only = stores
    assert inline.describe(text).plan is not None
    for results_format in FORMATS:
        ours, theirs = (
            store.query_serialized(text, results_format=results_format, graph_format=None)
            for store in (inline, workers_only)
        )
        assert (ours.media_type, ours.kind) == (theirs.media_type, theirs.kind)
        assert ours.body == _engine(inline, text, results_format), (text, results_format)
    assert inline._pool is None  # no worker was needed


def test_lookups_of_other_terms_reuse_the_plan_with_their_own_iris(stores) -> None:
    inline, _ = stores
    for term in ("a", "b", "missing"):
        text = (
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            f"SELECT ?l WHERE {{ <{EX}{term}> rdfs:label ?l }}"
        )
        other = text.replace(f"<{EX}{term}>", f"<{EX}other>")
        assert inline.describe(text).plan == inline.describe(other).plan
        ours = inline.query_serialized(
            text, results_format=QueryResultsFormat.TSV, graph_format=None
        )
        assert ours.body == _engine(inline, text, QueryResultsFormat.TSV), term
    rows = inline.query_serialized(
        f"SELECT ?l WHERE {{ <{EX}b> <{LABEL}> ?l }}",
        results_format=QueryResultsFormat.TSV,
        graph_format=None,
    )
    assert rows.body == b'?l\n"b"\n'


@pytest.mark.parametrize("text", NOT_PLANNED)
def test_what_a_plan_cannot_say_exactly_goes_to_the_engine(stores, text: str) -> None:
    inline, _ = stores
    assert inline.describe(text).plan is None
    ours = inline.query_serialized(text, results_format=QueryResultsFormat.JSON, graph_format=None)
    assert ours.body == _engine(inline, text, QueryResultsFormat.JSON)


def test_a_planned_lookup_over_the_cap_goes_to_a_worker(stores, tmp_path: Path) -> None:
    _, workers_only = stores
    release = write_release(tmp_path / "release", QUADS)
    capped = one_worker_store(release, tmp_path / "capped", inline_lookup_rows=2)
    try:
        text = f"SELECT ?p ?o WHERE {{ <{EX}a> ?p ?o }}"
        assert capped.describe(text).plan is not None
        every = len(list(workers_only.query(text)))
        assert every > 2 and len(list(capped.query(text))) == every  # past the cap of 2
        assert capped._pool is not None  # a worker answered
    finally:
        capped.close()


def test_a_planned_lookup_over_the_result_limit_is_refused(tmp_path: Path) -> None:
    release = write_release(tmp_path / "release", QUADS)
    limited = one_worker_store(release, tmp_path / "limited", result_limit=3)
    try:
        with pytest.raises(ResultTooLarge, match="more than 3 rows"):
            limited.query(f"SELECT ?p ?o WHERE {{ <{EX}a> ?p ?o }}")
        assert len(list(limited.query(f"SELECT ?o WHERE {{ <{EX}a> ?p ?o }} LIMIT 3"))) == 3
        assert limited._pool is None  # both decided in process
    finally:
        limited.close()
