"""Lesion localization from signs: UMN, LMN, mixed, neither or indeterminate, and why.

The level each sign points to is read from the graph, not from a table in code: a sign is an
upper motor neuron sign when it is a subclass (asserted, inferred by the reasoner, or through
the HPO hierarchy) of MNKG:0000300, a lower motor neuron sign under MNKG:0000301, a sign of a
lesion not of motor neurons under MNKG:0000302. A sign under both UMN and LMN (weakness,
dysarthria) does not discriminate. Then:

* UMN signs and LMN signs -> ``mixed`` (ALS; a spinal cord lesion: LMN at the level, UMN below);
* only UMN signs -> ``UMN``; only LMN signs -> ``LMN``;
* only signs of a lesion outside the motor neurons -> ``neither`` (NMJ, muscle, basal ganglia,
  cerebellum);
* nothing that discriminates -> ``indeterminate``.

Before deciding, the clinical pitfalls of the domain are checked (each named in the explanation
with its MNKG:00009xx class when the ontology has one):

* **acute shock** (``onset: "acute"``): an acute UMN lesion is flaccid and areflexic for days to
  weeks; LMN signs of tone and reflexes alone (no fasciculations, atrophy or denervation) do not
  establish an LMN lesion then. With UMN signs the answer is UMN; without, indeterminate.
* **forehead sparing**: a facial palsy with the forehead spared (frontalis weakness given as
  absent) is an upper motor neuron facial palsy; with frontalis weakness it is LMN (Bell's palsy).
* **infant Babinski** (``age_months`` under 24): an extensor plantar response is normal in
  infancy and is not counted as a UMN sign.
* **benign fasciculations**: fasciculations as the only finding do not establish a lesion.

Conditions are ranked with :class:`mnkg.kg.answers.similarity.AnnotationIndex` (Resnik, Phenomizer
style) over the annotations in the graph; absent findings count against conditions having them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pyoxigraph import NamedNode

from mnkg.kg.answers.conditions import _xrefs
from mnkg.kg.answers.lookup import (
    HP_BASE,
    LMN_SIGN,
    OTHER_SIGN,
    UMN_SIGN,
    cached,
    labels,
    select,
    term_id,
)
from mnkg.kg.answers.search import find
from mnkg.kg.answers.similarity import AnnotationIndex, Score
from mnkg.kg.answers.terms import resolve_known
from mnkg.kg.errors import UserError
from mnkg.kg.store import Store
from mnkg.kg.vocab.identifiers import expand

Localization = Literal["UMN", "LMN", "mixed", "neither", "indeterminate"]
SOURCES = ("mnkg", "hpo", "all")
MAX_SIGNS = 50
MNKG_SIGN_BASE = "https://w3id.org/mnkg/MNKG_00003"
"""Our own signs (MNKG:0000310 flexor plantar response, MNKG:0000311 forehead-sparing...)."""
INFANT_MONTHS = 24
"""Below this age an extensor plantar response is physiological (domain.md section 2)."""

# HPO terms the pitfall rules look at (IDs from ontology/vocab/signs.tsv, HPO 2025-01-16).
HP = "http://purl.obolibrary.org/obo/HP_"
FACIAL_WEAKNESS = HP + "0030319"
"""Weakness of facial musculature: facial palsy, facial paralysis and their descendants."""
FRONTALIS_WEAKNESS = HP + "0004661"
BABINSKI = HP + "0003487"
FASCICULATIONS = HP + "0002380"
TONE_AND_REFLEX_LMN = (
    HP + "0001252",  # Hypotonia
    HP + "0010547",  # Muscle flaccidity
    HP + "0001315",  # Reduced tendon reflexes
    HP + "0001265",  # Hyporeflexia
    HP + "0001284",  # Areflexia
)

_PARENTS = """
SELECT DISTINCT ?t ?p WHERE {
  { GRAPH mg:hpo { ?t rdfs:subClassOf ?p } }
  UNION { GRAPH mg:imports { ?t rdfs:subClassOf ?p } }
  UNION { GRAPH mg:ontology { ?t rdfs:subClassOf ?p } }
  UNION { GRAPH mg:inferred { ?t rdfs:subClassOf ?p } }
  UNION { VALUES ?p { mnkg:0000300 mnkg:0000301 mnkg:0000302 } ?t rdfs:subClassOf ?p . }
  FILTER(isIRI(?p))
  FILTER(STRSTARTS(STR(?t), STR(obo:HP_)) || STRSTARTS(STR(?t), STR(mnkg:00003)))
  FILTER(STRSTARTS(STR(?p), STR(obo:HP_)) || STRSTARTS(STR(?p), STR(mnkg:00003)))
}"""
_CURATED = """
SELECT ?c (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?terms) WHERE {
  { GRAPH mg:redundant { ?c obo:RO_0002200 ?p } } UNION { GRAPH mg:kg { ?c obo:RO_0002200 ?p } }
  FILTER(STRSTARTS(STR(?p), STR(obo:HP_)))
  FILTER(!STRSTARTS(STR(?c), STR(mnkg:00001)) && !STRSTARTS(STR(?c), STR(mnkg:00009)))
  FILTER(!STRSTARTS(STR(?c), STR(obo:HP_)))
} GROUP BY ?c"""
_HPO = """
SELECT ?c (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?terms) WHERE {
  GRAPH mg:hpo-annotations { ?c obo:RO_0002200 ?p }
} GROUP BY ?c"""
_FREQUENCY = """
SELECT ?c (GROUP_CONCAT(CONCAT(STR(?p), "=", STR(?f)); separator=" ") AS ?pairs) WHERE {
  GRAPH %s {
    ?a mnkgv:frequency_value ?f ; biolink:subject ?c ; biolink:object ?p ;
       biolink:predicate obo:RO_0002200 .
  }
} GROUP BY ?c"""
"""Frequencies packed per condition (``term=value ...``) to stay far under the row limit."""
_PITFALLS = """
SELECT ?p ?label ?definition ?see ?phenotype WHERE {
  ?p rdfs:subClassOf mnkg:0000900 ; rdfs:label ?label .
  FILTER(?p != mnkg:0000900)
  OPTIONAL { ?p obo:IAO_0000115 ?definition }
  OPTIONAL { ?p rdfs:seeAlso ?see }
  OPTIONAL { GRAPH mg:nonredundant { ?p obo:RO_0002200 ?phenotype } }
}"""
_SEE_ALSO_THEME = {
    "http://purl.obolibrary.org/obo/HP_0003487": "infant",
    "http://purl.obolibrary.org/obo/HP_0002380": "fasciculations",
    "http://purl.obolibrary.org/obo/HP_0004661": "forehead",
    "https://w3id.org/mnkg/MNKG_0000311": "forehead",
    "https://w3id.org/mnkg/MNKG_0000101": "shock",
}
"""A pitfall class's ``rdfs:seeAlso`` names what it is about (ontology/mnkg-edit.ttl)."""


