"""HPO and its disease annotations as N-Quads: ``hp.obo`` classes and ``phenotype.hpoa`` rows.

The graph model is documented in ``docs/hpo-bridge.md``. Why text lines and not ``Quad`` objects:
at this size (about 270,000 annotations, several million quads) building one pyoxigraph ``Quad``
per statement costs ~4 µs each, while every distinct term is converted once by pyoxigraph
(``str(NamedNode(...))`` / ``str(Literal(...))`` give the escaped N-Triples form) and the lines
are joined as text; the store's bulk loader parses and checks the file anyway.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

from pyoxigraph import Literal

from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.hpo.ntriples import (
    ASSOCIATION_BASE,
    HAS_CHARACTERISTIC,
    HAS_PHENOTYPE,
    TRUE,
    C,
    P,
    nt_curie,
    nt_hp,
    nt_iri,
    nt_str,
)
from mnkg.kg.hpo.ontology import FREQUENCY_ROOT, HP_ID
from mnkg.kg.iris import Graph

EVIDENCE_ECO = {"PCS": "ECO:0006017", "TAS": "ECO:0000304", "IEA": "ECO:0000501"}
"""HPO evidence codes to ECO (ontology/vocab/evidence.tsv)."""

PHENOTYPE_ASPECT = "P"
ASPECTS = frozenset({"P", "I", "C", "M", "H"})

_RATIO = re.compile(r"^(\d+)/(\d+)$")
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)%$")

HPOA_COLUMNS = (
    "database_id",
    "disease_name",
    "qualifier",
    "hpo_id",
    "reference",
    "evidence",
    "onset",
    "frequency",
    "sex",
    "modifier",
    "aspect",
    "biocuration",
)


_KEY_COLUMNS = tuple(c for c in HPOA_COLUMNS[:-1] if c != "disease_name")
"""The cells an association's identity is made of (the name and the curation are not)."""

# --------------------------------------------------------------------------- sources


# --------------------------------------------------------------------------- terms


# --------------------------------------------------------------------------- hp.obo


# --------------------------------------------------------------------------- phenotype.hpoa


@dataclass(frozen=True, slots=True)
class Frequency:
    """A parsed frequency cell."""

    term: str | None = None
    count: int | None = None
    total: int | None = None
    percentage: float | None = None
    value: float | None = None
    """Normalised 0..1, when computable."""

    @property
    def is_zero(self) -> bool:
        """True when the annotation says the sign is absent in every case (0/n, 0%, Excluded)."""
        return self.value == 0 or self.count == 0 or self.percentage == 0


NO_FREQUENCY = Frequency()


def parse_frequency(cell: str, table: dict[str, float], where: str) -> Frequency:
    """Parse the frequency column: an HPO frequency term, ``n/m`` or ``x%``."""
    cell = cell.strip()
    if not cell:
        return NO_FREQUENCY
    if cell.startswith("HP:"):
        if cell not in table:
            raise UserError(f"{where}: {cell} is not a child of {FREQUENCY_ROOT} Frequency")
        return Frequency(term=cell, value=table[cell])
    ratio = _RATIO.match(cell)
    if ratio is not None:
        count, total = int(ratio.group(1)), int(ratio.group(2))
        if count > total:
            raise UserError(f"{where}: frequency {cell} has more cases than the total")
        if total == 0:
            return Frequency(count=count, total=total)
        return Frequency(
            count=count,
            total=total,
            percentage=round(100 * count / total, 4),
            value=round(count / total, 6),
        )
    percent = _PERCENT.match(cell)
    if percent is not None:
        number = float(percent.group(1))
        if number > 100:
            raise UserError(f"{where}: frequency {cell} is over 100%")
        return Frequency(percentage=number, value=round(number / 100, 6))
    raise UserError(f"{where}: unreadable frequency {cell!r} (expected HP:00402xx, n/m or x%)")


@dataclass(slots=True)
class AnnotationStats:
    """What an annotation import wrote, for the report and the docs."""

    rows: int = 0
    associations: int = 0
    duplicates: int = 0
    negated: int = 0
    zero_frequency: int = 0
    direct: int = 0
    diseases: int = 0
    unusable_references: int = 0
    """References neither an IRI nor a known CURIE, kept as a plain literal."""
    by_aspect: Counter[str] = field(default_factory=Counter)
    by_source: Counter[str] = field(default_factory=Counter)
    """Diseases per prefix (OMIM, ORPHA, DECIPHER)."""
    version: str | None = None


