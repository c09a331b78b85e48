"""What is loaded: the release, the ontology's versionIRI and the versions of its sources.

Read with SPARQL from the ontology headers in the store (``owl:Ontology`` nodes of our ontology,
of each import module and of the HPO graph), so it describes the data actually served.
"""

from __future__ import annotations

from typing import Any

import mnkg
from mnkg.kg.answers.lookup import select
from mnkg.kg.iris import ONTOLOGY_IRI
from mnkg.kg.store import Store

_HEADERS = """
SELECT ?ontology ?g ?versionIRI ?versionInfo ?title ?source ?license WHERE {
  GRAPH ?g { ?ontology a owl:Ontology . }
  OPTIONAL { GRAPH ?g { ?ontology owl:versionIRI ?versionIRI } }
  OPTIONAL { GRAPH ?g { ?ontology owl:versionInfo ?versionInfo } }
  OPTIONAL { GRAPH ?g { ?ontology <http://purl.org/dc/terms/title> ?title } }
  OPTIONAL { GRAPH ?g { ?ontology <http://purl.org/dc/terms/source> ?source } }
  OPTIONAL { GRAPH ?g { ?ontology <http://purl.org/dc/terms/license> ?license } }
}
ORDER BY STR(?ontology)
"""


def _value(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


def version_info(store: Store) -> dict[str, Any]:
    """``{"release", "ontology": {"iri", "versionIRI", "versionInfo"}, "sources": [...], ...}``."""
    ontology: dict[str, Any] = {"iri": ONTOLOGY_IRI, "versionIRI": None, "versionInfo": None}
    sources: dict[str, dict[str, Any]] = {}
    for row in select(store, _HEADERS):
        iri = _value(row["ontology"]) or ""
        entry = {
            "iri": iri,
            "graph": _value(row["g"]),
            "versionIRI": _value(row["versionIRI"]),
            "version": _value(row["versionInfo"]) or _value(row["source"]),
            "title": _value(row["title"]),
            "license": _value(row["license"]),
        }
        if iri == ONTOLOGY_IRI:
            for key in ("versionIRI",):
                ontology[key] = ontology[key] or entry[key]
            ontology["versionInfo"] = ontology["versionInfo"] or _value(row["versionInfo"])
            continue
        known = sources.setdefault(iri, entry)
        for key, value in entry.items():
            if known.get(key) is None and value is not None:
                known[key] = value
    version_iri = ontology["versionIRI"] or ""
    release = ontology["versionInfo"] or _release_from(version_iri)
    return {
        "release": release,
        "ontology": ontology,
        "sources": list(sources.values()),
        "graphs": sorted(store.named_graphs()),
        "software": {"name": "mnkg", "version": mnkg.__version__},
    }


def _release_from(version_iri: str) -> str | None:
    """``.../releases/2026-11-21/mnkg.owl`` -> ``2026-11-21``."""
    parts = [p for p in version_iri.split("/") if p]
    if "releases" in parts and parts.index("releases") + 1 < len(parts):
        return parts[parts.index("releases") + 1]
    return None


__all__ = ["version_info"]
