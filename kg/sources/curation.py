"""Curated tables: read and check the TSV files of ``kg/data/`` and ``kg/claims/``.

One statement a row, editable in a spreadsheet (see ``docs/curation.md``). The reader checks the
*form* of each row (columns, CURIEs, dates, booleans, source syntax) and raises
:class:`~mnkg.kg.errors.UserError` naming the file, line and column; what the content *means*
(an allowed predicate, an ECO code from the list, a sign as the object of 'has phenotype', a
well-formed frequency) is checked later by the SHACL shapes and the reasoner, so that curators
and users of ``mnkg validate`` get the same report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.vocab import identifiers

REQUIRED_COLUMNS: tuple[str, ...] = (
    "subject",
    "predicate",
    "object",
    "evidence",
    "source",
    "curator",
    "date",
)
"""Columns every table must have (a value is required in each row)."""

OPTIONAL_COLUMNS: tuple[str, ...] = (
    "subject_label",
    "object_label",
    "frequency",
    "onset",
    "laterality",
    "negated",
    "source_pointer",
    "status",
    "comment",
)
"""Columns a table may have; empty cells mean 'not given'."""

COLUMNS: tuple[str, ...] = (
    "subject",
    "subject_label",
    "predicate",
    "object",
    "object_label",
    "frequency",
    "onset",
    "laterality",
    "negated",
    "evidence",
    "source",
    "source_pointer",
    "curator",
    "date",
    "status",
    "comment",
)
"""The canonical column order (what :func:`write_table` writes)."""

STATUSES: frozenset[str] = frozenset({"accepted", "rejected"})
SEED_SOURCE = re.compile(r"^seed:(\d{3}_[0-9a-f]{16}\.txt)$")
DOMAIN_SOURCE = "domain.md"
DOMAIN_SOURCES = frozenset({DOMAIN_SOURCE, "domain-wider.md"})
"""The project's clinical ground truth: domain.md and its companion on the wider differential."""
MAX_POINTER_CHARS = 300
MAX_FIELD_CHARS = 2_000
_TRUE = {"true", "yes", "1", "not"}
_FALSE = {"false", "no", "0", ""}


@dataclass(frozen=True)
class Statement:
    """One curated row: a subject-predicate-object statement with qualifiers and provenance.

    CURIE fields hold canonical CURIEs (``HP:0001252``), normalised by the project's converter.
    ``where`` (``file:line``) is for messages only and is not part of the statement's identity.
    """

    subject: str
    predicate: str
    object: str
    evidence: tuple[str, ...]
    source: str
    curator: str
    date: dt.date
    frequency: str = ""
    onset: str = ""
    laterality: str = ""
    negated: bool = False
    source_pointer: str = ""
    status: str = "accepted"
    subject_label: str = ""
    object_label: str = ""
    comment: str = ""
    row: int = 0
    where: str = field(default="", compare=False)

    @property
    def accepted(self) -> bool:
        """True when the statement enters the graph as a direct triple (if not negated)."""
        return self.status == "accepted"

    def identity(self) -> str:
        """The text the statement IRI is hashed from: subject|predicate|object|qualifiers|source."""
        return "|".join(
            (
                self.subject,
                self.predicate,
                self.object,
                self.frequency,
                self.onset,
                self.laterality,
                "negated" if self.negated else "",
                self.source,
            )
        )


def _cell(row: Mapping[str, str | None], column: str) -> str:
    value = row.get(column)
    return "" if value is None else value.strip()


def _curie(value: str, column: str, where: str) -> str:
    if not value:
        raise UserError(f"{where}: column {column!r} is empty")
    if value.lower() == "rdfs:subclassof":
        return "rdfs:subClassOf"
    try:
        return identifiers.normalize(value)
    except (UserError, ValueError) as error:
        message = error.message if isinstance(error, UserError) else str(error)
        raise UserError(f"{where}: column {column!r}: {message}") from None