def read_hpoa(path: Path) -> tuple[str | None, Iterator[tuple[int, dict[str, str]]]]:
    """The ``#version`` of a phenotype.hpoa file and an iterator over its rows (line, row)."""
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as error:
        raise NotFound(f"cannot read {path}: {error.strerror}") from None
    version: str | None = None
    header: list[str] | None = None
    number = 0
    for line in handle:
        number += 1
        if line.startswith("#"):
            if line.startswith("#version:"):
                version = line.partition(":")[2].strip()
            continue
        header = line.rstrip("\r\n").split("\t")
        break
    if header is None or tuple(header[: len(HPOA_COLUMNS)]) != HPOA_COLUMNS:
        handle.close()
        raise UserError(
            f"{path}: not a phenotype.hpoa file (expected the columns {', '.join(HPOA_COLUMNS)})"
        )
    first = number

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        with handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            for offset, cells in enumerate(reader, start=1):
                if not cells or cells == [""]:
                    continue
                if len(cells) < len(HPOA_COLUMNS):
                    raise UserError(
                        f"{path}:{first + offset}: {len(cells)} columns, "
                        f"expected {len(HPOA_COLUMNS)}"
                    )
                yield first + offset, dict(zip(HPOA_COLUMNS, cells, strict=False))

    return version, rows()


@cache
def _publication(reference: str) -> str | None:
    """The IRI of a reference cell, or None when it is neither an IRI nor a known CURIE."""
    try:
        if reference.startswith(("http://", "https://")):
            return nt_iri(reference)
        prefix, _, local = reference.partition(":")
        if prefix.upper().startswith("ISBN"):  # ISBN-10:0-19-262896-8: hyphens are layout
            reference = f"{prefix}:{local.replace('-', '')}"
        return nt_curie(reference)
    except (UserError, ValueError):
        return None


