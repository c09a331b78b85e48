"""The README's first SPARQL example returns conditions only: the same conditions as the named
query ``conditions-with-lmn-signs``, none of the lesion classes that share the phenotype edge.

``FIRST_EXAMPLE`` is read from the README, so the two cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from mnkg.kg.vocab.identifiers import expand, is_iri


def as_iri(value: str) -> str:
    return value if is_iri(value) else expand(value)


README = Path(__file__).resolve().parents[2] / "README.md"
FIRST_EXAMPLE = re.search(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)  # type: ignore[union-attr]
"""The first SPARQL block of the README, as users copy it."""


def _conditions(base_url: str, query: str) -> set[str]:
    response = httpx.post(
        f"{base_url}/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    response.raise_for_status()
    return {row["condition"]["value"] for row in response.json()["results"]["bindings"]}


def test_first_example_returns_the_named_querys_conditions(obo_server: str) -> None:
    found = _conditions(obo_server, FIRST_EXAMPLE)
    named = httpx.get(f"{obo_server}/queries/conditions-with-lmn-signs", timeout=60).json()
    expected = {as_iri(str(row["condition"])) for row in named["rows"]}
    assert len(expected) > 10
    assert found == expected


def test_first_example_has_no_lesion_classes(obo_server: str) -> None:
    lesions = _conditions(
        obo_server,
        FIRST_EXAMPLE.replace(
            "SELECT DISTINCT ?condition ?label WHERE {",
            "SELECT DISTINCT ?condition WHERE { ?condition rdfs:subClassOf mnkg:0000100 .",
        ),
    )
    assert lesions == set()  # no "motor system lesion" among the answers
