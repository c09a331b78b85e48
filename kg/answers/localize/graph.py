"""What the localization reads from the graph, once per store version: sites, weights, terms.

* the candidate sites (subclasses of MNKG:0001100) with their level, derived from their
  classification (asserted or inferred) under the UMN and LMN lesion classes;
* the weight rows of ``Graph.LOCALIZATION`` (docs/localization.md);
* the term hierarchy (HPO, imports, our ontology, HermiT's inferences) with labels and the
  obsolete terms' replacements, so that any HPO term can be placed.

SPARQL lives here, next to the code that reads it (the named-query registry is for user
queries, and these reads return whole graphs, not rows a user asks for).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mnkg.kg.answers.lookup import select_named, text
from mnkg.kg.iris import MNKG_TERM
from mnkg.kg.store import Store

SITE_ROOT = MNKG_TERM + "0001100"
UMN_LESION = MNKG_TERM + "0000101"
LMN_LESION = MNKG_TERM + "0000102"
PHENOTYPE_ROOT = "http://purl.obolibrary.org/obo/HP_0000118"
HP_ROOT = "http://purl.obolibrary.org/obo/HP_0000001"
NO_HPO_TERM_ROOT = MNKG_TERM + "0001149"


@dataclass(frozen=True, slots=True)
class Site:
    """A candidate lesion site."""

    iri: str
    label: str
    level: str
    """UMN, LMN, mixed or neither (docs/localization.md, section 1)."""


@dataclass(frozen=True, slots=True)
class WeightRow:
    """One weight row as read from the graph."""

    finding: str
    state: str
    site: str
    weight: float
    conditions: tuple[str, ...]
    pitfall: str | None


@dataclass
class Terms:
    """The term hierarchy and term facts the localization needs (IRIs throughout)."""

    parents: dict[str, frozenset[str]]
    labels: dict[str, str]
    deprecated: dict[str, str | None]
    """Obsolete term -> its replacement (None when HPO names none)."""
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict)

    def ancestors(self, term: str) -> frozenset[str]:
        """Ancestors of ``term``, itself included (memoised)."""
        found = self._ancestors.get(term)
        if found is not None:
            return found
        seen = {term}
        stack = [term]
        while stack:
            for parent in self.parents.get(stack.pop(), ()):
                if parent not in seen:
                    known = self._ancestors.get(parent)
                    if known is not None:
                        seen |= known
                    else:
                        seen.add(parent)
                        stack.append(parent)
        result = frozenset(seen)
        self._ancestors[term] = result
        return result

    def known(self, term: str) -> bool:
        """Whether the graph has the term (a label or a place in the hierarchy)."""
        return term in self.labels or term in self.parents


def _level(umn: bool, lmn: bool) -> str:
    if umn and lmn:
        return "mixed"
    return "UMN" if umn else "LMN" if lmn else "neither"


def read_sites(store: Store, terms: Terms) -> list[Site]:
    """The candidate sites with their levels (from the hierarchy), ordered by IRI."""
    sites = []
    for r in select_named(store, "localize-sites"):
        ancestors = terms.ancestors(r["site"].value)
        level = _level(UMN_LESION in ancestors, LMN_LESION in ancestors)
        sites.append(Site(r["site"].value, text(r["label"]) or "", level))
    return sorted(sites, key=lambda s: s.iri)


def read_weights(store: Store) -> list[WeightRow]:
    """Every weight row of the localization graph."""
    out = []
    for r in select_named(store, "localize-weights"):
        context = text(r["context"]) or ""
        out.append(
            WeightRow(
                finding=r["finding"].value,
                state=r["state"].value,
                site=r["site"].value,
                weight=float(r["weight"].value),
                conditions=tuple(c for c in context.split("&") if c),
                pitfall=text(r["pitfall"]),
            )
        )
    return out


def read_terms(store: Store) -> Terms:
    """The hierarchy, labels and obsolete terms of HPO and our ontology."""
    parents: dict[str, set[str]] = defaultdict(set)
    for r in select_named(store, "localize-parents"):
        parents[r["t"].value].add(r["p"].value)
    labels: dict[str, str] = {}
    for r in select_named(store, "localize-labels"):
        iri, label = r["t"].value, r["l"].value
        if iri not in labels or label < labels[iri]:
            labels[iri] = label
    deprecated: dict[str, str | None] = {}
    for r in select_named(store, "localize-obsolete"):
        deprecated[r["t"].value] = text(r["r"]) or deprecated.get(r["t"].value)
    return Terms({t: frozenset(p) for t, p in parents.items()}, labels, deprecated)


__all__ = [
    "HP_ROOT",
    "LMN_LESION",
    "NO_HPO_TERM_ROOT",
    "PHENOTYPE_ROOT",
    "SITE_ROOT",
    "UMN_LESION",
    "Site",
    "Terms",
    "WeightRow",
    "read_sites",
    "read_terms",
    "read_weights",
]
