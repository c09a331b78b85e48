"""The ontology sources as rdflib graphs: the edit file, the import modules, and both merged.

What the build, the reasoner (``mnkg reason``), the shapes (``mnkg validate``) and the claims
audit all start from. The merged TBox also holds the negated curated rows as OWL axioms
(``mnkg.kg.sources.negations``), so every one of them reasons with the same negations.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, Graph

from mnkg import ontology
from mnkg.kg.errors import UserError
from mnkg.kg.sources.curation import curated_statements
from mnkg.kg.sources.negations import negation_axioms


def load_ontology(edit_file: Path | None = None) -> Graph:
    """Our own axioms: the hand-edited ``mnkg-edit.ttl`` (or a working copy of it)."""
    return parse_turtle(edit_file or ontology.edit_file())


def parse_turtle(path: Path) -> Graph:
    """Parse a Turtle file, turning a missing file or a syntax error into a UserError."""
    if not Path(path).is_file():
        raise UserError(f"no such file: {path}")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib raises several parser exception types
        raise UserError(f"{path}: not valid Turtle: {error}") from error


def load_imports() -> Graph:
    """The import modules merged, without their own ontology headers."""
    graph = Graph()
    for path in ontology.import_modules():
        graph.parse(path, format="turtle")
    return graph


MONDO = "http://purl.obolibrary.org/obo/MONDO_"


def tbox(edit: Graph, imports: Graph, *, negations: Graph | None = None) -> Graph:
    """Ontology, imports and the negated curated rows as one graph (what the reasoner classifies).

    ``negations`` defaults to the axioms of the curated tables (:func:`curated_negations`).
    MONDO's own subclass edges (the import module's disease hierarchy) are left out: MONDO
    classifies diseases by many axes, not by lesion site (it files the lateral medullary syndrome
    under stroke, Miller Fisher syndrome under cerebellar disorder, progressive muscular atrophy
    under ALS), so a condition must not inherit its MONDO parents' sites and signs
    (domain-wider.md §12). The edges stay in the import module, the ``imports`` graph and the
    store, where ``/terms`` and SPARQL walk them. Our own subclass axioms between MONDO classes
    (ALS type 1 under ALS, the SMA types) are in the edit file and are kept.
    """
    merged = Graph()
    for source in (edit, imports, curated_negations() if negations is None else negations):
        hierarchy = source is imports
        for triple in source:
            if hierarchy and _mondo_edge(triple):
                continue
            merged.add(triple)
    return merged


def _mondo_edge(triple: tuple[object, object, object]) -> bool:
    subject, predicate, obj = triple
    return (
        predicate == RDFS.subClassOf
        and str(subject).startswith(MONDO)
        and str(obj).startswith(MONDO)
    )


def curated_negations() -> Graph:
    """``S SubClassOf not (P some O)`` for every negated curated row on a condition."""
    return negation_axioms(curated_statements())


__all__ = ["curated_negations", "load_imports", "load_ontology", "parse_turtle", "tbox"]
