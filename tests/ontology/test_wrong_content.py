"""Wrong content becomes a reasoner error."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph

from mnkg.kg.owl.reason import run_hermit
from mnkg.kg.vocab.identifiers import expand as iri

WRONG = {
    "lower motor neuron has soma location primary motor cortex": (
        "CL:0008039 rdfs:subClassOf [ a owl:Restriction ; owl:onProperty RO:0002100 ; "
        "owl:someValuesFrom UBERON:0001384 ] .",
        "CL:0008039",
    ),
    "5q SMA is autosomal dominant": (
        "MONDO:0019079 rdfs:subClassOf [ a owl:Restriction ; owl:onProperty MNKG:0000002 ; "
        "owl:someValuesFrom HP:0000006 ] .",
        "MONDO:0019079",
    ),
    "Parkinson disease is a lower motor neuron disorder": (
        "MONDO:0005180 rdfs:subClassOf MNKG:0000401 .",
        "MONDO:0005180",
    ),
    "a cranial nerve is an upper motor neuron lesion site": (
        "UBERON:0001785 rdfs:subClassOf MNKG:0000202 .",
        "UBERON:0001785",
    ),
    "hypotonia and hypertonia in one finding": (
        'MNKG:9999999 a owl:Class ; rdfs:label "test finding"@en ; '
        "rdfs:subClassOf HP:0001252 , HP:0001276 .",
        "MNKG:9999999",
    ),
}


def with_statement(packaged_tbox: Graph, turtle: str) -> Graph:
    prefixes = "".join(
        f"@prefix {p}: <http://purl.obolibrary.org/obo/{p}_> .\n"
        for p in ("HP", "MONDO", "UBERON", "CL", "RO")
    )
    prefixes += "@prefix MNKG: <https://w3id.org/mnkg/MNKG_> .\n"
    prefixes += "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    prefixes += "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    copy = Graph()
    for triple in packaged_tbox:
        copy.add(triple)
    copy.parse(data=prefixes + turtle, format="turtle")
    return copy


@pytest.mark.parametrize("statement", sorted(WRONG))
def test_wrong_statement_is_unsatisfiable(packaged_tbox: Graph, statement: str) -> None:
    turtle, culprit = WRONG[statement]
    result = run_hermit(with_statement(packaged_tbox, turtle))
    assert not result.ok
    assert iri(culprit) in result.unsatisfiable


def test_mnkg_reason_reports_unsatisfiable_classes_by_iri_and_label(tmp_path) -> None:
    from mnkg import ontology

    edited = tmp_path / "mnkg-edit.ttl"
    turtle, _ = WRONG["lower motor neuron has soma location primary motor cortex"]
    edited.write_text(ontology.edit_file().read_text() + "\n" + turtle + "\n")
    run = subprocess.run(
        [sys.executable, "-m", "mnkg.kg.cli", "reason", "--ontology", str(edited)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1
    assert "unsatisfiable classes" in run.stderr
    assert "http://purl.obolibrary.org/obo/CL_0008039 'lower motor neuron'" in run.stderr
    assert "Traceback" not in run.stderr
    assert "Exception" not in run.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("not turtle {", "not valid Turtle")],
)
def test_mnkg_reason_bad_file_is_a_clear_error(tmp_path, content, message) -> None:
    path = tmp_path / "edit.ttl"
    if content is not None:
        path.write_text(content)
    run = subprocess.run(
        [sys.executable, "-m", "mnkg.kg.cli", "reason", "--ontology", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr
