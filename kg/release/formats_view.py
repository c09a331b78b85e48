"""The OBO view of the full ontology: what the OBO, obographs and SemSQL releases share.

OBO 1.4 and obographs describe terms as stanzas: an ID, a name, a definition, synonyms,
cross-references, ``is_a`` parents and ``relationship`` edges (``C SubClassOf R some D``).
:func:`obo_view` reads those from the full ontology (ontology + imports + inferred subclass
axioms, the graph of ``mnkg.owl``) and the direct mapping triples of the mappings graph, so
that every format states the same terms, edges and mappings. OWL axioms OBO cannot state
(unions, universal restrictions, complements) stay in ``mnkg.owl`` and ``mnkg.db`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef

from mnkg.kg.errors import UserError
from mnkg.kg.iris import ONTOLOGY_IRI
from mnkg.kg.vocab.identifiers import compress, prefix_map

OIO = Namespace("http://www.geneontology.org/formats/oboInOwl#")
IAO_DEFINITION = URIRef("http://purl.obolibrary.org/obo/IAO_0000115")
DCTERMS = Namespace("http://purl.org/dc/terms/")

SYNONYM_SCOPES = {
    OIO.hasExactSynonym: "EXACT",
    OIO.hasRelatedSynonym: "RELATED",
    OIO.hasBroadSynonym: "BROAD",
    OIO.hasNarrowSynonym: "NARROW",
}
MAPPING_PREDICATES = (
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
)
"""SKOS mapping predicates kept as ``property_value`` (OBO) and ``meta.basicPropertyValues``."""

BUILTIN_PREFIXES = frozenset({"rdf", "rdfs", "owl", "xsd"})
"""Prefixes every RDF and OBO reader knows; they are not declared again."""


@dataclass(slots=True)
class OboStanza:
    """One class or object property as OBO and obographs describe it (all IDs are CURIEs)."""

    id: str
    iri: str
    kind: str  # "CLASS" or "PROPERTY"
    name: str | None = None
    definition: str | None = None
    comment: str | None = None
    obsolete: bool = False
    synonyms: list[tuple[str, str]] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    relationships: list[tuple[str, str]] = field(default_factory=list)
    mappings: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class OboView:
    """The header and the stanzas of one release, sorted by ID."""

    ontology_iri: str
    version_iri: str | None
    version: str | None
    title: str | None
    description: str | None
    license: str | None
    prefixes: dict[str, str]
    stanzas: list[OboStanza]


def curie_or_none(node: object) -> str | None:
    """The CURIE of an IRI under the project's prefix map, or None (blank nodes, unknown IRIs)."""
    if not isinstance(node, URIRef):
        return None
    try:
        return compress(str(node))
    except UserError:
        return None


def declared_prefixes() -> dict[str, str]:
    """The prefixes every release format declares (OBO ``idspace``, obographs meta, SemSQL
    ``prefix``, ``xmlns`` and ``sh:declare`` in the OWL header), so that OAK needs no
    ``--prefix``: the project's prefix map without the W3C built-ins, MNKG first."""
    known = prefix_map()
    ordered = ["MNKG", *sorted(p for p in known if p != "MNKG" and p not in BUILTIN_PREFIXES)]
    return {prefix: known[prefix] for prefix in ordered}


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(subject, predicate) if isinstance(v, Literal))
    return values[0] if values else None


def _existential(graph: Graph, node: BNode) -> tuple[str, str] | None:
    """``(R, D)`` of a restriction ``R some D`` with named R and D, else None."""
    prop = curie_or_none(graph.value(node, OWL.onProperty))
    filler = curie_or_none(graph.value(node, OWL.someValuesFrom))
    return (prop, filler) if prop and filler else None


def _edges(graph: Graph, subject: URIRef, stanza: OboStanza) -> None:
    parents: set[str] = set()
    relationships: set[tuple[str, str]] = set()
    for parent in graph.objects(subject, RDFS.subClassOf):
        if isinstance(parent, BNode):
            edge = _existential(graph, parent)
            if edge:
                relationships.add(edge)
        elif (curie := curie_or_none(parent)) and parent != subject:
            parents.add(curie)
    if stanza.kind == "PROPERTY":
        parents |= {
            c for p in graph.objects(subject, RDFS.subPropertyOf) if (c := curie_or_none(p))
        }
    stanza.parents = sorted(parents)
    stanza.relationships = sorted(relationships)


def _stanza(graph: Graph, mappings: Graph, subject: URIRef, kind: str) -> OboStanza | None:
    curie = curie_or_none(subject)
    if curie is None:
        return None
    stanza = OboStanza(id=curie, iri=str(subject), kind=kind)
    stanza.name = _text(graph, subject, RDFS.label)
    stanza.definition = _text(graph, subject, IAO_DEFINITION)
    stanza.comment = _text(graph, subject, RDFS.comment)
    stanza.obsolete = any(str(v).lower() == "true" for v in graph.objects(subject, OWL.deprecated))
    stanza.synonyms = sorted(
        {
            (scope, str(text))
            for p, scope in SYNONYM_SCOPES.items()
            for text in graph.objects(subject, p)
        }
    )
    xrefs = {str(x) for g in (graph, mappings) for x in g.objects(subject, OIO.hasDbXref)}
    stanza.xrefs = sorted(xrefs)
    stanza.mappings = sorted(
        {
            (pc, oc)
            for p in MAPPING_PREDICATES
            for o in mappings.objects(subject, p)
            if (pc := curie_or_none(p)) and (oc := curie_or_none(o))
        }
    )
    _edges(graph, subject, stanza)
    return stanza


def obo_view(full: Graph, mappings: Graph) -> OboView:
    """The stanzas of every named class and object property of ``full`` with a known prefix."""
    onto = URIRef(ONTOLOGY_IRI)
    version_iri = full.value(onto, OWL.versionIRI)
    kinds = [(OWL.Class, "CLASS"), (OWL.ObjectProperty, "PROPERTY")]
    stanzas = [
        stanza
        for rdf_type, kind in kinds
        for subject in sorted(set(full.subjects(RDF.type, rdf_type)), key=str)
        if isinstance(subject, URIRef) and (stanza := _stanza(full, mappings, subject, kind))
    ]
    return OboView(
        ontology_iri=ONTOLOGY_IRI,
        version_iri=str(version_iri) if version_iri else None,
        version=_text(full, onto, OWL.versionInfo),
        title=_text(full, onto, DCTERMS.title),
        description=_text(full, onto, DCTERMS.description),
        license=str(full.value(onto, DCTERMS.license) or "") or None,
        prefixes=declared_prefixes(),
        stanzas=sorted(stanzas, key=lambda s: (s.kind, s.id)),
    )


__all__ = [
    "BUILTIN_PREFIXES",
    "MAPPING_PREDICATES",
    "OboStanza",
    "OboView",
    "curie_or_none",
    "declared_prefixes",
    "obo_view",
]
