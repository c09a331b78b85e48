"""The mappings of a term as the store holds them (``GET /mappings``), read with SPARQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pyoxigraph import Literal, NamedNode

from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.iris import Graph
from mnkg.kg.store import Store
from mnkg.kg.vocab import identifiers, resolution
from mnkg.kg.vocab.sssom import MappingRow

_STORE_QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX sssom: <https://w3id.org/sssom/>
SELECT ?s ?p ?o ?justification ?set ?provider ?slabel ?olabel WHERE {
  %s
  GRAPH <%s> {
    ?axiom rdf:type owl:Axiom ;
      owl:annotatedSource ?s ;
      owl:annotatedProperty ?p ;
      sssom:object_id ?o ;
      sssom:mapping_justification ?justification .
    OPTIONAL { ?axiom sssom:mapping_set_id ?set }
    OPTIONAL { ?axiom sssom:mapping_provider ?provider }
    OPTIONAL { ?axiom sssom:subject_label ?slabel }
    OPTIONAL { ?axiom sssom:object_label ?olabel }
  }
}"""


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
    values = ""
    if subjects is not None:
        terms = " ".join(str(NamedNode(identifiers.expand(c))) for c in sorted(set(subjects)))
        values = f"VALUES ?s {{ {terms} }}"
    elif objects is not None:
        values = f"VALUES ?o {{ {' '.join(str(Literal(c)) for c in sorted(set(objects)))} }}"
    result = store.query(_STORE_QUERY % (values, Graph.MAPPINGS))
    rows: list[MappingRow] = []
    for solution in result:  # type: ignore[union-attr]

        def value(name: str, solution: Any = solution) -> str:
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


def mappings_of(text: str, rows: Sequence[MappingRow], target: str | None = None) -> dict[str, Any]:
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
        mappings.append(record)
    return {
        "id": text,
        "resolved": terms,
        "target": prefix,
        "count": len(mappings),
        "mappings": mappings,
    }


__all__ = [
    "mappings_of",
    "rows_for",
    "rows_from_store",
    "suggest",
]
