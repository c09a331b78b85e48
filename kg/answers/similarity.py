"""Phenotype similarity: Resnik similarity with information content from annotation frequencies.

The measure is the one of the Phenomizer (Köhler et al. 2009, Am J Hum Genet 85:457): the
information content of a term is ``IC(t) = -log p(t)``, where ``p(t)`` is the fraction of
annotated conditions annotated with ``t`` or one of its descendants; the similarity of two terms
is the IC of their most informative common ancestor (MICA, Resnik 1995); a query is compared to
a condition by the asymmetric best-match average ``sim(Q -> D) = mean over q in Q of
max over d in D of IC(MICA(q, d))``.

Absent findings (looked for, not found) count against a condition that typically has them: for
each absent term ``a`` that the condition has (``a`` itself or a descendant), the score loses
``IC(a) * f``, with ``f`` the annotation frequency when known (1 otherwise), divided by the
number of query terms like the positive part. Every contribution is kept so that the caller can
explain the ranking sign by sign.

Pure computation over plain sets: :mod:`mnkg.kg.answers.localize` fills it from SPARQL over the
store.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import cast


@dataclass(frozen=True, slots=True)
class Contribution:
    """How one query term scored against one condition."""

    term: str
    best_match: str | None
    """The condition's term it matched best (None when nothing is shared)."""
    mica: str | None
    """Their most informative common ancestor."""
    ic: float
    """The IC of the MICA: the contribution before dividing by the number of query terms."""
    exact: bool
    """True when the condition has the term itself, a descendant or an ancestor of it."""


@dataclass(frozen=True, slots=True)
class Penalty:
    """An absent term the condition typically has."""

    term: str
    condition_term: str
    ic: float
    frequency: float


@dataclass(frozen=True, slots=True)
class Score:
    """The score of one condition for a query, with its parts."""

    condition: str
    score: float
    contributions: tuple[Contribution, ...]
    penalties: tuple[Penalty, ...]


def _closure(
    term: str, parents: Mapping[str, frozenset[str]], memo: dict[str, frozenset[str]]
) -> frozenset[str]:
    """Ancestors of ``term``, itself included (iterative, memoised in ``memo``)."""
    found = memo.get(term)
    if found is not None:
        return found
    seen = {term}
    stack = [term]
    while stack:
        current = stack.pop()
        for parent in parents.get(current, ()):
            if parent in seen:
                continue
            known = memo.get(parent)
            if known is not None:
                seen |= known
            else:
                seen.add(parent)
                stack.append(parent)
    memo[term] = frozenset(seen)
    return memo[term]


