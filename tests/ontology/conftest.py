"""Shared fixtures: one HermiT classification of the packaged ontology per test session."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rdflib import RDFS, Graph, URIRef

from mnkg.kg.owl.reason import ReasonerResult, run_hermit
from mnkg.kg.sources.ontology import load_imports, load_ontology, tbox
from mnkg.kg.vocab.identifiers import expand


@dataclass
class Classified:
    """The packaged ontology and what HermiT concluded about it."""

    graph: Graph
    result: ReasonerResult

    def superclasses(self, curie: str) -> set[str]:
        """Named superclasses of a class over asserted + inferred subclass edges."""
        edges: dict[str, set[str]] = {}
        for sub, sup in self.graph.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                edges.setdefault(str(sub), set()).add(str(sup))
        for sub, sup in self.result.inferred_subclass_of:
            edges.setdefault(sub, set()).add(sup)
        seen: set[str] = set()
        todo = [expand(curie)]
        while todo:
            for parent in edges.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


@pytest.fixture(scope="session")
def packaged_tbox() -> Graph:
    """Ontology + imports as shipped."""
    return tbox(load_ontology(), load_imports())


@pytest.fixture(scope="session")
def classified(packaged_tbox: Graph) -> Classified:
    """HermiT's classification of the packaged ontology (run once)."""
    return Classified(packaged_tbox, run_hermit(packaged_tbox))
