"""Resolution of any external ID to the terms of our ontology, through the SSSOM mappings.

Where an external code may be given (an ICD-10-CM, UMLS, Orphanet, ... code), :func:`resolve`
maps it to the MONDO/HPO/MNKG term the ontology uses via the committed mappings (or rows given).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.vocab.identifiers import (
    EXACT,
    GENERIC_ICD10,
    OUR_PREFIXES,
    SEPARATOR,
    XREF,
    check_local,
    is_iri,
    normalize,
)
from mnkg.kg.vocab.sssom import load_mappings


class MappingTriple(NamedTuple):
    """The part of an SSSOM row that resolution needs (subject, predicate, object as CURIEs)."""

    subject_id: str
    predicate_id: str
    object_id: str


def _as_triples(mappings: Iterable[Any]) -> list[MappingTriple]:
    triples = []
    for row in mappings:
        if isinstance(row, MappingTriple):
            triples.append(row)
        elif isinstance(row, dict):
            triples.append(MappingTriple(row["subject_id"], row["predicate_id"], row["object_id"]))
        else:
            triples.append(MappingTriple(row.subject_id, row.predicate_id, row.object_id))
    return triples


def _default_mappings() -> Sequence[MappingTriple]:
    return [MappingTriple(r.subject_id, r.predicate_id, r.object_id) for r in load_mappings()]


def lookup_keys(text: str) -> list[str] | None:
    """The canonical CURIEs :func:`resolve` looks ``text`` up as; None for a code with no prefix.

    Usually one CURIE; an unqualified ICD-10 code gives its ICD10CM and ICD10WHO forms (those that
    are well formed). Raises :class:`UserError` for an empty, malformed or unknown-prefix ID.
    """
    if not isinstance(text, str) or not text.strip():
        raise UserError("empty identifier")
    stripped = text.strip()
    prefixed = SEPARATOR.match(stripped)
    if (
        not is_iri(stripped)
        and prefixed is None
        and not re.match(r"^[A-Za-z][A-Za-z0-9]*_\S+$", stripped)
    ):
        return None
    if prefixed is not None and prefixed.group(1).lower() in GENERIC_ICD10:
        keys = []
        for prefix in ("ICD10CM", "ICD10WHO"):
            try:
                keys.append(f"{prefix}:{check_local(prefix, prefixed.group(2), text)}")
            except UserError:
                continue
        if not keys:
            raise UserError(f"malformed ICD-10 code {text!r}")
        return keys
    return [normalize(stripped)]


def resolve(text: str, mappings: Iterable[Any] | None = None) -> list[str]:
    """The terms of our ontology a CURIE, IRI or external code stands for.

    A term of ours (MNKG, MONDO, HP, UBERON, CL, GO, RO, BFO, ECO, IAO) resolves to itself; an
    external code (ICD10CM:G12.21, UMLS:C0002736, ORPHA:803, DOID:332...) resolves through the
    ``skos:exactMatch`` mappings to their subjects, falling back to ``oboInOwl:hasDbXref`` when
    no exact match exists. An ambiguous code returns every candidate (sorted). A code without a
    prefix (``G12.21``) is matched against the local part of every mapped code.

    ``mappings`` is any iterable of rows with ``subject_id``, ``predicate_id`` and ``object_id``
    (SSSOM rows, :class:`MappingTriple`, dicts); by default the committed SSSOM files.

    Raises :class:`UserError` for a malformed ID or unknown prefix, :class:`NotFound` for a
    well-formed external code that nothing maps.
    """
    keys = lookup_keys(text)
    if keys is not None and keys[0].partition(":")[0] in OUR_PREFIXES:
        return [keys[0]]
    rows = _as_triples(_default_mappings() if mappings is None else mappings)
    if keys is None:
        wanted_local = text.strip().lower()
        for predicate in (EXACT, XREF):
            found = {
                r.subject_id
                for r in rows
                if r.predicate_id == predicate
                and r.object_id.partition(":")[2].lower() == wanted_local
            }
            if found:
                return sorted(found)
        raise NotFound(
            f"{text!r} has no prefix and matches no mapped code; "
            "give PREFIX:ID, e.g. ICD10CM:G12.21"
        )
    wanted = set(keys)
    for predicate in (EXACT, XREF):
        found = {
            r.subject_id for r in rows if r.predicate_id == predicate and r.object_id in wanted
        }
        if found:
            return sorted(found)
    shown = " or ".join(sorted(wanted))
    raise NotFound(f"no mapping from {shown} to a term of the ontology")


__all__ = [
    "MappingTriple",
    "lookup_keys",
    "resolve",
]
