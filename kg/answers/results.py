"""Run a named query and shape its answer: a table of plain values, as JSON, CSV or TSV.

IRIs are shown as CURIEs (``MONDO:0004976``) when a known prefix covers them, literals as their
lexical value (numbers and booleans as JSON numbers and booleans). The same table backs the API,
the CLI and the tests, so they cannot disagree.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions

from mnkg.kg.answers.models import QueryInfo, QueryList, QueryParamInfo
from mnkg.kg.answers.params import bind_params
from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.store import NotAcceptable, Store
from mnkg.kg.vocab.identifiers import compress
from mnkg.queries.registry import (
    NamedQuery,
    QueryFileError,
    QueryRegistry,
    UnknownQuery,
    load_registry,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger")}
_DECIMALS = {XSD + t for t in ("decimal", "double", "float")}
FORMATS: dict[str, str] = {
    "json": "application/json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def curie(iri: str) -> str:
    """The CURIE of an IRI, or the IRI itself when no known prefix covers it."""
    try:
        return compress(iri)
    except UserError:  # an IRI outside the prefix map is shown as it is
        return iri


def plain(term: object) -> Any:
    """A result term as a plain value: CURIE for an IRI, Python value for a literal."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return curie(term.value)
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if datatype in _INTEGERS:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if datatype in _DECIMALS:
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, BlankNode):
        return "_:" + term.value
    return str(term)


def rows_of(result: object) -> tuple[list[str], list[dict[str, Any]]]:
    """Column names and rows (plain values) of a SELECT result."""
    if not isinstance(result, QuerySolutions):
        raise UserError("a named query must be a SELECT query")
    columns = [v.value for v in result.variables]
    rows = [{c: plain(solution[c]) for c in columns} for solution in result]
    return columns, rows


@dataclass(frozen=True, slots=True)
class Table:
    """The answer of a named query."""

    query: str
    params: dict[str, str]
    columns: list[str]
    rows: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        """The JSON body of ``GET /queries/{name}``."""
        return {
            "query": self.query,
            "params": self.params,
            "columns": self.columns,
            "count": len(self.rows),
            "rows": self.rows,
        }

    def delimited(self, *, delimiter: str) -> str:
        """The table as CSV (``,``) or TSV (``\\t``) text with a header row."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if row[c] is None else _cell(row[c]) for c in self.columns])
        return out.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return text.replace("\t", " ").replace("\n", " ")


def named_queries(directory: Path | None = None) -> QueryRegistry:
    """The named queries of ``directory`` (default: the packaged ones); a UserError if a file
    is not a valid named query."""
    try:
        return load_registry(directory)
    except QueryFileError as error:
        raise UserError(str(error)) from error


def list_queries(registry: QueryRegistry) -> QueryList:
    """``GET /queries``: every named query with its parameters, columns and a working URL."""
    out = []
    for query in registry:
        entry = query.as_dict()
        example = {p.name: p.example for p in query.params if p.required}
        entry["params"] = [QueryParamInfo(**p) for p in entry["params"]]
        entry["example_url"] = f"/queries/{query.name}" + (
            "?" + urlencode(example, safe=":/") if example else ""
        )
        out.append(QueryInfo(**entry))
    return QueryList(queries=out)


def named_query(registry: QueryRegistry, name: str) -> NamedQuery:
    """The query called ``name``; :class:`NotFound` listing the available names otherwise."""
    try:
        return registry.get(name)
    except UnknownQuery as error:
        raise NotFound(str(error), detail={"available": error.available}) from None


def run_named(
    store: Store, query: NamedQuery, params: Mapping[str, str | None] | None = None
) -> Table:
    """Bind ``params`` (typed, as VALUES) and run ``query`` over ``store``."""
    bindings, used = bind_params(query, params or {})
    columns, rows = rows_of(store.query(query.sparql, bindings=bindings))
    if query.columns:
        missing = [c for c in query.columns if c not in columns]
        if missing:
            raise RuntimeError(f"query {query.name} does not project {', '.join(missing)}")
        columns = list(query.columns)
        rows = [{c: row[c] for c in columns} for row in rows]
    return Table(query=query.name, params=used, columns=columns, rows=rows)


def render(table: Table, fmt: str) -> tuple[str, str]:
    """Body text and media type of ``table`` in ``fmt`` (json, csv or tsv)."""
    if fmt == "json":
        return json.dumps(table.as_dict(), ensure_ascii=False), FORMATS["json"]
    if fmt == "csv":
        return table.delimited(delimiter=","), FORMATS["csv"] + "; charset=utf-8"
    if fmt == "tsv":
        return table.delimited(delimiter="\t"), FORMATS["tsv"] + "; charset=utf-8"
    raise UserError(f"unknown format {fmt!r}: use json, csv or tsv")


def pick_format(explicit: str | None, accept: str | None) -> str:
    """The result format from ``?format=`` (wins) or the Accept header; JSON by default."""
    if explicit:
        fmt = explicit.strip().lower()
        if fmt not in FORMATS:
            raise UserError(f"unknown format {explicit!r}: use json, csv or tsv")
        return fmt
    for part in _accepted(accept or ""):
        for fmt, media in FORMATS.items():
            if part == media:
                return fmt
        if part in ("*/*", "application/*", "text/*"):
            return "json" if part != "text/*" else "csv"
    if accept and accept.strip():
        raise NotAcceptable(
            f"cannot answer in {accept!r}: accept one of {', '.join(FORMATS.values())}"
        )
    return "json"


def _accepted(accept: str) -> Iterable[str]:
    """Media types of an Accept header, highest quality first (q=0 dropped)."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(accept.split(",")):
        media, *options = (p.strip() for p in item.split(";"))
        quality = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    quality = float(option[2:])
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


__all__ = [
    "FORMATS",
    "Table",
    "curie",
    "list_queries",
    "named_queries",
    "named_query",
    "pick_format",
    "plain",
    "render",
    "rows_of",
    "run_named",
]