@dataclass
class LocalizeRequest:
    """What a caller asks: present and absent signs (HPO IDs or labels) and the context."""

    signs: list[str]
    absent: list[str] = field(default_factory=list)
    age_months: float | None = None
    onset: str | None = None
    """``acute`` (hours to days: the shock pitfall applies) or ``chronic``; None if unknown."""
    source: str = "mnkg"
    limit: int = 10


def _resolve_sign(store: Store, value: str, cache: MutableMapping[Any, Any] | None = None) -> str:
    """The IRI of a sign given as an HPO CURIE/IRI or as an HPO label or synonym."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise UserError("empty sign: give an HPO ID (HP:0002380) or an HPO label")
    looks_like_id = ":" in text and " " not in text.split(":", 1)[0]
    if looks_like_id or text.startswith(("http://", "https://")):
        node = resolve_known(store, text, cache=cache)
        if not node.value.startswith((HP_BASE, MNKG_SIGN_BASE)):
            raise UserError(f"{text!r} is not an HPO sign ({term_id(node)})")
        return node.value
    hits = [
        h
        for h in find(store, text, cache=cache)
        if h.match_type.startswith("exact") and expand(h.id).startswith((HP_BASE, MNKG_SIGN_BASE))
    ]
    if len(hits) == 1 or (hits and hits[0].match_type == "exact label"):
        return expand(hits[0].id)
    if len(hits) > 1:
        raise UserError(
            f"the sign {text!r} names several HPO terms; give an ID",
            detail={"candidates": [{"id": h.id, "label": h.label} for h in hits[:10]]},
        )
    close = [
        {"id": h.id, "label": h.label} for h in find(store, text, prefix="HP", cache=cache)[:5]
    ]
    raise UserError(
        f"no HPO sign is called {text!r}; give an HPO ID or an exact label",
        detail={"suggestions": close},
    )


def build_index(store: Store, source: str) -> AnnotationIndex:
    """The annotation index of ``source`` (mnkg, hpo or all), read with SPARQL."""
    if source not in SOURCES:
        raise UserError(f"unknown source {source!r}: use mnkg, hpo or all")
    parents: dict[str, set[str]] = defaultdict(set)
    for row in select(store, _PARENTS):
        parents[row["t"].value].add(row["p"].value)
    annotations: dict[str, set[str]] = {}
    graphs = []  # frequencies: curated ones only (HPO's would cost half a minute to read)
    if source in ("mnkg", "all"):
        graphs += ["mg:kg"]
        for row in select(store, _CURATED):
            annotations[row["c"].value] = set(row["terms"].value.split())
    if source in ("hpo", "all"):
        for row in select(store, _HPO):
            annotations.setdefault(row["c"].value, set()).update(row["terms"].value.split())
    frequency: dict[tuple[str, str], float] = {}
    for graph in graphs:
        for row in select(store, _FREQUENCY % graph):
            condition = row["c"].value
            if condition not in annotations:
                continue
            for pair in row["pairs"].value.split():
                term, _, value = pair.rpartition("=")
                key = (condition, term)
                frequency[key] = max(frequency.get(key, 0.0), float(value))
    return AnnotationIndex.build(annotations, parents, frequency=frequency)


def cached_index(
    store: Store, source: str, cache: MutableMapping[Any, Any] | None
) -> AnnotationIndex:
    """:func:`build_index`, kept in ``cache`` until the store's content changes."""
    return cached(cache, f"annotations:{source}", store, lambda: build_index(store, source))


