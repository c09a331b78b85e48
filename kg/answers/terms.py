"""Term pages: everything the graph says about one term, read with SPARQL.

A page has the label, definition, synonyms, parents and children (asserted in the ontology,
imports or HPO graphs, or inferred by the reasoner; each marked), mappings, and the outgoing
and incoming edges (the non-redundant graph's relations and the curated or HPO associations)
with their evidence. An ID is a CURIE, a full IRI or an external code the mappings resolve
(ICD10CM:G12.21 -> MONDO:0004976); an ID the graph does not know is a NotFound with suggestions.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import MutableMapping
from typing import Any

from pyoxigraph import Literal, NamedNode

from mnkg.kg.answers.lookup import association_details, labels, resolve_id, select, term_id
from mnkg.kg.answers.search import find
from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.iris import Graph
from mnkg.kg.store import Store
from mnkg.kg.vocab.identifiers import expand, normalize

EDGE_LIMIT = 200
"""Most incoming (or outgoing) edges listed on a page; the total is given alongside."""
BATCH_LIMIT = 100
"""Most IDs one ``POST /terms`` may ask for."""

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DEFINITION = "http://purl.obolibrary.org/obo/IAO_0000115"
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

_EXISTS = "SELECT ?p WHERE { { ?term ?p ?o } UNION { ?s ?p ?term } } LIMIT 1"
_LITERALS = "SELECT DISTINCT ?p ?o WHERE { ?term ?p ?o FILTER(isLiteral(?o)) }"
_HIERARCHY_GRAPHS = "mg:ontology, mg:imports, mg:hpo, mg:kg, mg:inferred"
_PARENTS = f"""
SELECT DISTINCT ?other ?g WHERE {{
  GRAPH ?g {{ ?term rdfs:subClassOf ?other }}
  FILTER(isIRI(?other) && ?g IN ({_HIERARCHY_GRAPHS}))
}}"""
_CHILDREN = f"""
SELECT DISTINCT ?other ?g WHERE {{
  GRAPH ?g {{ ?other rdfs:subClassOf ?term }}
  FILTER(isIRI(?other) && ?g IN ({_HIERARCHY_GRAPHS}))
}}"""
_MAPPINGS = """
SELECT DISTINCT ?mapped ?predicate ?direction WHERE {
  { GRAPH mg:mappings { ?term ?predicate ?mapped } BIND("outgoing" AS ?direction) }
  UNION { GRAPH mg:mappings { ?mapped ?predicate ?term } BIND("incoming" AS ?direction) }
  FILTER(STRSTARTS(STR(?predicate), STR(skos:)) && isIRI(?mapped))
}"""
_OUT = """
SELECT DISTINCT ?predicate ?other ?a ?g WHERE {
  {
    GRAPH mg:nonredundant { ?term ?predicate ?other }
    FILTER(?predicate != rdfs:subClassOf && isIRI(?other))
    BIND(mg:nonredundant AS ?g)
  } UNION {
    GRAPH ?g { ?a biolink:subject ?term ; biolink:predicate ?predicate ; biolink:object ?other }
  }
}"""
_IN = """
SELECT DISTINCT ?predicate ?other ?a ?g WHERE {
  {
    GRAPH mg:nonredundant { ?other ?predicate ?term }
    FILTER(?predicate != rdfs:subClassOf && isIRI(?other))
    BIND(mg:nonredundant AS ?g)
  } UNION {
    GRAPH ?g {
      ?a biolink:object ?term . ?a biolink:subject ?other . ?a biolink:predicate ?predicate
    }
  }
}"""


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
    prefix = curie.partition(":")[0]
    rows = select(
        store,
        "SELECT DISTINCT ?t WHERE { ?t rdfs:label ?l FILTER(STRSTARTS(STR(?t), ?base)) }",
        {"base": Literal(_iri_prefix(curie))},
    )
    ids = {str(term_id(r["t"])): r["t"].value for r in rows}
    close = difflib.get_close_matches(curie, list(ids), n=limit, cutoff=0.6)
    if not close and prefix:
        close = sorted(ids)[:0]
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
    if not select(store, _EXISTS, _bind(node)):
        raise NotFound(
            f"{term_id(node)} is not in the graph",
            detail={
                "id": value,
                "suggestions": suggestions(store, str(term_id(node)), cache=cache),
            },
        )
    return node


def _hierarchy(store: Store, query: str, node: NamedNode) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for row in select(store, query, _bind(node)):
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
        {**v, "label": names.get(k, ""), "inferred": not v["asserted"]} for k, v in found.items()
    ]
    out.sort(key=lambda e: (not e["asserted"], e["label"].lower(), e["id"]))
    return out


def _edges(store: Store, query: str, node: NamedNode) -> tuple[list[dict[str, Any]], int]:
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    graphs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in select(store, query, _bind(node)):
        key = (row["predicate"].value, row["other"].value)
        grouped.setdefault(key, [])
        if row["a"] is not None:
            grouped[key].append(row["a"].value)
        if row["g"] is not None:
            graphs[key].add(row["g"].value)
    total = len(grouped)
    keys = sorted(grouped)[:EDGE_LIMIT]
    provenance = association_details(store, [a for k in keys for a in grouped[k]])
    names = labels(store, {p for p, _ in keys} | {o for _, o in keys})
    edges = []
    for predicate, other in keys:
        evidence = [
            {"association": term_id(NamedNode(a)), **provenance.get(a, {})}
            for a in sorted(set(grouped[(predicate, other)]))
        ]
        edges.append(
            {
                "predicate": term_id(NamedNode(predicate)),
                "predicate_label": names.get(predicate, ""),
                "id": term_id(NamedNode(other)),
                "label": names.get(other, ""),
                "graphs": sorted(graphs.get((predicate, other), ())),
                "evidence": evidence,
            }
        )
    return edges, total


def term_page(
    store: Store, value: str, *, cache: MutableMapping[Any, Any] | None = None
) -> dict[str, Any]:
    """Everything the graph says about the term ``value`` names (see the module docstring)."""
    node = resolve_known(store, value, cache=cache)
    literals = select(store, _LITERALS, _bind(node))
    label = sorted(r["o"].value for r in literals if r["p"].value == RDFS_LABEL)
    definition = sorted(r["o"].value for r in literals if r["p"].value == DEFINITION)
    synonyms = sorted(
        {(r["o"].value, SYNONYMS[r["p"].value]) for r in literals if r["p"].value in SYNONYMS}
    )
    xrefs = sorted(
        {r["o"].value for r in literals if r["p"].value == OIO + "hasDbXref"}, key=str.lower
    )
    deprecated = any(
        r["p"].value == "http://www.w3.org/2002/07/owl#deprecated" and r["o"].value == "true"
        for r in literals
    )
    mappings = [
        {
            "id": term_id(r["mapped"]),
            "predicate": term_id(r["predicate"]),
            "direction": r["direction"].value,
        }
        for r in select(store, _MAPPINGS, _bind(node))
    ]
    mappings.sort(key=lambda m: (m["predicate"], m["id"]))
    outgoing, out_total = _edges(store, _OUT, node)
    incoming, in_total = _edges(store, _IN, node)
    return {
        "id": term_id(node),
        "iri": node.value,
        "label": label[0] if label else None,
        "definition": definition[0] if definition else None,
        "synonyms": [{"text": s, "scope": scope} for s, scope in synonyms],
        "deprecated": deprecated,
        "parents": _hierarchy(store, _PARENTS, node),
        "children": _hierarchy(store, _CHILDREN, node),
        "mappings": mappings,
        "xrefs": xrefs,
        "outgoing": outgoing,
        "outgoing_total": out_total,
        "incoming": incoming,
        "incoming_total": in_total,
    }


def term_pages(
    store: Store, values: list[str], *, cache: MutableMapping[Any, Any] | None = None
) -> dict[str, Any]:
    """Pages for a batch of IDs; unknown ones are listed in ``errors`` instead of failing all."""
    if not isinstance(values, list) or not values:
        raise UserError("give a non-empty list of IDs")
    if len(values) > BATCH_LIMIT:
        raise UserError(f"at most {BATCH_LIMIT} IDs per request, got {len(values)}")
    terms: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for value in values:
        try:
            terms.append(term_page(store, value, cache=cache))
        except UserError as error:
            errors.append(
                {
                    "id": value,
                    "status": error.http_status,
                    "error": error.message,
                    **({"detail": error.detail} if error.detail else {}),
                }
            )
    return {"terms": terms, "errors": errors}


__all__ = ["BATCH_LIMIT", "EDGE_LIMIT", "resolve_known", "suggestions", "term_page", "term_pages"]
