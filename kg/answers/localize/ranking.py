"""Condition ranking consistent with the site answer, scored over every condition at once.

For each query finding, a condition scores the information content (IC) of the most
informative ancestor the finding shares with any of its terms (Resnik, best match), with:

* IC capped at the sign classes: an ancestor of the weighted findings that is not itself a
  finding or below one (``Abnormality of the nervous system``, ``Abnormality of limbs``)
  counts at most the IC of the least informative weighted finding;
* opposite findings (the ontology's disjoint classes: hypotonia and hypertonia, reduced and
  brisk reflexes, flexor and extensor plantar) count against a condition that has only the
  opposite, instead of matching through their shared ancestor;
* absent findings count against conditions annotated with them (curated frequency if known);
* site agreement: a condition's own site profile (the weights applied to its annotations,
  frequency-weighted) is compared with the request's best sites; when the request localises,
  a condition whose best sites are not among them keeps only half its score.

The index (term -> conditions having the term or a descendant, as numpy arrays) is built once
per store version and source; a ranking is a few array operations per query term.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mnkg.kg.answers.localize.evidence import Situation, WeightModel
from mnkg.kg.answers.localize.graph import Terms
from mnkg.kg.answers.lookup import select_named
from mnkg.kg.store import Store

SOURCES = ("mnkg", "hpo", "all")
REVERSE_SHARE = 0.25
"""Share of the condition-to-query best-match average in the score (funSimAvg would be 0.5).
Measured on 200 simulated patients (benchmarks/localization.py, seed 15): top-1 67% with 0,
74% with 0.1, 82% with 0.25, 79% with 0.35, 51% with 0.5."""
SITE_FLOOR = 0.5
"""The share of its score a condition keeps when its sites do not fit the answer."""


def read_annotations(store: Store, source: str) -> dict[str, set[str]]:
    """Condition -> phenotype terms of ``source`` (mnkg: curated; hpo: HPO's; all: both)."""
    annotations: dict[str, set[str]] = {}
    if source in ("mnkg", "all"):
        for row in select_named(store, "localize-curated-annotations"):
            annotations[row["c"].value] = set(row["terms"].value.split())
    if source in ("hpo", "all"):
        for row in select_named(store, "localize-hpo-annotations"):
            annotations.setdefault(row["c"].value, set()).update(row["terms"].value.split())
    return annotations


def read_frequencies(store: Store) -> dict[tuple[str, str], float]:
    """(condition, term) -> curated frequency (HPO's are not read: too slow for their value)."""
    out: dict[tuple[str, str], float] = {}
    for row in select_named(store, "localize-curated-frequencies"):
        for pair in row["pairs"].value.split():
            term, _, value = pair.rpartition("=")
            key = (row["c"].value, term)
            out[key] = max(out.get(key, 0.0), float(value))
    return out


def read_disjoint(store: Store) -> list[tuple[str, str]]:
    """Ordered pairs of disjoint classes the ontology states."""
    return [(r["x"].value, r["y"].value) for r in select_named(store, "localize-disjoint-classes")]


@dataclass
class ConditionIndex:
    """Every condition of a source, indexed over the term closure."""

    conditions: list[str]
    specific: list[frozenset[str]]
    having: dict[str, np.ndarray]
    """Term -> indices of the conditions annotated with it or a descendant."""
    direct: dict[str, np.ndarray]
    """Term -> indices of the conditions annotated with exactly that term."""
    ic: dict[str, float]
    frequency: dict[tuple[int, str], float]
    opposites: dict[str, list[str]]
    profile: np.ndarray
    """Conditions x sites: the weights applied to each condition's own terms."""
    profile_max: np.ndarray
    term_index: dict[str, int] = field(default_factory=dict)
    """Every term of the closure -> its column in the arrays below."""
    term_ic: np.ndarray = field(default_factory=lambda: np.zeros(0))
    pair_condition: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    pair_term: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """One entry per (condition, specific term): the annotations, flattened."""
    ancestor_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    ancestor_offsets: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """For each annotated term (``pair_term`` values), its ancestors' columns, flattened."""
    details: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    closures: dict[int, frozenset[str]] = field(default_factory=dict)
    """Condition -> every ancestor of its terms, filled as conditions are shown."""
    """Condition -> (label, cross-references), filled as conditions are shown."""

    def information(self, term: str) -> float:
        return self.ic.get(term, 0.0)


def _capped_ic(
    counts: dict[str, int], total: int, terms: Terms, findings: frozenset[str]
) -> dict[str, float]:
    ic = {t: -math.log(n / total) for t, n in counts.items()}
    signs = [f for f in findings if f in ic]
    if not signs:
        return ic
    floor = min(ic[f] for f in signs)
    below: set[str] = set()
    above: set[str] = set()
    for finding in signs:
        above |= terms.ancestors(finding) - {finding}
    for term in ic:
        if terms.ancestors(term) & findings:
            below.add(term)
    for term in above - below:
        if term in ic:
            ic[term] = min(ic[term], floor)
    return ic


def _profiles(
    model: WeightModel, terms: Terms, specific: list[frozenset[str]], frequency: dict
) -> np.ndarray:
    empty = Situation(frozenset(), frozenset(), None, None, terms)
    cache: dict[str, np.ndarray] = {}
    out = np.zeros((len(specific), len(model.sites)))
    for c, annotated in enumerate(specific):
        for term in annotated:
            vector = cache.get(term)
            if vector is None:
                vector = np.zeros(len(model.sites))
                for weighted in model.weighted_terms(terms, term, "present"):
                    vector += model.weigh(weighted, "present", empty)[0]
                cache[term] = vector
            out[c] += vector * frequency.get((c, term), 1.0)
    return out


def _reverse_arrays(
    terms: Terms, specific: list[frozenset[str]], ic: dict[str, float]
) -> dict[str, Any]:
    """Flattened arrays for the condition-to-query half of the best-match average."""
    term_index = {t: i for i, t in enumerate(sorted(ic))}
    annotated = sorted({t for chosen in specific for t in chosen})
    annotated_index = {t: i for i, t in enumerate(annotated)}
    ancestor_of: list[int] = []
    offsets = [0]
    for term in annotated:
        ancestor_of.extend(term_index[a] for a in terms.ancestors(term) if a in term_index)
        offsets.append(len(ancestor_of))
    pairs = [(c, annotated_index[t]) for c, chosen in enumerate(specific) for t in chosen]
    return {
        "term_index": term_index,
        "term_ic": np.array([ic[t] for t in sorted(ic)]),
        "pair_condition": np.array([c for c, _ in pairs], dtype=np.int64),
        "pair_term": np.array([t for _, t in pairs], dtype=np.int64),
        "ancestor_of": np.array(ancestor_of, dtype=np.int64),
        "ancestor_offsets": np.array(offsets, dtype=np.int64),
    }


def _reverse(index: ConditionIndex, terms: Terms, present: list[str]) -> np.ndarray:
    """For each condition, the mean over its terms of their best IC shared with the query."""
    n = len(index.conditions)
    if not present or not index.pair_term.size:
        return np.zeros(n)
    shared = np.zeros(len(index.term_index), dtype=bool)
    for finding in present:
        columns = [index.term_index[a] for a in terms.ancestors(finding) if a in index.term_index]
        shared[columns] = True
    values = np.where(shared[index.ancestor_of], index.term_ic[index.ancestor_of], 0.0)
    starts = index.ancestor_offsets[:-1]
    nonempty = index.ancestor_offsets[1:] > starts
    best = np.zeros(len(starts))
    if values.size:
        best[nonempty] = np.maximum.reduceat(values, starts[nonempty])
    total = np.bincount(index.pair_condition, weights=best[index.pair_term], minlength=n)
    counts = np.bincount(index.pair_condition, minlength=n)
    return np.divide(total, counts, out=np.zeros(n), where=counts > 0)


def build_index(store: Store, source: str, terms: Terms, model: WeightModel) -> ConditionIndex:
    """The index of ``source`` read with SPARQL (once per store version)."""
    annotations = read_annotations(store, source)
    conditions = sorted(annotations)
    frequency_by_iri = read_frequencies(store) if source in ("mnkg", "all") else {}
    specific: list[frozenset[str]] = []
    having: dict[str, list[int]] = defaultdict(list)
    direct: dict[str, list[int]] = defaultdict(list)
    for c, condition in enumerate(conditions):
        given = annotations[condition]
        implied = {a for t in given for a in terms.ancestors(t) if a != t}
        chosen = frozenset(given - implied)
        specific.append(chosen)
        for term in chosen:
            direct[term].append(c)
        for term in frozenset().union(*(terms.ancestors(t) for t in chosen)) if chosen else ():
            having[term].append(c)
    counts = {t: len(v) for t, v in having.items()}
    ic = _capped_ic(counts, max(len(conditions), 1), terms, model.findings)
    position = {c: i for i, c in enumerate(conditions)}
    frequency = {(position[c], t): f for (c, t), f in frequency_by_iri.items() if c in position}
    opposites: dict[str, list[str]] = defaultdict(list)
    for x, y in read_disjoint(store):
        opposites[x].append(y)
    profile = _profiles(model, terms, specific, frequency)
    arrays = _reverse_arrays(terms, specific, ic)
    return ConditionIndex(
        conditions=conditions,
        specific=specific,
        having={t: np.asarray(v, dtype=np.int64) for t, v in having.items()},
        direct={t: np.asarray(v, dtype=np.int64) for t, v in direct.items()},
        ic=ic,
        frequency=frequency,
        opposites=dict(opposites),
        profile=profile,
        profile_max=profile.max(axis=1, initial=0.0),  # 0 when the model has no sites
        **arrays,
    )


@dataclass
class Ranking:
    """Scores of every condition and the per-finding parts of them."""

    scores: np.ndarray
    per_finding: dict[str, np.ndarray]
    exact: dict[str, np.ndarray]
    """Finding -> boolean mask of the conditions that really have it (itself, below, above)."""
    opposite: dict[str, np.ndarray]
    penalties: dict[str, np.ndarray]
    fit: np.ndarray | None
    reverse: np.ndarray
    """What the condition-to-query half adds to each score (before the site factor)."""


def rank(
    index: ConditionIndex,
    terms: Terms,
    present: list[str],
    absent: list[str],
    best_sites: list[int] | None,
) -> Ranking:
    """Score every condition for the findings (see the module docstring)."""
    n = len(index.conditions)
    total = np.zeros(n)
    per_finding, exact_masks, opposite_masks, penalties = {}, {}, {}, {}
    for finding in present:
        ancestors = sorted(terms.ancestors(finding), key=index.information)
        best = np.zeros(n)
        for term in ancestors:
            found = index.having.get(term)
            if found is not None and found.size:
                best[found] = np.maximum(best[found], index.information(term))
        exact = np.zeros(n, dtype=bool)
        below = index.having.get(finding)
        if below is not None:
            exact[below] = True
        for term in ancestors:
            above = index.direct.get(term)
            if above is not None:
                exact[above] = True
        opposite = np.zeros(n, dtype=bool)
        for term in ancestors:
            for other in index.opposites.get(term, ()):
                found = index.having.get(other)
                if found is not None:
                    opposite[found] = True
                    best[found] = np.where(exact[found], best[found], -index.information(term))
        opposite &= ~exact
        per_finding[finding] = best
        exact_masks[finding] = exact
        opposite_masks[finding] = opposite
        total += best
    for finding in absent:
        found = index.having.get(finding)
        penalty = np.zeros(n)
        if found is not None and found.size:
            weight = np.array([index.frequency.get((int(c), finding), 1.0) for c in found])
            penalty[found] = index.information(finding) * weight
        penalties[finding] = penalty
        total -= penalty
    total /= max(len(present), 1)
    reverse_part = np.zeros(n)
    if REVERSE_SHARE:
        penalty = sum(penalties.values(), np.zeros(n)) / max(len(present), 1)
        forward = total + penalty
        reverse = _reverse(index, terms, present)
        total = (1 - REVERSE_SHARE) * forward + REVERSE_SHARE * reverse - penalty
        reverse_part = REVERSE_SHARE * (reverse - forward)
    fit = None
    if best_sites and n:
        with np.errstate(divide="ignore", invalid="ignore"):
            fit = np.where(
                index.profile_max > 0,
                index.profile[:, best_sites].max(axis=1) / index.profile_max,
                0.0,
            )
        fit = np.clip(fit, 0.0, 1.0)
        total = np.where(total > 0, total * (SITE_FLOOR + (1 - SITE_FLOOR) * fit), total)
    return Ranking(total, per_finding, exact_masks, opposite_masks, penalties, fit, reverse_part)


def top(ranking: Ranking, index: ConditionIndex, limit: int) -> list[int]:
    """The indices of the best ``limit`` conditions with a positive score (ties by IRI)."""
    scores = ranking.scores
    positive = np.flatnonzero(scores > 0)
    if positive.size == 0:
        return []
    if positive.size > limit:
        keep = np.argpartition(-scores[positive], limit - 1)[:limit]
        threshold = scores[positive[keep]].min()
        positive = positive[scores[positive] >= threshold]
    return sorted(positive.tolist(), key=lambda c: (-scores[c], index.conditions[c]))[:limit]


__all__ = ["SOURCES", "ConditionIndex", "Ranking", "build_index", "rank", "top"]
