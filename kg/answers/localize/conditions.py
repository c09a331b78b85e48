"""The ranked conditions of a localization as the API shows them: scores, matches, misses,
and one ``contribution`` explanation entry per condition and finding."""

from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode

from mnkg.kg.answers.conditions import _xrefs
from mnkg.kg.answers.localize.graph import Terms
from mnkg.kg.answers.localize.ranking import ConditionIndex, Ranking
from mnkg.kg.answers.lookup import HP_BASE, labels, term_id
from mnkg.kg.store import Store

MISSING_SHOWN = 10


def _closure(index: ConditionIndex, terms: Terms, condition: int) -> frozenset[str]:
    """Every ancestor of the condition's terms (memoised on the index)."""
    found = index.closures.get(condition)
    if found is None:
        found = frozenset().union(*(terms.ancestors(t) for t in index.specific[condition]))
        index.closures[condition] = found
    return found


def _best_match(
    index: ConditionIndex, terms: Terms, finding: str, condition: int
) -> tuple[str | None, str | None, float]:
    """The condition's term sharing the most informative ancestor with ``finding``."""
    common = terms.ancestors(finding) & _closure(index, terms, condition)
    if not common:
        return (None, None, 0.0)
    mica = max(common, key=lambda t: (index.information(t), t))
    for term in sorted(index.specific[condition]):
        if mica in terms.ancestors(term):
            return (term, mica, index.information(mica))
    return (None, mica, index.information(mica))


def condition_entries(
    store: Store,
    index: ConditionIndex,
    terms: Terms,
    ranking: Ranking,
    chosen: list[int],
    present: list[str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``conditions`` list and the ``contribution`` explanation entries."""
    iris = [index.conditions[c] for c in chosen]
    unknown = [i for i in iris if i not in index.details]
    if unknown:  # condition labels and cross-references, read once per condition
        names_read, xrefs_read = labels(store, unknown), _xrefs(store, unknown)
        for i in unknown:
            index.details[i] = (names_read.get(i, ""), xrefs_read.get(i, []))
    names = dict(terms.labels)
    names.update({i: index.details[i][0] for i in iris})
    xrefs = {i: index.details[i][1] for i in iris}

    def ref(iri: str | None) -> dict[str, Any] | None:
        return None if iri is None else {"id": term_id(NamedNode(iri)), "label": names.get(iri, "")}

    entries, explanation = [], []
    denominator = max(len(present), 1)
    for c in chosen:
        iri = index.conditions[c]
        matched, matched_terms = [], set()
        for finding in present:
            exact = bool(ranking.exact[finding][c])
            term, mica, value = _best_match(index, terms, finding, c)
            opposite = bool(ranking.opposite[finding][c])
            if exact and term is not None:
                matched.append({**(ref(finding) or {}), "via": ref(term)})
                matched_terms.add(term)
            contribution = float(ranking.per_finding[finding][c])
            explanation.append(
                {
                    "kind": "contribution",
                    "condition": term_id(NamedNode(iri)),
                    "sign": ref(finding),
                    "best_match": ref(term) if exact else None,
                    "common_ancestor": ref(mica),
                    "information_content": round(value, 4),
                    "contribution": round(contribution / denominator, 4),
                    "text": _text(names, finding, iri, term, mica, value, exact, opposite),
                }
            )
        explanation.extend(_other_parts(index, ranking, c, names, ref, denominator))
        missing = sorted(
            (t for t in index.specific[c] if t not in matched_terms and t.startswith(HP_BASE)),
            key=lambda t: (-index.information(t), names.get(t, t)),
        )[:MISSING_SHOWN]
        entry = {
            "id": term_id(NamedNode(iri)),
            "label": names.get(iri, ""),
            "xrefs": xrefs.get(iri, []),
            "score": round(float(ranking.scores[c]), 4),
            "matched": matched,
            "missing": [ref(t) for t in missing],
        }
        if ranking.fit is not None:
            entry["site_fit"] = round(float(ranking.fit[c]), 3)
        entries.append(entry)
    return entries, explanation


def _other_parts(
    index: ConditionIndex,
    ranking: Ranking,
    c: int,
    names: dict[str, str],
    ref: Any,
    denominator: int,
) -> list[dict[str, Any]]:
    """The contributions of the absent findings and of the condition-to-query half."""
    iri = index.conditions[c]
    out = []
    for finding, penalty in ranking.penalties.items():
        if penalty[c] > 0:
            out.append(
                {
                    "kind": "contribution",
                    "condition": term_id(NamedNode(iri)),
                    "sign": ref(finding),
                    "absent": True,
                    "best_match": None,
                    "common_ancestor": ref(finding),
                    "information_content": round(index.information(finding), 4),
                    "contribution": round(-float(penalty[c]) / denominator, 4),
                    "text": f"{names.get(finding, finding)} is absent but "
                    f"{names.get(iri, '')} has it: counts against it",
                }
            )
    if ranking.reverse[c]:
        out.append(
            {
                "kind": "contribution",
                "condition": term_id(NamedNode(iri)),
                "sign": None,
                "best_match": None,
                "common_ancestor": None,
                "information_content": None,
                "contribution": round(float(ranking.reverse[c]), 4),
                "text": f"{names.get(iri, '')}: how well its own terms are matched by the "
                "findings (the condition-to-query half of the best-match average)",
            }
        )
    return out


def _text(
    names: dict[str, str],
    finding: str,
    condition: str,
    term: str | None,
    mica: str | None,
    value: float,
    exact: bool,
    opposite: bool,
) -> str:
    head = f"{names.get(finding, finding)} vs {names.get(condition, '')}: "
    if opposite:
        return head + "the condition has the opposite finding: counts against it"
    if exact and term is not None:
        return head + f"matched by {names.get(term, term)} (IC {value:.2f})"
    if mica is not None and value > 0:
        return head + f"no match; nearest shared class {names.get(mica, mica)} (IC {value:.2f})"
    return head + "nothing in common"


__all__ = ["condition_entries"]
