"""The wider differential (domain-wider.md) and the content errors of issue 11, one test each.

Every test here fails on the content before issue 11 (commit 6074f84): it asserts the corrected
statement in the curated tables, in the ontology axioms, or in what HermiT concludes from them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef
from rdflib.term import Node

from mnkg.kg.owl.reason import run_hermit
from mnkg.kg.sources.curation import Statement, curated_statements
from mnkg.kg.sources.negations import compiles, negation_axioms
from mnkg.kg.sources.ontology import load_ontology
from mnkg.kg.vocab.identifiers import compress as compact
from mnkg.kg.vocab.identifiers import expand as iri

UMN, LMN, MIXED, CRANIAL, NEITHER = (f"MNKG:000040{i}" for i in range(5))
UMN_SIGN, LMN_SIGN = "MNKG:0000300", "MNKG:0000301"
LMN_SITE, CRANIAL_SITE = "MNKG:0000205", "MNKG:0000206"
ALS, PLS, SMA_GROUP, SMA_5Q = "MONDO:0004976", "MONDO:0018155", "MONDO:0001516", "MONDO:0019079"
BELL, PPS, RADICULOPATHY, GBS = "MONDO:0005665", "MONDO:0017416", "MONDO:0002959", "MONDO:0016218"
SCI, MS, KENNEDY = "MONDO:0043797", "MONDO:0005301", "MONDO:0010735"
HAS_PHENOTYPE, LOCATION, CONFIRM, EXCLUDE, TREATED, BASIS = (
    "RO:0002200",
    "RO:0004026",
    "MNKG:0000003",
    "MNKG:0000007",
    "MNKG:0000004",
    "RO:0004019",
)
EMG, NCS, MRI_SPINE = "MNKG:0000501", "MNKG:0000502", "MNKG:0000504"
FIVE_Q_DRUGS = ("MNKG:0000605", "MNKG:0000606", "MNKG:0000607")
PREFIXES = (
    "@prefix UBERON: <http://purl.obolibrary.org/obo/UBERON_> .\n"
    "@prefix MNKG: <https://w3id.org/mnkg/MNKG_> .\n"
    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
)


@pytest.fixture(scope="module")
def accepted() -> set[tuple[str, str, str, bool]]:
    """(subject, predicate, object, negated) of every accepted curated statement."""
    return {
        (s.subject, s.predicate, s.object, s.negated) for s in curated_statements() if s.accepted
    }


def restrictions(graph: Graph, curie: str) -> Iterator[tuple[str, str, str]]:
    """(kind, property, filler) of the class's subClassOf restrictions; kind 'not' for negations."""
    for sup in graph.objects(URIRef(iri(curie)), RDFS.subClassOf):
        node: Node = sup
        kind = ""
        complement = graph.value(sup, OWL.complementOf)
        if complement is not None:
            node, kind = complement, "not "
        prop = graph.value(node, OWL.onProperty)
        for key, name in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only")):
            filler = graph.value(node, key)
            if prop is not None and filler is not None and not isinstance(filler, BNode):
                yield kind + name, compact(str(prop)), compact(str(filler))


def axioms(graph: Graph, curie: str) -> set[tuple[str, str, str]]:
    return set(restrictions(graph, curie))


# --- the errors, each fixed --------------------------------------------------------------------


def test_5q_drugs_are_on_5q_sma_not_on_the_sma_group(packaged_tbox: Graph, accepted) -> None:
    for drug in FIVE_Q_DRUGS:
        assert ("some", TREATED, drug) not in axioms(packaged_tbox, SMA_GROUP)
        assert (SMA_GROUP, TREATED, drug, False) not in accepted
        assert ("some", TREATED, drug) in axioms(packaged_tbox, SMA_5Q)
        assert (SMA_5Q, TREATED, drug, False) in accepted


def test_ncs_and_spinal_mri_exclude_als_mimics(packaged_tbox: Graph, accepted) -> None:
    for test in (NCS, MRI_SPINE):
        assert (ALS, CONFIRM, test, False) not in accepted
        assert ("some", CONFIRM, test) not in axioms(packaged_tbox, ALS)
        assert (ALS, EXCLUDE, test, False) in accepted
        assert ("some", EXCLUDE, test) in axioms(packaged_tbox, ALS)
    assert (ALS, CONFIRM, EMG, False) in accepted