class AnnotationWriter:
    """Turns phenotype.hpoa rows into N-Quads lines of ``Graph.HPO_ANNOTATIONS``."""

    def __init__(self, frequency_table: dict[str, float]) -> None:
        self.table = frequency_table
        self.stats = AnnotationStats()
        self.g = nt_iri(Graph.HPO_ANNOTATIONS) + " .\n"
        self._seen: set[bytes] = set()
        self._diseases: set[str] = set()
        self._direct: set[tuple[str, str, str]] = set()
        self.direct_phenotype_lines: list[str] = []
        """The direct ``disease RO:0002200 HP`` lines written (the bridge classifies them)."""
        self._association = nt_iri(ASSOCIATION_BASE)[:-1]
        """``<`` and the base of the association IRIs, checked once."""
        self._pks = nt_curie("infores:hpo-annotations")
        self._predicates = {
            HAS_PHENOTYPE: nt_curie(HAS_PHENOTYPE),
            HAS_CHARACTERISTIC: nt_curie(HAS_CHARACTERISTIC),
        }
        self._evidence = {code: nt_curie(eco) for code, eco in EVIDENCE_ECO.items()}
        self._aspect_literals = {aspect: nt_str(aspect) for aspect in ASPECTS}
        self._sex = {"MALE": nt_str("male"), "FEMALE": nt_str("female")}

    def _disease(self, curie: str, where: str) -> str:
        try:
            return nt_curie(curie)
        except (UserError, ValueError) as error:
            raise UserError(f"{where}: unusable disease ID {curie!r}: {error}") from None

    def _hp(self, cell: str, where: str, column: str) -> str:
        if not HP_ID.match(cell):
            raise UserError(f"{where}: {column} {cell!r} is not an HP ID (HP:0000000)")
        return nt_hp(cell)

    def lines(self, rows: Iterable[tuple[int, dict[str, str]]], path: Path) -> Iterator[str]:
        """N-Quads lines for every row; raises :class:`UserError` naming a bad row's line."""
        g = self.g
        stats = self.stats
        for number, row in rows:
            where = f"{path}:{number}"
            stats.rows += 1
            key = hashlib.sha1(  # noqa: S324 (an identifier, not security)
                "\t".join([row[c] for c in _KEY_COLUMNS]).encode()
            ).digest()
            if key in self._seen:
                stats.duplicates += 1
                continue
            self._seen.add(key)
            aspect = row["aspect"].strip()
            if aspect not in ASPECTS:
                raise UserError(f"{where}: unknown aspect {aspect!r} (expected one of P I C M H)")
            evidence = self._evidence.get(row["evidence"].strip())
            if evidence is None:
                raise UserError(
                    f"{where}: unknown evidence code {row['evidence']!r} (expected PCS, TAS, IEA)"
                )
            qualifier = row["qualifier"].strip()
            if qualifier not in ("", "NOT"):
                raise UserError(f"{where}: unknown qualifier {qualifier!r} (expected NOT or empty)")
            negated = qualifier == "NOT"
            disease_id = row["database_id"].strip()
            disease = self._disease(disease_id, where)
            sign = self._hp(row["hpo_id"].strip(), where, "hpo_id")
            frequency = parse_frequency(row["frequency"], self.table, where)
            predicate = HAS_PHENOTYPE if aspect == PHENOTYPE_ASPECT else HAS_CHARACTERISTIC
            a = f"{self._association}{key.hex()[:20]}>"  # hex digits: always a valid IRI
            stats.associations += 1
            stats.by_aspect[aspect] += 1
            category = C.PHENOTYPE_ASSOCIATION if aspect == PHENOTYPE_ASPECT else C.ASSOCIATION
            yield f"{a} {P.TYPE} {category} {g}"
            yield f"{a} {P.SUBJECT} {disease} {g}"
            yield f"{a} {P.PREDICATE} {self._predicates[predicate]} {g}"
            yield f"{a} {P.OBJECT} {sign} {g}"
            yield f"{a} {P.EVIDENCE} {evidence} {g}"
            yield f"{a} {P.PRIMARY_SOURCE} {self._pks} {g}"
            if aspect != PHENOTYPE_ASPECT:  # P is implied by the association class
                yield f"{a} {P.ASPECT} {self._aspect_literals[aspect]} {g}"
            if negated:
                stats.negated += 1
                yield f"{a} {P.NEGATED} {TRUE} {g}"
            yield from self._frequency_lines(a, frequency, g)
            if frequency.is_zero:
                stats.zero_frequency += 1
            onset = row["onset"].strip()
            if onset:
                yield f"{a} {P.ONSET} {self._hp(onset, where, 'onset')} {g}"
            sex = row["sex"].strip().upper()
            if sex:
                if sex not in self._sex:
                    raise UserError(f"{where}: unknown sex {row['sex']!r} (expected MALE, FEMALE)")
                yield f"{a} {P.SEX} {self._sex[sex]} {g}"
            for modifier in filter(None, (m.strip() for m in row["modifier"].split(";"))):
                yield f"{a} {P.QUALIFIERS} {self._hp(modifier, where, 'modifier')} {g}"
            yield from self._publication_lines(a, row["reference"], g)
            if disease_id not in self._diseases:
                self._diseases.add(disease_id)
                stats.diseases += 1
                stats.by_source[disease_id.partition(":")[0]] += 1
                yield f"{disease} {P.TYPE} {C.DISEASE} {g}"
                yield f"{disease} {P.ID} {nt_str(disease_id)} {g}"
                if row["disease_name"].strip():
                    yield f"{disease} {P.LABEL} {nt_str(row['disease_name'].strip())} {g}"
            if not negated and not frequency.is_zero:
                direct = (disease, self._predicates[predicate], sign)
                if direct not in self._direct:
                    self._direct.add(direct)
                    stats.direct += 1
                    line = f"{disease} {direct[1]} {sign} {g}"
                    if predicate == HAS_PHENOTYPE:
                        self.direct_phenotype_lines.append(line)
                    yield line

    def _publication_lines(self, a: str, cell: str, g: str) -> Iterator[str]:
        for reference in filter(None, (r.strip() for r in cell.split(";"))):
            iri = _publication(reference)
            if iri is None:  # e.g. "PMID:20037588P" in the 2025-01-16 release
                self.stats.unusable_references += 1
                yield f"{a} {P.PUBLICATIONS} {nt_str(reference)} {g}"
            else:
                yield f"{a} {P.PUBLICATIONS} {iri} {g}"

    @staticmethod
    def _frequency_lines(a: str, frequency: Frequency, g: str) -> Iterator[str]:
        if frequency.term is not None:
            yield f"{a} {P.FREQUENCY} {nt_hp(frequency.term)} {g}"
        if frequency.count is not None and frequency.total is not None:
            yield f"{a} {P.COUNT} {Literal(frequency.count)} {g}"
            yield f"{a} {P.TOTAL} {Literal(frequency.total)} {g}"
        if frequency.percentage is not None:
            yield f"{a} {P.PERCENTAGE} {Literal(float(frequency.percentage))} {g}"
        if frequency.value is not None:
            yield f"{a} {P.FREQUENCY_VALUE} {Literal(float(frequency.value))} {g}"


class TextSink(Protocol):
    """Where N-Quads text goes: a text file, or the import's file-and-loader tee."""

    def write(self, text: str, /) -> object: ...


def write_lines(lines: Iterable[str], out: TextSink) -> int:
    """Write N-Quads lines in large chunks; return how many were written."""
    count = 0
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= 50_000:
            out.write("".join(chunk))
            count += len(chunk)
            chunk.clear()
    out.write("".join(chunk))
    return count + len(chunk)


__all__ = [
    "ASPECTS",
    "EVIDENCE_ECO",
    "HPOA_COLUMNS",
    "NO_FREQUENCY",
    "PHENOTYPE_ASPECT",
    "AnnotationStats",
    "AnnotationWriter",
    "Frequency",
    "TextSink",
    "parse_frequency",
    "read_hpoa",
    "write_lines",
]
