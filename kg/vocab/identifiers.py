"""The one CURIE converter of the project.

Every endpoint and command that takes an ID goes through :func:`normalize` (a CURIE, a full IRI,
any case of the prefix or one of its synonyms) and, where an external code may be given, through
:func:`mnkg.kg.vocab.resolution.resolve` (an ICD-10-CM, UMLS, Orphanet, ... code mapped to the
MONDO/HPO/MNKG term the ontology uses, via the SSSOM mappings).

The prefix map is committed data (``ontology/mappings/prefixes.json``, an extended prefix map in
the ``curies`` format, derived from the Bioregistry OBO context; see ``docs/mappings.md``): no
network at run time. Prefixes are OBO style (``HP``, ``MONDO``, ``ORPHA``, ``SNOMEDCT``...).
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import curies

from mnkg.kg.errors import UserError

PREFIX_MAP_RESOURCE = "mappings/prefixes.json"
"""Where the extended prefix map lives inside the ``mnkg.ontology`` package."""

OUR_PREFIXES: frozenset[str] = frozenset(
    {"MNKG", "MONDO", "HP", "UBERON", "CL", "GO", "RO", "BFO", "ECO", "IAO"}
)
"""Prefixes of the terms the ontology itself uses (minted or reused): they resolve to themselves."""

GENERIC_ICD10: frozenset[str] = frozenset({"icd10", "icd-10", "icd"})
"""Prefix spellings that do not say which ICD-10 (WHO or the US Clinical Modification).

:func:`normalize` follows the Bioregistry (``ICD10`` is ICD10WHO); :func:`resolve` looks such a
code up in both ICD10CM and ICD10WHO, since MONDO's exact matches are mostly to ICD-10-CM.
"""

UPPER_CASE_LOCAL: frozenset[str] = frozenset(
    {"UMLS", "MESH", "ICD10CM", "ICD10WHO", "NCIT", "MEDGEN", "ORPHA"}
)
"""Prefixes whose local IDs are written in upper case (``c0002736`` is read as ``C0002736``)."""

EXACT = "skos:exactMatch"
XREF = "oboInOwl:hasDbXref"
SEPARATOR = re.compile(r"^([A-Za-z][A-Za-z0-9_.\-]*)(?::|\s+)\s*(\S.*)$", re.ASCII)


@cache
def extended_prefix_map() -> list[dict[str, Any]]:
    """The committed extended prefix map (records with prefix and URI prefix synonyms)."""
    text = resources.files("mnkg.ontology").joinpath(PREFIX_MAP_RESOURCE).read_text("utf-8")
    records: list[dict[str, Any]] = json.loads(text)
    return records


@cache
def converter() -> curies.Converter:
    """The project's :class:`curies.Converter`, built once from the committed prefix map."""
    return curies.Converter.from_extended_prefix_map(extended_prefix_map())


