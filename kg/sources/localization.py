"""The localization weights table (``kg/data/localization-weights.tsv``) as a named graph.

Each row says how much one finding, present or absent, supports (positive weight) or argues
against (negative) one candidate lesion site, optionally only in a context (onset, age, other
findings); docs/localization.md is the model. The table is checked here (columns, CURIEs,
states, weights, the context grammar, evidence, source, date) and compiled into one
``mnkgv:LocalizationWeight`` node per row in ``Graph.LOCALIZATION``, with the provenance
every curated statement carries, so the weights are queryable with SPARQL.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from mnkg.kg.errors import UserError
from mnkg.kg.iris import MNKG_BASE, STATEMENT_BASE, Graph
from mnkg.kg.sources.curation import data_dir
from mnkg.kg.vocab import identifiers

WEIGHTS_TABLE = "localization-weights.tsv"
COLUMNS = (
    "finding",
    "finding_label",
    "when",
    "site",
    "site_label",
    "weight",
    "context",
    "pitfall",
    "evidence",
    "source",
    "source_pointer",
    "curator",
    "date",
    "comment",
)
REQUIRED = ("finding", "when", "site", "weight", "evidence", "source", "curator", "date")
STATES = ("present", "absent")
MAX_WEIGHT = 4.0
SOURCES = ("domain.md", "domain-wider.md")
SOURCE_BASE = MNKG_BASE + "source/"
MNKGV = identifiers.prefix_map()["mnkgv"]
BIOLINK = identifiers.prefix_map()["biolink"]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
WEIGHT_CLASS = MNKGV + "LocalizationWeight"
_CONDITION = re.compile(r"^(?:(with|without|absent)=(.+)|onset=(acute|chronic)|age_months<(\d+))$")


@dataclass(frozen=True, slots=True)
class WeightRow:
    """One checked row of the weights table."""

    finding: str
    when: str
    site: str
    weight: float
    context: str
    pitfall: str
    evidence: tuple[str, ...]
    source: str
    source_pointer: str
    curator: str
    date: dt.date
    comment: str
    where: str
    labels: tuple[str, str]

    def identity(self) -> str:
        """What makes the row the row it is (its IRI is derived from this, not its line)."""
        return "|".join((self.finding, self.when, self.site, self.context, self.source))


def check_context(text: str, where: str) -> str:
    """Check a context cell (``cond&cond``); return it with its CURIEs normalised."""
    if not text:
        return ""
    out = []
    for part in text.split("&"):
        match = _CONDITION.match(part.strip())
        if match is None:
            raise UserError(
                f"{where}: context condition {part!r} is not with=, without=, absent= (IDs), "
                "onset=acute|chronic or age_months<N"
            )
        if match.group(1):
            ids = [_curie(i, "context", where) for i in match.group(2).split("|")]
            out.append(f"{match.group(1)}={'|'.join(ids)}")
        else:
            out.append(part.strip())
    return "&".join(out)


def _curie(value: str, column: str, where: str) -> str:
    if not value:
        raise UserError(f"{where}: column {column!r} is empty")
    try:
        return identifiers.normalize(value)
    except (UserError, ValueError) as error:
        message = error.message if isinstance(error, UserError) else str(error)
        raise UserError(f"{where}: column {column!r}: {message}") from None


def _weight(value: str, where: str) -> float:
    try:
        weight = float(value)
    except ValueError:
        raise UserError(f"{where}: column 'weight' must be a number, got {value!r}") from None
    if not -MAX_WEIGHT <= weight <= MAX_WEIGHT:
        raise UserError(f"{where}: weight {weight:g} is outside -{MAX_WEIGHT:g}..{MAX_WEIGHT:g}")
    return weight


def _row(cells: dict[str, str], where: str) -> WeightRow:
    for column in REQUIRED:
        if not cells.get(column):
            raise UserError(f"{where}: column {column!r} is empty")
    if cells["when"] not in STATES:
        raise UserError(f"{where}: column 'when' must be present or absent, got {cells['when']!r}")
    if cells["source"] not in SOURCES:
        raise UserError(f"{where}: column 'source' must be one of {', '.join(SOURCES)}")
    evidence = tuple(_curie(e, "evidence", where) for e in cells["evidence"].split("|"))
    if not all(e.startswith("ECO:") for e in evidence):
        raise UserError(f"{where}: column 'evidence' takes ECO codes")
    try:
        date = dt.date.fromisoformat(cells["date"])
    except ValueError:
        raise UserError(f"{where}: column 'date' must be YYYY-MM-DD") from None
    return WeightRow(
        finding=_curie(cells["finding"], "finding", where),
        when=cells["when"],
        site=_curie(cells["site"], "site", where),
        weight=_weight(cells["weight"], where),
        context=check_context(cells.get("context", ""), where),
        pitfall=_curie(cells["pitfall"], "pitfall", where) if cells.get("pitfall") else "",
        evidence=evidence,
        source=cells["source"],
        source_pointer=cells.get("source_pointer", ""),
        curator=cells["curator"],
        date=date,
        comment=cells.get("comment", ""),
        where=where,
        labels=(cells.get("finding_label", ""), cells.get("site_label", "")),
    )


def parse_weights(text: str, *, name: str = WEIGHTS_TABLE) -> list[WeightRow]:
    """The checked rows of a weights table; a :class:`UserError` names the line of a bad one."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    lines = [(n, line) for n, line in lines if not line.startswith("#")]
    if not lines:
        raise UserError(f"{name}: no header")
    header = next(csv.reader([lines[0][1]], delimiter="\t"))
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        raise UserError(f"{name}: missing columns {missing}, unknown columns {unknown}")
    rows: list[WeightRow] = []
    seen: dict[str, str] = {}
    for number, line in lines[1:]:
        values = next(csv.reader([line], delimiter="\t"))
        cells = {c: (values[i].strip() if i < len(values) else "") for i, c in enumerate(header)}
        where = f"{name}:{number}"
        row = _row(cells, where)
        key = "|".join((row.finding, row.when, row.site, row.context))
        if key in seen:
            raise UserError(f"{where}: the same finding, state, site and context as {seen[key]}")
        seen[key] = where
        rows.append(row)
    return rows


