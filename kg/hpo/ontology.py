"""HPO's classes as N-Triples lines of the HPO graph (labels, definitions, synonyms, xrefs,
parents, obsolete terms with their replacements), and the frequency terms' values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mnkg.kg.hpo.ntriples import OBO, OIO, TRUE, C, P, nt_hp, nt_iri, nt_str
from mnkg.kg.iris import Graph
from mnkg.kg.vocab.obo import SYNONYM_SCOPES, OboDocument, OboTerm

HP_ID = re.compile(r"^HP:\d{7}$")
_RANGE_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%\s*to\s*(\d+(?:\.\d+)?)%")
_ONE_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
HPO_ONTOLOGY_IRI = OBO + "hp.owl"


FREQUENCY_ROOT = "HP:0040279"
"""'Frequency' in hp.obo: its children are the frequency terms of the annotation file."""


def frequency_values(terms: Iterable[OboTerm]) -> dict[str, float]:
    """Normalised frequency (0..1) of each HPO frequency term, from its own definition.

    "Present in 80% to 99% of the cases" gives the midpoint 0.895; "in 100% of the cases" 1.0.
    """
    values: dict[str, float] = {}
    for term in terms:
        if FREQUENCY_ROOT not in term.parents or not term.definition:
            continue
        span = _RANGE_PERCENT.search(term.definition)
        if span is not None:
            low, high = float(span.group(1)), float(span.group(2))
            values[term.id] = round((low + high) / 200, 6)
            continue
        single = _ONE_PERCENT.search(term.definition)
        if single is not None:
            values[term.id] = float(single.group(1)) / 100
    return values


def hpo_lines(document: OboDocument, *, hpoa_version: str | None = None) -> Iterator[str]:
    """N-Quads lines of ``Graph.HPO``: every HP term with its label, definition, synonyms, ..."""
    g = nt_iri(Graph.HPO) + " .\n"
    ontology = nt_iri(HPO_ONTOLOGY_IRI)
    yield f"{ontology} {P.TYPE} {C.ONTOLOGY} {g}"
    if document.version:
        yield f"{ontology} {P.VERSION_INFO} {nt_str(document.version)} {g}"
    if hpoa_version:
        yield f"{ontology} {P.HPOA_VERSION} {nt_str(hpoa_version)} {g}"
    for term in document.terms:
        if not HP_ID.match(term.id):
            continue
        s = nt_hp(term.id)
        yield f"{s} {P.TYPE} {C.OWL_CLASS} {g}"
        yield f"{s} {P.ID} {nt_str(term.id)} {g}"
        if term.name is not None:
            yield f"{s} {P.LABEL} {nt_str(term.name)} {g}"
        if term.definition:
            yield f"{s} {P.DEFINITION} {nt_str(term.definition)} {g}"
        if term.comment:
            yield f"{s} {P.COMMENT} {nt_str(term.comment)} {g}"
        for scope, text in term.synonyms:
            yield f"{s} {nt_iri(OIO + SYNONYM_SCOPES[scope])} {nt_str(text)} {g}"
        for xref in term.xrefs:
            yield f"{s} {P.XREF} {nt_str(xref)} {g}"
        for alt in term.alt_ids:
            yield f"{s} {P.ALT_ID} {nt_str(alt)} {g}"
        for parent in term.parents:
            if HP_ID.match(parent):
                yield f"{s} {P.SUBCLASS} {nt_hp(parent)} {g}"
        if term.obsolete:
            yield f"{s} {P.DEPRECATED} {TRUE} {g}"
            for other in term.replaced_by:
                if HP_ID.match(other):
                    yield f"{s} {P.REPLACED_BY} {nt_hp(other)} {g}"
            for other in term.consider:
                if HP_ID.match(other):
                    yield f"{s} {P.CONSIDER} {nt_hp(other)} {g}"
