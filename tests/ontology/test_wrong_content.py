"""Wrong content becomes a reasoner error.

Each wrong statement ``C SubClassOf D`` is classified on a fresh class ``W_i SubClassOf C and D``:
HermiT finds ``W_i`` unsatisfiable exactly when adding the statement to ``C`` makes ``C``
unsatisfiable. Nothing else mentions a ``W_i``, so the statements cannot help each other (a model
of the ontology with one ``W_i`` extends to the others by leaving them empty), and one HermiT run
decides all of them, each on its own. ``mnkg reason`` is run on the statement itself.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future

import pytest
from helpers.concurrent_cli import Run, in_background
from rdflib import Graph

from mnkg.kg.owl.reason import ReasonerResult, run_hermit
from mnkg.kg.vocab.identifiers import expand as iri

WRONG = {
    "lower motor neuron has soma location primary motor cortex": (
        "CL:0008039",
        "[ a owl:Restriction ; owl:onProperty RO:0002100 ; owl:someValuesFrom UBERON:0001384 ]",
    ),
    "5q SMA is autosomal dominant": (
        "MONDO:0019079",
        "[ a owl:Restriction ; owl:onProperty MNKG:0000002 ; owl:someValuesFrom HP:0000006 ]",
    ),
    "Parkinson disease is a lower motor neuron disorder": ("MONDO:0005180", "MNKG:0000401"),
    "a cranial nerve is an upper motor neuron lesion site": ("UBERON:0001785", "MNKG:0000202"),
    "hypotonia and hypertonia in one finding": ("HP:0001252", "HP:0001276"),
}
"""statement: (the class C it is about, what it says C is below)."""
STATEMENTS = sorted(WRONG)
FRESH = "https://example.org/mnkg-test/wrong-statement-"


def fresh_class(statement: str) -> str:
    """The IRI of the fresh class ``W_i`` that carries one wrong statement."""
    return f"{FRESH}{STATEMENTS.index(statement)}"


def on_its_class(statement: str) -> str:
    """The statement as a curator would write it: ``C rdfs:subClassOf D .``"""
    subject, above = WRONG[statement]
    return f"{subject} rdfs:subClassOf {above} ."


def on_a_fresh_class(statement: str) -> str:
    """``W_i rdfs:subClassOf C, D .``"""
    subject, above = WRONG[statement]
    return f"<{fresh_class(statement)}> a owl:Class ; rdfs:subClassOf {subject} , {above} ."


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


@pytest.fixture(scope="module")
def every_wrong_statement(packaged_tbox: Graph) -> ReasonerResult:
    """One HermiT run over the ontology with every wrong statement, each on its fresh class."""
    turtle = "\n".join(on_a_fresh_class(statement) for statement in STATEMENTS)
    return run_hermit(with_statement(packaged_tbox, turtle))


@pytest.mark.parametrize("statement", STATEMENTS)
def test_wrong_statement_is_unsatisfiable(
    every_wrong_statement: ReasonerResult, statement: str
) -> None:
    result = every_wrong_statement
    assert result.consistent, result.message
    assert not result.ok
    assert fresh_class(statement) in result.unsatisfiable
    # the statement is refuted, not its class: C itself stays satisfiable
    assert iri(WRONG[statement][0]) not in result.unsatisfiable


@pytest.fixture(scope="module", autouse=True)
def reason_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Future[Run]]:
    """``mnkg reason`` on the edit file with a wrong statement, started when the module starts:
    the child process classifies on one core while the tests above run HermiT on the other."""
    from mnkg import ontology

    edited = tmp_path_factory.mktemp("wrong-edit") / "mnkg-edit.ttl"
    turtle = on_its_class("lower motor neuron has soma location primary motor cortex")
    edited.write_text(ontology.edit_file().read_text() + "\n" + turtle + "\n")
    command = [sys.executable, "-m", "mnkg.kg.cli", "reason", "--ontology", str(edited)]
    with in_background(command) as run:
        yield run


def test_mnkg_reason_reports_unsatisfiable_classes_by_iri_and_label(
    reason_run: Future[Run],
) -> None:
    run = reason_run.result()
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
