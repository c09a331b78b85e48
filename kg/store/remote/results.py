"""What a remote SPARQL server answers, normalised so pyoxigraph reads it as the embedded store
would write it (Virtuoso's SPARQL 1.0 JSON, 1/0 booleans, ``nodeID://`` blank nodes), and the
errors of a remote store.
"""

from __future__ import annotations

import json
import re

from pyoxigraph import (
    QueryBoolean,
    QuerySolutions,
)
from pyoxigraph import Store as OxStore

from mnkg.kg.errors import UserError
from mnkg.kg.store.base import (
    NotAcceptable,
    QuerySyntaxError,
    ResultKind,
    ResultTooLarge,
)

SPARQL_JSON = "application/sparql-results+json"


N_TRIPLES = "application/n-triples"


XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


class RemoteRefused(UserError):
    """The SPARQL server answered, but with an error (permission, server-side failure)."""

    http_status = 502


_BNODE_OK = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def normalize_json(body: bytes) -> bytes:
    """Rewrite a SPARQL JSON result so pyoxigraph reads it as the embedded store would write it.

    Virtuoso writes ``typed-literal`` (SPARQL 1.0 JSON), booleans as ``1``/``0`` and blank nodes
    as ``nodeID://b10000`` (not a valid blank node label).
    """
    try:
        document = json.loads(body)
    except ValueError as error:
        raise RemoteRefused(f"the SPARQL server sent invalid JSON: {error}") from None
    bindings = document.get("results", {}).get("bindings")
    if not bindings:
        return body
    labels: dict[str, str] = {}
    for row in bindings:
        for term in row.values():
            kind = term.get("type")
            if kind == "typed-literal":
                term["type"] = "literal"
            if term.get("datatype") == XSD_BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
            elif kind == "bnode" and not _BNODE_OK.match(term.get("value", "")):
                term["value"] = labels.setdefault(term["value"], f"b{len(labels)}")
    return json.dumps(document).encode()


def form_of(sparql: str) -> ResultKind:
    """Parse the query with pyoxigraph (its syntax errors, as on the embedded store) and
    return its form. The empty in-memory store makes evaluation a no-op: SELECT and CONSTRUCT
    results are lazy, and an ASK over nothing is immediate."""
    try:
        result = OxStore().query(sparql)
    except SyntaxError as error:
        raise QuerySyntaxError(str(error)) from None
    if isinstance(result, QueryBoolean):
        return ResultKind.BOOLEAN
    if isinstance(result, QuerySolutions):
        return ResultKind.SOLUTIONS
    return ResultKind.GRAPH


def too_large(limit: int, what: str) -> ResultTooLarge:
    return ResultTooLarge(
        f"the result has more than {limit} {what} (the server's result limit); "
        "add a LIMIT or narrow the query"
    )


def with_charset(media_type: str) -> str:
    if media_type.startswith("text/") or media_type.endswith(("json", "xml", "n-triples")):
        return media_type + "; charset=utf-8"
    return media_type


def not_acceptable(kind: ResultKind) -> NotAcceptable:
    form = {
        ResultKind.SOLUTIONS: "a SELECT",
        ResultKind.BOOLEAN: "an ASK",
        ResultKind.GRAPH: "a CONSTRUCT or DESCRIBE",
    }[kind]
    return NotAcceptable(
        f"none of the accepted media types can represent the result of {form} query"
    )
