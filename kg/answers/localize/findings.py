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
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import NamedNode

from mnkg.kg.answers.localize.graph import NO_HPO_TERM_ROOT, PHENOTYPE_ROOT, Terms
from mnkg.kg.answers.lookup import resolve_id, term_id
from mnkg.kg.errors import UserError

MAX_SIGNS = 50
SOURCES = ("mnkg", "hpo", "all")
ONSETS = ("acute", "chronic")
ID_PREFIXES = ("HP:", "MNKG:")
_ID_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9.]*_\d+$")
"""An OBO-style ID (HP_0002380), which the CURIE converter also accepts."""


@dataclass
class LocalizeRequest:
    """What a caller asks: findings present and absent (HPO IDs or labels) and the context."""

    signs: list[str]
    absent: list[str] = field(default_factory=list)
    age_months: float | None = None
    onset: str | None = None
    """``acute`` (hours to days: the shock pitfall applies) or ``chronic``; None if unknown."""
    source: str = "mnkg"
    limit: int = 10

    def check(self) -> None:
        """Raise :class:`UserError` for a request that cannot be answered at all."""
        if not isinstance(self.signs, list) or not self.signs:
            raise UserError("give at least one sign in 'signs'")
        if len(self.signs) + len(self.absent) > MAX_SIGNS:
            raise UserError(f"at most {MAX_SIGNS} signs per request")
        if self.onset is not None and self.onset not in ONSETS:
            raise UserError("onset must be 'acute' or 'chronic'")
        if self.age_months is not None and not 0 <= self.age_months <= 1500:
            raise UserError("age_months must be between 0 and 1500")
        if self.source not in SOURCES:
            raise UserError(f"unknown source {self.source!r}: use mnkg, hpo or all")
        if not 1 <= self.limit <= 100:
            raise UserError("limit must be between 1 and 100")


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
    from mnkg.kg.answers.lookup import select_named

    return bool(select_named(store, "term-exists", {"term": NamedNode(iri)}))


def _entry(value: str, reason: str, **extra: Any) -> dict[str, Any]:
    return {"id": value, "reason": reason, "replaced_by": None, "suggestions": [], **extra}


def _by_label(
    store: Any, value: str, cache: MutableMapping[Any, Any] | None
) -> tuple[str | None, dict[str, Any] | None]:
    from mnkg.kg.answers.search import find

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
            from mnkg.kg.answers.terms import suggestions as suggest

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
    request.check()
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
    "MAX_SIGNS",
    "ONSETS",
    "SOURCES",
    "Findings",
    "LocalizeRequest",
    "resolve_findings",
    "resolve_one",
]