def test_ncs_does_not_confirm_radiculopathy(packaged_tbox: Graph, accepted) -> None:
    assert (RADICULOPATHY, CONFIRM, NCS, False) not in accepted
    assert ("some", CONFIRM, NCS) not in axioms(packaged_tbox, RADICULOPATHY)
    assert (RADICULOPATHY, EXCLUDE, NCS, False) in accepted
    # SNAPs stay normal: the lesion is proximal to the dorsal root ganglion
    assert ("not some", HAS_PHENOTYPE, "HP:0007078") in axioms(packaged_tbox, RADICULOPATHY)


def test_emg_excludes_lmn_involvement_in_pls(packaged_tbox: Graph, accepted) -> None:
    assert (PLS, CONFIRM, EMG, False) not in accepted
    assert (PLS, EXCLUDE, EMG, False) in accepted
    assert ("some", CONFIRM, EMG) not in axioms(packaged_tbox, PLS)


def test_spinal_mri_confirms_no_lesion_class(packaged_tbox: Graph, accepted) -> None:
    """Spinal MRI shows cord, cauda equina and roots alike: it confirms no level."""
    assert not [a for a in axioms(packaged_tbox, MRI_SPINE) if a[1] == "MNKG:0000005"]
    assert not [s for s in accepted if s[0] == MRI_SPINE and s[1] == "MNKG:0000005"]


def test_bell_palsy_has_hypogeusia_not_ageusia(packaged_tbox: Graph, accepted) -> None:
    assert (BELL, HAS_PHENOTYPE, "HP:0000224", False) in accepted
    assert (BELL, HAS_PHENOTYPE, "HP:0041051", False) not in accepted
    assert ("some", HAS_PHENOTYPE, "HP:0000224") in axioms(packaged_tbox, BELL)
    assert ("some", HAS_PHENOTYPE, "HP:0041051") not in axioms(packaged_tbox, BELL)


def test_post_polio_syndrome_has_no_active_infection(packaged_tbox: Graph, accepted) -> None:
    poliovirus, remote = "MONDO:0024618", "MNKG:0000719"
    assert (PPS, BASIS, poliovirus, False) not in accepted
    assert ("some", BASIS, poliovirus) not in axioms(packaged_tbox, PPS)
    assert (PPS, BASIS, remote, False) in accepted
    assert ("some", BASIS, remote) in axioms(packaged_tbox, PPS)


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("UBERON:0001647", True),  # facial nerve: motor
        ("UBERON:0001650", True),  # hypoglossal nerve
        ("UBERON:0001148", True),  # median nerve: mixed
        ("UBERON:0001324", True),  # common fibular nerve
        ("UBERON:0002260", True),  # ventral root
        ("UBERON:0001785", False),  # cranial nerve as such (optic, olfactory, vestibulocochlear)
        ("UBERON:0001021", False),  # nerve as such (purely sensory nerves)
        ("UBERON:0002261", False),  # dorsal root: sensory
        ("UBERON:0000044", False),  # dorsal root ganglion
    ],
)
def test_lmn_axon_sites_are_motor_and_mixed_nerves_and_roots(
    classified, site: str, expected: bool
) -> None:
    assert (iri(LMN_SITE) in classified.superclasses(site)) is expected


def test_a_purely_sensory_cranial_nerve_is_no_lmn_site(packaged_tbox: Graph) -> None:
    """A cranial nerve not declared to carry motor axons (the optic nerve) is no LMN site."""
    test_nerve = (
        'MNKG:9999998 a owl:Class ; rdfs:label "test sensory cranial nerve"@en ; '
        "rdfs:subClassOf UBERON:0001785 ."
    )
    graph = Graph()
    for triple in packaged_tbox:
        graph.add(triple)
    graph.parse(data=PREFIXES + test_nerve, format="turtle")
    result = run_hermit(graph)
    assert result.ok
    edges: dict[str, set[str]] = {}
    for sub, sup in [*graph.subject_objects(RDFS.subClassOf), *result.inferred_subclass_of]:
        edges.setdefault(str(sub), set()).add(str(sup))
    seen, todo = set(), [iri("MNKG:9999998")]
    while todo:
        for parent in edges.get(todo.pop(), set()) - seen:
            seen.add(parent)
            todo.append(parent)
    assert iri("UBERON:0001785") in seen
    assert iri(LMN_SITE) not in seen and iri(CRANIAL_SITE) not in seen


@pytest.mark.parametrize("sign", ["HP:0000763", "HP:0009830"])
def test_sensory_or_unspecified_neuropathy_is_no_lmn_sign(classified, sign: str) -> None:
    """Sensory neuropathy, and Peripheral neuropathy whose children include it, are no LMN sign."""
    assert iri(LMN_SIGN) not in classified.superclasses(sign)


