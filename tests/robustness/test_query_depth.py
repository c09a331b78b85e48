"""Deeply nested queries: a 400 (or an answer), never a dead worker or a 5xx.

Each query goes to a server of this module's own (a crash here must not poison the other
robustness tests), and a small query must be answered right after it: a query that crashes a
worker must not take the service down with it.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

SMALL = "ASK { ?s ?p ?o }"


def _query(shape: str, depth: int) -> str:
    if shape == "groups":
        return "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth + " LIMIT 1"
    if shape == "expressions":
        return "ASK { FILTER(" + "(" * depth + "1" + ")" * depth + ") }"
    return "ASK { ?s ?p " + "(" * depth + "1" + ")" * depth + " }"  # nested RDF collections


@pytest.fixture(scope="module")
def depth_server(curated_data_dir: Path, start_server):
    with start_server(curated_data_dir, MNKG_QUERY_TIMEOUT="5", MNKG_WORKERS="2") as server:
        yield server


@pytest.mark.parametrize("depth", [100, 1_000, 5_000, 50_000])
@pytest.mark.parametrize("shape", ["groups", "expressions", "lists"])
def test_deep_nesting_is_answered_or_refused_with_a_400(
    depth_server, shape: str, depth: int
) -> None:
    with httpx.Client(base_url=depth_server.url, timeout=60) as client:
        response = client.post(
            "/sparql",
            content=_query(shape, depth),
            headers={"Content-Type": "application/sparql-query"},
        )
        assert response.status_code in (200, 400), (response.status_code, response.text[:300])
        if response.status_code == 400:
            assert response.json()["error"]
        # Right after it, the service answers a small query (no worker lost, no 503).
        follow_up = client.get("/sparql", params={"query": SMALL})
        assert follow_up.status_code == 200, follow_up.text
