"""Loading HPO changes no named query's answer: each reads the curated graphs it names.

The session's store holds the release and the HPO import (3.2 M quads); the session's
``curated_data_dir`` holds the same release without it (no second build). Every named query runs
on both, with its required parameters and with every parameter's example. A query that read
the union default graph for a curated fact (a label, an axiom) would also see the HPO graphs:
other labels or rows should HPO's ever differ from the imported ones, and a time that grows
with HPO (issue 13; the times are the benchmark's, ``python -m benchmarks --hpo``).
GROUP_CONCAT lists compare as sets: their order is not defined and differs between the stores.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mnkg.kg.answers.results import run_named
from mnkg.kg.settings import Settings
from mnkg.kg.store import Store, open_store
from mnkg.queries.registry import NamedQuery, load_registry

REGISTRY = load_registry()


def _cases() -> list[tuple[NamedQuery, dict[str, str]]]:
    """Each query with its required parameters only, and with every parameter's example."""
    cases = []
    for name in REGISTRY.names():
        query = REGISTRY.get(name)
        every = {p.name: p.example for p in query.params}
        cases.append((query, query.example_params()))
        if every != query.example_params():
            cases.append((query, every))
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def curated(curated_data_dir: Path) -> Iterator[Store]:
    """The session's curated store (the release without its HPO graphs)."""
    opened = open_store(settings=Settings(data_dir=curated_data_dir, query_timeout=60, workers=1))
    yield opened
    opened.close()


def test_the_session_store_holds_hpo(store: Store, curated: Store) -> None:
    graphs = store.named_graphs()
    assert "https://w3id.org/mnkg/graph/hpo-annotations" in graphs
    assert "https://w3id.org/mnkg/graph/hpo-annotations" not in curated.named_graphs()


@pytest.mark.parametrize(
    ("query", "params"),
    CASES,
    ids=[f"{q.name}[{','.join(f'{k}={v}' for k, v in p.items())}]" for q, p in CASES],
)
def test_named_query_answers_the_same_with_hpo_loaded(
    query: NamedQuery, params: dict[str, str], store: Store, curated: Store
) -> None:
    on_curated = run_named(curated, query, params)
    on_hpo = run_named(store, query, params)
    assert on_curated.rows, f"{query.name} answers nothing on the curated release"
    assert unordered_lists(on_hpo.rows) == unordered_lists(on_curated.rows)


def unordered_lists(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with each ``a | b`` cell (a GROUP_CONCAT, in no defined order) sorted."""
    return [
        {k: " | ".join(sorted(v.split(" | "))) if isinstance(v, str) else v for k, v in r.items()}
        for r in rows
    ]
