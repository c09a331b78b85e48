"""Classify HPO terms under our sign classes, with SPARQL property paths over pyoxigraph.

Our ontology says, for some HPO signs S, ``S SubClassOf 'indicates lesion' some 'lower motor
neuron lesion'``; HermiT infers ``S SubClassOf MNKG:0000301`` into the release. Every HPO
descendant of such an S is then an LMN sign too. This module loads the release graphs and HPO's
``is_a`` into an in-memory pyoxigraph store and asks two queries:

* the HPO ``is_a`` closure (Ubergraph style: every entailed ``rdfs:subClassOf`` between HP terms);

* every HP term with ``rdfs:subClassOf+`` one of our sign classes, across both sources;
* every disease whose (present, non-negated) ``RO:0002200 has phenotype`` sign is in one of our
  sign classes: under the all-some reading ``D RO:0002200 HP`` and ``HP SubClassOf K`` entail
  ``D RO:0002200 K`` (Ubergraph's redundant-graph rule), so "which diseases have LMN signs" is
  one triple pattern, as for the curated conditions.

The answers become ``Graph.HPO_BRIDGE``. See ``docs/hpo-bridge.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import QuerySolutions, RdfFormat, Store

from mnkg.kg.errors import UserError
from mnkg.kg.hpo.ntriples import HP_IRI_PREFIX, P, nt_iri
from mnkg.kg.iris import Graph, mnkg_iri

SIGN_CLASSES: dict[str, str] = {
    mnkg_iri("0000300"): "UMN",
    mnkg_iri("0000301"): "LMN",
    mnkg_iri("0000302"): "not motor neuron",
}
"""Our sign classes (docs/ontology.md) and a short name for reports."""

_RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
HAS_PHENOTYPE_IRI = "http://purl.obolibrary.org/obo/RO_0002200"

CLOSURE_QUERY = f"""
SELECT ?term ?ancestor FROM <{Graph.HPO}> WHERE {{
  ?term <{_RDFS_SUBCLASS}>+ ?ancestor .
}}"""  # noqa: S608 (built from constants, no user input)

SIGN_CLASS_QUERY = f"""
SELECT DISTINCT ?term ?signClass WHERE {{
  VALUES ?signClass {{ {" ".join(f"<{iri}>" for iri in SIGN_CLASSES)} }}
  ?term <{_RDFS_SUBCLASS}>+ ?signClass .
  FILTER STRSTARTS(STR(?term), "{HP_IRI_PREFIX}")
}}"""


DISEASE_QUERY = f"""
SELECT DISTINCT ?disease ?signClass WHERE {{
  GRAPH <{Graph.HPO_BRIDGE}> {{ ?sign <{_RDFS_SUBCLASS}> ?signClass }}
  VALUES ?signClass {{ {" ".join(f"<{iri}>" for iri in SIGN_CLASSES)} }}
  GRAPH <{Graph.HPO_ANNOTATIONS}> {{ ?disease <{HAS_PHENOTYPE_IRI}> ?sign }}
}}"""


@dataclass(slots=True)
class BridgeStats:
    """Counts the import reports."""

    closure: int = 0
    """Entailed ``rdfs:subClassOf`` triples between HP terms (direct ones included)."""
    per_class: Counter[str] = field(default_factory=Counter)
    """HP terms per sign class (short names)."""
    seeds: Counter[str] = field(default_factory=Counter)
    """HP terms the release itself places in each class (before HPO descendants)."""
    both_lmn_umn: list[str] = field(default_factory=list)
    """HP terms under both the LMN and the UMN sign class (IRIs, sorted)."""
    lmn_and_other: int = 0
    umn_and_other: int = 0
    diseases: Counter[str] = field(default_factory=Counter)
    """Diseases with at least one present sign in each sign class (short names)."""
    diseases_lmn_and_umn: int = 0
    release_found: bool = True


def _release_store(release_nq: Path | None) -> Store:
    store = Store()
    if release_nq is not None:
        try:
            store.bulk_load(path=str(release_nq), format=RdfFormat.N_QUADS)
        except SyntaxError as error:
            raise UserError(f"{release_nq} is not valid N-Quads: {error}") from None
    return store


def _solutions(store: Store, sparql: str, *, union: bool = False) -> QuerySolutions:
    """The solutions of a SELECT over an in-memory pyoxigraph store."""
    result = store.query(sparql, use_default_graph_as_union=union)
    assert isinstance(result, QuerySolutions)
    return result


def _sign_members(store: Store, *, union: bool) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {iri: set() for iri in SIGN_CLASSES}
    for solution in _solutions(store, SIGN_CLASS_QUERY, union=union):
        members[solution["signClass"].value].add(solution["term"].value)
    return members


def bridge_lines(
    release_nq: Path | None, hpo_subclass_lines: list[str], direct_phenotype_lines: list[str]
) -> tuple[list[str], BridgeStats]:
    """N-Quads lines of ``Graph.HPO_BRIDGE`` and the counts.

    ``release_nq`` is the release's N-Quads (None when there is no release: only the HPO closure
    is written, since nothing places an HPO sign in our classes). ``hpo_subclass_lines`` are the
    ``rdfs:subClassOf`` lines of ``Graph.HPO``; ``direct_phenotype_lines`` the direct
    ``disease RO:0002200 HP`` lines of ``Graph.HPO_ANNOTATIONS`` (signs present only).
    """
    stats = BridgeStats(release_found=release_nq is not None)
    store = _release_store(release_nq)
    # What the release alone says (before HPO's is_a is added): the seeds S of each class.
    if release_nq is not None:
        for iri, terms in _sign_members(store, union=True).items():
            stats.seeds[SIGN_CLASSES[iri]] = len(terms)
    store.bulk_load(input="".join(hpo_subclass_lines).encode(), format=RdfFormat.N_QUADS)
    g = nt_iri(Graph.HPO_BRIDGE) + " .\n"
    lines: list[str] = []
    for solution in _solutions(store, CLOSURE_QUERY):
        lines.append(f"<{solution['term'].value}> {P.SUBCLASS} <{solution['ancestor'].value}> {g}")
    stats.closure = len(lines)

    members = _sign_members(store, union=True)
    membership: list[str] = []
    for iri, terms in members.items():
        stats.per_class[SIGN_CLASSES[iri]] = len(terms)
        sign = nt_iri(iri)
        membership.extend(f"<{term}> {P.SUBCLASS} {sign} {g}" for term in sorted(terms))
    lines.extend(membership)
    umn, lmn, other = (members[iri] for iri in SIGN_CLASSES)
    stats.both_lmn_umn = sorted(lmn & umn)
    stats.lmn_and_other = len(lmn & other)
    stats.umn_and_other = len(umn & other)

    diseases = Store()
    diseases.bulk_load(
        input="".join((*membership, *direct_phenotype_lines)).encode(), format=RdfFormat.N_QUADS
    )
    per_class: dict[str, set[str]] = {iri: set() for iri in SIGN_CLASSES}
    has_phenotype = nt_iri(HAS_PHENOTYPE_IRI)
    for solution in _solutions(diseases, DISEASE_QUERY):
        disease, sign_class = solution["disease"].value, solution["signClass"].value
        per_class[sign_class].add(disease)
        lines.append(f"<{disease}> {has_phenotype} <{sign_class}> {g}")
    for iri, found in per_class.items():
        stats.diseases[SIGN_CLASSES[iri]] = len(found)
    stats.diseases_lmn_and_umn = len(
        per_class[mnkg_iri("0000301")] & per_class[mnkg_iri("0000300")]
    )
    return lines, stats


def subclass_lines(lines: Iterable[str]) -> Iterator[str]:
    """The ``rdfs:subClassOf`` lines among N-Quads lines."""
    marker = f" {P.SUBCLASS} "
    return (line for line in lines if marker in line)


__all__ = [
    "CLOSURE_QUERY",
    "DISEASE_QUERY",
    "HAS_PHENOTYPE_IRI",
    "SIGN_CLASSES",
    "SIGN_CLASS_QUERY",
    "BridgeStats",
    "bridge_lines",
    "subclass_lines",
]