def _boolean(value: str, column: str, where: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise UserError(f"{where}: column {column!r} must be true or false, got {value!r}")


def _date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{where}: column 'date' must be YYYY-MM-DD, got {value!r}") from None


def check_source(value: str, where: str) -> str:
    """Check a source cell: ``seed:<file>``, a domain document, ``PMID:<digits>`` or a URL."""
    if not value:
        raise UserError(f"{where}: column 'source' is empty")
    if SEED_SOURCE.match(value) or value in DOMAIN_SOURCES:
        return value
    if value.startswith(("http://", "https://")) and " " not in value:
        return value
    if re.match(r"^PMID:\d+$", value, flags=re.IGNORECASE):
        return "PMID:" + value.partition(":")[2]
    raise UserError(
        f"{where}: column 'source' must be seed:<NNN_hash.txt>, domain.md, domain-wider.md, "
        f"PMID:<digits> or an http(s) URL, got {value!r}"
    )


def is_curie_like(value: str) -> bool:
    """Whether a qualifier cell is meant as a term (``HP:0040281``) rather than a number or text.

    The reader normalises such cells (a bad one is a UserError naming file and line); the
    compiler writes them as IRIs. Anything else is kept as text for the SHACL shapes to judge.
    """
    return re.match(r"^[A-Za-z]+:", value) is not None


def _statement(row: Mapping[str, str | None], number: int, where: str) -> Statement:
    for column, value in row.items():
        if value is not None and len(value) > MAX_FIELD_CHARS:
            raise UserError(f"{where}: column {column!r} is longer than {MAX_FIELD_CHARS} chars")
    evidence_cell = _cell(row, "evidence")
    if not evidence_cell:
        raise UserError(f"{where}: column 'evidence' is empty (give an ECO code)")
    evidence = tuple(
        _curie(code.strip(), "evidence", where) for code in evidence_cell.split("|") if code
    )
    status = _cell(row, "status").lower() or "accepted"
    if status not in STATUSES:
        raise UserError(f"{where}: column 'status' must be accepted or rejected, got {status!r}")
    pointer = _cell(row, "source_pointer")
    if len(pointer) > MAX_POINTER_CHARS:
        raise UserError(
            f"{where}: column 'source_pointer' is a heading or a quote of at most one sentence "
            f"({MAX_POINTER_CHARS} characters)"
        )
    curator = _cell(row, "curator")
    if not curator:
        raise UserError(f"{where}: column 'curator' is empty")
    frequency = _cell(row, "frequency")
    if is_curie_like(frequency):
        frequency = _curie(frequency, "frequency", where)
    onset = _cell(row, "onset")
    laterality = _cell(row, "laterality")
    return Statement(
        subject=_curie(_cell(row, "subject"), "subject", where),
        predicate=_curie(_cell(row, "predicate"), "predicate", where),
        object=_curie(_cell(row, "object"), "object", where),
        evidence=evidence,
        source=check_source(_cell(row, "source"), where),
        curator=curator,
        date=_date(_cell(row, "date"), where),
        frequency=frequency,
        onset=_curie(onset, "onset", where) if onset else "",
        laterality=_curie(laterality, "laterality", where) if laterality else "",
        negated=_boolean(_cell(row, "negated"), "negated", where),
        source_pointer=pointer,
        status=status,
        subject_label=_cell(row, "subject_label"),
        object_label=_cell(row, "object_label"),
        comment=_cell(row, "comment"),
        row=number,
        where=where,
    )


def parse_table(text: str, *, name: str = "<table>") -> list[Statement]:
    """Parse the text of one TSV table into statements.

    Lines starting with ``#`` and blank lines are skipped; the first other line is the header.
    Raises :class:`UserError` with ``name:line`` for the first problem found.
    """
    if "\x00" in text:
        raise UserError(f"{name}: not a text file (NUL byte)")
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise UserError(f"{name}: no header line (expected columns {', '.join(COLUMNS)})")
    header_number, header_line = lines[0]
    header = [column.strip() for column in header_line.split("\t")]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    unknown = [column for column in header if column not in COLUMNS]
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if missing or unknown or duplicated:
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown {', '.join(repr(column) for column in unknown)}")
        if duplicated:
            problems.append(f"repeated {', '.join(duplicated)}")
        raise UserError(
            f"{name}:{header_number}: bad header ({'; '.join(problems)}); "
            f"columns are {', '.join(COLUMNS)}"
        )
    statements = []
    for number, line in lines[1:]:
        where = f"{name}:{number}"
        try:
            cells = next(csv.reader(io.StringIO(line), delimiter="\t", quoting=csv.QUOTE_NONE))
        except (csv.Error, StopIteration) as error:
            raise UserError(f"{where}: unreadable row ({error})") from None
        if len(cells) > len(header):
            raise UserError(f"{where}: {len(cells)} cells but the header has {len(header)} columns")
        row = dict(zip(header, cells, strict=False))
        statements.append(_statement(row, number, where))
    return statements


def read_table(path: Path | str) -> list[Statement]:
    """Read one TSV file. Raises :class:`NotFound` for a missing file, :class:`UserError` else."""
    path = Path(path)
    if not path.exists():
        raise NotFound(f"no such file: {path}")
    if not path.is_file():
        raise UserError(f"not a file: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise UserError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read ({error.strerror})") from None
    return parse_table(text, name=str(path))


def read_tables(paths: Iterable[Path | str]) -> list[Statement]:
    """Read several tables, in order."""
    statements: list[Statement] = []
    for path in paths:
        statements.extend(read_table(path))
    return statements


def data_dir() -> Path:
    """The folder of curated tables shipped with the package (``kg/data``)."""
    return Path(str(resources.files("mnkg.kg").joinpath("data")))


def claims_dir() -> Path:
    """The folder of curated claim files (``kg/claims``)."""
    return Path(str(resources.files("mnkg.kg").joinpath("claims")))


SEPARATE_TABLES = frozenset({"localization-weights.tsv"})
"""Tables of ``kg/data`` with a format and compiler of their own (docs/localization.md)."""


def curated_tables() -> list[Path]:
    """The curated statement tables of the knowledge graph, in a stable order."""
    return sorted(p for p in data_dir().glob("*.tsv") if p.name not in SEPARATE_TABLES)


def curated_statements() -> list[Statement]:
    """Every statement of every curated table."""
    return read_tables(curated_tables())


def write_table(statements: Sequence[Statement]) -> str:
    """The statements as TSV text in the canonical column order (round-trips with parse)."""
    out = io.StringIO()
    out.write("\t".join(COLUMNS) + "\n")
    for s in statements:
        values = {
            "subject": s.subject,
            "subject_label": s.subject_label,
            "predicate": s.predicate,
            "object": s.object,
            "object_label": s.object_label,
            "frequency": s.frequency,
            "onset": s.onset,
            "laterality": s.laterality,
            "negated": "true" if s.negated else "",
            "evidence": "|".join(s.evidence),
            "source": s.source,
            "source_pointer": s.source_pointer,
            "curator": s.curator,
            "date": s.date.isoformat(),
            "status": s.status,
            "comment": s.comment,
        }
        out.write("\t".join(values[column] for column in COLUMNS) + "\n")
    return out.getvalue()


__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "Statement",
    "check_source",
    "claims_dir",
    "curated_statements",
    "curated_tables",
    "data_dir",
    "parse_table",
    "read_table",
    "read_tables",
    "write_table",
]
