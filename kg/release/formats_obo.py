"""``mnkg.obo``: the OBO view of the release as OBO 1.4, written through fastobo's syntax tree.

fastobo (the Rust OBO 1.4 parser and writer that pronto uses) does the quoting and escaping.
The header declares every prefix with an ``idspace`` clause, so pronto and OAK turn
``https://w3id.org/mnkg/MNKG_0000100`` into ``MNKG:0000100`` without a ``--prefix``.
"""

from __future__ import annotations

from pathlib import Path

import fastobo
from fastobo.header import (
    DataVersionClause,
    FormatVersionClause,
    HeaderFrame,
    IdspaceClause,
    OntologyClause,
    RemarkClause,
)
from fastobo.id import Url
from fastobo.id import parse as parse_id
from fastobo.pv import LiteralPropertyValue, ResourcePropertyValue
from fastobo.syn import Synonym
from fastobo.xref import Xref, XrefList

from mnkg.kg.release.formats_view import OboStanza, OboView

ONTOLOGY_NAME = "mnkg"
"""The ``ontology:`` header: the short name, as OBO ontologies write it (``ontology: hp``)."""


def _ident(curie: str) -> fastobo.id.BaseIdent:
    return parse_id(curie)


def _header(view: OboView) -> HeaderFrame:
    clauses: list[fastobo.header.BaseHeaderClause] = [FormatVersionClause("1.4")]
    if view.version:
        clauses.append(DataVersionClause(view.version))
    clauses.append(OntologyClause(ONTOLOGY_NAME))
    for prefix, uri in view.prefixes.items():
        clauses.append(IdspaceClause(prefix, Url(uri)))
    if view.title:
        clauses.append(RemarkClause(view.title))
    pvs = [("dcterms:title", view.title), ("dcterms:description", view.description)]
    for relation, text in pvs:
        if text:
            value = LiteralPropertyValue(_ident(relation), text, _ident("xsd:string"))
            clauses.append(fastobo.header.PropertyValueClause(value))
    if view.license:
        value = ResourcePropertyValue(_ident("dcterms:license"), Url(view.license))
        clauses.append(fastobo.header.PropertyValueClause(value))
    if view.version_iri:
        value = ResourcePropertyValue(_ident("owl:versionIRI"), Url(view.version_iri))
        clauses.append(fastobo.header.PropertyValueClause(value))
    return HeaderFrame(clauses)


def _clauses(stanza: OboStanza, module: object) -> list[object]:
    """The clauses of a ``[Term]`` (module fastobo.term) or ``[Typedef]`` (fastobo.typedef)."""
    clauses: list[object] = []
    if stanza.name:
        clauses.append(module.NameClause(stanza.name))  # type: ignore[attr-defined]
    if stanza.definition:
        clauses.append(module.DefClause(stanza.definition, XrefList()))  # type: ignore[attr-defined]
    if stanza.comment:
        clauses.append(module.CommentClause(stanza.comment))  # type: ignore[attr-defined]
    for scope, text in stanza.synonyms:
        clauses.append(module.SynonymClause(Synonym(text, scope)))  # type: ignore[attr-defined]
    for xref in stanza.xrefs:
        clauses.append(module.XrefClause(Xref(_xref_ident(xref))))  # type: ignore[attr-defined]
    for parent in stanza.parents:
        clauses.append(module.IsAClause(_ident(parent)))  # type: ignore[attr-defined]
    for relation, target in stanza.relationships:
        clauses.append(module.RelationshipClause(_ident(relation), _ident(target)))  # type: ignore[attr-defined]
    for relation, target in stanza.mappings:
        value = ResourcePropertyValue(_ident(relation), _ident(target))
        clauses.append(module.PropertyValueClause(value))  # type: ignore[attr-defined]
    if stanza.obsolete:
        clauses.append(module.IsObsoleteClause(True))  # type: ignore[attr-defined]
    return clauses


def _xref_ident(xref: str) -> fastobo.id.BaseIdent:
    """An xref as an OBO identifier: a CURIE, else a URL (fastobo refuses other text)."""
    if fastobo.id.is_valid(xref):
        return parse_id(xref)
    return Url(xref)


def obo_document(view: OboView) -> fastobo.doc.OboDoc:
    """The OBO document of the view: header, then one frame per class and object property."""
    frames: list[object] = []
    for stanza in view.stanzas:
        if stanza.kind == "CLASS":
            frames.append(fastobo.term.TermFrame(_ident(stanza.id), _clauses(stanza, fastobo.term)))
        else:
            clauses = _clauses(stanza, fastobo.typedef)
            frames.append(fastobo.typedef.TypedefFrame(_ident(stanza.id), clauses))
    return fastobo.doc.OboDoc(_header(view), frames)


def write_obo(view: OboView, path: Path) -> None:
    """Write ``mnkg.obo``."""
    path.write_text(str(obo_document(view)) + "\n", encoding="utf-8")


__all__ = ["ONTOLOGY_NAME", "obo_document", "write_obo"]
