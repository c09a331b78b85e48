"""The explanation of a localization, one sentence per finding, and the legacy ``support``."""

from __future__ import annotations

from typing import Any

import numpy as np
from pyoxigraph import NamedNode

from mnkg.kg.answers.localize.decide import MARGIN, MIN_SUPPORT, Decision
from mnkg.kg.answers.localize.evidence import Contribution, WeightModel
from mnkg.kg.answers.localize.graph import Terms
from mnkg.kg.answers.lookup import term_id

SHOWN = 3


def _name(terms: Terms, iri: str) -> str:
    return terms.labels.get(iri) or str(term_id(NamedNode(iri)))


def _item(terms: Terms, iri: str) -> dict[str, Any]:
    return {"id": term_id(NamedNode(iri)), "label": terms.labels.get(iri, "")}


def _listing(model: WeightModel, weights: np.ndarray, indices: list[int]) -> str:
    return ", ".join(f"{model.sites[i].label} ({weights[i]:+g})" for i in indices)


def _sentence(model: WeightModel, terms: Terms, c: Contribution, contexts: bool) -> str:
    name = _name(terms, c.finding)
    state = "present" if c.state == "present" else "absent (looked for, not found)"
    if not c.via and contexts:
        return (
            f"{name} ({state}) has no weight of its own here; it can change how other "
            "findings weigh (the pitfall entries)."
        )
    if not c.via:
        return f"{name} ({state}) has no localising weight: it does not point to any site."
    order = np.argsort(-c.weights, kind="stable")
    pro = [int(i) for i in order if c.weights[i] > 0][:SHOWN]
    con = [int(i) for i in order[::-1] if c.weights[i] < 0][:SHOWN]
    parts = []
    if pro:
        parts.append("supports " + _listing(model, c.weights, pro))
    if con:
        parts.append("argues against " + _listing(model, c.weights, con))
    via = [v for v in c.via if v != c.finding]
    through = f" (weighed as {', '.join(_name(terms, v) for v in via)})" if via else ""
    body = " and ".join(parts) if parts else "weighs the same for every site"
    return f"{name} ({state}){through} {body}."


def explain_findings(
    model: WeightModel, terms: Terms, parts: list[Contribution]
) -> list[dict[str, Any]]:
    """A ``finding`` entry per finding, and a ``pitfall`` entry per context rule used."""
    out: list[dict[str, Any]] = []
    contexts = any(c.pitfalls for c in parts)
    for c in parts:
        out.append(
            {
                "kind": "finding",
                "text": _sentence(model, terms, c, contexts),
                "sign": _item(terms, c.finding),
                "state": c.state,
                "weighed_as": [_item(terms, v) for v in c.via],
            }
        )
        for pitfall, sites in sorted(c.pitfalls.items()):
            names = sorted({model.sites[i].label for i in sites})
            out.append(
                {
                    "kind": "pitfall",
                    "pitfall": _name(terms, pitfall),
                    "id": term_id(NamedNode(pitfall)),
                    "label": _name(terms, pitfall),
                    "text": f"{_name(terms, c.finding)}: the rule for "
                    f"'{_name(terms, pitfall)}' ({term_id(NamedNode(pitfall))}) set its weight "
                    f"for {len(names)} site(s), e.g. {', '.join(names[:3])}.",
                    "signs": [_item(terms, c.finding)],
                }
            )
    return out


def explain_rule(model: WeightModel, scores: np.ndarray, decided: Decision) -> dict[str, Any]:
    """How the level was derived from the site scores."""
    best = model.sites[decided.order[0]]
    score = float(scores[decided.order[0]])
    if decided.weak:
        text = (
            f"No site reaches a score of {MIN_SUPPORT:g} (best: {best.label}, {score:+g}): "
            "the findings do not localise; see next_findings."
        )
    elif decided.rival is not None:
        rival = model.sites[decided.rival]
        text = (
            f"Indeterminate: {best.label} ({best.level}, {score:+g}) and {rival.label} "
            f"({rival.level}, {float(scores[decided.rival]):+g}) are within {MARGIN:g} points "
            "and their levels contradict each other; see next_findings."
        )
    else:
        meaning = {
            "mixed": "a lesion of both upper and lower motor neurons",
            "UMN": "an upper motor neuron lesion",
            "LMN": "a lower motor neuron lesion",
            "neither": "a lesion that is not of the motor neurons",
        }[best.level]
        text = f"The best-supported site is {best.label} ({score:+g}): {meaning}."
    return {"kind": "rule", "text": text}


def support_of(
    model: WeightModel, terms: Terms, parts: list[Contribution]
) -> dict[str, list[dict[str, Any]]]:
    """Present findings by the level of the site they support most (the legacy field)."""
    support: dict[str, list[dict[str, Any]]] = {"UMN": [], "LMN": [], "other": []}
    for c in parts:
        if c.state != "present":
            continue
        best = int(np.argmax(c.weights))
        level = model.sites[best].level if c.weights[best] > 0 else "none"
        entry = {**_item(terms, c.finding), "site": term_id(NamedNode(model.sites[best].iri))}
        if level in ("UMN", "LMN"):
            support[level].append(entry)
        else:
            support["other"].append({**entry, "level": level})
    return support


__all__ = ["explain_findings", "explain_rule", "support_of"]
