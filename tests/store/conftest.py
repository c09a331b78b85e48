"""Fixtures for the store tests: a tiny release of our own and stores loaded from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store.oxigraph import MemoryStore, OxigraphStore

EX = "http://example.org/"
SUB = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
OWL_CLASS = "<http://www.w3.org/2002/07/owl#Class>"

# A few quads in several named graphs: a class hierarchy in the ontology graph, an asserted
# association in the kg graph and the direct triples a reasoner would add in the redundant one.
QUADS = f"""
<{EX}ConditionA> {SUB} <{EX}Condition> <{Graph.ONTOLOGY}> .
<{EX}ConditionB> {SUB} <{EX}Condition> <{Graph.ONTOLOGY}> .
<{EX}ConditionA> {LABEL} "condition A"@en <{Graph.ONTOLOGY}> .
<{EX}ConditionB> {LABEL} "condition \\"B\\" {{x}}"@en <{Graph.ONTOLOGY}> .
<{EX}ConditionA> <{EX}causes> <{EX}LmnSign> <{Graph.KG}> .
<{EX}ConditionB> <{EX}causes> <{EX}UmnSign> <{Graph.KG}> .
<{EX}ConditionC> <{EX}causes> <{EX}LmnSign> <{Graph.REDUNDANT}> .
<{EX}Condition> {TYPE} {OWL_CLASS} <{Graph.IMPORTS}> .
"""
GRAPHS = {Graph.ONTOLOGY: 4, Graph.KG: 2, Graph.REDUNDANT: 1, Graph.IMPORTS: 1}


def write_release(folder: Path, quads: str = QUADS) -> Path:
    """Write a release folder (``mnkg.nq``) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mnkg.nq").write_text(quads.strip() + "\n", encoding="utf-8")
    return folder


def one_worker_store(release: Path, data_dir: Path, **overrides: object) -> OxigraphStore:
    """A store over ``data_dir`` holding ``release``, with one worker and no reserved one
    (``overrides``: other settings)."""
    options = {"workers": 1, "reserved_workers": 0, "query_timeout": 5.0} | overrides
    settings = Settings(data_dir=data_dir, **options)  # type: ignore[arg-type]
    store = OxigraphStore(settings.data_dir, settings=settings)
    store.load_release(release)
    return store


@pytest.fixture
def release(tmp_path: Path) -> Path:
    return write_release(tmp_path / "release")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", query_timeout=5.0, result_limit=5, workers=2)


@pytest.fixture
def disk_store(settings: Settings, release: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore(settings.data_dir, settings=settings)
    store.load_release(release)
    yield store
    store.close()


@pytest.fixture
def memory_store(settings: Settings, release: Path) -> MemoryStore:
    store = MemoryStore(settings=settings)
    store.load_release(release)
    return store


@pytest.fixture(params=["disk", "memory"])
def store(request: pytest.FixtureRequest) -> OxigraphStore | MemoryStore:
    """Every embedded backend: the contract tests run on each."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
def make_release():
    """``make_release(folder, quads=QUADS)`` writes a release folder."""
    return write_release


@pytest.fixture
def fixture_quads() -> str:
    return QUADS.strip() + "\n"


@pytest.fixture
def expected_graphs() -> dict[str, int]:
    return dict(GRAPHS)
