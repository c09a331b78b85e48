"""Label and synonym search over every term of the graph, exact matches first, paged by cursor.

The labels and OBO synonyms of every term are read with SPARQL (one query per kind, so each stays
under the store's result limit) into a :class:`LabelIndex`; a search is then a case-insensitive
substring match over it, ranked: exact label, exact synonym, label prefix, synonym prefix, word
prefix, then any substring; ties go to the shorter text, then the ID. The API keeps the index per
app until the store's content changes (:func:`mnkg.kg.answers.lookup.cached`), so a search costs
milliseconds instead of a scan of every literal. The cursor is opaque (base64 of the query and the
offset), so a client simply passes ``next_cursor`` back.

Only terms are indexed: statement, association and claim nodes (which carry labels such as
"amyotrophic lateral sclerosis has phenotype Paresthesia") are left out.
:func:`by_text` resolves a label or synonym to its one term (``mnkg term "Lou Gehrig disease"``)."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode

from mnkg.kg.answers.lookup import cached, select_named, term_id
from mnkg.kg.answers.models import SearchHit, SearchPage
from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.iris import STATEMENT_BASE
from mnkg.kg.store import Store

MAX_QUERY_CHARS = 200
DEFAULT_LIMIT = 20
MAX_LIMIT = 100

KINDS: dict[str, tuple[str, ...]] = {
    "label": (
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
    ),
    "exact synonym": ("http://www.geneontology.org/formats/oboInOwl#hasExactSynonym",),
    "related synonym": (
        "http://www.geneontology.org/formats/oboInOwl#hasRelatedSynonym",
        "http://www.w3.org/2004/02/skos/core#altLabel",
    ),
    "narrow synonym": ("http://www.geneontology.org/formats/oboInOwl#hasNarrowSynonym",),
    "broad synonym": ("http://www.geneontology.org/formats/oboInOwl#hasBroadSynonym",),
}


@dataclass(frozen=True, slots=True)
class LabelIndex:
    """Every (term IRI, text, kind) of the graph, with the text lower-cased for matching."""

    entries: tuple[tuple[str, str, str, str], ...]
    """(iri, text, lowered text, kind)."""
    label_of: dict[str, str]

    @classmethod
    def build(cls, store: Store) -> LabelIndex:
        """Read the labels and synonyms with one SELECT per property."""
        entries: dict[tuple[str, str, str], None] = {}
        label_of: dict[str, str] = {}
        associations = {r["a"].value for r in select_named(store, "labelled-associations")}
        for kind, properties in KINDS.items():
            for prop in properties:
                rows = select_named(
                    store,
                    "search-texts",
                    {"p": NamedNode(prop), "statementBase": Literal(STATEMENT_BASE)},
                )
                for row in rows:
                    iri, value = row["term"].value, row["text"].value
                    if iri in associations:
                        continue
                    entries[(iri, value, kind)] = None
                    if kind == "label":
                        label_of[iri] = min(label_of.get(iri, value), value)
        return cls(tuple((i, v, " ".join(v.split()).lower(), k) for i, v, k in entries), label_of)


_RANKS = {
    "exact label": 0,
    "exact synonym": 1,
    "label prefix": 2,
    "synonym prefix": 3,
    "word prefix": 4,
    "substring": 5,
}


Hit = SearchHit
"""One matching term (the model of ``/search`` results)."""


def _match_type(query: str, lowered: str, kind: str) -> str:
    is_label = kind == "label"
    if lowered == query:
        return "exact label" if is_label else "exact synonym"
    if lowered.startswith(query):
        return "label prefix" if is_label else "synonym prefix"
    if re.search(r"(?:^|[\s\-/(,])" + re.escape(query), lowered):
        return "word prefix"
    return "substring"


def find(
    store: Store,
    query: str,
    *,
    prefix: str | None = None,
    cache: MutableMapping[Any, Any] | None = None,
) -> list[Hit]:
    """Every term whose label or synonym contains ``query``, best match first."""
    wanted = " ".join(query.split()).lower()
    if not wanted:
        raise UserError("empty search text: give q=<text>")
    if len(wanted) > MAX_QUERY_CHARS:
        raise UserError(f"search text longer than {MAX_QUERY_CHARS} characters")
    index = cached(cache, "labels", store, lambda: LabelIndex.build(store))
    best: dict[str, tuple[int, int, str, str, str]] = {}
    for iri, text, lowered, kind in index.entries:
        if wanted not in lowered:
            continue
        match_type = _match_type(wanted, lowered, kind)
        key = (_RANKS[match_type], len(text), text, match_type, kind)
        if iri not in best or key < best[iri]:
            best[iri] = key
    hits = []
    for iri, (_, _, text, match_type, kind) in best.items():
        curie = str(term_id(NamedNode(iri)))
        if prefix and curie.partition(":")[0].upper() != prefix.upper():
            continue
        hits.append(
            SearchHit.model_construct(
                id=curie,
                label=index.label_of.get(iri, text),
                matched=text,
                match_type=match_type,
                matched_field=kind,
            )
        )
    hits.sort(key=lambda h: (_RANKS[h.match_type], len(h.matched), h.label.lower(), h.id))
    return hits


def encode_cursor(query: str, offset: int) -> str:
    """An opaque cursor for the page starting at ``offset`` of ``query``'s results."""
    raw = json.dumps({"q": query, "o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, query: str, *, field: str = "next_cursor") -> int:
    """The offset a cursor stands for; a UserError if it is malformed or for another query
    (``field`` names the answer's field that holds cursors, for the message)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        offset = int(data["o"])
        same = data["q"] == query
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise UserError(f"malformed cursor: pass back the {field} of a previous page") from None
    if not same or offset < 0:
        what = "search" if field == "next_cursor" else "request"
        raise UserError(f"the cursor belongs to another {what}; start again without a cursor")
    return offset


def search(
    store: Store,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
    prefix: str | None = None,
    cache: MutableMapping[Any, Any] | None = None,
) -> SearchPage:
    """One page of search results: ``{"query", "total", "results", "next_cursor"}``."""
    if not 1 <= limit <= MAX_LIMIT:
        raise UserError(f"limit must be between 1 and {MAX_LIMIT}")
    key = f"{prefix or ''}|{query}"
    offset = decode_cursor(cursor, key) if cursor else 0
    hits = find(store, query, prefix=prefix, cache=cache)
    page = hits[offset : offset + limit]
    following = offset + limit
    return SearchPage(
        query=query,
        total=len(hits),
        results=page,
        next_cursor=encode_cursor(key, following) if following < len(hits) else None,
    )


def by_text(store: Store, text: str, *, cache: MutableMapping[Any, Any] | None = None) -> SearchHit:
    """The one term whose label or synonym is ``text`` (case and spacing aside).

    An exact label wins over exact synonyms; several terms with that exact text are refused
    with the candidates listed; no exact match is a NotFound with the best partial matches.
    """
    hits = find(store, text, cache=cache)
    exact = [h for h in hits if h.match_type in ("exact label", "exact synonym")]
    labels = [h for h in exact if h.match_type == "exact label"]
    chosen = labels if labels else exact
    if len(chosen) == 1:
        return chosen[0]
    candidates = [{"id": h.id, "label": h.label} for h in (chosen or hits)[:10]]
    if chosen:
        raise UserError(
            f"{text!r} names several terms: {', '.join(h.id for h in chosen[:10])}; give an ID",
            detail={"id": text, "suggestions": candidates},
        )
    raise NotFound(
        f"no term has the label or synonym {text!r}",
        detail={"id": text, "suggestions": candidates[:5]},
    )


__all__ = [
    "DEFAULT_LIMIT",
    "KINDS",
    "MAX_LIMIT",
    "Hit",
    "LabelIndex",
    "by_text",
    "decode_cursor",
    "encode_cursor",
    "find",
    "search",
]
