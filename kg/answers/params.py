"""Turn the parameter values a caller gives (strings) into typed RDF terms for ``VALUES``.

Nothing a caller sends reaches the query text: each value is parsed as its declared type and
becomes a pyoxigraph term, which :func:`mnkg.kg.store.inject_values` writes in N-Triples syntax
(validated and escaped). A value that does not parse as its type (including any attempt to
smuggle SPARQL in) is a :class:`~mnkg.kg.errors.UserError`, i.e. a 400.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from pyoxigraph import Literal, NamedNode

from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.vocab.identifiers import expand, is_iri
from mnkg.kg.vocab.resolution import resolve
from mnkg.queries.registry import NamedQuery, Param

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = re.compile(r"^[+-]?[0-9]{1,18}$")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def resolve_term(value: str, *, what: str = "identifier") -> NamedNode:
    """The ontology term a CURIE, IRI or mapped external code names, as a NamedNode.

    An external code mapped to several terms is refused with the candidates listed.
    """
    candidates = resolve(value)
    if len(candidates) > 1:
        raise UserError(
            f"{what} {value!r} maps to several terms: {', '.join(candidates)}; give one of them",
            detail={"candidates": candidates},
        )
    return NamedNode(expand(candidates[0]))


def _plain_iri(text: str, where: str) -> NamedNode:
    """An absolute IRI outside the prefix map (a source document, an association), checked."""
    iri = text.strip().strip("<>")
    try:
        return NamedNode(iri)
    except ValueError:
        raise UserError(f"{where}: {text!r} is not a valid IRI") from None


def to_term(param: Param, value: str) -> NamedNode | Literal:
    """One value as the RDF term its parameter's type asks for."""
    if not isinstance(value, str):
        raise UserError(f"parameter {param.name} must be a string, got {type(value).__name__}")
    text = value.strip()
    where = f"parameter {param.name} ({param.type})"
    if param.type == "iri":
        try:
            return resolve_term(text, what=where)
        except UserError as error:
            if is_iri(text) and not isinstance(error, NotFound):
                return _plain_iri(text, where)
            # an unknown code is a bad value of this parameter: 400, whatever resolve said
            raise UserError(f"{where}: {error.message}", detail=error.detail) from None
    if param.type == "integer":
        if not _INTEGER.match(text):
            raise UserError(f"{where}: {value!r} is not an integer")
        return Literal(str(int(text)), datatype=NamedNode(XSD + "integer"))
    if param.type == "decimal":
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise UserError(f"{where}: {value!r} is not a decimal number") from None
        if not number.is_finite():
            raise UserError(f"{where}: {value!r} is not a finite number")
        return Literal(str(number), datatype=NamedNode(XSD + "decimal"))
    if param.type == "boolean":
        lowered = text.lower()
        if lowered not in _TRUE | _FALSE:
            raise UserError(f"{where}: {value!r} is not true or false")
        return Literal("true" if lowered in _TRUE else "false", datatype=NamedNode(XSD + "boolean"))
    # string
    if param.enum and text not in param.enum:
        raise UserError(f"{where}: {value!r} is not one of {', '.join(param.enum)}")
    if param.pattern and not re.fullmatch(param.pattern, text):
        raise UserError(f"{where}: {value!r} does not match {param.pattern}")
    return Literal(text)


def bind_params(
    query: NamedQuery, values: Mapping[str, str | None]
) -> tuple[dict[str, NamedNode | Literal], dict[str, str]]:
    """Check ``values`` against the query's parameters; return the bindings and the values used.

    Unknown names, missing required parameters and values of the wrong type are UserErrors.
    Parameters left out fall back to their default; without one they stay unbound (the
    variable then ranges over everything).
    """
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise UserError(
            f"query {query.name} has no parameter {', '.join(unknown)} (parameters: {known})"
        )
    bindings: dict[str, NamedNode | Literal] = {}
    used: dict[str, str] = {}
    for param in query.params:
        raw = values.get(param.name)
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            raw = param.default
        if raw is None:
            if param.required:
                raise UserError(
                    f"query {query.name} needs parameter {param.name} ({param.type}), "
                    f"e.g. {param.name}={param.example}"
                )
            continue
        bindings[param.name] = to_term(param, raw)
        used[param.name] = raw.strip()
    return bindings, used


__all__ = ["bind_params", "resolve_term", "to_term"]
