"""The ontology sources (TBox) shipped as package data, and a registry of their files.

``mnkg-edit.ttl`` is edited by hand; ``imports/*_import.ttl`` are the ODK-style import modules
of reused terms; ``shapes/*.ttl`` are the SHACL shapes; ``mappings/*.sssom.tsv`` the mappings.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

EDIT_FILE = "mnkg-edit.ttl"


def source_dir() -> Path:
    """The folder holding the ontology sources (the package's own directory)."""
    with as_file(files(__name__)) as path:
        return Path(path)


def edit_file() -> Path:
    """The hand-edited ontology (our axioms only)."""
    return source_dir() / EDIT_FILE


def import_modules() -> list[Path]:
    """The import modules, one per reused vocabulary, in a stable order."""
    return sorted((source_dir() / "imports").glob("*_import.ttl"))


def shape_files() -> list[Path]:
    """The SHACL shape files."""
    return sorted((source_dir() / "shapes").glob("*.ttl"))


def mapping_files() -> list[Path]:
    """The SSSOM mapping sets."""
    return sorted((source_dir() / "mappings").glob("*.sssom.tsv"))


__all__ = ["EDIT_FILE", "edit_file", "import_modules", "mapping_files", "shape_files", "source_dir"]