def _pitfall_classes(store: Store) -> dict[str, dict[str, Any]]:
    """The ontology's pitfall classes (under MNKG:0000900) by theme, with their phenotypes.

    The theme comes from the class's ``rdfs:seeAlso`` (the sign or lesion it is about), else
    from words of its label.
    """
    words = {
        "shock": "shock",
        "forehead": "forehead",
        "infant": "infant",
        "fascicul": "fasciculations",
    }
    found: dict[str, dict[str, Any]] = {}
    by_class: dict[str, dict[str, Any]] = {}
    for row in select(store, _PITFALLS):
        iri = row["p"].value
        entry = by_class.setdefault(
            iri,
            {
                "id": str(term_id(row["p"])),
                "label": row["label"].value,
                "definition": row["definition"].value if row["definition"] else "",
                "themes": set(),
                "phenotypes": set(),
            },
        )
        if row["see"] is not None and row["see"].value in _SEE_ALSO_THEME:
            entry["themes"].add(_SEE_ALSO_THEME[row["see"].value])
        if row["phenotype"] is not None:
            entry["phenotypes"].add(row["phenotype"].value)
    for entry in by_class.values():
        themes = entry["themes"] or {
            theme for word, theme in words.items() if word in entry["label"].lower()
        }
        for theme in sorted(themes):
            found.setdefault(theme, entry)
    return found


def _is_a(index: AnnotationIndex, term: str, ancestor: str) -> bool:
    return ancestor in index.ancestors_of(term)


def _level(index: AnnotationIndex, term: str) -> str:
    ancestors = index.ancestors_of(term)
    umn, lmn, other = UMN_SIGN in ancestors, LMN_SIGN in ancestors, OTHER_SIGN in ancestors
    if umn and lmn:
        return "both"
    if umn:
        return "UMN"
    if lmn:
        return "LMN"
    if other:
        return "other"
    return "unclassified"