@dataclass
class AnnotationIndex:
    """Conditions, their phenotype terms, the term hierarchy and the ICs derived from them."""

    annotations: dict[str, frozenset[str]]
    """Condition -> its most specific phenotype terms."""
    ancestors: dict[str, frozenset[str]]
    """Term -> its ancestors, itself included."""
    ic: dict[str, float]
    frequency: dict[tuple[str, str], float] = field(default_factory=dict)
    """(condition, term) -> frequency in 0..1, when the annotation gives one."""
    parents: dict[str, frozenset[str]] = field(default_factory=dict)
    """Term -> its direct parents (the hierarchy the ancestors are computed from)."""

    @classmethod
    def build(
        cls,
        annotations: Mapping[str, Iterable[str]],
        parents: Mapping[str, Iterable[str]],
        *,
        frequency: Mapping[tuple[str, str], float] | None = None,
    ) -> AnnotationIndex:
        """Index ``annotations`` (condition -> terms) over the ``parents`` (term -> parents)."""
        parent_map = {t: frozenset(ps) for t, ps in parents.items()}
        ancestors: dict[str, frozenset[str]] = {}

        def closure(term: str) -> frozenset[str]:
            return _closure(term, parent_map, ancestors)

        specific: dict[str, frozenset[str]] = {}
        for condition, terms in annotations.items():
            terms = set(terms)
            for term in terms:
                closure(term)
            # keep the most specific terms: drop any term that is an ancestor of another
            implied = {a for t in terms for a in ancestors[t] if a != t}
            specific[condition] = frozenset(terms - implied)
        counts: dict[str, int] = defaultdict(int)
        for terms in specific.values():
            for term in {a for t in terms for a in ancestors[t]}:
                counts[term] += 1
        total = max(len(specific), 1)
        ic = {term: -math.log(count / total) for term, count in counts.items()}
        return cls(specific, ancestors, ic, dict(frequency or {}), parent_map)

    def _sorted_terms(self, condition: str) -> tuple[str, ...]:
        cache = self.__dict__.setdefault("_sorted", {})
        found = cache.get(condition)
        if found is None:
            found = cache[condition] = tuple(sorted(self.annotations.get(condition, ())))
        return cast(tuple[str, ...], found)

    def ancestors_of(self, term: str) -> frozenset[str]:
        """Ancestors of ``term`` (itself included), from the hierarchy the index was built on."""
        found = self.ancestors.get(term)
        if found is None:
            found = _closure(term, self.parents, self.ancestors)
        return found

    def information_content(self, term: str) -> float:
        """IC of an annotated term; 0 for a term no condition is annotated with."""
        return self.ic.get(term, 0.0)

    def mica(self, a: str, b: str) -> tuple[str | None, float]:
        """The most informative common ancestor of two terms and its IC."""
        common = self.ancestors_of(a) & self.ancestors_of(b)
        best: tuple[str | None, float] = (None, 0.0)
        for term in common:
            value = self.ic.get(term, 0.0)
            if value > best[1] or (value == best[1] and best[0] is not None and term < best[0]):
                best = (term, value)
        if best[0] is None and common:
            best = (min(common), 0.0)
        return best

    def score(
        self,
        condition: str,
        present: Iterable[str],
        absent: Iterable[str] = (),
        *,
        memo: dict[str, dict[str, tuple[str | None, float]]] | None = None,
    ) -> Score:
        """The Resnik best-match score of a condition for present and absent query terms.

        ``memo`` caches MICAs across conditions of one ranking (terms recur across conditions):
        query term -> condition term -> (MICA, IC), keyed by plain strings (their hash is cached).
        """
        present = list(dict.fromkeys(present))
        memo = {} if memo is None else memo
        terms = self._sorted_terms(condition)
        contributions = []
        for query_term in present:
            best: tuple[str | None, str | None, float] = (None, None, 0.0)
            known = memo.setdefault(query_term, {})
            for condition_term in terms:
                found = known.get(condition_term)
                if found is None:
                    found = known[condition_term] = self.mica(query_term, condition_term)
                if found[1] > best[2]:
                    best = (condition_term, found[0], found[1])
            match = best[0]
            exact = match is not None and (
                query_term in self.ancestors_of(match) or match in self.ancestors_of(query_term)
            )
            contributions.append(Contribution(query_term, match, best[1], best[2], exact))
        penalties = []
        for absent_term in dict.fromkeys(absent):
            having = [t for t in terms if absent_term in self.ancestors_of(t)]
            if having:
                freq = max(self.frequency.get((condition, t), 1.0) for t in having)
                value = self.ic.get(absent_term, 0.0)
                if value > 0:
                    penalties.append(Penalty(absent_term, having[0], value, freq))
        denominator = max(len(present), 1)
        positive = sum(c.ic for c in contributions)
        negative = sum(p.ic * p.frequency for p in penalties)
        return Score(
            condition, (positive - negative) / denominator, tuple(contributions), tuple(penalties)
        )

    def rank(
        self, present: Iterable[str], absent: Iterable[str] = (), *, limit: int = 10
    ) -> list[Score]:
        """The conditions ordered by score (best first; ties by ID), the top ``limit``."""
        present, absent = list(present), list(absent)
        memo: dict[str, dict[str, tuple[str | None, float]]] = {}
        scores = [self.score(c, present, absent, memo=memo) for c in self.annotations]
        scores.sort(key=lambda s: (-s.score, s.condition))
        return scores[:limit]


__all__ = ["AnnotationIndex", "Contribution", "Penalty", "Score"]
