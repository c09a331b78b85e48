"""The weighted evidence model: each finding, present or absent, weighs for or against sites.

A finding uses the weight rows of its most specific weighted ancestors-or-self; a row with a
context replaces the context-free row of the same finding, state and site when its
conditions hold (most conditions win; equal ones average). docs/localization.md, sections 2-3.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from mnkg.kg.answers.localize.graph import Site, Terms, WeightRow
from mnkg.kg.vocab import identifiers

Condition = tuple[str, tuple[str, ...] | float | str]


def parse_condition(text: str) -> Condition:
    """``with=HP:1|HP:2`` -> ("with", (iri, iri)); ``onset=acute``; ``age_months<24``."""
    if text.startswith("age_months<"):
        return ("age_below", float(text.split("<", 1)[1]))
    kind, _, value = text.partition("=")
    if kind == "onset":
        return ("onset", value)
    return (kind, tuple(identifiers.expand(v) for v in value.split("|")))


@dataclass(frozen=True, slots=True)
class Rule:
    site: int
    weight: float
    conditions: tuple[Condition, ...]
    pitfall: str | None


@dataclass
class Situation:
    """What the context conditions look at: the findings and the request's context."""

    present_ancestors: frozenset[str]
    absent: frozenset[str]
    onset: str | None
    age_months: float | None
    terms: Terms

    def holds(self, condition: Condition) -> bool:
        kind, value = condition
        if kind == "age_below":
            return self.age_months is not None and self.age_months < float(value)  # type: ignore[arg-type]
        if kind == "onset":
            return self.onset == value
        assert isinstance(value, tuple)
        if kind == "with":
            return any(v in self.present_ancestors for v in value)
        if kind == "without":
            return not any(v in self.present_ancestors for v in value)
        if kind == "absent":
            return any(self.absent & self.terms.ancestors(v) for v in value)
        raise ValueError(f"unknown context condition {kind!r}")


@dataclass
class Contribution:
    """What one finding (as given) did: through which weighted terms, for which sites."""

    finding: str
    state: str
    via: list[str]
    weights: np.ndarray
    pitfalls: dict[str, list[int]] = field(default_factory=dict)
    """Pitfall class -> the sites whose weight its rule set."""


@dataclass
class WeightModel:
    """The sites and the weight rules, indexed for scoring."""

    sites: list[Site]
    rules: dict[tuple[str, str], list[Rule]]
    weighted: dict[str, frozenset[str]]
    """State -> the findings that have rows for it."""
    plain: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    """(finding, state) -> its weights when no context row applies (precomputed)."""
    contextual: frozenset[tuple[str, str]] = frozenset()
    """The (finding, state) pairs that have context rows."""

    @classmethod
    def build(cls, sites: list[Site], rows: list[WeightRow]) -> WeightModel:
        index = {s.iri: i for i, s in enumerate(sites)}
        rules: dict[tuple[str, str], list[Rule]] = defaultdict(list)
        for row in rows:
            if row.site not in index:
                continue  # a weight for a class that is not a candidate site: ignored
            conditions = tuple(parse_condition(c) for c in row.conditions)
            rules[(row.finding, row.state)].append(
                Rule(index[row.site], row.weight, conditions, row.pitfall)
            )
        weighted = {
            state: frozenset(f for f, s in rules if s == state) for state in ("present", "absent")
        }
        model = cls(sites, dict(rules), weighted)
        model.contextual = frozenset(k for k, v in rules.items() if any(r.conditions for r in v))
        for key, found in rules.items():
            vector = np.zeros(len(sites))
            for rule in found:
                if not rule.conditions:
                    vector[rule.site] = rule.weight
            model.plain[key] = vector
        return model

    @property
    def findings(self) -> frozenset[str]:
        return self.weighted["present"] | self.weighted["absent"]

    def weighted_terms(
        self, terms: Terms, finding: str, state: str, present: frozenset[str] = frozenset()
    ) -> list[str]:
        """The most specific ancestors-or-self of ``finding`` that have rows for ``state``.

        An absent finding never borrows the rows of a class that is present (absent frontalis
        weakness with a facial palsy present says the forehead is spared, not that there is
        no facial palsy): ``present`` holds the ancestors of the present findings.
        """
        candidates = [
            a
            for a in terms.ancestors(finding)
            if a in self.weighted[state] and (state == "present" or a not in present)
        ]
        return sorted(
            a for a in candidates if not any(a != b and a in terms.ancestors(b) for b in candidates)
        )

    def weigh(self, term: str, state: str, situation: Situation) -> tuple[np.ndarray, dict]:
        """The weights of one weighted term's rows in ``situation``, and the pitfalls used."""
        if (term, state) not in self.contextual:
            return self.plain[(term, state)], {}
        best: dict[int, tuple[int, list[Rule]]] = {}
        for rule in self.rules[(term, state)]:
            if not all(situation.holds(c) for c in rule.conditions):
                continue
            rank = len(rule.conditions)
            found = best.get(rule.site)
            if found is None or rank > found[0]:
                best[rule.site] = (rank, [rule])
            elif rank == found[0]:
                found[1].append(rule)
        weights = np.zeros(len(self.sites))
        pitfalls: dict[str, list[int]] = defaultdict(list)
        for site, (_, chosen) in best.items():
            weights[site] = sum(r.weight for r in chosen) / len(chosen)
            for rule in chosen:
                if rule.pitfall and rule.conditions:
                    pitfalls[rule.pitfall].append(site)
        return weights, dict(pitfalls)

    def contributions(
        self,
        terms: Terms,
        present: list[str],
        absent: list[str],
        onset: str | None,
        age_months: float | None,
    ) -> list[Contribution]:
        """One contribution per finding given (zero weights when nothing weighs it)."""
        present_ancestors = frozenset().union(*(terms.ancestors(p) for p in present))
        situation = Situation(present_ancestors, frozenset(absent), onset, age_months, terms)
        out = []
        for state, findings in (("present", present), ("absent", absent)):
            for finding in findings:
                via = self.weighted_terms(terms, finding, state, present_ancestors)
                total = np.zeros(len(self.sites))
                pitfalls: dict[str, list[int]] = {}
                for term in via:
                    weights, used = self.weigh(term, state, situation)
                    total += weights
                    for name, sites in used.items():
                        pitfalls.setdefault(name, []).extend(sites)
                out.append(Contribution(finding, state, via, total, pitfalls))
        return out


def site_scores(model: WeightModel, contributions: list[Contribution]) -> np.ndarray:
    """The score of every site: the sum of the contributions."""
    total = np.zeros(len(model.sites))
    for c in contributions:
        total += c.weights
    return total


__all__ = [
    "Contribution",
    "Situation",
    "WeightModel",
    "parse_condition",
    "site_scores",
]
