"""Compile curated statements to RDF: Biolink-shaped association nodes plus direct triples.

Each :class:`~mnkg.kg.sources.curation.Statement` becomes one association node whose IRI is a
hash of its identity (subject|predicate|object|qualifiers|source), so re-running the build gives the
same IRIs. Accepted, non-negated statements also yield the direct triple
``subject predicate object`` that the SPARQL queries walk. The node model is the one of the HPO
annotations (``docs/hpo-bridge.md``) so both kinds of association answer the same queries.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from rdflib import RDF, RDFS, XSD, BNode, Literal, Namespace, URIRef
from rdflib import Graph as RDFGraph
from rdflib.namespace import DCTERMS

from mnkg.kg.iris import MNKG_BASE, STATEMENT_BASE, Graph
from mnkg.kg.sources.curation import (
    DOMAIN_SOURCES,
    SEED_SOURCE,
    Statement,
    curated_statements,
    is_curie_like,
)
from mnkg.kg.vocab import identifiers

BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
"""The Biolink Model RDF namespace (as in the HPO annotations graph)."""
MNKGV = Namespace(MNKG_BASE + "vocab/")
"""Source-specific properties (curation status, pointer into the source, table row)."""
SOURCE_BASE = MNKG_BASE + "source/"
"""IRIs of the project's own source documents: ``source/seed/<file>``, ``source/domain.md``."""
PRIMARY_KNOWLEDGE_SOURCE = URIRef("https://w3id.org/biolink/infores/mnkg")
"""This curated graph as a Biolink information resource (``infores:mnkg``)."""

ASSOCIATION_CLASS: Mapping[str, str] = {
    "RO:0002200": "DiseaseToPhenotypicFeatureAssociation",
    "RO:0004026": "DiseaseOrPhenotypicFeatureToLocationAssociation",
    "MNKG:0000002": "DiseaseOrPhenotypicFeatureToGeneticInheritanceAssociation",
}
"""Biolink association class per predicate; any other predicate gives ``biolink:Association``."""

ASSOCIATION_CLASSES: tuple[str, ...] = (*sorted(set(ASSOCIATION_CLASS.values())), "Association")

FREQUENCY_FRACTION = re.compile(r"^(\d+)/(\d+)$")
FREQUENCY_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")


def iri(curie: str) -> URIRef:
    """The IRI of a canonical CURIE, through the project's one converter."""
    return URIRef(identifiers.expand(curie))


