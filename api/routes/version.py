"""``/version``: the release served, the ontology's versionIRI and the source versions."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from mnkg.api.deps import version_with_status
from mnkg.kg import VersionInfo, to_json

router = APIRouter(tags=["Version"])


@router.get(
    "/version",
    summary="Release, ontology versionIRI, source vocabulary versions and curated counts",
    response_model=VersionInfo,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "release": "2026-11-21",
                        "ontology": {
                            "iri": "https://w3id.org/mnkg/mnkg.owl",
                            "versionIRI": "https://w3id.org/mnkg/releases/2026-11-21/mnkg.owl",
                            "versionInfo": "2026-11-21",
                        },
                        "sources": [
                            {
                                "iri": "https://w3id.org/mnkg/imports/hp_import.owl",
                                "graph": "https://w3id.org/mnkg/graph/imports",
                                "versionIRI": None,
                                "version": "hp/releases/2025-01-16",
                                "title": "HPO terms used by MNKG",
                                "license": "https://hpo.jax.org/app/license",
                            }
                        ],
                        "graphs": ["https://w3id.org/mnkg/graph/kg"],
                        "curated": {
                            "conditions": 97,
                            "signs": 202,
                            "sites": 73,
                            "statements": 1405,
                        },
                        "software": {"name": "mnkg", "version": "0.1.0"},
                        "store": {
                            "holds_release": True,
                            "generation": "db-20261121T061500000000-3f2a9c",
                            "missing_graphs": [],
                        },
                    }
                }
            }
        }
    },
)
def get_version(request: Request) -> Response:
    """What the store serves, read from the ontology headers in it; ``store`` says whether it
    holds a release at all (``"error": "the store holds no release"`` when not)."""
    return Response(to_json(version_with_status(request)), media_type="application/json")


__all__ = ["router"]
