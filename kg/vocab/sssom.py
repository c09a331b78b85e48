"""SSSOM mapping sets: the row and set model, reading and writing SSSOM TSV, the exports.

* :func:`load_mappings` reads the committed files (``ontology/mappings/*.sssom.tsv``, generated
  by :mod:`mnkg.kg.sources.mapping_sets`);
* :func:`render_tsv` writes SSSOM TSV (YAML metadata block, then the table);
* :func:`export_tsv`, :func:`export_json` and :func:`prefix_context` are the release's exports.

Why hasDbXref for HPO: hp.obo's ``xref:`` lines are database cross-references, and some terms carry
two UMLS CUIs (HP:0002460 distal muscle weakness), so not every xref is an exact match. MONDO
states its exact matches explicitly; we keep its predicate and justification.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NamedTuple

from mnkg.kg.iris import MNKG_BASE
from mnkg.kg.vocab import identifiers

MAPPINGS_BASE = MNKG_BASE + "mappings/"
"""Base of the mapping set IDs: ``https://w3id.org/mnkg/mappings/<file>``."""
MAPPING_SUFFIX = ".sssom.tsv"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"


COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "mapping_provider",
    "comment",
)
"""Columns of our SSSOM TSV files, in order."""
SSSOM_NAMESPACE = "https://w3id.org/sssom/"


class MappingRow(NamedTuple):
    """One mapping (an SSSOM row), CURIEs in the project's canonical prefixes."""

    subject_id: str
    predicate_id: str
    object_id: str
    mapping_justification: str
    subject_label: str = ""
    object_label: str = ""
    mapping_provider: str = ""
    comment: str = ""
    mapping_set_id: str = ""

    def as_dict(self) -> dict[str, str]:
        """The row as an SSSOM record (empty slots left out)."""
        return {k: v for k, v in self._asdict().items() if v}


@dataclass
class MappingSet:
    """An SSSOM mapping set: its metadata and rows."""

    name: str
    title: str
    description: str
    mapping_date: str
    subject_source_version: str
    rows: list[MappingRow] = field(default_factory=list)
    comment: str = ""

    @property
    def mapping_set_id(self) -> str:
        return MAPPINGS_BASE + self.name + MAPPING_SUFFIX

    def metadata(self, version: str) -> dict[str, Any]:
        """The set-level slots, in the order they are written."""
        used = {"owl", "rdf", "rdfs", "semapv", "skos", "sssom"}
        for row in self.rows:
            for curie in (row.subject_id, row.predicate_id, row.object_id):
                used.add(curie.partition(":")[0])
        prefixes = identifiers.prefix_map()
        meta: dict[str, Any] = {
            "curie_map": {p: prefixes[p] for p in sorted(used, key=str.lower)},
            "mapping_set_id": self.mapping_set_id,
            "mapping_set_version": f"{MAPPINGS_BASE}{version}/{self.name}{MAPPING_SUFFIX}",
            "mapping_set_title": self.title,
            "mapping_set_description": self.description,
            "license": CC0,
            "creator_label": ["MNKG"],
            "mapping_date": self.mapping_date,
            "subject_source_version": self.subject_source_version,
        }
        if self.comment:
            meta["comment"] = self.comment
        return meta


def _yaml_scalar(value: str) -> str:
    """A YAML scalar that reads back as the same string (quoted where YAML would retype it)."""
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 _./:#()\-]*", value)
    if plain and ": " not in value and " #" not in value and not value.endswith((":", " ")):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and value.lower() not in {
            "yes",
            "no",
            "true",
            "false",
            "null",
            "on",
            "off",
        }:
            return value
    return json.dumps(value, ensure_ascii=False)


def _yaml_header(meta: dict[str, Any]) -> str:
    lines: list[str] = []
    for key, value in meta.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {_yaml_scalar(v)}" for k, v in value.items())
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_yaml_scalar(v)}" for v in value)
        else:
            lines.append(f"{key}: {_yaml_scalar(str(value))}")
    return "".join(f"#{' ' if line else ''}{line}\n" for line in lines)


def render_tsv(meta: dict[str, Any], rows: Sequence[MappingRow]) -> str:
    """An SSSOM TSV document: the YAML metadata block as ``#`` lines, then the table."""
    columns = [
        c
        for c in COLUMNS
        if c in {"subject_id", "predicate_id", "object_id"} or any(getattr(r, c) for r in rows)
    ]
    if "mapping_justification" not in columns:
        columns.insert(3, "mapping_justification")
    out = io.StringIO()
    out.write(_yaml_header(meta))
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([getattr(row, c) for c in columns])
    return out.getvalue()


def mappings_dir() -> Path:
    """The folder of the committed SSSOM files (inside the installed ``mnkg.ontology``)."""
    return Path(str(resources.files("mnkg.ontology"))) / "mappings"


def release_version() -> str:
    """The version tag of the mapping sets: the project version."""
    try:
        return version("mnkg")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0"


