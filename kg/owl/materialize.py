"""Ubergraph-style materialization: what the reasoner concluded, as plain triples.

Given the ontology, its imports and HermiT's inferred subclass axioms, this writes:

- the **redundant** graph: every ``C rdfs:subClassOf D`` in the inferred hierarchy (transitively
  closed, not reflexive), and for every ``A SubClassOf R some D`` (asserted, or a conjunct of an
  equivalence) a direct triple ``C R D'`` for every named C under A and every named D' above D,
  also for every super-property of R, and closed over transitive properties;
- the **nonredundant** graph: the transitive reduction of the redundant one (the direct parents,
  and for each ``C R D`` only the edges not implied by a more specific D, a more general C, or
  a chain of a transitive R).

Each step is one SPARQL query run by pyoxigraph; there is no rule engine of our own.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph

SUBCLASS_CLOSURE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
CONSTRUCT { ?c rdfs:subClassOf ?d }
WHERE {
  ?c a owl:Class . FILTER(isIRI(?c))
  ?c (rdfs:subClassOf|owl:equivalentClass|^owl:equivalentClass)+ ?d .
  FILTER(isIRI(?d) && ?c != ?d && ?d != owl:Thing)
}
"""

# A named class A with an existential (directly, or as a conjunct of an equivalence), then every
# named C under A, every named D' above D, and every super-property S of R. The (A, R, D) rows
# come from a subquery: joined with the three paths directly, pyoxigraph evaluated the paths
# before the restrictions (1.2 s against 0.3 s here, the same triples).
EXISTENTIAL_EDGES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
CONSTRUCT { ?c ?s ?d2 }
WHERE {
  {
    SELECT DISTINCT ?a ?p ?d WHERE {
      {
        ?a rdfs:subClassOf ?r .
      } UNION {
        ?a owl:equivalentClass ?r .
      } UNION {
        ?a owl:equivalentClass/owl:intersectionOf/rdf:rest*/rdf:first ?r .
      }
      FILTER(isIRI(?a))
      ?r a owl:Restriction ; owl:onProperty ?p ; owl:someValuesFrom ?d .
      FILTER(isIRI(?d))
    }
  }
  ?p rdfs:subPropertyOf* ?s .
  ?c rdfs:subClassOf* ?a . FILTER(isIRI(?c))
  ?d rdfs:subClassOf* ?d2 . FILTER(isIRI(?d2))
}
"""

TRANSITIVE_PROPERTIES = """
SELECT ?p WHERE { ?p a <http://www.w3.org/2002/07/owl#TransitiveProperty> FILTER(isIRI(?p)) }
"""

# SPARQL has no path over a variable predicate: run once per transitive property, whose IRI
# comes from the ontology and is written by pyoxigraph's NamedNode (so it is escaped).
TRANSITIVE_CLOSURE = "CONSTRUCT {{ ?c {p} ?e }} WHERE {{ ?c {p}+ ?e FILTER(?c != ?e) }}"

# Each MINUS removes the edges a more specific D, a more general C or a chain of a transitive R
# implies. Every variable the two sides share is bound on both, so MINUS means FILTER NOT
# EXISTS here; pyoxigraph evaluates it as one anti-join instead of one pattern per edge
# (0.05 s against 1.1 s here, the same triples).
NONREDUNDANT = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?c ?p ?d }
WHERE {
  GRAPH <urn:redundant> { ?c ?p ?d }
  MINUS {
    GRAPH <urn:redundant> { ?c ?p ?d2 . ?d2 rdfs:subClassOf ?d . }
    FILTER(?d2 != ?d)
  }
  MINUS {
    GRAPH <urn:redundant> { ?c rdfs:subClassOf ?c2 . ?c2 ?p ?d . }
    FILTER(?p != rdfs:subClassOf && ?c2 != ?c)
  }
  MINUS {
    GRAPH <urn:ontology> { ?p a <http://www.w3.org/2002/07/owl#TransitiveProperty> }
    GRAPH <urn:redundant> { ?c ?p ?x . ?x ?p ?d . }
    FILTER(?x != ?c && ?x != ?d)
  }
}
"""


def _to_store(graphs: Iterable[Graph]) -> ox.Store:
    store = ox.Store()
    for graph in graphs:
        data = graph.serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def _construct(store: ox.Store, query: str) -> list[ox.Triple]:
    return list(store.query(query))  # type: ignore[arg-type]


def _to_rdflib(triples: Iterable[ox.Triple]) -> Graph:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def materialize(ontology: Graph, inferred: Graph, *extra: Graph) -> tuple[Graph, Graph]:
    """Return the (redundant, nonredundant) graphs for ontology + imports + inferred axioms."""
    store = _to_store([ontology, inferred, *extra])
    hierarchy = _construct(store, SUBCLASS_CLOSURE)
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in hierarchy)
    edges = _construct(store, EXISTENTIAL_EDGES)
    edge_store = ox.Store()
    edge_store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in edges)
    transitive = [row["p"] for row in store.query(TRANSITIVE_PROPERTIES)]  # type: ignore[union-attr]
    closed = list(edges)
    for prop in transitive:
        closed += _construct(edge_store, TRANSITIVE_CLOSURE.format(p=prop))
    redundant_triples = {*hierarchy, *closed}

    reduction = ox.Store()
    redundant_graph = ox.NamedNode("urn:redundant")
    reduction.extend(
        ox.Quad(t.subject, t.predicate, t.object, redundant_graph) for t in redundant_triples
    )
    ontology_graph = ox.NamedNode("urn:ontology")
    transitive_type = ox.NamedNode("http://www.w3.org/2002/07/owl#TransitiveProperty")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    reduction.extend(
        ox.Quad(prop, rdf_type, transitive_type, ontology_graph) for prop in transitive
    )
    nonredundant_triples = _construct(reduction, NONREDUNDANT)
    return _to_rdflib(redundant_triples), _to_rdflib(nonredundant_triples)


__all__ = ["materialize"]
