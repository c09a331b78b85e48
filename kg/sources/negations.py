"""Negated curated rows as OWL axioms the reasoner uses.

A curated row ``S P O`` with ``negated`` true ("Parkinson disease: not spasticity") says the
finding, site or treatment is not a feature of the condition. Under the all-some reading of the
ontology (docs/ontology.md) that is the class axiom

    S SubClassOf not (P some O)          i.e.   S SubClassOf P only (not O)

HermiT then refutes "Parkinson disease has phenotype Spasticity" and the claims audit names this
axiom as its reason. Only rows on conditions (MONDO classes and MNKG 00008xx) compile: a negated
row on a lesion pattern ("an LMN lesion has no Babinski sign") describes the pure pattern, and as
a universal axiom it would make every mixed lesion (a transverse cord lesion is both an UMN and
an LMN lesion) unsatisfiable.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef

from mnkg.kg.sources.curation import Statement
from mnkg.kg.vocab import identifiers

CONDITION = re.compile(r"^(MONDO:\d{7}|MNKG:00008\d\d)$")
NEGATABLE = frozenset({"RO:0002200", "RO:0004026", "MNKG:0000004", "RO:0004019"})
"""has phenotype, disease has location, is treated by, disease has basis in."""


def compiles(statement: Statement) -> bool:
    """True for an accepted negated row on a condition with a negatable predicate."""
    return (
        statement.negated
        and statement.accepted
        and statement.predicate in NEGATABLE
        and bool(CONDITION.match(statement.subject))
    )


def _node(statement: Statement, role: str) -> BNode:
    """A blank node named from the statement, so the axioms serialise the same every build."""
    key = f"{statement.subject}|{statement.predicate}|{statement.object}|{role}"
    return BNode("neg" + hashlib.sha256(key.encode()).hexdigest()[:16])


def negation_axioms(statements: Iterable[Statement]) -> Graph:
    """``S rdfs:subClassOf [ owl:complementOf [ P some O ] ]`` for every row that compiles."""
    graph = Graph()
    for statement in statements:
        if not compiles(statement):
            continue
        complement, restriction = _node(statement, "not"), _node(statement, "some")
        graph.add((URIRef(identifiers.expand(statement.subject)), RDFS.subClassOf, complement))
        graph.add((complement, RDF.type, OWL.Class))
        graph.add((complement, OWL.complementOf, restriction))
        graph.add((restriction, RDF.type, OWL.Restriction))
        graph.add((restriction, OWL.onProperty, URIRef(identifiers.expand(statement.predicate))))
        graph.add((restriction, OWL.someValuesFrom, URIRef(identifiers.expand(statement.object))))
    return graph


__all__ = ["NEGATABLE", "compiles", "negation_axioms"]
