"""``mnkg.json``: the OBO view of the release as an obographs document (the ``obographs`` models).

Nodes and edges name terms by CURIE, as OAK writes obographs (ROBOT writes IRIs): OAK's obographs
adapter reads no prefix map, so CURIEs are what lets it print ``MNKG:0000100`` without a
``--prefix``. ``is_a`` edges carry the predicate ``is_a``, relationship edges the CURIE of their
property. The graph's ``meta`` declares the
prefixes as SHACL prefix declarations (``sh:declare`` property values ``PREFIX=URI``), the same
declarations the OWL header carries.
"""

from __future__ import annotations

from pathlib import Path

from obographs.model import (
    Definition,
    Edge,
    Graph,
    GraphDocument,
    Meta,
    Node,
    Property,
    Synonym,
    Xref,
)

from mnkg.kg.release.formats_view import OboStanza, OboView

SH_DECLARE = "http://www.w3.org/ns/shacl#declare"
SYNONYM_PREDICATES = {
    "EXACT": "hasExactSynonym",
    "RELATED": "hasRelatedSynonym",
    "BROAD": "hasBroadSynonym",
    "NARROW": "hasNarrowSynonym",
}


def _meta(stanza: OboStanza) -> Meta:
    return Meta(
        definition=Definition(val=stanza.definition) if stanza.definition else None,
        comments=[stanza.comment] if stanza.comment else None,
        synonyms=[
            Synonym(val=text, pred=SYNONYM_PREDICATES[s], synonymType=None)  # type: ignore[arg-type]
            for s, text in stanza.synonyms
        ]
        or None,
        xrefs=[Xref(val=x) for x in stanza.xrefs] or None,
        basicPropertyValues=[Property(pred=p, val=o) for p, o in stanza.mappings] or None,
        deprecated=stanza.obsolete,
    )


def _graph_meta(view: OboView) -> Meta:
    values = [Property(pred=SH_DECLARE, val=f"{p}={uri}") for p, uri in view.prefixes.items()]
    header = [
        ("http://purl.org/dc/terms/title", view.title),
        ("http://purl.org/dc/terms/description", view.description),
        ("http://purl.org/dc/terms/license", view.license),
        ("http://www.w3.org/2002/07/owl#versionInfo", view.version),
    ]
    values += [Property(pred=pred, val=val) for pred, val in header if val]
    return Meta(version=view.version_iri, basicPropertyValues=values)


def graph_document(view: OboView) -> GraphDocument:
    """One graph: a node per stanza, an edge per ``is_a`` and per relationship."""
    nodes: list[Node] = []
    edges: list[Edge] = []
    for stanza in view.stanzas:
        nodes.append(
            Node(
                id=stanza.id,
                lbl=stanza.name,
                type=stanza.kind,  # type: ignore[arg-type]
                propertyType="OBJECT" if stanza.kind == "PROPERTY" else None,
                meta=_meta(stanza),
            )
        )
        pred = "is_a" if stanza.kind == "CLASS" else "subPropertyOf"
        edges += [Edge(sub=stanza.id, pred=pred, obj=p) for p in stanza.parents]
        edges += [Edge(sub=stanza.id, pred=r, obj=t) for r, t in stanza.relationships]
    graph = Graph(id=view.ontology_iri, meta=_graph_meta(view), nodes=nodes, edges=edges)
    return GraphDocument(graphs=[graph])


def write_obographs(view: OboView, path: Path) -> None:
    """Write ``mnkg.json`` (no null fields, as ROBOT writes it)."""
    text = graph_document(view).model_dump_json(exclude_none=True, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


__all__ = ["graph_document", "write_obographs"]