def localize(
    store: Store,
    request: LocalizeRequest,
    *,
    cache: MutableMapping[Any, Any] | None = None,
) -> dict[str, Any]:
    """Localize the lesion and rank the conditions for ``request`` (see the module docstring)."""
    if not request.signs:
        raise UserError("give at least one sign in 'signs'")
    if len(request.signs) + len(request.absent) > MAX_SIGNS:
        raise UserError(f"at most {MAX_SIGNS} signs per request")
    if request.onset is not None and request.onset not in ("acute", "chronic"):
        raise UserError("onset must be 'acute' or 'chronic'")
    if request.age_months is not None and not 0 <= request.age_months <= 1500:
        raise UserError("age_months must be between 0 and 1500")
    if not 1 <= request.limit <= 100:
        raise UserError("limit must be between 1 and 100")
    present = list(dict.fromkeys(_resolve_sign(store, s, cache) for s in request.signs))
    absent = list(dict.fromkeys(_resolve_sign(store, s, cache) for s in request.absent))
    both = set(present) & set(absent)
    if both:
        shown = ", ".join(str(term_id(NamedNode(t))) for t in sorted(both))
        raise UserError(f"signs given as both present and absent: {shown}")
    index = cached_index(store, request.source, cache)
    names = labels(store, [*present, *absent, UMN_SIGN, LMN_SIGN, OTHER_SIGN])
    pitfalls = _pitfall_classes(store)

    def item(term: str, **extra: Any) -> dict[str, Any]:
        return {"id": term_id(NamedNode(term)), "label": names.get(term, ""), **extra}

    explanation: list[dict[str, Any]] = []
    support: dict[str, list[dict[str, Any]]] = {"UMN": [], "LMN": [], "other": []}
    levels = {t: _level(index, t) for t in present}
    discounted: set[str] = set()

    # -- pitfalls -------------------------------------------------------------------------
    infant = request.age_months is not None and request.age_months < INFANT_MONTHS
    for term in present:
        if infant and _is_a(index, term, BABINSKI):
            discounted.add(term)
            explanation.append(
                _pitfall(
                    pitfalls.get("infant"),
                    "infant Babinski response",
                    f"{names.get(term, 'Babinski sign')} at {request.age_months:g} months is "
                    f"normal before about {INFANT_MONTHS} months and is not counted as a UMN sign.",
                    [item(term)],
                )
            )
    facial = [t for t in present if _is_a(index, t, FACIAL_WEAKNESS) and levels[t] != "UMN"]
    forehead_involved = any(_is_a(index, t, FRONTALIS_WEAKNESS) for t in present)
    forehead_spared = FRONTALIS_WEAKNESS in absent
    if facial and forehead_spared:
        for term in facial:
            levels[term] = "UMN"
        explanation.append(
            _pitfall(
                pitfalls.get("forehead"),
                "forehead-sparing facial palsy",
                "The facial palsy spares the forehead (frontalis weakness absent): the forehead "
                "has bilateral cortical input, so this is an upper motor neuron (supranuclear) "
                "facial palsy, as in a stroke, not Bell's palsy.",
                [item(t) for t in facial],
            )
        )
    elif facial and forehead_involved:
        for term in facial:
            levels[term] = "LMN"
        explanation.append(
            _pitfall(
                pitfalls.get("forehead"),
                "forehead-sparing facial palsy",
                "The facial palsy includes the forehead (frontalis weakness): a lower motor "
                "neuron facial palsy (facial nucleus or nerve, as in Bell's palsy); an upper "
                "motor neuron facial palsy would spare the forehead.",
                [item(t) for t in facial],
            )
        )
    elif facial:
        explanation.append(
            {
                "kind": "note",
                "text": "A facial palsy counts as a cranial lower motor neuron sign here, but an "
                "upper motor neuron facial palsy (stroke) spares the forehead: say whether the "
                "forehead is weak (HP:0004661 Frontalis muscle weakness present or absent).",
                "signs": [item(t) for t in facial],
            }
        )

    for term in present:
        level = "other" if term in discounted else levels[term]
        if level in ("UMN", "LMN"):
            support[level].append(
                item(term, via=term_id(NamedNode(UMN_SIGN if level == "UMN" else LMN_SIGN)))
            )
        else:
            support["other"].append(item(term, level=level))

    umn = [t for t in present if t not in discounted and levels[t] == "UMN"]
    lmn = [t for t in present if t not in discounted and levels[t] == "LMN"]
    other = [t for t in present if t not in discounted and levels[t] == "other"]

    for term in present:
        level = "other" if term in discounted else levels[term]
        meaning = {
            "UMN": "indicates an upper motor neuron lesion",
            "LMN": "indicates a lower motor neuron lesion",
            "other": "indicates a lesion outside the motor neurons (NMJ, muscle, basal ganglia "
            "or cerebellum)",
            "both": "occurs with upper and with lower motor neuron lesions: does not localize",
            "unclassified": "is not classified by the ontology as pointing to a level",
        }[level]
        if term in discounted:
            meaning = "is not counted (see the pitfall)"
        explanation.append(
            {
                "kind": "sign",
                "text": f"{names.get(term, term)} {meaning}.",
                "sign": item(term),
                "level": level,
            }
        )
    for term in absent:
        level = _level(index, term)
        explanation.append(
            {
                "kind": "absent",
                "text": f"{names.get(term, term)} was looked for and not found; conditions that "
                "typically have it score lower.",
                "sign": item(term),
                "level": level,
            }
        )

    # -- decision ---------------------------------------------------------------------------
    localization: Localization
    shock_signs = set(TONE_AND_REFLEX_LMN) | set(pitfalls.get("shock", {}).get("phenotypes", ()))
    denervation = [t for t in lmn if not any(_is_a(index, t, x) for x in shock_signs)]
    if umn and lmn:
        if request.onset == "acute" and not denervation:
            localization = "UMN"
            explanation.append(
                _pitfall(
                    pitfalls.get("shock"),
                    "spinal or cerebral shock",
                    "Acute onset with flaccidity or lost reflexes next to UMN signs: an acute UMN "
                    "lesion is flaccid and areflexic for days to weeks (shock), so the LMN-like "
                    "signs are not counted; the UMN signs localize.",
                    [item(t) for t in lmn],
                )
            )
        else:
            localization = "mixed"
            explanation.append(
                {
                    "kind": "rule",
                    "text": "Upper and lower motor neuron signs together: a mixed picture, as in "
                    "ALS (even in the same limb) or a spinal cord lesion (LMN signs at the level, "
                    "UMN signs below).",
                }
            )
    elif umn:
        localization = "UMN"
        explanation.append(
            {
                "kind": "rule",
                "text": "Only upper motor neuron signs: the lesion is of the UMN "
                "(motor cortex, corticospinal or corticobulbar tract).",
            }
        )
    elif lmn:
        if request.onset == "acute" and not denervation:
            localization = "indeterminate"
            explanation.append(
                _pitfall(
                    pitfalls.get("shock"),
                    "spinal or cerebral shock",
                    "Acute flaccid weakness with lost reflexes and no sign of denervation "
                    "(fasciculations, atrophy, fibrillations): an acute UMN lesion in spinal or "
                    "cerebral shock looks the same for days to weeks. Look for UMN signs "
                    "(Babinski), image the cord or brain, or re-examine.",
                    [item(t) for t in lmn],
                )
            )
        elif (
            all(_is_a(index, t, FASCICULATIONS) for t in lmn)
            and not other
            and len(present) == len(lmn)
        ):
            localization = "indeterminate"
            explanation.append(
                _pitfall(
                    pitfalls.get("fasciculations"),
                    "benign fasciculations",
                    "Fasciculations without weakness, atrophy or reflex change occur in healthy "
                    "people (benign fasciculations); alone they do not establish a lesion.",
                    [item(t) for t in lmn],
                )
            )
        else:
            localization = "LMN"
            explanation.append(
                {
                    "kind": "rule",
                    "text": "Only lower motor neuron signs: the lesion is of the LMN "
                    "(anterior horn, cranial nerve motor nuclei, roots, plexus or nerves).",
                }
            )
    elif other:
        localization = "neither"
        explanation.append(
            {
                "kind": "rule",
                "text": "Only signs of a lesion outside the motor neurons: think of "
                "the neuromuscular junction, muscle, basal ganglia or cerebellum.",
            }
        )
    else:
        localization = "indeterminate"
        explanation.append(
            {
                "kind": "rule",
                "text": "No sign given points to a level; add tone, reflexes, "
                "plantar response, fasciculations or atrophy.",
            }
        )

    conditions = _rank(store, index, present, absent, request.limit, explanation)
    return {
        "localization": localization,
        "support": support,
        "explanation": explanation,
        "conditions": conditions,
    }


