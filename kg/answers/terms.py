"""Term pages: everything the graph says about one term, read with SPARQL.

A page has the label, definition, synonyms, parents and children (asserted in the ontology,
imports or HPO graphs, or inferred by the reasoner; each marked), mappings, and the outgoing
and incoming edges (the non-redundant graph's relations and the curated or HPO associations)
with their evidence; negated statements and the claims of source documents are apart, in
``negated_edges`` and ``claims`` (:mod:`mnkg.kg.answers.edges`). An ID is a CURIE, a full IRI or
an external code the mappings resolve (ICD10CM:G12.21 -> MONDO:0004976); an ID the graph does
not know is a NotFound with suggestions. With ``by_label`` a label or synonym names the term too.
"""

from __future__ import annotations

import difflib
from collections.abc import MutableMapping
from typing import Any, cast

from pyoxigraph import Literal, NamedNode

from mnkg.kg.answers.edges import EDGE_LIMIT, term_edges
from mnkg.kg.answers.lookup import labels, resolve_id, select_named, term_id
from mnkg.kg.answers.models import (
    HierarchyLink,
    Scope,
    Synonym,
    TermError,
    TermMapping,
    TermPage,
    TermPages,
)
from mnkg.kg.answers.search import by_text, find
from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.iris import Graph
from mnkg.kg.store import Store
from mnkg.kg.vocab.identifiers import expand, normalize

BATCH_LIMIT = 100
"""Most IDs one ``POST /terms`` may ask for."""

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DEFINITION = "http://purl.obolibrary.org/obo/IAO_0000115"
DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"
OIO = "http://www.geneontology.org/formats/oboInOwl#"
SYNONYMS = {
    OIO + "hasExactSynonym": "exact",
    OIO + "hasRelatedSynonym": "related",
    OIO + "hasNarrowSynonym": "narrow",
    OIO + "hasBroadSynonym": "broad",
}
ASSERTED_GRAPHS = {Graph.ONTOLOGY, Graph.IMPORTS, Graph.HPO, Graph.KG}
INFERRED_GRAPHS = {Graph.INFERRED}
"""HermiT's direct inferred subclass axioms (the redundant and bridge graphs hold closures)."""


def _bind(node: NamedNode) -> dict[str, NamedNode | Literal]:
    return {"term": node}


def suggestions(
    store: Store, value: str, *, limit: int = 5, cache: MutableMapping[Any, Any] | None = None
) -> list[dict[str, str]]:
    """Terms close to an unknown ID or name: by label if it is text, by ID otherwise."""
    try:
        curie = normalize(value)
    except UserError:
        curie = None
    if curie is None:
        try:
            return [
                {"id": h.id, "label": h.label}
                for h in find(store, value.replace("_", " "), cache=cache)[:limit]
            ]
        except UserError:
            return []
    rows = select_named(store, "terms-with-iri-prefix", {"base": Literal(_iri_prefix(curie))})
    ids = {str(term_id(r["t"])): r["t"].value for r in rows}
    close = difflib.get_close_matches(curie, list(ids), n=limit, cutoff=0.6)
    names = labels(store, [ids[c] for c in close])
    return [{"id": c, "label": names.get(ids[c], "")} for c in close]


def _iri_prefix(curie: str) -> str:
    iri = expand(curie)
    local = curie.partition(":")[2]
    return iri[: len(iri) - len(local)] if iri.endswith(local) else iri


def resolve_known(
    store: Store, value: str, *, cache: MutableMapping[Any, Any] | None = None
) -> NamedNode:
    """The term an ID names, checked to be in the graph; NotFound with suggestions otherwise."""
    try:
        node = resolve_id(value)
    except NotFound as error:
        raise NotFound(
            error.message,
            detail={"id": value, "suggestions": suggestions(store, value, cache=cache)},
        ) from None
    except UserError as error:
        hits = suggestions(store, value, cache=cache)
        if hits:
            raise NotFound(
                f"{value!r} is not an ID the graph knows ({error.message})",
                detail={"id": value, "suggestions": hits},
            ) from None
        raise
    if not select_named(store, "term-exists", _bind(node)):
        raise NotFound(
            f"{term_id(node)} is not in the graph",
            detail={
                "id": value,
                "suggestions": suggestions(store, str(term_id(node)), cache=cache),
            },
        )
    return node


def resolve_term_or_label(
    store: Store, value: str, *, cache: MutableMapping[Any, Any] | None = None
) -> NamedNode:
    """As :func:`resolve_known`, and a label or synonym (exact, any case) when no ID matches."""
    try:
        return resolve_known(store, value, cache=cache)
    except UserError as by_id:
        try:
            hit = by_text(store, value, cache=cache)
        except NotFound as by_label:
            # text with blanks is a name, not a mistyped ID: say no term has that name
            raise (by_label if " " in value.strip() else by_id) from None
        return NamedNode(expand(hit.id))