def read_weights(path: Path | None = None) -> list[WeightRow]:
    """The shipped weights table (or ``path``), checked."""
    path = path or data_dir() / WEIGHTS_TABLE
    return parse_weights(path.read_text(encoding="utf-8"), name=f"kg/data/{path.name}")


def _iri(curie: str) -> str:
    return str(NamedNode(identifiers.expand(curie)))


def _literal(value: str, datatype: str | None = None) -> str:
    if datatype:
        return str(Literal(value, datatype=NamedNode(XSD + datatype)))
    return str(Literal(value))


def weight_quads(rows: Iterable[WeightRow]) -> Iterator[str]:
    """N-Quads lines of ``Graph.LOCALIZATION``: one node per row with its provenance."""
    graph = f" {NamedNode(Graph.LOCALIZATION)} .\n"
    for row in rows:
        digest = hashlib.sha256(row.identity().encode("utf-8")).hexdigest()[:20]
        node = str(NamedNode(f"{STATEMENT_BASE}loc-{digest}"))
        finding_label, site_label = row.labels
        finding, site = finding_label or row.finding, site_label or row.site
        label = f"{finding} {row.when}: {row.weight:+g} for {site}"
        pairs = [
            (RDF_TYPE, str(NamedNode(WEIGHT_CLASS))),
            (RDFS_LABEL, _literal(label)),
            (BIOLINK + "subject", _iri(row.finding)),
            (BIOLINK + "object", _iri(row.site)),
            (MNKGV + "finding_state", _literal(row.when)),
            (MNKGV + "weight", _literal(f"{row.weight:g}", "decimal")),
            (BIOLINK + "publications", str(NamedNode(SOURCE_BASE + row.source))),
            (BIOLINK + "knowledge_level", _literal("knowledge_assertion")),
            (BIOLINK + "agent_type", _literal("manual_agent")),
            (MNKGV + "curated_in", _literal(row.where)),
            (DCTERMS + "creator", _literal(row.curator)),
            (DCTERMS + "created", _literal(row.date.isoformat(), "date")),
        ]
        pairs += [(BIOLINK + "has_evidence", _iri(e)) for e in row.evidence]
        if row.context:
            pairs.append((MNKGV + "context", _literal(row.context)))
        if row.pitfall:
            pairs.append((MNKGV + "pitfall", _iri(row.pitfall)))
        if row.source_pointer:
            pairs.append((MNKGV + "source_pointer", _literal(row.source_pointer)))
        if row.comment:
            pairs.append((RDFS_COMMENT, _literal(row.comment)))
        for predicate, value in pairs:
            yield f"{node} <{predicate}> {value}{graph}"


def write_weights(target: Path, rows: Iterable[WeightRow] | None = None) -> int:
    """Write the weights graph as N-Quads to ``target``; return the number of quads."""
    buffer = io.StringIO()
    count = 0
    for line in weight_quads(read_weights() if rows is None else rows):
        buffer.write(line)
        count += 1
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return count


__all__ = [
    "COLUMNS",
    "WEIGHTS_TABLE",
    "WeightRow",
    "check_context",
    "parse_weights",
    "read_weights",
    "weight_quads",
    "write_weights",
]
