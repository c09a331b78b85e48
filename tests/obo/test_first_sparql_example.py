"""The README's first SPARQL example returns conditions only: the same conditions as the named
query ``conditions-with-lmn-signs``, none of the lesion classes that share the phenotype edge.

``FIRST_EXAMPLE`` is the query proposed for the README (the lead owns README.md); once it is
there, this test can read it from the README instead."""

from __future__ import annotations

import httpx

from mnkg.kg.vocab.identifiers import expand, is_iri


def as_iri(value: str) -> str:
    return value if is_iri(value) else expand(value)


FIRST_EXAMPLE = """PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX mnkg: <https://w3id.org/mnkg/MNKG_>
SELECT DISTINCT ?condition ?label WHERE {
  VALUES ?grouping { mnkg:0000400 mnkg:0000401 mnkg:0000404 }
  ?condition obo:RO_0002200 mnkg:0000301 ; rdfs:subClassOf ?grouping ; rdfs:label ?label .
}"""


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