def _hierarchy(store: Store, query: str, node: NamedNode) -> list[HierarchyLink]:
    found: dict[str, dict[str, Any]] = {}
    for row in select_named(store, query, _bind(node)):
        graph = row["g"].value if row["g"] is not None else ""
        if graph in ASSERTED_GRAPHS:
            asserted = True
        elif graph in INFERRED_GRAPHS:
            asserted = False
        else:
            continue
        iri = row["other"].value
        entry = found.setdefault(iri, {"id": term_id(row["other"]), "asserted": asserted})
        entry["asserted"] = entry["asserted"] or asserted
    names = labels(store, found)
    out = [
        HierarchyLink(**v, label=names.get(k, ""), inferred=not v["asserted"])
        for k, v in found.items()
    ]
    out.sort(key=lambda e: (not e.asserted, e.label.lower(), e.id))
    return out


def _literals(store: Store, node: NamedNode) -> dict[str, Any]:
    rows = [(r["p"].value, r["o"].value) for r in select_named(store, "term-literals", _bind(node))]
    label = sorted(o for p, o in rows if p == RDFS_LABEL)
    definition = sorted(o for p, o in rows if p == DEFINITION)
    synonyms = sorted({(o, SYNONYMS[p]) for p, o in rows if p in SYNONYMS})
    return {
        "label": label[0] if label else None,
        "definition": definition[0] if definition else None,
        "synonyms": [Synonym(text=s, scope=cast(Scope, scope)) for s, scope in synonyms],
        "deprecated": any(p == DEPRECATED and o == "true" for p, o in rows),
        "xrefs": sorted({o for p, o in rows if p == OIO + "hasDbXref"}, key=str.lower),
    }


def _mappings(store: Store, node: NamedNode) -> list[TermMapping]:
    mappings = [
        TermMapping(
            id=str(term_id(r["mapped"])),
            predicate=str(term_id(r["predicate"])),
            direction=r["direction"].value,
        )
        for r in select_named(store, "term-mappings", _bind(node))
    ]
    mappings.sort(key=lambda m: (m.predicate, m.id))
    return mappings


def term_page(
    store: Store,
    value: str,
    *,
    cache: MutableMapping[Any, Any] | None = None,
    by_label: bool = False,
) -> TermPage:
    """Everything the graph says about the term ``value`` names (see the module docstring)."""
    if by_label:
        node = resolve_term_or_label(store, value, cache=cache)
    else:
        node = resolve_known(store, value, cache=cache)
    texts = _literals(store, node)
    outgoing = term_edges(store, node, "outgoing")
    incoming = term_edges(store, node, "incoming")
    return TermPage(
        id=str(term_id(node)),
        iri=node.value,
        label=texts["label"],
        definition=texts["definition"],
        synonyms=texts["synonyms"],
        deprecated=texts["deprecated"],
        parents=_hierarchy(store, "term-parents", node),
        children=_hierarchy(store, "term-children", node),
        mappings=_mappings(store, node),
        xrefs=texts["xrefs"],
        outgoing=outgoing.edges,
        outgoing_total=outgoing.total,
        incoming=incoming.edges,
        incoming_total=incoming.total,
        negated_edges=outgoing.negated + incoming.negated,
        claims=outgoing.claims + incoming.claims,
    )


def term_pages(
    store: Store, values: list[str], *, cache: MutableMapping[Any, Any] | None = None
) -> TermPages:
    """Pages for a batch of IDs; unknown ones are listed in ``errors`` instead of failing all."""
    if not isinstance(values, list) or not values:
        raise UserError("give a non-empty list of IDs")
    if len(values) > BATCH_LIMIT:
        raise UserError(f"at most {BATCH_LIMIT} IDs per request, got {len(values)}")
    terms: list[TermPage] = []
    errors: list[TermError] = []
    for value in values:
        try:
            terms.append(term_page(store, value, cache=cache))
        except UserError as error:
            fields: dict[str, Any] = {"detail": error.detail} if error.detail else {}
            errors.append(
                TermError(id=value, status=error.http_status, error=error.message, **fields)
            )
    return TermPages(terms=terms, errors=errors)


__all__ = [
    "BATCH_LIMIT",
    "EDGE_LIMIT",
    "resolve_known",
    "resolve_term_or_label",
    "suggestions",
    "term_page",
    "term_pages",
]
