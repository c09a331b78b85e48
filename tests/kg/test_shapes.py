"""Each SHACL shape has a minimal failing fixture; the report names its focus node and message."""

from __future__ import annotations

import pytest
from helpers.kg_fixtures import SHAPE_FIXTURES, ShapeFixture, read_shape_fixture
from rdflib import Graph as RDFGraph
from rdflib.namespace import SH

from mnkg import ontology as sources
from mnkg.kg.qc.validate import merged, validate_graph

FIXTURES = [read_shape_fixture(path) for path in SHAPE_FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.path.stem for f in FIXTURES])
def test_failing_fixture_is_reported_with_focus_and_message(
    fixture: ShapeFixture, ontology_graph: RDFGraph, all_shapes: RDFGraph
) -> None:
    data = RDFGraph().parse(fixture.path, format="turtle")
    if fixture.background == "ontology":
        data = merged(ontology_graph, data)
    report = validate_graph(data, shapes=all_shapes, use_shapes=[fixture.shape])
    assert not report.conforms
    hits = [f for f in report.findings if f.focus_iri == fixture.focus]
    assert hits, f"no result for {fixture.focus}; got {[f.focus for f in report.findings]}"
    assert any(fixture.message in f.message for f in hits), [f.message for f in hits]
    assert all(f.severity == "Violation" for f in hits)


def test_every_shape_has_a_failing_fixture() -> None:
    shapes = RDFGraph()
    for path in sources.shape_files():
        shapes.parse(path, format="turtle")
    named = {str(s) for s in shapes.subjects(None, SH.NodeShape) if not str(s).startswith("n")}
    named = {s for s in named if s.startswith("https://w3id.org/mnkg/shapes/")}
    covered = {f.shape for f in FIXTURES}
    assert named, "no shapes found"
    assert named <= covered, f"shapes without a failing fixture: {sorted(named - covered)}"


def test_valid_association_passes_the_association_shapes(
    ontology_graph: RDFGraph, all_shapes: RDFGraph
) -> None:
    """The counterpart of the failing fixtures: a well-formed association has no result."""
    from mnkg.kg.sources.compile import compile_statements
    from mnkg.kg.sources.curation import parse_table

    table = (
        "subject\tpredicate\tobject\tfrequency\tevidence\tsource\tcurator\tdate\n"
        "MONDO:0004976\tRO:0002200\tHP:0002380\t3/4\tECO:0000302\tdomain.md\tt\t2026-11-21\n"
    )
    kg = compile_statements(parse_table(table, name="ok.tsv"))
    shape_iris = [
        str(s)
        for s in all_shapes.subjects(None, SH.NodeShape)
        if str(s).startswith("https://w3id.org/mnkg/shapes/")
        and "Condition" not in str(s)
        and "Label" not in str(s)
        and "Header" not in str(s)
    ]
    report = validate_graph(merged(ontology_graph, kg), shapes=all_shapes, use_shapes=shape_iris)
    assert report.conforms, report.text()