@cache
def _prefix_lookup() -> dict[str, str]:
    """Lower-cased prefix or prefix synonym -> canonical prefix; refuses ambiguous spellings."""
    lookup: dict[str, str] = {}
    for record in converter().records:
        for spelling in (record.prefix, *record.prefix_synonyms):
            key = spelling.lower()
            previous = lookup.setdefault(key, record.prefix)
            if previous != record.prefix:
                raise RuntimeError(
                    f"prefix spelling {spelling!r} names both {previous} and {record.prefix}"
                )
    return lookup


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Each prefix's local-ID pattern, compiled with ``re.ASCII``: the Bioregistry writes
    ``\\d`` and ``\\w`` meaning ASCII digits and letters, while Python's default (Unicode)
    reading lets fullwidth or Arabic-Indic digits through (``HP:\uff10...``)."""
    return {
        record["prefix"]: re.compile(record["pattern"], re.ASCII)
        for record in extended_prefix_map()
        if record.get("pattern")
    }


def prefix_map() -> dict[str, str]:
    """Canonical prefix -> URI prefix (the simple form, as in an SSSOM ``curie_map``)."""
    return {record.prefix: record.uri_prefix for record in converter().records}


def canonical_prefix(prefix: str) -> str:
    """The canonical spelling of a prefix given in any case or as a synonym (``orphanet`` -> ORPHA).

    Raises :class:`UserError` for a prefix we do not know.
    """
    found = _prefix_lookup().get(prefix.strip().lower())
    if found is None:
        known = ", ".join(sorted(r.prefix for r in converter().records if r.prefix[0].isupper()))
        raise UserError(f"unknown prefix {prefix!r}; known prefixes: {known}")
    return found


def check_local(prefix: str, local: str, original: str) -> str:
    local = local.strip()
    if prefix in UPPER_CASE_LOCAL:
        local = local.upper()
    pattern = _patterns().get(prefix)
    if not local or (pattern is not None and not pattern.fullmatch(local)):
        expected = f" (expected {pattern.pattern})" if pattern is not None else ""
        raise UserError(f"malformed {prefix} identifier {original!r}: {local!r}{expected}")
    return local


@lru_cache(maxsize=262_144)
def expand(curie: str) -> str:
    """The IRI of a CURIE (any case of the prefix, any synonym). Raises :class:`UserError`."""
    return converter().expand(normalize(curie), strict=True)


@lru_cache(maxsize=262_144)
def compress(iri: str) -> str:
    """The canonical CURIE of an IRI under any known URI prefix. Raises :class:`UserError`."""
    text = iri.strip().strip("<>")
    curie = converter().compress(text)
    if curie is None:
        raise UserError(f"no known prefix for the IRI {iri!r}")
    prefix, _, local = curie.partition(":")
    return f"{prefix}:{check_local(prefix, local, iri)}"


def is_iri(text: str) -> bool:
    """True for text that looks like an absolute http(s) or urn IRI."""
    stripped = text.strip().strip("<>")
    return stripped.startswith(("http://", "https://", "urn:"))


@lru_cache(maxsize=262_144)
def normalize(text: str) -> str:
    """The canonical CURIE for a CURIE or IRI as a user may type it.

    ``orphanet:803``, ``ORPHA:803``, ``Orphanet_803`` and the ORDO IRI all give ``ORPHA:803``;
    ``hp:0001250`` gives ``HP:0001250``; ``UMLS C0002736`` (space-separated) is accepted too.
    Raises :class:`UserError` naming the problem (empty, unknown prefix, malformed local ID).
    """
    if not isinstance(text, str) or not text.strip():
        raise UserError("empty identifier")
    stripped = text.strip()
    if is_iri(stripped):
        return compress(stripped)
    match = SEPARATOR.match(stripped)
    if match is None and "_" in stripped:  # OBO local form: HP_0001250
        match = re.match(r"^([A-Za-z][A-Za-z0-9]*)_(\S+)$", stripped, re.ASCII)
    if match is None:
        raise UserError(
            f"{text!r} is not a CURIE (PREFIX:ID) or IRI; give e.g. MONDO:0004976 or ICD10CM:G12.21"
        )
    prefix = canonical_prefix(match.group(1))
    local = match.group(2).strip()
    if prefix == "OMIM" and local[:2].upper() == "PS":  # DO and OMIM write OMIM:PS105400
        prefix, local = "OMIMPS", local[2:]
    return f"{prefix}:{check_local(prefix, local, text)}"


__all__ = [
    "EXACT",
    "GENERIC_ICD10",
    "OUR_PREFIXES",
    "PREFIX_MAP_RESOURCE",
    "SEPARATOR",
    "UPPER_CASE_LOCAL",
    "XREF",
    "canonical_prefix",
    "check_local",
    "compress",
    "converter",
    "expand",
    "extended_prefix_map",
    "is_iri",
    "normalize",
    "prefix_map",
]
