"""The mappings of a term as the store holds them (``GET /mappings``), read with SPARQL
(``queries/answers/mapping-rows.rq``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pyoxigraph import Literal, NamedNode

from mnkg.kg.answers.binding import Term
from mnkg.kg.answers.lookup import select_named
from mnkg.kg.answers.models import MappingRecord, MappingsAnswer
from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.store import Store
from mnkg.kg.vocab import identifiers, resolution
from mnkg.kg.vocab.sssom import MappingRow


def rows_from_store(
    store: Store,
    *,
    subjects: Iterable[str] | None = None,
    objects: Iterable[str] | None = None,
) -> list[MappingRow]:
    """The mappings as the store's mappings graph holds them (what SPARQL users see).

    Built from the ``owl:Axiom`` annotations :func:`mappings_graph` writes, so the API answers
    from the same triples a SPARQL query over :data:`Graph.MAPPINGS` would. ``subjects`` (our
    terms) or ``objects`` (mapped codes), as CURIEs, restrict the rows read.
    """
    bound: tuple[str, list[Term]] | None = None
    if subjects is not None:
        bound = ("s", [NamedNode(identifiers.expand(c)) for c in sorted(set(subjects))])
    elif objects is not None:
        bound = ("o", [Literal(c) for c in sorted(set(objects))])
    rows: list[MappingRow] = []
    for solution in select_named(store, "mapping-rows", rows=bound):

        def value(name: str, solution: dict[str, Any] = solution) -> str:
            term = solution[name]
            return "" if term is None else str(term.value)

        rows.append(
            MappingRow(
                subject_id=identifiers.compress(value("s")),
                predicate_id=identifiers.compress(value("p")),
                object_id=value("o"),
                mapping_justification=identifiers.compress(value("justification")),
                subject_label=value("slabel"),
                object_label=value("olabel"),
                mapping_provider=value("provider"),
                mapping_set_id=value("set"),
            )
        )
    rows.sort(key=lambda r: (r.subject_id, r.predicate_id, r.object_id))
    return rows


def rows_for(store: Store, text: str) -> list[MappingRow]:
    """The rows :func:`mappings_of` needs to answer for ``text``, read with targeted queries.

    A term of ours: its own rows. A prefixed code: the rows of the terms it maps to (found from
    the code's rows first). A code with no prefix, or one nothing maps (for suggestions): all.
    """
    keys = resolution.lookup_keys(text)
    if keys is None:
        return rows_from_store(store)
    if keys[0].partition(":")[0] in identifiers.OUR_PREFIXES:
        return rows_from_store(store, subjects=keys[:1])
    code_rows = rows_from_store(store, objects=keys)
    if not code_rows:
        return rows_from_store(store)
    return rows_from_store(store, subjects=resolution.resolve(text, code_rows))


def suggest(code: str, rows: Sequence[MappingRow], *, limit: int = 5) -> list[str]:
    """Mapped codes close to an unknown one: same prefix, longest shared start of the local ID."""
    try:
        prefix, _, local = identifiers.normalize(code).partition(":")
    except UserError:
        return []
    scored: list[tuple[int, str]] = []
    for curie in {r.object_id for r in rows} | {r.subject_id for r in rows}:
        other_prefix, _, other_local = curie.partition(":")
        if other_prefix != prefix:
            continue
        shared = 0
        for a, b in zip(local.lower(), other_local.lower(), strict=False):
            if a != b:
                break
            shared += 1
        if shared >= 2:
            scored.append((-shared, curie))
    return [curie for _, curie in sorted(scored)[:limit]]


def mappings_of(text: str, rows: Sequence[MappingRow], target: str | None = None) -> MappingsAnswer:
    """The answer of ``GET /mappings``: what ``text`` resolves to and the mappings of those terms.

    ``text`` is a CURIE, IRI or external code (resolved by
    :func:`mnkg.kg.vocab.resolution.resolve` over ``rows``);
    ``target`` keeps only mappings to that prefix (any spelling: ``icd10cm``, ``SNOMEDCT_US``).
    Raises :class:`NotFound` (with suggestions in ``detail``) for a code nothing maps.
    """
    try:
        terms = resolution.resolve(text, rows)
    except NotFound as error:
        raise NotFound(
            error.message, detail={"id": text, "suggestions": suggest(text, rows)}
        ) from None
    prefix = identifiers.canonical_prefix(target) if target else None
    selected = [
        r
        for r in rows
        if r.subject_id in terms and (prefix is None or r.object_id.partition(":")[0] == prefix)
    ]
    mappings = []
    for r in selected:
        record = r.as_dict()
        try:
            record["object_iri"] = identifiers.expand(r.object_id)
        except UserError:
            pass  # a code whose prefix the map lacks is still shown as its CURIE
        mappings.append(MappingRecord(**record))
    return MappingsAnswer(
        id=text, resolved=terms, target=prefix, count=len(mappings), mappings=mappings
    )


def in_store(store: Store, curies: Iterable[str]) -> bool:
    """Whether any of these terms occurs in the store (as subject or object)."""
    nodes = [NamedNode(identifiers.expand(c)) for c in curies]
    return bool(nodes) and bool(select_named(store, "term-exists", rows=("term", nodes)))


def term_mappings(store: Store, text: str, target: str | None = None) -> MappingsAnswer:
    """``GET /mappings``: :func:`mappings_of` over the rows :func:`rows_for` reads; a term of
    ours with no mapping is an empty answer, an ID the store does not hold a NotFound."""
    answer = mappings_of(text, rows_for(store, text), target)
    if not answer.count and not in_store(store, answer.resolved):
        raise NotFound(
            f"{', '.join(answer.resolved)} is not a term of MNKG",
            detail={"id": text, "suggestions": []},
        )
    return answer


__all__ = [
    "in_store",
    "mappings_of",
    "rows_for",
    "rows_from_store",
    "suggest",
    "term_mappings",
]