def sssom_files(directory: Path | None = None) -> list[Path]:
    """The SSSOM TSV files of the release, sorted by name."""
    return sorted((directory or mappings_dir()).glob("*" + MAPPING_SUFFIX))


def read_tsv(path: Path) -> tuple[dict[str, Any], list[MappingRow]]:
    """Read one of our SSSOM TSV files: (metadata of interest, rows).

    Only ``mapping_set_id`` is taken from the header (the rest is for other tools); the rows are
    read with :mod:`csv`, so reading needs no YAML or pandas at run time.
    """
    header: dict[str, Any] = {}
    body: list[str] = []
    for line in path.read_text("utf-8").splitlines(keepends=True):
        if line.startswith("#"):
            match = re.match(r"#\s*(mapping_set_id|license|mapping_set_version):\s*(.+)$", line)
            if match:
                header[match.group(1)] = match.group(2).strip().strip('"')
        else:
            body.append(line)
    rows = []
    for record in csv.DictReader(io.StringIO("".join(body)), delimiter="\t"):
        rows.append(
            MappingRow(
                subject_id=record["subject_id"],
                predicate_id=record["predicate_id"],
                object_id=record["object_id"],
                mapping_justification=record.get("mapping_justification", ""),
                subject_label=record.get("subject_label") or "",
                object_label=record.get("object_label") or "",
                mapping_provider=record.get("mapping_provider") or "",
                comment=record.get("comment") or "",
                mapping_set_id=header.get("mapping_set_id", ""),
            )
        )
    return header, rows


@cache
def _load_default() -> tuple[MappingRow, ...]:
    rows: list[MappingRow] = []
    for path in sssom_files():
        rows.extend(read_tsv(path)[1])
    return tuple(rows)


def load_mappings(paths: Iterable[Path] | None = None) -> list[MappingRow]:
    """Every mapping of the committed SSSOM files (or of ``paths``)."""
    if paths is None:
        return list(_load_default())
    rows: list[MappingRow] = []
    for path in paths:
        rows.extend(read_tsv(Path(path))[1])
    return rows


def combined_metadata(rows: Sequence[MappingRow] | None = None) -> dict[str, Any]:
    """Metadata of the export that merges every set into one (the committed rows by default)."""
    version = release_version()
    rows = load_mappings() if rows is None else rows
    used = {"owl", "rdf", "rdfs", "semapv", "skos", "sssom"}
    for row in rows:
        for curie in (row.subject_id, row.predicate_id, row.object_id):
            used.add(curie.partition(":")[0])
    prefixes = identifiers.prefix_map()
    return {
        "curie_map": {p: prefixes[p] for p in sorted(used, key=str.lower)},
        "mapping_set_id": f"{MAPPINGS_BASE}mnkg{MAPPING_SUFFIX}",
        "mapping_set_version": f"{MAPPINGS_BASE}{version}/mnkg{MAPPING_SUFFIX}",
        "mapping_set_title": "All MNKG mappings",
        "mapping_set_description": (
            "Every mapping set of the MNKG release merged: "
            + ", ".join(sorted({r.mapping_set_id for r in rows if r.mapping_set_id}))
            + "."
        ),
        "license": CC0,
        "creator_label": ["MNKG"],
    }


def export_tsv(rows: Sequence[MappingRow] | None = None) -> str:
    """All mappings (or ``rows``) as one SSSOM TSV document."""
    rows = load_mappings() if rows is None else rows
    return render_tsv(combined_metadata(rows), rows)


def export_json(rows: Sequence[MappingRow] | None = None) -> dict[str, Any]:
    """All mappings (or ``rows``) as SSSOM JSON, in the shape sssom-py reads and writes.

    The mapping set's slots and a ``mappings`` list; the prefixes are in the ``@context`` (with
    ``@vocab`` the SSSOM namespace), as in sssom-py's JSON output.
    """
    rows = load_mappings() if rows is None else rows
    meta = combined_metadata(rows)
    context: dict[str, Any] = {"@vocab": SSSOM_NAMESPACE, **meta.pop("curie_map")}
    document: dict[str, Any] = {"@context": context, "@type": "MappingSet", **meta}
    document["mappings"] = [
        {k: v for k, v in r.as_dict().items() if k != "mapping_set_id"} for r in rows
    ]
    return document


def prefix_context() -> dict[str, Any]:
    """The prefix map as a JSON-LD ``@context`` (canonical prefixes only)."""
    return {"@context": identifiers.prefix_map()}


__all__ = [
    "CC0",
    "COLUMNS",
    "MAPPINGS_BASE",
    "MAPPING_SUFFIX",
    "SSSOM_NAMESPACE",
    "MappingRow",
    "MappingSet",
    "combined_metadata",
    "export_json",
    "export_tsv",
    "load_mappings",
    "mappings_dir",
    "prefix_context",
    "read_tsv",
    "release_version",
    "render_tsv",
    "sssom_files",
]
