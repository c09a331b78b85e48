"""``/localize``: the weighted evidence over candidate sites, the level, the next findings,
the explanation sentence by sentence, and the conditions ranked consistently with the sites.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from pyoxigraph import NamedNode

from mnkg.kg.answers.localize import decide as decision
from mnkg.kg.answers.localize.conditions import condition_entries
from mnkg.kg.answers.localize.evidence import Contribution, Situation, WeightModel, site_scores
from mnkg.kg.answers.localize.explain import explain_findings, explain_rule, support_of
from mnkg.kg.answers.localize.findings import resolve_findings
from mnkg.kg.answers.localize.graph import Terms, read_sites, read_terms, read_weights
from mnkg.kg.answers.localize.models import LocalizeAnswer, LocalizeRequest
from mnkg.kg.answers.localize.ranking import ConditionIndex, build_index, rank, top
from mnkg.kg.answers.lookup import cached, term_id
from mnkg.kg.answers.warm import register_warmer
from mnkg.kg.store import Store

SITES_SHOWN = 5


@dataclass
class Knowledge:
    """What every request reads: the hierarchy and the weight model."""

    terms: Terms
    model: WeightModel


def knowledge(store: Store, cache: MutableMapping[Any, Any] | None) -> Knowledge:
    """The hierarchy and the weights, read once per store generation."""

    def build() -> Knowledge:
        terms = read_terms(store)
        return Knowledge(terms, WeightModel.build(read_sites(store, terms), read_weights(store)))

    return cached(cache, "localize:knowledge", store, build)


def condition_index(
    store: Store, source: str, known: Knowledge, cache: MutableMapping[Any, Any] | None
) -> ConditionIndex:
    """The condition index of ``source``, built once per store generation."""
    return cached(
        cache,
        f"localize:conditions:{source}",
        store,
        lambda: build_index(store, source, known.terms, known.model),
    )


def warm(store: Store, cache: MutableMapping[Any, Any]) -> object:
    """Build the knowledge and the mnkg and hpo condition indexes before the first request."""
    known = knowledge(store, cache)
    return [condition_index(store, source, known, cache) for source in ("mnkg", "hpo")]


register_warmer("localize", warm)


def _ref(iri: str | None, terms: Terms) -> dict[str, Any] | None:
    if iri is None:
        return None
    return {"id": term_id(NamedNode(iri)), "label": terms.labels.get(iri, "")}


def _site_entry(i: int, scores: np.ndarray, known: Knowledge, parts: list[Contribution]) -> dict:
    site = known.model.sites[i]
    pro: list[dict[str, Any]] = []
    con: list[dict[str, Any]] = []
    for c in parts:
        weight = float(c.weights[i])
        if weight == 0:
            continue
        item = {**(_ref(c.finding, known.terms) or {}), "weight": weight}
        if c.state == "absent":
            item["absent"] = True
        (pro if weight > 0 else con).append(item)
    pro.sort(key=lambda x: -x["weight"])
    con.sort(key=lambda x: x["weight"])
    return {
        "id": term_id(NamedNode(site.iri)),
        "label": site.label,
        "level": site.level,
        "score": round(float(scores[i]), 3),
        "for": pro,
        "against": con,
    }


def sites_shown(order: list[int], scores: np.ndarray) -> list[int]:
    """Every site with a positive score, and at least the best five."""
    return [i for rank_, i in enumerate(order) if scores[i] > 0 or rank_ < SITES_SHOWN]


def _next(known: Knowledge, found: list[dict]) -> list[dict]:
    sites = known.model.sites
    out = []
    for f in found:
        out.append(
            {
                **(_ref(f["finding"], known.terms) or {}),
                "if_present": term_id(NamedNode(sites[f["if_present"]].iri)),
                "if_absent": None
                if f["if_absent"] is None
                else term_id(NamedNode(sites[f["if_absent"]].iri)),
                "separates": [
                    {"id": term_id(NamedNode(sites[i].iri)), "label": sites[i].label}
                    for i in f["separates"]
                ],
                "weight_difference": round(f["value"], 3),
            }
        )
    return out


def localize(
    store: Store,
    request: LocalizeRequest,
    *,
    cache: MutableMapping[Any, Any] | None = None,
) -> LocalizeAnswer:
    """Localize the lesion and rank the conditions for ``request`` (docs/localization.md)."""
    known = knowledge(store, cache)
    model, terms = known.model, known.terms
    findings = resolve_findings(store, terms, request, model.findings, cache)
    parts = model.contributions(
        terms, findings.present, findings.absent, request.onset, request.age_months
    )
    scores = site_scores(model, parts)
    decided = decision.decide(model, scores)
    present_ancestors = frozenset().union(*(terms.ancestors(p) for p in findings.present))
    situation = Situation(
        present_ancestors,
        frozenset(findings.absent),
        request.onset,
        request.age_months,
        terms,
    )
    nexts = decision.next_findings(
        model, terms, situation, scores, decided.order, {*findings.present, *findings.absent}
    )
    explanation = [*explain_findings(model, terms, parts), explain_rule(model, scores, decided)]
    best_sites = None
    if decided.localization != "indeterminate":
        top_score = scores[decided.order[0]]
        best_sites = [i for i in decided.order if top_score - scores[i] < decision.MARGIN]
    index = condition_index(store, request.source, known, cache)
    ranking = rank(index, terms, findings.present, findings.absent, best_sites)
    conditions, contributions = condition_entries(
        store, index, terms, ranking, top(ranking, index, request.limit), findings.present
    )
    answer = {
        "localization": decided.localization,
        "support": support_of(model, terms, parts),
        "explanation": explanation + contributions,
        "conditions": conditions,
        "sites": [_site_entry(i, scores, known, parts) for i in sites_shown(decided.order, scores)],
        "next_findings": _next(known, nexts),
        "unrecognised": findings.unrecognised,
    }
    return LocalizeAnswer.model_validate(answer)


__all__ = ["Knowledge", "condition_index", "knowledge", "localize"]
