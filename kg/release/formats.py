"""The release in the formats of the OBO toolchain: ``mnkg.owl``, ``mnkg.obo``, ``mnkg.json``
(obographs) and ``mnkg.db`` (SemSQL), written by ``mnkg build`` beside the Turtle and N-Quads.

All four come from one graph, :func:`obo_release_graph`: the full ontology (ontology + imports +
inferred subclass axioms), the direct mapping triples of the mappings graph (``skos:*Match``,
``oboInOwl:hasDbXref``), an ``oboInOwl:id`` CURIE on every class and object property (as
ROBOT writes it; pronto names terms by it) and SHACL prefix declarations on the ontology header,
so that OAK, pronto and ROBOT-style readers give the same terms, edges and mappings on each
(``docs/obo.md``).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from rdflib import OWL, RDF, SH, XSD, BNode, Graph, Literal, URIRef

from mnkg.kg.iris import ONTOLOGY_IRI
from mnkg.kg.iris import Graph as G
from mnkg.kg.release.formats_obo import write_obo
from mnkg.kg.release.formats_obographs import write_obographs
from mnkg.kg.release.formats_owl import write_owl
from mnkg.kg.release.formats_semsql import write_semsql
from mnkg.kg.release.formats_view import (
    MAPPING_PREDICATES,
    OIO,
    curie_or_none,
    declared_prefixes,
    obo_view,
)

FORMAT_FILES = {"owl": "mnkg.owl", "obo": "mnkg.obo", "obographs": "mnkg.json", "semsql": "mnkg.db"}


def prefix_declarations(graph: Graph, prefixes: Mapping[str, str]) -> None:
    """``<ontology> sh:declare [sh:prefix "MNKG"; sh:namespace "..."^^xsd:anyURI]`` per prefix."""
    ontology = URIRef(ONTOLOGY_IRI)
    for prefix, uri in prefixes.items():
        declaration = BNode(f"prefix{prefix}")
        graph.add((ontology, SH.declare, declaration))
        graph.add((declaration, SH.prefix, Literal(prefix)))
        graph.add((declaration, SH.namespace, Literal(uri, datatype=XSD.anyURI)))
    graph.bind("sh", str(SH))
    for prefix, uri in prefixes.items():
        graph.bind(prefix, uri, override=True)


def obo_release_graph(full: Graph, mappings: Graph) -> Graph:
    """The one graph the four formats are written from."""
    graph = Graph()
    for triple in full:
        graph.add(triple)
    for predicate in (*MAPPING_PREDICATES, OIO.hasDbXref):
        for subject, obj in mappings.subject_objects(predicate):
            if isinstance(subject, URIRef):
                graph.add((subject, predicate, obj))
    for rdf_type in (OWL.Class, OWL.ObjectProperty):  # pronto names terms by oboInOwl:id
        for subject in list(graph.subjects(RDF.type, rdf_type)):
            if curie := curie_or_none(subject):
                graph.add((subject, OIO.id, Literal(curie)))
    for predicate in MAPPING_PREDICATES:  # annotations, not object property assertions, in OWL
        graph.add((predicate, RDF.type, OWL.AnnotationProperty))
    prefix_declarations(graph, declared_prefixes())
    return graph


def write_formats(full: Graph, graphs: Mapping[str, Graph], folder: Path) -> dict[str, float]:
    """Write the four files into ``folder`` from the full ontology and the release's named
    graphs (mappings, redundant); return the seconds each writer took."""
    mappings, redundant = graphs[G.MAPPINGS], graphs[G.REDUNDANT]
    seconds: dict[str, float] = {}
    began = time.perf_counter()
    graph = obo_release_graph(full, mappings)
    view = obo_view(graph, mappings)
    seconds["obo view"] = time.perf_counter() - began
    writers = {
        "owl": lambda path: write_owl(graph, {**declared_prefixes(), "sh": str(SH)}, path),
        "obo": lambda path: write_obo(view, path),
        "obographs": lambda path: write_obographs(view, path),
        "semsql": lambda path: write_semsql(graph, redundant, path),
    }
    for name, writer in writers.items():
        began = time.perf_counter()
        writer(folder / FORMAT_FILES[name])
        seconds[name] = time.perf_counter() - began
    return {name: round(value, 3) for name, value in seconds.items()}


__all__ = ["FORMAT_FILES", "obo_release_graph", "prefix_declarations", "write_formats"]
