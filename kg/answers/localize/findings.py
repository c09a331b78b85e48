"""A request's findings: what the caller sent, resolved to terms, and what could not be used.

An input is used when it names a phenotypic abnormality of HPO (a descendant of
HP:0000118), or an MNKG finding (a weighted finding, or one under MNKG:0001149). Everything
else is listed in ``unrecognised`` with its reason instead of failing the request: an unknown
ID, an obsolete term (with HPO's replacement), an onset, frequency, modifier or inheritance
term, a label that names no or several terms, a finding given twice. Only a request with no
usable finding is an error.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from pyoxigraph import NamedNode

from mnkg.kg.answers.localize.graph import NO_HPO_TERM_ROOT, PHENOTYPE_ROOT, Terms
from mnkg.kg.answers.localize.models import LocalizeRequest
from mnkg.kg.answers.lookup import resolve_id, select_named, term_id
from mnkg.kg.answers.search import find
from mnkg.kg.answers.terms import suggestions as suggest
from mnkg.kg.errors import UserError

ID_PREFIXES = ("HP:", "MNKG:")
_ID_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9.]*_\d+$")
"""An OBO-style ID (HP_0002380), which the CURIE converter also accepts."""


@dataclass
class Findings:
    """The usable findings (IRIs, in the order given) and the inputs that were not used."""

    present: list[str]
    absent: list[str]
    unrecognised: list[dict[str, Any]]


def _usable(terms: Terms, iri: str, weighted: frozenset[str]) -> bool:
    if iri in weighted:
        return True
    ancestors = terms.ancestors(iri)
    return PHENOTYPE_ROOT in ancestors or NO_HPO_TERM_ROOT in ancestors


def _in_graph(store: Any, iri: str) -> bool:
    """Whether the graph says anything about ``iri`` (a disease, a site, a gene...)."""
    return bool(select_named(store, "term-exists", {"term": NamedNode(iri)}))


def _entry(value: str, reason: str, **extra: Any) -> dict[str, Any]:
    return {"id": value, "reason": reason, "replaced_by": None, "suggestions": [], **extra}


def _by_label(
    store: Any, value: str, cache: MutableMapping[Any, Any] | None
) -> tuple[str | None, dict[str, Any] | None]:
    try:
        hits = [h for h in find(store, value, cache=cache) if h.id.startswith(ID_PREFIXES)]
    except UserError as error:  # too long to search, for example
        return None, _entry(value[:200], "unknown", detail=error.message)
    exact = [h for h in hits if h.match_type.startswith("exact")]
    if len(exact) == 1 or (exact and exact[0].match_type == "exact label"):
        return str(NamedNode(_expand(exact[0].id)).value), None
    options = [{"id": h.id, "label": h.label} for h in (exact or hits)[:5]]
    reason = "ambiguous" if len(exact) > 1 else "unknown"
    return None, _entry(value, reason, suggestions=options)


def _expand(curie: str) -> str:
    return resolve_id(curie).value


def resolve_one(
    store: Any,
    terms: Terms,
    value: object,
    weighted: frozenset[str],
    cache: MutableMapping[Any, Any] | None,
) -> tuple[str | None, dict[str, Any] | None]:
    """The IRI an input names, or why it cannot be used."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None, _entry(str(value), "empty")
    looks_like_id = bool(_ID_LIKE.match(text)) or (":" in text and " " not in text.split(":", 1)[0])
    if not (looks_like_id or text.startswith(("http://", "https://"))):
        return _by_label(store, text, cache)
    try:
        iri = resolve_id(text).value
    except UserError as error:
        return None, _entry(text, "malformed", detail=error.message)
    shown = str(term_id(NamedNode(iri)))
    if iri in terms.deprecated:
        replacement = terms.deprecated[iri]
        return None, _entry(
            shown,
            "obsolete",
            replaced_by=None if replacement is None else term_id(NamedNode(replacement)),
        )
    if not terms.known(iri) and _in_graph(store, iri):
        return None, _entry(shown, "not a phenotypic abnormality")
    if not terms.known(iri):
        suggestions = []
        try:
            suggestions = suggest(store, shown, cache=cache)
        except UserError:
            pass
        return None, _entry(shown, "unknown", suggestions=suggestions)
    if not _usable(terms, iri, weighted):
        return None, _entry(shown, "not a phenotypic abnormality", label=terms.labels.get(iri))
    return iri, None


def resolve_findings(
    store: Any,
    terms: Terms,
    request: LocalizeRequest,
    weighted: frozenset[str],
    cache: MutableMapping[Any, Any] | None = None,
) -> Findings:
    """Resolve every input; raise :class:`UserError` only when no finding is usable."""
    seen: set[str] = set()
    found: dict[str, list[str]] = {"present": [], "absent": []}
    unrecognised: list[dict[str, Any]] = []
    for state, values in (("present", request.signs), ("absent", request.absent)):
        for value in values:
            iri, problem = resolve_one(store, terms, value, weighted, cache)
            if problem is not None:
                unrecognised.append({**problem, "given_as": state})
                continue
            assert iri is not None
            if iri in seen:
                shown = str(term_id(NamedNode(iri)))
                other = iri in found["present"] and state == "absent"
                reason = "given as both present and absent" if other else "duplicate"
                unrecognised.append({**_entry(shown, reason), "given_as": state})
                continue
            seen.add(iri)
            found[state].append(iri)
    if not found["present"] and not found["absent"]:
        raise UserError(
            "no usable finding in the request",
            detail={"unrecognised": unrecognised},
        )
    return Findings(found["present"], found["absent"], unrecognised)


__all__ = [
    "Findings",
    "resolve_findings",
    "resolve_one",
]