def test_motor_neuropathy_is_an_lmn_sign(classified) -> None:
    assert iri(LMN_SIGN) in classified.superclasses("HP:0007178")


@pytest.mark.parametrize(
    "sign",
    ["HP:0001269", "HP:0002385", "HP:0002273", "HP:0010550", "HP:0004374", "HP:0010551"],
)
def test_distribution_terms_indicate_no_level(classified, sign: str) -> None:
    """Hemi-, para-, tetraparesis and paraplegia: GBS and periodic paralysis give them too."""
    supers = classified.superclasses(sign)
    assert iri(UMN_SIGN) not in supers and iri(LMN_SIGN) not in supers


@pytest.mark.parametrize("sign", ["HP:0001257", "HP:0011099", "HP:0002313", "HP:0002061"])
def test_spastic_terms_stay_upper_motor_neuron_signs(classified, sign: str) -> None:
    assert iri(UMN_SIGN) in classified.superclasses(sign)


# --- the missing findings ------------------------------------------------------------------------

MISSING = {
    "spinal cord injury: shock": (SCI, HAS_PHENOTYPE, "HP:0003470"),
    "spinal cord injury: LMN signs at the level": (SCI, HAS_PHENOTYPE, "HP:0001265"),
    "spinal cord injury: sphincters": (SCI, HAS_PHENOTYPE, "HP:0000011"),
    "spinal cord injury: retention": (SCI, HAS_PHENOTYPE, "HP:0000016"),
    "GBS: facial nerve": (GBS, LOCATION, "UBERON:0001647"),
    "GBS: cranial": (GBS, HAS_PHENOTYPE, "HP:0001349"),
    "GBS: respiratory": (GBS, HAS_PHENOTYPE, "HP:0002093"),
    "GBS (AIDP): sensory": ("MONDO:0020347", HAS_PHENOTYPE, "HP:0003401"),
    "PLS: bulbar": (PLS, HAS_PHENOTYPE, "HP:0002464"),
    "PLS: pseudobulbar affect": (PLS, HAS_PHENOTYPE, "HP:0002193"),
    "MS: bladder": (MS, HAS_PHENOTYPE, "HP:0000011"),
    "MS: INO": (MS, HAS_PHENOTYPE, "HP:0030773"),
    "MS: sensory": (MS, HAS_PHENOTYPE, "HP:0003401"),
    "ALS: respiratory failure": (ALS, HAS_PHENOTYPE, "HP:0002878"),
    "Kennedy disease: sensory neuronopathy": (KENNEDY, HAS_PHENOTYPE, "HP:0007078"),
    "Kennedy disease: dorsal root ganglion": (KENNEDY, LOCATION, "UBERON:0000044"),
}


@pytest.mark.parametrize("finding", sorted(MISSING))
def test_missing_finding_is_curated_and_an_axiom(packaged_tbox: Graph, accepted, finding) -> None:
    subject, predicate, obj = MISSING[finding]
    assert (subject, predicate, obj, False) in accepted
    assert ("some", predicate, obj) in axioms(packaged_tbox, subject)


# --- where the reasoner places the wider differential -------------------------------------------

PLACED = [
    ("MONDO:0005693", LMN, UMN),  # cauda equina syndrome: roots only
    ("MONDO:0018979", LMN, UMN),  # multifocal motor neuropathy
    ("MONDO:0007275", LMN, UMN),  # carpal tunnel syndrome
    ("MONDO:0011224", LMN, UMN),  # monomelic amyotrophy
    # lateral medullary syndrome: nucleus ambiguus, the pyramid spared (MONDO files it under
    # stroke, but a condition does not inherit its MONDO parents' sites)
    ("MONDO:0006827", CRANIAL, UMN),
    ("MONDO:0018687", LMN, UMN),  # progressive muscular atrophy, although MONDO files it under ALS
    ("MONDO:0008039", UMN, LMN),  # tropical spastic paraparesis
    ("MONDO:0006497", UMN, LMN),  # cerebral palsy
    ("MONDO:0100339", UMN, LMN),  # Friedreich ataxia: its areflexia is afferent
    ("MNKG:0000809", UMN, LMN),  # lacunar pure motor stroke
    ("MNKG:0000810", UMN, LMN),  # spinal shock: a UMN lesion that looks flaccid
    ("MONDO:0006650", MIXED, NEITHER),  # anterior spinal artery syndrome
    ("MONDO:0003754", MIXED, NEITHER),  # Brown-Sequard syndrome
    ("MNKG:0000803", MIXED, NEITHER),  # central cord syndrome
    ("MONDO:0023642", CRANIAL, NEITHER),  # Weber syndrome: crossed
    ("MONDO:0023642", MIXED, NEITHER),
    ("MNKG:0000808", MIXED, NEITHER),  # Millard-Gubler syndrome
    ("MONDO:0018556", NEITHER, LMN),  # Lambert-Eaton myasthenic syndrome
    ("MONDO:0005498", NEITHER, LMN),  # botulism
    ("MONDO:0007827", NEITHER, LMN),  # inclusion body myositis
    ("MONDO:0016122", NEITHER, LMN),  # periodic paralysis
    ("MONDO:0008056", NEITHER, LMN),  # myotonic dystrophy type 1
    ("MONDO:0004969", NEITHER, LMN),  # critical illness myopathy
    ("MONDO:0021260", None, LMN),  # sensory ganglionopathy: no motor neuron
    ("MONDO:0002104", None, UMN),  # functional weakness: no lesion
]


