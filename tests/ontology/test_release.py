"""``mnkg build`` writes the ODK-style release; its files parse in rdflib and owlready2."""

from __future__ import annotations

import json
from pathlib import Path

import owlready2
import pytest
from fixtures.release import BuiltRelease
from helpers.curated_counts import expected_curated_counts
from rdflib import OWL, RDF, Dataset, Graph, URIRef

from mnkg.kg.iris import ONTOLOGY_IRI
from mnkg.kg.iris import Graph as G


@pytest.fixture(scope="module")
def release(built_release: BuiltRelease) -> Path:
    """The session's release, written by the real ``mnkg build``."""
    if built_release.stdout:  # empty when MNKG_TEST_RELEASE gave a folder built beforehand
        assert "release written to" in built_release.stdout
    return built_release.path


@pytest.mark.parametrize(
    ("name", "fmt"), [("mnkg-base.ttl", "turtle"), ("mnkg.ttl", "turtle"), ("mnkg.owl", "xml")]
)
def test_release_file_parses_with_rdflib_and_has_a_version_iri(
    release: Path, name: str, fmt: str
) -> None:
    graph = Graph().parse(release / name, format=fmt)
    assert (URIRef(ONTOLOGY_IRI), OWL.versionIRI, None) in graph
    assert len(list(graph.subjects(RDF.type, OWL.Ontology))) == 1


def test_full_release_holds_the_inferred_axioms_and_base_does_not(release: Path) -> None:
    full = Graph().parse(release / "mnkg.ttl")
    base = Graph().parse(release / "mnkg-base.ttl")
    als = URIRef("http://purl.obolibrary.org/obo/MONDO_0004976")
    mixed = URIRef("https://w3id.org/mnkg/MNKG_0000402")
    from rdflib import RDFS

    assert (als, RDFS.subClassOf, mixed) in full
    assert (als, RDFS.subClassOf, mixed) not in base


@pytest.mark.parametrize("name", ["mnkg.owl", "mnkg-merged.nt"])
def test_release_loads_in_owlready2(release: Path, name: str) -> None:
    world = owlready2.World()
    onto = world.get_ontology((release / name).as_uri()).load()
    labels = {str(c.label.first()) for c in world.classes()}
    assert "amyotrophic lateral sclerosis" in labels
    assert onto is not None
    world.close()


def test_nquads_keep_the_named_graphs_apart(release: Path) -> None:
    dataset = Dataset()
    dataset.parse(release / "mnkg.nq", format="nquads")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {G.ONTOLOGY, G.IMPORTS, G.INFERRED, G.REDUNDANT, G.NONREDUNDANT} <= names


def test_summary_counts(release: Path) -> None:
    summary = json.loads((release / "summary.json").read_text())
    assert summary["terms"]["mnkg"] > 100
    assert summary["inferred_axioms"]["subclass_of"] > 50
    assert summary["unsatisfiable"] == 0
    assert summary["curated"] == expected_curated_counts()


def test_a_failed_build_leaves_the_previous_release(release: Path, tmp_path: Path) -> None:
    """A build that fails (here: an unwritable parent) must not touch the existing release."""
    before = sorted(p.name for p in release.iterdir())
    from mnkg.kg.release.pipeline import swap_into_place

    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "marker").write_text("new")
    target = tmp_path / "target"
    target.mkdir()
    (target / "marker").write_text("old")
    swap_into_place(staging, target)
    assert (target / "marker").read_text() == "new"
    assert not staging.exists()
    assert sorted(p.name for p in release.iterdir()) == before


def test_the_release_holds_the_whole_hpo_hierarchy_and_the_weights(release: Path) -> None:
    """Without ``mnkg import-hpo`` the build writes HPO's classes (no annotations) and the
    localization weights, each in its own file and graph, outside SHACL and HermiT."""
    from pyoxigraph import Store as OxStore

    store = OxStore()
    for name in ("hpo.nq", "localization.nq"):
        with open(release / name, "rb") as handle:
            store.bulk_load(handle, "application/n-quads")
    graphs = {str(g.value) for g in store.named_graphs()}
    assert G.HPO in graphs and G.LOCALIZATION in graphs
    assert G.HPO_ANNOTATIONS not in graphs  # the annotations stay what import-hpo adds
    hp = "http://purl.obolibrary.org/obo/HP_"
    (count,) = next(
        iter(
            store.query(
                f"SELECT (COUNT(?t) AS ?n) WHERE {{ GRAPH <{G.HPO}> "
                f"{{ ?t <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}"
            )
        )
    )
    assert int(count.value) > 15000
    obsolete = next(
        iter(
            store.query(
                f"SELECT ?r WHERE {{ GRAPH <{G.HPO}> {{ <{hp}0011349> "
                "<http://purl.obolibrary.org/obo/IAO_0100001> ?r } }"
            )
        )
    )
    assert obsolete[0].value == hp + "0006897"  # obsolete Abducens palsy -> Abducens palsy
    summary = json.loads((release / "summary.json").read_text())
    assert summary["localization_weights"] > 1000
