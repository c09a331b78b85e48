"""IRIs, properties and classes the HPO graphs use, and their N-Triples forms.

Why text lines and not ``Quad`` objects: at this size (about 270,000 annotations, several million
quads) building one pyoxigraph ``Quad`` per statement costs ~4 µs each, while every distinct term
is converted once by pyoxigraph (``str(NamedNode(...))`` / ``str(Literal(...))`` give the escaped
N-Triples form) and the lines are joined as text; the store's bulk loader parses and checks the
file anyway.
"""

from __future__ import annotations

from functools import cache

from pyoxigraph import Literal, NamedNode

from mnkg.kg.iris import STATEMENT_BASE
from mnkg.kg.vocab import identifiers

OBO = "http://purl.obolibrary.org/obo/"


HP_IRI_PREFIX = OBO + "HP_"


RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


RDFS = "http://www.w3.org/2000/01/rdf-schema#"


OWL = "http://www.w3.org/2002/07/owl#"


OIO = "http://www.geneontology.org/formats/oboInOwl#"


BIOLINK = identifiers.prefix_map()["biolink"]
"""Biolink's RDF namespace, ``https://w3id.org/biolink/vocab/``."""


MNKGV = identifiers.prefix_map()["mnkgv"]
"""Source-specific properties with no Biolink slot (``frequency_value``, ``hpoa_aspect``)."""


ASSOCIATION_BASE = STATEMENT_BASE + "hpoa-"


HAS_PHENOTYPE = "RO:0002200"


HAS_CHARACTERISTIC = "RO:0000053"


def nt_iri(iri: str) -> str:
    """The N-Triples form of an IRI, checked by pyoxigraph."""
    return str(NamedNode(iri))


@cache
def _uri_prefixes() -> dict[str, str]:
    return identifiers.prefix_map()


@cache
def curie_iri(curie: str) -> str:
    """IRI of a CURIE through the project's converter (:mod:`mnkg.kg.vocab.identifiers`).

    Checked and normalised by :func:`~mnkg.kg.vocab.identifiers.normalize`, then expanded with
    the converter's prefix map, read once: ``curies``' own ``expand`` rebuilds that map on each
    call, 1-2 s over the 40,000 distinct diseases and references of an HPO release.
    """
    prefix, _, local = identifiers.normalize(curie).partition(":")
    return _uri_prefixes()[prefix] + local


@cache
def nt_curie(curie: str) -> str:
    return nt_iri(curie_iri(curie))


@cache
def nt_hp(hp_id: str) -> str:
    """N-Triples IRI of an HP term (``HP:0001234``), without the converter's overhead."""
    return nt_iri(HP_IRI_PREFIX + hp_id[3:])


def nt_str(text: str) -> str:
    return str(Literal(text))


TRUE = str(Literal(True))


class P:
    """Predicates, in N-Triples form."""

    TYPE = nt_iri(RDF + "type")
    LABEL = nt_iri(RDFS + "label")
    COMMENT = nt_iri(RDFS + "comment")
    SUBCLASS = nt_iri(RDFS + "subClassOf")
    DEPRECATED = nt_iri(OWL + "deprecated")
    VERSION_INFO = nt_iri(OWL + "versionInfo")
    DEFINITION = nt_iri(OBO + "IAO_0000115")
    REPLACED_BY = nt_iri(OBO + "IAO_0100001")
    CONSIDER = nt_iri(OIO + "consider")
    XREF = nt_iri(OIO + "hasDbXref")
    ALT_ID = nt_iri(OIO + "hasAlternativeId")
    ID = nt_iri(OIO + "id")
    SUBJECT = nt_iri(BIOLINK + "subject")
    PREDICATE = nt_iri(BIOLINK + "predicate")
    OBJECT = nt_iri(BIOLINK + "object")
    NEGATED = nt_iri(BIOLINK + "negated")
    EVIDENCE = nt_iri(BIOLINK + "has_evidence")
    FREQUENCY = nt_iri(BIOLINK + "frequency_qualifier")
    COUNT = nt_iri(BIOLINK + "has_count")
    TOTAL = nt_iri(BIOLINK + "has_total")
    PERCENTAGE = nt_iri(BIOLINK + "has_percentage")
    ONSET = nt_iri(BIOLINK + "onset_qualifier")
    SEX = nt_iri(BIOLINK + "sex_qualifier")
    QUALIFIERS = nt_iri(BIOLINK + "qualifiers")
    PUBLICATIONS = nt_iri(BIOLINK + "publications")
    PRIMARY_SOURCE = nt_iri(BIOLINK + "primary_knowledge_source")
    FREQUENCY_VALUE = nt_iri(MNKGV + "frequency_value")
    ASPECT = nt_iri(MNKGV + "hpoa_aspect")
    HPOA_VERSION = nt_iri(MNKGV + "hpoa_version")


class C:
    """Classes, in N-Triples form."""

    OWL_CLASS = nt_iri(OWL + "Class")
    ONTOLOGY = nt_iri(OWL + "Ontology")
    DISEASE = nt_iri(BIOLINK + "Disease")
    PHENOTYPE_ASSOCIATION = nt_iri(BIOLINK + "DiseaseToPhenotypicFeatureAssociation")
    ASSOCIATION = nt_iri(BIOLINK + "Association")
