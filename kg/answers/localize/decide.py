"""From site scores to the answer: the level, indeterminate, and the next findings to seek.

docs/localization.md, sections 4-5: the best site gives the level; the answer is
indeterminate when the best score is under MIN_SUPPORT or a site of a conflicting level is
within MARGIN of it (UMN and LMN conflict; ``neither`` conflicts with every motor level;
``mixed`` conflicts with neither UMN nor LMN).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mnkg.kg.answers.localize.evidence import Situation, WeightModel
from mnkg.kg.answers.localize.graph import Terms

MIN_SUPPORT = 3.0
MARGIN = 2.0
LEADING_SPAN = 4.0
"""Sites within this of the best are the ones the next findings should separate."""
MAX_LEADING = 6
MAX_NEXT = 3


def conflict(a: str, b: str) -> bool:
    """Whether two levels contradict each other (a close mixed site only refines)."""
    if a == b:
        return False
    if {a, b} == {"UMN", "LMN"}:
        return True
    return "neither" in (a, b)


@dataclass(frozen=True, slots=True)
class Decision:
    """The level and why."""

    localization: str
    order: list[int]
    """Site indices, best first (ties by IRI)."""
    rival: int | None
    """The close site of a conflicting level that made the answer indeterminate."""
    weak: bool
    """True when indeterminate because nothing reached MIN_SUPPORT."""


def decide(model: WeightModel, scores: np.ndarray) -> Decision:
    """The localization from the site scores."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], model.sites[i].iri))
    best = order[0]
    level = model.sites[best].level
    if scores[best] < MIN_SUPPORT:
        return Decision("indeterminate", order, None, True)
    for other in order[1:]:
        if scores[best] - scores[other] >= MARGIN:
            break
        if conflict(level, model.sites[other].level):
            return Decision("indeterminate", order, other, False)
    return Decision(level, order, None, False)


def leading(scores: np.ndarray, order: list[int]) -> list[int]:
    """The sites within LEADING_SPAN of the best (at least two, at most MAX_LEADING)."""
    top = scores[order[0]]
    chosen = [i for i in order if top - scores[i] <= LEADING_SPAN][:MAX_LEADING]
    return chosen if len(chosen) >= 2 else order[:2]


def _weights(model: WeightModel, situation: Situation, state: str) -> tuple[list[str], np.ndarray]:
    """The weights of every weighted finding in ``state`` and ``situation`` (F x sites)."""
    order = sorted(model.weighted[state])
    matrix = np.vstack([model.plain[(f, state)] for f in order]) if order else np.zeros((0, 0))
    for row, finding in enumerate(order):
        if (finding, state) in model.contextual:
            matrix[row] = model.weigh(finding, state, situation)[0]
    return order, matrix


def next_findings(
    model: WeightModel,
    terms: Terms,
    situation: Situation,
    scores: np.ndarray,
    order: list[int],
    given: set[str],
) -> list[dict]:
    """Up to three findings not given whose presence or absence best separates the leaders."""
    sites = np.asarray(leading(scores, order))
    known = set(given) | set(situation.present_ancestors)
    present_order, present = _weights(model, situation, "present")
    absent_order, absent = _weights(model, situation, "absent")
    absent_row = {f: i for i, f in enumerate(absent_order)}
    part = present[:, sites]
    sep_present = part.max(axis=1) - part.min(axis=1)
    high, low = sites[part.argmax(axis=1)], sites[part.argmin(axis=1)]
    if len(absent_order):
        absent_part = absent[:, sites]
        sep_absent_all = absent_part.max(axis=1) - absent_part.min(axis=1)
        high_absent = sites[absent_part.argmax(axis=1)]
    candidates: list[tuple[float, str, int, int, int | None]] = []
    for row, finding in enumerate(present_order):
        if finding in known or any(a in given for a in terms.ancestors(finding)):
            continue
        other = absent_row.get(finding)
        sep_absent = float(sep_absent_all[other]) if other is not None else 0.0
        best = max(float(sep_present[row]), sep_absent)
        if best <= 0:
            continue
        value = best + 0.25 * min(float(sep_present[row]), sep_absent)
        favoured = int(high_absent[other]) if other is not None and sep_absent > 0 else None
        candidates.append((-value, finding, int(high[row]), int(low[row]), favoured))
    candidates.sort()
    return [
        {
            "finding": finding,
            "value": -negative,
            "if_present": hi_p,
            "if_absent": favoured_if_absent,
            "separates": [hi_p, lo_p],
        }
        for negative, finding, hi_p, lo_p, favoured_if_absent in candidates[:MAX_NEXT]
    ]


__all__ = ["MARGIN", "MIN_SUPPORT", "Decision", "conflict", "decide", "leading", "next_findings"]