@pytest.mark.parametrize(("condition", "under", "not_under"), PLACED)
def test_wider_differential_is_placed_by_the_reasoner(
    classified, condition: str, under: str | None, not_under: str
) -> None:
    supers = classified.superclasses(condition)
    if under is not None:
        assert iri(under) in supers
    else:
        assert not {iri(g) for g in (UMN, LMN, NEITHER)} & supers
    assert iri(not_under) not in supers


# --- the tables and the axioms say the same ------------------------------------------------------

KEPT_OUT = "kept out of the ontology axioms"


def differential_rows() -> list[Statement]:
    return [
        s
        for s in curated_statements()
        if s.source == "domain-wider.md"
        and s.accepted
        and s.predicate in (HAS_PHENOTYPE, LOCATION, CONFIRM, EXCLUDE, TREATED, BASIS)
    ]


def test_every_differential_row_is_an_axiom_unless_kept_out(packaged_tbox: Graph) -> None:
    missing = []
    for row in differential_rows():
        kind = "not some" if row.negated else "some"
        present = (kind, row.predicate, row.object) in axioms(packaged_tbox, row.subject)
        if present == (KEPT_OUT in row.comment):
            missing.append((row.where, row.subject, row.predicate, row.object))
    assert not missing
    assert len(differential_rows()) > 800


def test_mondo_hierarchy_is_published_but_not_inherited(packaged_tbox: Graph) -> None:
    """MONDO's parents are not localisations (domain-wider.md §12): the import module has the
    edge 'lateral medullary syndrome SubClassOf brain stem infarction', the reasoner's TBox not."""
    from mnkg.kg.sources.ontology import load_imports

    edge = (URIRef(iri("MONDO:0006827")), RDFS.subClassOf, URIRef(iri("MONDO:0006686")))
    assert edge in load_imports()
    assert edge not in packaged_tbox
    own = (URIRef(iri("MONDO:0007103")), RDFS.subClassOf, URIRef(iri(ALS)))
    assert own in packaged_tbox  # our own subclass axiom between MONDO classes stays


def test_every_minted_condition_has_a_definition_and_says_why(packaged_tbox: Graph) -> None:
    iao_definition = URIRef("http://purl.obolibrary.org/obo/IAO_0000115")
    for number in range(802, 811):
        term = URIRef(iri(f"MNKG:0000{number}"))
        assert (term, RDF.type, OWL.Class) in packaged_tbox
        assert packaged_tbox.value(term, iao_definition)
        assert "No MONDO term" in str(packaged_tbox.value(term, RDFS.comment))


# --- negated rows are axioms the reasoner uses ---------------------------------------------------


def test_negated_condition_rows_compile_to_owl_axioms(packaged_tbox: Graph) -> None:
    """'Parkinson disease: not spasticity' is `SubClassOf not (has phenotype some Spasticity)`,
    compiled from the tables (the edit file holds no negation of its own)."""
    negated = [s for s in curated_statements() if compiles(s)]
    assert len(negated) > 40
    for row in negated:
        assert ("not some", row.predicate, row.object) in axioms(packaged_tbox, row.subject), row
    assert not list(load_ontology().subjects(OWL.complementOf, None))
    assert ("not some", HAS_PHENOTYPE, "HP:0001257") in axioms(packaged_tbox, "MONDO:0005180")


def test_negations_on_lesion_patterns_do_not_compile() -> None:
    """A transverse cord lesion is both an UMN and an LMN lesion: pattern negations stay rows."""
    lesion_rows = [
        s for s in curated_statements() if s.negated and s.subject.startswith("MNKG:00001")
    ]
    assert lesion_rows
    assert not negation_axioms(lesion_rows)
