"""The ontology sources as rdflib graphs: the edit file, the import modules, and both merged.

What the build, the reasoner (``mnkg reason``), the shapes (``mnkg validate``) and the claims
audit all start from.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from mnkg import ontology
from mnkg.kg.errors import UserError


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


def tbox(edit: Graph, imports: Graph) -> Graph:
    """Ontology and imports as one graph (what the reasoner classifies)."""
    merged = Graph()
    for source in (edit, imports):
        for triple in source:
            merged.add(triple)
    return merged


__all__ = ["load_imports", "load_ontology", "parse_turtle", "tbox"]
