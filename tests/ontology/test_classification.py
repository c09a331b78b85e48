"""The reasoner, not the author, places conditions under UMN / LMN / mixed / cranial / neither."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDFS, URIRef

from mnkg.kg.iris import Graph as G
from mnkg.kg.vocab.identifiers import expand as iri

UMN, LMN, MIXED, CRANIAL, NEITHER = (f"MNKG:000040{i}" for i in range(5))
GROUPINGS = [UMN, LMN, MIXED, CRANIAL, NEITHER]

ALS = "MONDO:0004976"
SMA = "MONDO:0001516"
POLIO = "MONDO:0017373"
PMA = "MONDO:0018687"
BELL = "MONDO:0005665"
PBP = "MONDO:0008890"
PLS = "MONDO:0018155"
PSEUDOBULBAR = "MONDO:0006930"
HSP = "MONDO:0019064"
MG = "MONDO:0009688"
MD = "MONDO:0020121"
PD = "MONDO:0005180"

EXPECTED_UNDER = [
    (ALS, UMN),
    (ALS, LMN),
    (ALS, MIXED),
    *[(c, LMN) for c in (SMA, POLIO, PMA, BELL, PBP)],
    *[(c, UMN) for c in (PLS, PSEUDOBULBAR, HSP)],
    (BELL, CRANIAL),
    (PBP, CRANIAL),
    *[(c, NEITHER) for c in (MG, MD, PD)],
]
EXPECTED_NOT_UNDER = [
    *[(c, UMN) for c in (SMA, POLIO, PMA, BELL, PBP)],
    *[(c, LMN) for c in (PLS, PSEUDOBULBAR, HSP)],
    *[(c, g) for c in (MG, MD, PD) for g in (UMN, LMN)],
]


def test_consistent_and_no_unsatisfiable_class(classified) -> None:
    assert classified.result.consistent
    assert classified.result.unsatisfiable == []


def test_no_condition_is_placed_in_a_grouping_by_hand(classified) -> None:
    """Groupings are only reached through inferred edges, so the tests below test the reasoner."""
    asserted = {
        (str(s), str(o))
        for s, o in classified.graph.subject_objects(RDFS.subClassOf)
        if isinstance(o, URIRef)
    }
    for condition, grouping in EXPECTED_UNDER:
        assert (iri(condition), iri(grouping)) not in asserted


@pytest.mark.parametrize(("condition", "grouping"), EXPECTED_UNDER)
def test_condition_inferred_under(classified, condition: str, grouping: str) -> None:
    assert iri(grouping) in classified.superclasses(condition)


@pytest.mark.parametrize(("condition", "grouping"), EXPECTED_NOT_UNDER)
def test_condition_not_inferred_under(classified, condition: str, grouping: str) -> None:
    assert iri(grouping) not in classified.superclasses(condition)


@pytest.mark.parametrize(
    ("sign", "grouping"),
    [
        ("HP:0002380", "MNKG:0000301"),  # Fasciculations: LMN sign
        ("HP:0001284", "MNKG:0000301"),  # Areflexia, through Reduced tendon reflexes
        ("HP:0003487", "MNKG:0000300"),  # Babinski sign: UMN sign
        ("HP:0002169", "MNKG:0000300"),  # Clonus, through Hyperreflexia
        ("HP:0001308", "MNKG:0000303"),  # Tongue fasciculations: cranial LMN sign
        ("HP:0003473", "MNKG:0000302"),  # Fatigable weakness: not a motor neuron sign
    ],
)
def test_sign_classified_by_the_lesion_it_indicates(classified, sign: str, grouping: str) -> None:
    assert iri(grouping) in classified.superclasses(sign)


def test_rigidity_is_not_an_upper_motor_neuron_sign(classified) -> None:
    """Extrapyramidal rigidity is hypertonia but not spasticity (domain.md §1)."""
    assert iri("MNKG:0000300") not in classified.superclasses("HP:0007076")
    assert iri("MNKG:0000302") in classified.superclasses("HP:0007076")


def test_the_build_infers_what_hermit_infers_for_the_ontology_alone(
    classified, built_release
) -> None:
    """The build classifies the ontology together with the claims audit's classes (one run) and
    reads the ontology's own result off it; that must be HermiT's answer for the ontology alone,
    axiom for axiom: a faster build may not change the inferred graph."""
    inferred = ox.NamedNode(G.INFERRED)
    subclass = ox.NamedNode(str(RDFS.subClassOf))
    in_release = {
        (q.subject.value, q.object.value)
        for q in ox.parse(path=str(built_release.path / "mnkg.nq"), format=ox.RdfFormat.N_QUADS)
        if q.graph_name == inferred and q.predicate == subclass
    }
    assert len(in_release) > 200  # the curated ontology's 242 inferred axioms, not an empty graph
    assert in_release == set(classified.result.inferred_subclass_of)