def statement_iri(statement: Statement) -> URIRef:
    """The stable IRI of a statement: ``statement/<sha256 of its identity, 20 hex>``."""
    digest = hashlib.sha256(statement.identity().encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{STATEMENT_BASE}{digest}")


def source_iri(source: str) -> URIRef:
    """The IRI of a source cell: seed file, domain document, PMID (converter) or the URL itself."""
    seed = SEED_SOURCE.match(source)
    if seed:
        return URIRef(f"{SOURCE_BASE}seed/{seed.group(1)}")
    if source in DOMAIN_SOURCES:
        return URIRef(SOURCE_BASE + source)
    if source.startswith(("http://", "https://")):
        return URIRef(source)
    return iri(source)


def _frequency(graph: RDFGraph, node: URIRef, frequency: str) -> None:
    """Write a frequency as the HPO annotations do; keep anything else as a literal to check.

    A malformed value is kept as ``biolink:frequency_qualifier "<text>"`` so that the SHACL
    shape (not the compiler) reports it, with the statement as focus node.
    """
    if not frequency:
        return
    fraction = FREQUENCY_FRACTION.match(frequency)
    percent = FREQUENCY_PERCENT.match(frequency)
    if is_curie_like(frequency) and not fraction:
        graph.add((node, BIOLINK.frequency_qualifier, iri(frequency)))
    elif fraction:
        count, total = int(fraction.group(1)), int(fraction.group(2))
        graph.add((node, BIOLINK.has_count, Literal(count)))
        graph.add((node, BIOLINK.has_total, Literal(total)))
        if total > 0:
            graph.add((node, BIOLINK.has_percentage, Literal(100.0 * count / total)))
            graph.add((node, MNKGV.frequency_value, Literal(count / total)))
    elif percent:
        value = float(percent.group(1))
        graph.add((node, BIOLINK.has_percentage, Literal(value)))
        graph.add((node, MNKGV.frequency_value, Literal(value / 100.0)))
    else:
        graph.add((node, BIOLINK.frequency_qualifier, Literal(frequency)))


def add_statement(
    graph: RDFGraph, statement: Statement, *, labels: Mapping[str, str] | None = None
) -> URIRef:
    """Add one statement's association node (and direct triple if accepted) to ``graph``."""
    node = statement_iri(statement)
    subject, predicate, obj = (
        iri(statement.subject),
        iri(statement.predicate),
        iri(statement.object),
    )
    kind = ASSOCIATION_CLASS.get(statement.predicate, "Association")
    graph.add((node, RDF.type, BIOLINK[kind]))
    graph.add((node, BIOLINK.subject, subject))
    graph.add((node, BIOLINK.predicate, predicate))
    graph.add((node, BIOLINK.object, obj))
    if statement.negated:
        graph.add((node, BIOLINK.negated, Literal(True)))
    _frequency(graph, node, statement.frequency)
    if statement.onset:
        graph.add((node, BIOLINK.onset_qualifier, iri(statement.onset)))
    if statement.laterality:
        graph.add((node, BIOLINK.qualifiers, iri(statement.laterality)))
    for code in statement.evidence:
        graph.add((node, BIOLINK.has_evidence, iri(code)))
    graph.add((node, BIOLINK.primary_knowledge_source, PRIMARY_KNOWLEDGE_SOURCE))
    graph.add((node, BIOLINK.publications, source_iri(statement.source)))
    automated = any(code in {"ECO:0000501", "ECO:0000361"} for code in statement.evidence)
    graph.add((node, BIOLINK.knowledge_level, Literal("knowledge_assertion")))
    graph.add(
        (node, BIOLINK.agent_type, Literal("automated_agent" if automated else "manual_agent"))
    )
    if statement.source_pointer:
        graph.add((node, MNKGV.source_pointer, Literal(statement.source_pointer)))
    if statement.comment:  # the curator's note: why a row is rejected, kept out of the axioms, ...
        graph.add((node, RDFS.comment, Literal(statement.comment)))
    graph.add((node, DCTERMS.creator, Literal(statement.curator)))
    graph.add((node, DCTERMS.created, Literal(statement.date.isoformat(), datatype=XSD.date)))
    graph.add((node, MNKGV.curation_status, Literal(statement.status)))
    if statement.where:
        graph.add((node, MNKGV.curated_in, Literal(_relative_where(statement.where))))
    if labels is not None:
        parts = [
            labels.get(c, c) for c in (statement.subject, statement.predicate, statement.object)
        ]
        text = " ".join(parts) if not statement.negated else f"{parts[0]} NOT {parts[1]} {parts[2]}"
        graph.add((node, RDFS.label, Literal(text)))
    if statement.accepted and not statement.negated and statement.predicate != "rdfs:subClassOf":
        graph.add((subject, predicate, obj))
    return node


def _relative_where(where: str) -> str:
    """``.../kg/data/als.tsv:12`` -> ``kg/data/als.tsv:12`` (no machine-specific path)."""
    marker = where.rfind("/kg/")
    return where[marker + 1 :] if marker >= 0 else where


def compile_statements(
    statements: Iterable[Statement], *, labels: Mapping[str, str] | None = None
) -> RDFGraph:
    """The RDF of the given statements, as a graph named :attr:`Graph.KG`."""
    graph = RDFGraph(identifier=URIRef(Graph.KG))
    graph.bind("biolink", BIOLINK)
    graph.bind("mnkgv", MNKGV)
    graph.bind("obo", "http://purl.obolibrary.org/obo/")
    graph.bind("MNKG", MNKG_BASE + "MNKG_")
    graph.bind("dcterms", DCTERMS)
    for statement in statements:
        add_statement(graph, statement, labels=labels)
    return graph


def labels_of(graph: RDFGraph) -> dict[str, str]:
    """CURIE -> rdfs:label for every labelled IRI of ``graph`` that the converter can compress."""
    labels: dict[str, str] = {}
    for term, label in graph.subject_objects(RDFS.label):
        if isinstance(term, BNode) or not isinstance(term, URIRef):
            continue
        curie = identifiers.converter().compress(str(term))
        if curie is not None:
            labels.setdefault(curie, str(label))
    return labels


def compile_kg(*, ontology: RDFGraph | None = None) -> RDFGraph:
    """Compile every curated table of ``kg/data`` (the build's ``# KG: compile`` step).

    ``ontology`` (optional) supplies labels for the association nodes' ``rdfs:label``.
    """
    labels = labels_of(ontology) if ontology is not None else None
    return compile_statements(curated_statements(), labels=labels)


CONDITION_IRI = re.compile(
    r"^(http://purl\.obolibrary\.org/obo/MONDO_\d{7}|https://w3id\.org/mnkg/MNKG_00008\d\d)$"
)
"""A curated condition: a MONDO class, or an MNKG condition no vocabulary has (00008xx)."""
_HAS_PHENOTYPE = URIRef("http://purl.obolibrary.org/obo/RO_0002200")
_HAS_LOCATION = URIRef("http://purl.obolibrary.org/obo/RO_0004026")


def curated_counts(graph: RDFGraph) -> dict[str, int]:
    """Counts of the accepted curated content: conditions, signs, sites and statements.

    A condition is the subject of an accepted statement (other than ``rdfs:subClassOf``) that is
    a MONDO or MNKG 00008xx class; signs and sites are the distinct objects of its accepted,
    non-negated ``has phenotype`` and ``disease has location`` statements.
    """
    conditions: set[object] = set()
    signs: set[object] = set()
    sites: set[object] = set()
    statements = 0
    for node in set(graph.subjects(MNKGV.curation_status, Literal("accepted"))):
        statements += 1
        subject = graph.value(node, BIOLINK.subject)
        predicate = graph.value(node, BIOLINK.predicate)
        if not CONDITION_IRI.match(str(subject)) or predicate == RDFS.subClassOf:
            continue
        conditions.add(subject)
        if (node, BIOLINK.negated, Literal(True)) in graph:
            continue
        if predicate == _HAS_PHENOTYPE:
            signs.add(graph.value(node, BIOLINK.object))
        elif predicate == _HAS_LOCATION:
            sites.add(graph.value(node, BIOLINK.object))
    return {
        "conditions": len(conditions),
        "signs": len(signs),
        "sites": len(sites),
        "statements": statements,
    }


def statement_count(graph: RDFGraph) -> dict[str, int]:
    """Counts for ``summary.json``: association nodes, accepted, rejected, negated."""
    nodes = set(graph.subjects(BIOLINK.subject, None))
    status = {node: str(graph.value(node, MNKGV.curation_status)) for node in nodes}
    return {
        "statements": len(nodes),
        "accepted": sum(1 for value in status.values() if value == "accepted"),
        "rejected": sum(1 for value in status.values() if value == "rejected"),
        "negated": sum(1 for node in nodes if (node, BIOLINK.negated, Literal(True)) in graph),
    }


__all__ = [
    "ASSOCIATION_CLASS",
    "ASSOCIATION_CLASSES",
    "BIOLINK",
    "MNKGV",
    "PRIMARY_KNOWLEDGE_SOURCE",
    "add_statement",
    "compile_kg",
    "compile_statements",
    "curated_counts",
    "iri",
    "labels_of",
    "source_iri",
    "statement_count",
    "statement_iri",
]
