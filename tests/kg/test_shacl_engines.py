"""pyshacl-turbo (the build's SHACL engine) gives pyshacl's report on every shape fixture.

The build validates with pyshacl-turbo because it is an order of magnitude faster; it may do so
only where it agrees with pyshacl. Each fixture breaks one shape; both engines run that shape
over it (as ``test_shapes.py`` does) and must report the same results, finding for finding, and
report graphs that are isomorphic. (Running every shape over every fixture agrees too, but
costs pyshacl about a minute.)
"""

from __future__ import annotations

import pytest
from helpers.kg_fixtures import SHAPE_FIXTURES, ShapeFixture, read_shape_fixture
from rdflib import Graph as RDFGraph
from rdflib.compare import to_isomorphic

from mnkg.kg.qc.validate import merged, validate_graph

FIXTURES = [read_shape_fixture(path) for path in SHAPE_FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.path.stem for f in FIXTURES])
def test_both_engines_give_the_same_report(
    fixture: ShapeFixture, ontology_graph: RDFGraph, all_shapes: RDFGraph
) -> None:
    data = RDFGraph().parse(fixture.path, format="turtle")
    if fixture.background == "ontology":
        data = merged(ontology_graph, data)
    shapes = [fixture.shape]
    reference = validate_graph(data, shapes=all_shapes, use_shapes=shapes, engine="pyshacl")
    turbo = validate_graph(data, shapes=all_shapes, use_shapes=shapes, engine="pyshacl-turbo")
    assert not reference.conforms, "a failing fixture must fail"
    assert turbo.conforms == reference.conforms
    assert turbo.findings == reference.findings
    assert to_isomorphic(turbo.report_graph) == to_isomorphic(reference.report_graph)
