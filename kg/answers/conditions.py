"""Conditions by lesion pattern: which conditions give UMN signs, LMN signs, or both.

A condition has the **LMN pattern** when the graph says it typically has a sign the reasoner
classifies under MNKG:0000301 'lower motor neuron sign', or it is located in a site classified
under MNKG:0000205 'lower motor neuron lesion site' (likewise UMN with MNKG:0000300 and
MNKG:0000202). Both facts come from the redundant graph (Ubergraph style), so the answer is one
basic graph pattern per fact, the same one ``/sparql`` users would write. ``mixed`` means both.

``source`` chooses the conditions: ``mnkg`` (the curated MONDO/MNKG conditions), ``hpo`` (the
OMIM, Orphanet and DECIPHER diseases of the HPO annotations, through the HPO bridge graph, with
frequency and evidence of each matched sign), or ``all``.

The facts of each source are read once per store generation (:func:`mnkg.kg.answers.lookup.cached`)
and every pattern is a filter over them; the whole answer, its JSON bytes and its pages come from
that cache (:mod:`mnkg.kg.answers.conditions_formats` pages and streams it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from pyoxigraph import NamedNode

from mnkg.kg.answers.lookup import (
    association_details,
    cached,
    labels,
    select_named,
    term_id,
    text,
)
from mnkg.kg.answers.models import (
    Condition,
    ConditionEvidence,
    ConditionsAnswer,
    Level,
    PatternName,
    SourceName,
)
from mnkg.kg.answers.search import decode_cursor, encode_cursor
from mnkg.kg.errors import UserError
from mnkg.kg.iris import MNKG_TERM
from mnkg.kg.store import Store

Pattern = Literal["UMN", "LMN", "mixed"]
PATTERNS: tuple[str, ...] = ("UMN", "LMN", "mixed")
SOURCES: tuple[str, ...] = ("mnkg", "hpo", "all")
LESION_CLASSES = (MNKG_TERM + "00001", MNKG_TERM + "00004", MNKG_TERM + "00009")
"""Lesion, disorder grouping and pitfall classes have signs or sites but are not conditions."""


@dataclass
class Facts:
    """What one source says about its conditions: levels, evidence, labels and xrefs."""

    levels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    evidence: dict[str, list[ConditionEvidence]] = field(default_factory=lambda: defaultdict(list))
    label: dict[str, str] = field(default_factory=dict)
    xrefs: dict[str, list[str]] = field(default_factory=dict)


def check_pattern(pattern: str, source: str) -> tuple[str, str]:
    """The canonical pattern (any case) and the source; a UserError naming a bad one."""
    wanted = {p.lower(): p for p in PATTERNS}.get(pattern.strip().lower())
    if wanted is None:
        raise UserError(f"unknown pattern {pattern!r}: use UMN, LMN or mixed")
    if source not in SOURCES:
        raise UserError(f"unknown source {source!r}: use mnkg, hpo or all")
    return wanted, source


def _matches(pattern: str, levels: set[str]) -> bool:
    if pattern == "mixed":
        return {"UMN", "LMN"} <= levels
    return pattern in levels


def source_facts(
    store: Store, source: str, *, cache: MutableMapping[Any, Any] | None = None
) -> Facts:
    """The facts of ``mnkg`` or ``hpo`` (read once per store generation)."""
    read = _curated if source == "mnkg" else _hpo
    return cached(cache, f"condition-facts:{source}", store, lambda: _complete(store, read(store)))


def _complete(store: Store, facts: Facts) -> Facts:
    conditions = sorted(facts.levels)
    facts.label = labels(store, conditions)
    facts.xrefs = _xrefs(store, conditions)
    return facts


def full_answer(
    store: Store, pattern: str, source: str, *, cache: MutableMapping[Any, Any] | None = None
) -> ConditionsAnswer:
    """The whole answer for a checked pattern and source (cached per store generation)."""
    return cached(
        cache,
        f"conditions:{pattern}:{source}",
        store,
        lambda: _answer(store, pattern, source, cache),
    )


MAX_PAGE = 1000
"""Most conditions one page of ``/conditions`` may hold."""
DEFAULT_PAGE = 100
"""Page size when a cursor is given without a limit."""


def conditions_by_pattern(
    store: Store,
    pattern: str,
    *,
    source: str = "mnkg",
    limit: int | None = None,
    cursor: str | None = None,
    cache: MutableMapping[Any, Any] | None = None,
) -> ConditionsAnswer:
    """``{"pattern", "source", "conditions": [{"id", "label", "xrefs", "patterns", "source",
    "evidence"}]}``, plus ``total`` and ``next`` when paged.

    ``pattern`` is UMN, LMN (conditions having that level, possibly among others) or mixed
    (both). Each evidence item names why: the sign or site, its level, and the provenance of the
    curated association (ECO evidence, primary knowledge source, publications) or, for HPO
    annotations, the frequency and evidence of each annotation. Without ``limit`` and
    ``cursor`` the whole list; with them one page (at most :data:`MAX_PAGE`) and ``next``, the
    cursor of the following page (null on the last).
    """
    pattern, source = check_pattern(pattern, source)
    if limit is not None and not 1 <= limit <= MAX_PAGE:
        raise UserError(f"limit must be between 1 and {MAX_PAGE}")
    whole = full_answer(store, pattern, source, cache=cache)
    if limit is None and cursor is None:
        return whole
    key = f"conditions|{pattern}|{source}"
    offset = decode_cursor(cursor, key, field="next") if cursor else 0
    size = limit or DEFAULT_PAGE
    following = offset + size
    total = len(whole.conditions)
    return ConditionsAnswer(
        pattern=whole.pattern,
        source=whole.source,
        conditions=whole.conditions[offset:following],
        total=total,
        next=encode_cursor(key, following) if following < total else None,
    )


def _answer(
    store: Store, pattern: str, source: str, cache: MutableMapping[Any, Any] | None
) -> ConditionsAnswer:
    parts = [source_facts(store, s, cache=cache) for s in ("mnkg", "hpo") if source in (s, "all")]
    levels: dict[str, set[str]] = defaultdict(set)
    origin: dict[str, str] = {}
    for name, facts in zip(("mnkg", "hpo") if source == "all" else (source,), parts, strict=True):
        for condition, found in facts.levels.items():
            levels[condition] |= found
            origin.setdefault(condition, name)
    conditions = []
    for condition in (c for c, lv in levels.items() if _matches(pattern, lv)):
        evidence = [e for facts in parts for e in facts.evidence.get(condition, ())]
        evidence.sort(key=lambda e: (e.level, e.kind, e.id))
        conditions.append(
            Condition(
                id=str(term_id(NamedNode(condition))),
                label=next((f.label[condition] for f in parts if condition in f.label), ""),
                xrefs=sorted({x for f in parts for x in f.xrefs.get(condition, ())}),
                patterns=[lv for lv in ("UMN", "LMN") if lv in levels[condition]],
                source=cast(Literal["mnkg", "hpo"], origin[condition]),
                evidence=evidence,
            )
        )
    conditions.sort(key=lambda c: (c.label.lower(), c.id))
    return ConditionsAnswer(
        pattern=cast(PatternName, pattern),
        source=cast(SourceName, source),
        conditions=conditions,
    )


def _curated(store: Store) -> Facts:
    facts = Facts()
    located = {row["condition"].value for row in select_named(store, "conditions-located")}
    rows = [(row, "sign") for row in select_named(store, "conditions-curated-signs")]
    rows += [(row, "site") for row in select_named(store, "conditions-curated-sites")]
    items: dict[tuple[str, str, str], str] = {}
    for row, kind in rows:
        condition = row["condition"].value
        if condition not in located or condition.startswith(LESION_CLASSES):
            continue
        facts.levels[condition].add(row["level"].value)
        items[(condition, row["item"].value, row["level"].value)] = kind
    provenance = _provenance(store, {c for c, _, _ in items})
    names = labels(store, {i for _, i, _ in items})
    for (condition, item, level), kind in items.items():
        prov = provenance.get((condition, item), {})
        facts.evidence[condition].append(
            ConditionEvidence(
                level=cast(Level, level),
                kind=cast(Literal["sign", "site"], kind),
                id=str(term_id(NamedNode(item))),
                label=names.get(item, ""),
                has_evidence=sorted(prov.get("eco", ())),
                sources=sorted(prov.get("source", ())),
                publications=sorted(prov.get("pub", ())),
            )
        )
    return facts


def _provenance(store: Store, subjects: set[str]) -> dict[tuple[str, str], dict[str, set[str]]]:
    if not subjects:
        return {}
    nodes = [NamedNode(s) for s in sorted(subjects)]
    rows = select_named(store, "conditions-curated-evidence", rows=("subject", nodes))
    out: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        key = (row["subject"].value, row["object"].value)
        for name in ("eco", "source", "pub"):
            if row[name] is not None:
                out[key][name].add(str(term_id(row[name])))
        out.setdefault(key, defaultdict(set))
    return out


def _hpo(store: Store) -> Facts:
    facts = Facts()
    rows = select_named(store, "conditions-hpo-signs")
    details = association_details(store, {row["a"].value for row in rows})
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        found = details.get(row["a"].value, {})
        if found.get("negated") or found.get("frequency") == 0.0:
            continue  # a NOT annotation or a zero frequency: the sign is absent
        condition, item, level = row["condition"].value, row["item"].value, row["level"].value
        facts.levels[condition].add(level)
        entry = merged.setdefault(
            (condition, item, level),
            {"eco": set(), "pub": set(), "freq": None, "freqTerm": None},
        )
        entry["eco"].update(found.get("has_evidence", ()))
        entry["pub"].update(found.get("publications", ()))
        if found.get("frequency") is not None:
            value = found["frequency"]
            entry["freq"] = value if entry["freq"] is None else max(entry["freq"], value)
        if found.get("frequency_term"):
            entry["freqTerm"] = found["frequency_term"]
    names = labels(store, {i for _, i, _ in merged})
    for (condition, item, level), entry in merged.items():
        facts.evidence[condition].append(
            ConditionEvidence(
                level=cast(Level, level),
                kind="sign",
                id=str(term_id(NamedNode(item))),
                label=names.get(item, ""),
                frequency=entry["freq"],
                frequency_term=entry["freqTerm"],
                has_evidence=sorted(entry["eco"]),
                sources=["infores:hpo-annotations"],
                publications=sorted(entry["pub"]),
            )
        )
    return facts


def _xrefs(store: Store, conditions: list[str]) -> dict[str, list[str]]:
    """Exact-match mappings and CURIE-like database xrefs of each condition IRI."""
    if not conditions:
        return {}
    out: dict[str, set[str]] = defaultdict(set)
    nodes = [NamedNode(c) for c in conditions]
    for start in range(0, len(nodes), 5000):
        chunk = nodes[start : start + 5000]
        for row in select_named(store, "condition-xrefs", rows=("condition", chunk)):
            condition = row["condition"].value
            if row["xref"] is not None:
                out[condition].add(str(term_id(row["xref"])))
            if row["dbxref"] is not None:
                value = text(row["dbxref"]) or ""
                if ":" in value and " " not in value:
                    out[condition].add(value)
    return {c: sorted(x) for c, x in out.items()}


__all__ = [
    "DEFAULT_PAGE",
    "MAX_PAGE",
    "PATTERNS",
    "SOURCES",
    "Facts",
    "check_pattern",
    "conditions_by_pattern",
    "full_answer",
    "source_facts",
]
