"""Small shared pieces of the domain answers (terms, conditions, localization, search).

Every answer of the domain API is built from SPARQL over a :class:`~mnkg.kg.store.Store`;
this module holds the prefixes those queries share, the way rows are read back, and the
resolution of the IDs users type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any, TypeVar, cast

from pyoxigraph import Literal, NamedNode, QuerySolutions

from mnkg.kg.answers.params import resolve_term
from mnkg.kg.answers.results import curie, plain
from mnkg.kg.errors import UserError
from mnkg.kg.iris import GRAPH_BASE, MNKG_TERM
from mnkg.kg.store import Store, StoreUnavailable

PREFIXES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX biolink: <https://w3id.org/biolink/vocab/>
PREFIX mnkg: <{MNKG_TERM}>
PREFIX mnkgv: <https://w3id.org/mnkg/vocab/>
PREFIX mg: <{GRAPH_BASE}>
"""
"""The prefixes of every query in the domain modules."""

UMN_SIGN = MNKG_TERM + "0000300"
LMN_SIGN = MNKG_TERM + "0000301"
OTHER_SIGN = MNKG_TERM + "0000302"
HP_BASE = "http://purl.obolibrary.org/obo/HP_"


def select(
    store: Store, sparql: str, bindings: Mapping[str, NamedNode | Literal] | None = None
) -> list[dict[str, Any]]:
    """Run a SELECT (our prefixes prepended) and return its rows as dicts of terms."""
    try:
        result = store.query(PREFIXES + sparql, bindings=bindings or None)
    except StoreUnavailable:  # a worker died mid-query: reads are idempotent, try once more
        result = store.query(PREFIXES + sparql, bindings=bindings or None)
    if not isinstance(result, QuerySolutions):
        raise TypeError("expected a SELECT query")
    names = [v.value for v in result.variables]
    return [{n: s[n] for n in names} for s in result]


def values_block(variable: str, iris: Iterable[str]) -> str:
    """A ``VALUES ?var { <iri> ... }`` block; every IRI is checked by pyoxigraph's NamedNode."""
    terms = " ".join(str(NamedNode(i)) for i in iris)
    if not variable.isidentifier():
        raise ValueError(f"bad variable name {variable!r}")
    return f"VALUES ?{variable} {{ {terms} }}"


def text(term: object) -> str | None:
    """The lexical value of a literal or IRI, or None."""
    if term is None:
        return None
    value = getattr(term, "value", None)
    return None if value is None else str(value)


def term_id(term: object) -> str | None:
    """The CURIE of an IRI term (or the IRI when no prefix covers it)."""
    if isinstance(term, NamedNode):
        return curie(term.value)
    return None if term is None else plain(term)


def resolve_id(value: str) -> NamedNode:
    """A CURIE, full IRI or mapped external code (ICD10CM:G12.21) as the ontology's term."""
    if not isinstance(value, str) or not value.strip():
        raise UserError("empty identifier")
    return resolve_term(value.strip())


T = TypeVar("T")


def fingerprint(store: Store) -> tuple[Any, ...]:
    """What identifies the content a cached answer came from: the store and its generation
    (a new one after every load and write, :meth:`mnkg.kg.store.base.Store.generation`)."""
    return (store.descriptor, id(store), store.generation())


def cached(
    cache: MutableMapping[Any, Any] | None,
    name: str,
    store: Store,
    build: Callable[[], T],
) -> T:
    """``build()``, kept in ``cache`` under ``name`` until the store's content changes.

    The cache is a plain dict the caller owns (the API keeps one per app in ``app.state``);
    with None nothing is kept.
    """
    if cache is None:
        return build()
    key = fingerprint(store)
    entry = cache.get(name)
    if entry is not None and entry[0] == key:
        return cast(T, entry[1])
    value = build()
    cache[name] = (key, value)
    return value


_ASSOCIATION = """
SELECT ?a ?p ?o WHERE {
  %s
  ?a ?p ?o .
  FILTER(?p IN (
    biolink:has_evidence, biolink:publications, biolink:primary_knowledge_source, biolink:negated,
    mnkgv:curation_status, mnkgv:source_pointer, mnkgv:frequency_value, biolink:frequency_qualifier
  ))
}"""


def association_details(store: Store, nodes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Evidence, publications, sources, status, negation and frequency of association nodes.

    Read with ``?a ?p ?o`` and a FILTER on the properties over chunks of IRIs: with oxigraph
    0.5 this is the fast form (a VALUES on the properties, or OPTIONALs, scan far more).
    """
    wanted = sorted(set(nodes))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), 5000):
        chunk = wanted[start : start + 5000]
        for row in select(store, _ASSOCIATION % values_block("a", chunk)):
            entry = out.setdefault(
                row["a"].value,
                {"has_evidence": [], "publications": [], "sources": [], "status": None},
            )
            prop = row["p"].value.rsplit("/", 1)[-1]
            value = row["o"]
            if prop == "has_evidence":
                entry["has_evidence"].append(term_id(value))
            elif prop == "publications":
                entry["publications"].append(term_id(value))
            elif prop == "primary_knowledge_source":
                entry["sources"].append(term_id(value))
            elif prop == "negated":
                entry["negated"] = text(value) in ("true", "1")
            elif prop == "curation_status":
                entry["status"] = text(value)
            elif prop == "source_pointer":
                entry["source_pointer"] = text(value)
            elif prop == "frequency_value":
                entry["frequency"] = float(value.value)
            elif prop == "frequency_qualifier":
                entry["frequency_term"] = term_id(value)
    for entry in out.values():
        for key in ("has_evidence", "publications", "sources"):
            entry[key] = sorted(set(entry[key]))
    return out


def labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """rdfs:label of each IRI that has one (one label each, the smallest if several)."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    rows = select(
        store,
        f"SELECT ?t (MIN(STR(?l)) AS ?label) WHERE {{ {values_block('t', wanted)} "
        "?t rdfs:label ?l } GROUP BY ?t",
    )
    return {r["t"].value: r["label"].value for r in rows if r["label"] is not None}


__all__ = [
    "HP_BASE",
    "LMN_SIGN",
    "OTHER_SIGN",
    "PREFIXES",
    "UMN_SIGN",
    "association_details",
    "cached",
    "fingerprint",
    "labels",
    "resolve_id",
    "select",
    "term_id",
    "text",
    "values_block",
]