def _pitfall(
    cls: dict[str, str] | None, name: str, text: str, signs: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "kind": "pitfall",
        "pitfall": name,
        "id": cls["id"] if cls else None,
        "label": cls["label"] if cls else name,
        "text": text,
        "signs": signs,
    }


def _rank(
    store: Store,
    index: AnnotationIndex,
    present: list[str],
    absent: list[str],
    limit: int,
    explanation: list[dict[str, Any]],
) -> list[dict[str, Any]]:

    scores: list[Score] = [s for s in index.rank(present, absent, limit=limit) if s.score > 0]
    if not scores:
        return []
    wanted = {s.condition for s in scores}
    terms = {t for s in scores for t in index.annotations[s.condition]}
    terms |= {c.best_match for s in scores for c in s.contributions if c.best_match}
    terms |= {c.mica for s in scores for c in s.contributions if c.mica}
    names = labels(store, wanted | terms | set(present) | set(absent))
    xrefs = _xrefs(store, sorted(wanted))

    def ref(term: str | None) -> dict[str, Any] | None:
        if term is None:
            return None
        return {"id": term_id(NamedNode(term)), "label": names.get(term, "")}

    out = []
    for score in scores:
        matched_terms = {c.best_match for c in score.contributions if c.exact and c.best_match}
        condition_terms = index.annotations[score.condition]
        missing = sorted(
            (t for t in condition_terms if t not in matched_terms and t.startswith(HP_BASE)),
            key=lambda t: (-index.information_content(t), names.get(t, t)),
        )[:10]
        out.append(
            {
                "id": term_id(NamedNode(score.condition)),
                "label": names.get(score.condition, ""),
                "xrefs": xrefs.get(score.condition, []),
                "score": round(score.score, 4),
                "matched": [
                    {**(ref(c.term) or {}), "via": ref(c.best_match)}
                    for c in score.contributions
                    if c.exact
                ],
                "missing": [ref(t) for t in missing],
            }
        )
        for c in score.contributions:
            explanation.append(
                {
                    "kind": "contribution",
                    "condition": term_id(NamedNode(score.condition)),
                    "sign": ref(c.term),
                    "best_match": ref(c.best_match),
                    "common_ancestor": ref(c.mica),
                    "information_content": round(c.ic, 4),
                    "contribution": round(c.ic / max(len(present), 1), 4),
                    "text": (
                        f"{names.get(c.term, c.term)} vs {names.get(score.condition, '')}: "
                        + (
                            f"best match {names.get(c.best_match or '', c.best_match)}, "
                            f"shared {names.get(c.mica or '', c.mica)} (IC {c.ic:.2f})"
                            if c.best_match
                            else "nothing in common"
                        )
                    ),
                }
            )
        for p in score.penalties:
            explanation.append(
                {
                    "kind": "contribution",
                    "condition": term_id(NamedNode(score.condition)),
                    "sign": ref(p.term),
                    "best_match": ref(p.condition_term),
                    "common_ancestor": ref(p.term),
                    "information_content": round(p.ic, 4),
                    "contribution": round(-p.ic * p.frequency / max(len(present), 1), 4),
                    "text": f"{names.get(p.term, p.term)} is absent but "
                    f"{names.get(score.condition, '')} typically has "
                    f"{names.get(p.condition_term, p.condition_term)}: score lowered",
                }
            )
    return out


__all__ = [
    "INFANT_MONTHS",
    "SOURCES",
    "LocalizeRequest",
    "build_index",
    "cached_index",
    "localize",
]
