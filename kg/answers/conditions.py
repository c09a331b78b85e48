"""Conditions by lesion pattern: which conditions give UMN signs, LMN signs, or both.

A condition has the **LMN pattern** when the graph says it typically has a sign the reasoner
classifies under MNKG:0000301 'lower motor neuron sign', or it is located in a site classified
under MNKG:0000205 'lower motor neuron lesion site' (likewise UMN with MNKG:0000300 and
MNKG:0000202). Both facts come from the redundant graph (Ubergraph style), so the answer is one
basic graph pattern per fact, the same one ``/sparql`` users would write. ``mixed`` means both.

``source`` chooses the conditions: ``mnkg`` (the curated MONDO/MNKG conditions), ``hpo`` (the
OMIM, Orphanet and DECIPHER diseases of the HPO annotations, through the HPO bridge graph, with
frequency and evidence of each matched sign), or ``all``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import MutableMapping
from typing import Any, Literal

from pyoxigraph import NamedNode

from mnkg.kg.answers.lookup import (
    association_details,
    cached,
    labels,
    select,
    term_id,
    text,
    values_block,
)
from mnkg.kg.errors import UserError
from mnkg.kg.iris import MNKG_TERM
from mnkg.kg.store import Store

Pattern = Literal["UMN", "LMN", "mixed"]
PATTERNS: tuple[str, ...] = ("UMN", "LMN", "mixed")
SOURCES: tuple[str, ...] = ("mnkg", "hpo", "all")
LESION_CLASSES = (MNKG_TERM + "00001", MNKG_TERM + "00004", MNKG_TERM + "00009")
"""Lesion, disorder grouping and pitfall classes have signs or sites but are not conditions."""

_CURATED_SIGNS = """
SELECT DISTINCT ?condition ?level ?item WHERE {
  VALUES (?level ?signGroup) { ("UMN" mnkg:0000300) ("LMN" mnkg:0000301) }
  GRAPH mg:redundant { ?item rdfs:subClassOf ?signGroup . ?condition obo:RO_0002200 ?item . }
  FILTER(STRSTARTS(STR(?item), STR(obo:HP_)))
}
"""
_CURATED_SITES = """
SELECT DISTINCT ?condition ?level ?item WHERE {
  VALUES (?level ?siteGroup) { ("UMN" mnkg:0000202) ("LMN" mnkg:0000205) }
  GRAPH mg:redundant { ?item rdfs:subClassOf ?siteGroup . }
  GRAPH mg:nonredundant { ?condition obo:RO_0004026 ?item . }
}
"""
_LOCATED = """
SELECT DISTINCT ?condition WHERE { GRAPH mg:redundant { ?condition obo:RO_0004026 ?site } }
"""
"""Conditions are the classes with a location (lesion classes use 'located in' instead)."""

_CURATED_EVIDENCE = """
SELECT ?subject ?object ?eco ?source ?pub WHERE {
  %s
  GRAPH mg:kg {
    ?a biolink:subject ?subject ; biolink:object ?object ;
       biolink:predicate ?predicate .
    FILTER(?predicate IN (obo:RO_0002200, obo:RO_0004026))
    OPTIONAL { ?a biolink:has_evidence ?eco }
    OPTIONAL { ?a biolink:primary_knowledge_source ?source }
    OPTIONAL { ?a biolink:publications ?pub }
  }
  FILTER NOT EXISTS { ?a biolink:negated true }
  FILTER NOT EXISTS { ?a mnkgv:curation_status "rejected" }
}
"""

_HPO = """
SELECT ?condition ?level ?item ?a WHERE {
  VALUES (?level ?signGroup) { ("UMN" mnkg:0000300) ("LMN" mnkg:0000301) }
  GRAPH mg:hpo-bridge { ?item rdfs:subClassOf ?signGroup }
  GRAPH mg:hpo-annotations {
    ?a biolink:object ?item . ?a biolink:subject ?condition . ?a biolink:predicate obo:RO_0002200 .
  }
}
"""

_XREFS = """
SELECT DISTINCT ?condition ?xref ?dbxref WHERE {
  %s
  { GRAPH mg:mappings { ?condition skos:exactMatch ?xref } }
  UNION { GRAPH mg:mappings { ?xref skos:exactMatch ?condition } }
  UNION { ?condition oboInOwl:hasDbXref ?dbxref }
}
"""


def _check(pattern: str, source: str) -> tuple[str, str]:
    wanted = {p.lower(): p for p in PATTERNS}.get(pattern.strip().lower())
    if wanted is None:
        raise UserError(f"unknown pattern {pattern!r}: use UMN, LMN or mixed")
    if source not in SOURCES:
        raise UserError(f"unknown source {source!r}: use mnkg, hpo or all")
    return wanted, source


def _matches(pattern: str, levels: set[str]) -> bool:
    if pattern == "mixed":
        return {"UMN", "LMN"} <= levels
    return pattern in levels


def conditions_by_pattern(
    store: Store,
    pattern: str,
    *,
    source: str = "mnkg",
    cache: MutableMapping[Any, Any] | None = None,
) -> dict[str, Any]:
    """``{"pattern", "conditions": [{"id", "label", "xrefs", "patterns", "evidence"}]}``.

    ``pattern`` is UMN, LMN (conditions having that level, possibly among others) or mixed
    (both). Each evidence item names why: the sign or site, its level, and the provenance of the
    curated association (ECO evidence, primary knowledge source, publications) or, for HPO
    annotations, the frequency and evidence of each annotation.
    """
    pattern, source = _check(pattern, source)
    return cached(
        cache, f"conditions:{pattern}:{source}", store, lambda: _answer(store, pattern, source)
    )


def _answer(store: Store, pattern: str, source: str) -> dict[str, Any]:
    levels: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    origin: dict[str, str] = {}
    if source in ("mnkg", "all"):
        _curated(store, levels, evidence, origin)
    if source in ("hpo", "all"):
        _hpo(store, levels, evidence, origin)
    chosen = sorted(c for c, lv in levels.items() if _matches(pattern, lv))
    names = _labels(store, chosen)
    xrefs = _xrefs(store, chosen)
    conditions = [
        {
            "id": term_id(NamedNode(c)),
            "label": names.get(c, ""),
            "xrefs": xrefs.get(c, []),
            "patterns": sorted(levels[c], key=("UMN", "LMN").index),
            "source": origin[c],
            "evidence": sorted(evidence[c], key=lambda e: (e["level"], e["kind"], e["id"])),
        }
        for c in chosen
    ]
    conditions.sort(key=lambda c: (str(c["label"]).lower(), str(c["id"])))
    return {"pattern": pattern, "source": source, "conditions": conditions}


def _curated(
    store: Store,
    levels: dict[str, set[str]],
    evidence: dict[str, list[dict[str, Any]]],
    origin: dict[str, str],
) -> None:
    located = {row["condition"].value for row in select(store, _LOCATED)}
    rows = [(row, "sign") for row in select(store, _CURATED_SIGNS)]
    rows += [(row, "site") for row in select(store, _CURATED_SITES)]
    items: dict[tuple[str, str, str], str] = {}
    for row, kind in rows:
        condition = row["condition"].value
        if condition not in located or condition.startswith(LESION_CLASSES):
            continue
        levels[condition].add(row["level"].value)
        origin.setdefault(condition, "mnkg")
        items[(condition, row["item"].value, row["level"].value)] = kind
    provenance = _provenance(store, {c for c, _, _ in items})
    names = _labels(store, {i for _, i, _ in items})
    for (condition, item, level), kind in items.items():
        prov = provenance.get((condition, item), {})
        evidence[condition].append(
            {
                "level": level,
                "kind": kind,
                "id": term_id(NamedNode(item)),
                "label": names.get(item, ""),
                "has_evidence": sorted(prov.get("eco", ())),
                "sources": sorted(prov.get("source", ())),
                "publications": sorted(prov.get("pub", ())),
            }
        )


def _provenance(store: Store, subjects: set[str]) -> dict[tuple[str, str], dict[str, set[str]]]:
    if not subjects:
        return {}
    rows = select(store, _CURATED_EVIDENCE % values_block("subject", sorted(subjects)))
    out: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        key = (row["subject"].value, row["object"].value)
        for name in ("eco", "source", "pub"):
            if row[name] is not None:
                out[key][name].add(str(term_id(row[name])))
        out.setdefault(key, defaultdict(set))
    return out


def _hpo(
    store: Store,
    levels: dict[str, set[str]],
    evidence: dict[str, list[dict[str, Any]]],
    origin: dict[str, str],
) -> None:
    rows = select(store, _HPO)
    details = association_details(store, {row["a"].value for row in rows})
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        found = details.get(row["a"].value, {})
        if found.get("negated") or found.get("frequency") == 0.0:
            continue  # a NOT annotation or a zero frequency: the sign is absent
        condition, item, level = row["condition"].value, row["item"].value, row["level"].value
        levels[condition].add(level)
        origin.setdefault(condition, "hpo")
        entry = merged.setdefault(
            (condition, item, level),
            {"eco": set(), "pub": set(), "freq": None, "freqTerm": None},
        )
        entry["eco"].update(found.get("has_evidence", ()))
        entry["pub"].update(found.get("publications", ()))
        if found.get("frequency") is not None:
            value = found["frequency"]
            entry["freq"] = value if entry["freq"] is None else max(entry["freq"], value)
        if found.get("frequency_term"):
            entry["freqTerm"] = found["frequency_term"]
    names = _labels(store, {i for _, i, _ in merged})
    for (condition, item, level), entry in merged.items():
        evidence[condition].append(
            {
                "level": level,
                "kind": "sign",
                "id": term_id(NamedNode(item)),
                "label": names.get(item, ""),
                "frequency": entry["freq"],
                "frequency_term": entry["freqTerm"],
                "has_evidence": sorted(entry["eco"]),
                "sources": ["infores:hpo-annotations"],
                "publications": sorted(entry["pub"]),
            }
        )


def _labels(store: Store, iris: set[str] | list[str]) -> dict[str, str]:

    return labels(store, iris)


def _xrefs(store: Store, conditions: list[str]) -> dict[str, list[str]]:
    if not conditions:
        return {}
    out: dict[str, set[str]] = defaultdict(set)
    for row in select(store, _XREFS % values_block("condition", conditions)):
        condition = row["condition"].value
        if row["xref"] is not None:
            out[condition].add(str(term_id(row["xref"])))
        if row["dbxref"] is not None:
            value = text(row["dbxref"]) or ""
            if ":" in value and " " not in value:
                out[condition].add(value)
    return {c: sorted(x) for c, x in out.items()}


__all__ = ["PATTERNS", "SOURCES", "conditions_by_pattern"]
