"""What is loaded: the release, the ontology's versionIRI and the versions of its sources.

Read with SPARQL from the ontology headers in the store (``owl:Ontology`` nodes of our ontology,
of each import module and of the HPO graph), so it describes the data actually served.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import mnkg
from mnkg.kg.answers.lookup import cached, select_named
from mnkg.kg.answers.models import (
    CuratedCounts,
    OntologyVersion,
    Software,
    SourceVersion,
    VersionInfo,
)
from mnkg.kg.iris import ONTOLOGY_IRI
from mnkg.kg.store import Store


def _value(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


def curated_counts(store: Store) -> CuratedCounts:
    """The accepted curated statements served, and the conditions, signs and sites they name.

    The same numbers as ``curated`` in summary.json (``mnkg.kg.sources.compile.curated_counts``).
    """
    rows = select_named(store, "curated-counts")
    first = rows[0] if rows else {}
    names = ("conditions", "signs", "sites", "statements")
    values = {name: int(_value(first.get(name)) or 0) for name in names}
    return CuratedCounts(**values)


def version_info(store: Store, *, cache: MutableMapping[Any, Any] | None = None) -> VersionInfo:
    """``{"release", "ontology": {"iri", "versionIRI", "versionInfo"}, "sources", "curated", ...}``.

    ``curated`` counts the accepted curated conditions, signs, sites and statements. With a
    ``cache`` (the API's), the answer is kept until the store's content changes: its two
    queries take 20-40 ms on a store with HPO, and clients poll ``/version`` as a health check.
    """
    return cached(cache, "version", store, lambda: _read_version_info(store))


def _read_version_info(store: Store) -> VersionInfo:
    ontology: dict[str, Any] = {"iri": ONTOLOGY_IRI, "versionIRI": None, "versionInfo": None}
    sources: dict[str, dict[str, Any]] = {}
    for row in select_named(store, "ontology-headers"):
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
    return VersionInfo(
        release=release,
        ontology=OntologyVersion(**ontology),
        sources=[SourceVersion(**entry) for entry in sources.values()],
        graphs=sorted(store.named_graphs()),
        curated=curated_counts(store),
        software=Software(name="mnkg", version=mnkg.__version__),
    )


def _release_from(version_iri: str) -> str | None:
    """``.../releases/2026-11-21/mnkg.owl`` -> ``2026-11-21``."""
    parts = [p for p in version_iri.split("/") if p]
    if "releases" in parts and parts.index("releases") + 1 < len(parts):
        return parts[parts.index("releases") + 1]
    return None


__all__ = ["curated_counts", "version_info"]
