"""Explanations for the claims audit: the axioms around a refuted claim, rendered with labels.

A heuristic explanation, not a minimal justification: the refuting kinds of axiom (disjointness,
closure, negation, functional properties, definitions) found in the neighbourhood of the claim's
terms (their asserted and inferred superclasses, the classes their axioms mention, and theirs).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, BNode, URIRef
from rdflib import Graph as RDFGraph
from rdflib.collection import Collection
from rdflib.term import Node

from mnkg.kg.vocab import identifiers


class Renderer:
    """Manchester-like text for classes and axioms, with labels."""

    def __init__(self, graph: RDFGraph) -> None:
        self.graph = graph

    def name(self, node: Node) -> str:
        if isinstance(node, URIRef):
            label = self.graph.value(node, RDFS.label)
            curie = identifiers.converter().compress(str(node)) or str(node)
            return f"{curie} '{label}'" if label is not None else curie
        return self.expression(node)

    def expression(self, node: Node) -> str:
        g = self.graph
        if isinstance(node, URIRef):
            return self.name(node)
        prop = g.value(node, OWL.onProperty)
        if prop is not None:
            for kind, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only")):
                filler = g.value(node, kind)
                if filler is not None:
                    return f"({self.name(prop)} {word} {self.expression(filler)})"
            return f"({self.name(prop)} ...)"
        for kind, word in ((OWL.intersectionOf, " and "), (OWL.unionOf, " or ")):
            members = g.value(node, kind)
            if members is not None:
                return "(" + word.join(self.expression(m) for m in Collection(g, members)) + ")"
        complement = g.value(node, OWL.complementOf)
        if complement is not None:
            return f"not {self.expression(complement)}"
        return "(expression)"


def _mentions(graph: RDFGraph, node: Node, limit: int = 200) -> set[Node]:
    """Named classes and properties inside a class expression."""
    found: set[Node] = set()
    todo = [node]
    while todo and len(found) < limit:
        current = todo.pop()
        if isinstance(current, URIRef):
            found.add(current)
            continue
        for _, obj in graph.predicate_objects(current):
            if isinstance(obj, URIRef | BNode) and obj != RDF.nil and obj not in found:
                if isinstance(obj, URIRef) and obj.startswith(str(OWL)):
                    continue
                todo.append(obj)
    return found


def refuting_axioms(
    graph: RDFGraph,
    *,
    subject_side: set[Node],
    object_side: set[Node],
    subject_chain: set[Node],
    predicate: Node | None,
    defined: Iterable[Node] = (),
) -> list[str]:
    """Axioms that can refute a claim ``S P O``.

    ``subject_side`` / ``object_side`` are the neighbourhoods of S and O; ``subject_chain`` is S
    and its superclasses. Listed: disjointness between a class of one side and a class of the
    other; closure (``only``) and negation (``not``) axioms on the subject chain; the
    functional declaration of the predicate with the subject chain's existentials on it; the
    definitions of the claim's own terms.
    """
    render = Renderer(graph)
    functional = predicate is not None and (predicate, RDF.type, OWL.FunctionalProperty) in graph
    axioms: set[str] = set()

    def across(members: list[Node]) -> bool:
        return any(
            one != other and one in subject_side and other in object_side
            for one in members
            for other in members
        )

    for disjoint in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(disjoint, OWL.members)
        members = list(Collection(graph, head)) if head is not None else []
        if across(members):
            axioms.add("DisjointClasses: " + ", ".join(render.name(m) for m in members))
    for one, other in graph.subject_objects(OWL.disjointWith):
        if across([one, other]):
            axioms.add(f"{render.name(one)} DisjointWith {render.name(other)}")
    for cls in subject_chain:
        if not isinstance(cls, URIRef):
            continue
        for parent in graph.objects(cls, RDFS.subClassOf):
            if not isinstance(parent, BNode):
                continue
            closure_or_negation = (
                graph.value(parent, OWL.allValuesFrom) is not None
                or graph.value(parent, OWL.complementOf) is not None
            )
            on_functional = functional and graph.value(parent, OWL.onProperty) == predicate
            if closure_or_negation or on_functional:
                axioms.add(f"{render.name(cls)} SubClassOf {render.expression(parent)}")
    if functional and predicate is not None:
        axioms.add(f"FunctionalObjectProperty: {render.name(predicate)}")
    axioms.update(definitions(graph, defined))
    return sorted(axioms)


def entailing_axioms(
    graph: RDFGraph,
    *,
    subject_chain: set[Node],
    object_below: set[Node],
    predicate: Node | None,
    defined: Iterable[Node] = (),
) -> list[str]:
    """Axioms from which a claim ``S P O`` follows: the subject chain's ``P some F`` axioms
    with F equal to O or below it (``object_below``), and the definitions of the claim's terms."""
    render = Renderer(graph)
    axioms: set[str] = set()
    for cls in subject_chain:
        if not isinstance(cls, URIRef):
            continue
        for parent in graph.objects(cls, RDFS.subClassOf):
            if not isinstance(parent, BNode):
                continue
            filler = graph.value(parent, OWL.someValuesFrom)
            on_predicate = predicate is None or graph.value(parent, OWL.onProperty) == predicate
            if filler is not None and on_predicate and filler in object_below:
                axioms.add(f"{render.name(cls)} SubClassOf {render.expression(parent)}")
    axioms.update(definitions(graph, defined))
    return sorted(axioms)


def definitions(graph: RDFGraph, terms: Iterable[Node]) -> set[str]:
    """``X EquivalentTo ...`` for the given named classes."""
    render = Renderer(graph)
    found = set()
    for term in terms:
        for expression in graph.objects(term, OWL.equivalentClass):
            if isinstance(expression, BNode):
                found.add(f"{render.name(term)} EquivalentTo {render.expression(expression)}")
    return found


def neighbourhood(
    graph: RDFGraph, closure: dict[Node, set[Node]], terms: Iterable[Node]
) -> set[Node]:
    """The terms, their superclasses, the named classes in their class axioms, and theirs."""
    relevant: set[Node] = set()
    for term in terms:
        relevant.add(term)
        relevant |= ancestors(closure, term)
    fillers: set[Node] = set()
    for cls in list(relevant):
        for kind in (RDFS.subClassOf, OWL.equivalentClass):
            for expression in graph.objects(cls, kind):
                if isinstance(expression, BNode):
                    fillers |= _mentions(graph, expression)
    for filler in fillers:
        relevant.add(filler)
        relevant |= ancestors(closure, filler)
    return relevant


def ancestors(closure: dict[Node, set[Node]], start: Node) -> set[Node]:
    seen: set[Node] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        for parent in closure.get(node, ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


__all__ = [
    "Renderer",
    "ancestors",
    "definitions",
    "entailing_axioms",
    "neighbourhood",
    "refuting_axioms",
]
