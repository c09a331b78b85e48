"""The build classifies once for itself and the claims audit (``without_classes``).

HermiT runs over the ontology plus the audit's defined classes; the ontology's own result is
read off that run. These tests classify small ontologies both ways and require the same
answer, including where a hidden class sits between two of the ontology's classes (which changes
HermiT's direct superclasses) or is equivalent to one of them.
"""

from __future__ import annotations

from rdflib import Graph

from mnkg.kg.owl.reason import run_hermit, without_classes

PREFIXES = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix : <https://example.org/kept/> .
@prefix h: <https://example.org/hidden/> .
"""

ONTOLOGY = """
<https://example.org/kept> a owl:Ontology .
:p a owl:ObjectProperty .
:A a owl:Class .  :S a owl:Class ; rdfs:subClassOf :A .  :O a owl:Class .
:X a owl:Class ; rdfs:subClassOf :S , [ a owl:Restriction ; owl:onProperty :p ;
    owl:someValuesFrom :O ] .
:Y a owl:Class ; rdfs:subClassOf :X .
:W a owl:Class ; rdfs:subClassOf :S , [ a owl:Class ; owl:complementOf [ a owl:Restriction ;
    owl:onProperty :p ; owl:someValuesFrom :O ] ] .
:Z a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :S
    [ a owl:Restriction ; owl:onProperty :p ; owl:someValuesFrom :O ] ) ] .
:V a owl:Class ; rdfs:subClassOf :W , :X .
"""

HIDDEN = """
h:between a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :A
    [ a owl:Restriction ; owl:onProperty :p ; owl:someValuesFrom :O ] ) ] .
h:same a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :S
    [ a owl:Restriction ; owl:onProperty :p ; owl:someValuesFrom :O ] ) ] .
h:denial a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :S
    [ a owl:Class ; owl:complementOf [ a owl:Restriction ; owl:onProperty :p ;
      owl:someValuesFrom :O ] ] ) ] .
h:empty a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :W :X ) ] .
"""


def is_hidden(iri: str) -> bool:
    return iri.startswith("https://example.org/hidden/")


def graph(*parts: str) -> Graph:
    return Graph().parse(data=PREFIXES + "".join(parts), format="turtle")


def test_one_run_with_hidden_classes_gives_the_ontologys_own_result() -> None:
    alone = run_hermit(graph(ONTOLOGY))
    combined_graph = graph(ONTOLOGY, HIDDEN)
    combined = run_hermit(combined_graph)
    # the hidden classes do change what HermiT reports directly ...
    assert "https://example.org/hidden/empty" in combined.unsatisfiable
    assert set(combined.inferred_subclass_of) != set(alone.inferred_subclass_of)
    # ... and the ontology's own result is recovered exactly
    own = without_classes(combined, combined_graph, is_hidden)
    assert own is not None
    assert own.consistent == alone.consistent
    assert own.inferred_subclass_of == alone.inferred_subclass_of
    assert own.inferred_equivalent == alone.inferred_equivalent == []
    assert own.unsatisfiable == alone.unsatisfiable == ["https://example.org/kept/V"]
    assert ("https://example.org/kept/X", "https://example.org/kept/Z") in own.inferred_subclass_of


def test_equivalent_ontology_classes_ask_for_a_run_of_their_own() -> None:
    twin = ":T a owl:Class ; owl:equivalentClass :S .\n"
    combined_graph = graph(ONTOLOGY, twin, HIDDEN)
    assert without_classes(run_hermit(combined_graph), combined_graph, is_hidden) is None
