"""Fixtures of the knowledge-graph tests: the real ontology and the real shapes."""

from __future__ import annotations

import pytest
from rdflib import Graph as RDFGraph


@pytest.fixture(scope="session")
def ontology_graph() -> RDFGraph:
    """Ontology + import modules, as the build reads them."""
    from mnkg.kg.qc.validate import load_ontology_graph

    return load_ontology_graph()


@pytest.fixture(scope="session")
def all_shapes() -> RDFGraph:
    """Every shape file of ontology/shapes."""
    from mnkg.kg.qc.validate import shapes_graph

    return shapes_graph()
