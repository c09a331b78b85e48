"""``/mappings``: the mappings of a term (by CURIE, IRI or external code), SSSOM exports, prefixes.

Answers come from the store's mappings named graph (:data:`mnkg.kg.iris.Graph.MAPPINGS`), so the
API and SPARQL agree; the prefix map is the project's one converter.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from mnkg.api.deps import StoreDep
from mnkg.kg import (
    MappingsAnswer,
    export_json,
    export_tsv,
    prefix_context,
    prefix_map,
    rows_from_store,
    term_mappings,
    to_json,
)

router = APIRouter(tags=["Mappings"])

TSV = "text/tab-separated-values; charset=utf-8"
JSON_LD = "application/ld+json"


@router.get(
    "/mappings",
    summary="Mappings of a term to other vocabularies",
    response_model=MappingsAnswer,
)
def get_mappings(
    store: StoreDep,
    id: Annotated[
        str,
        Query(
            description="CURIE, IRI or external code: MONDO:0004976, ICD10CM:G12.21, "
            "UMLS:C0002736, orphanet:803, http://purl.obolibrary.org/obo/MONDO_0004976",
            min_length=1,
            max_length=500,
        ),
    ],
    target: Annotated[
        str | None,
        Query(description="keep only mappings to this prefix, e.g. ICD10CM, SNOMEDCT, UMLS"),
    ] = None,
) -> Response:
    """What ``id`` resolves to and those terms' mappings (SSSOM slots, plus the object's IRI).

    An ambiguous code lists every candidate in ``resolved``. A code nothing maps is a 404 whose
    ``detail.suggestions`` lists mapped codes that start alike.
    """
    return Response(to_json(term_mappings(store, id, target)), media_type="application/json")


@router.get(
    "/mappings/export.sssom.tsv",
    summary="All mappings as SSSOM TSV",
    response_class=Response,
    responses={200: {"content": {"text/tab-separated-values": {}}}},
)
def export_sssom_tsv(store: StoreDep) -> Response:
    """Every mapping of the release as one SSSOM TSV mapping set."""
    body = export_tsv(rows_from_store(store))
    return Response(
        body,
        media_type=TSV,
        headers={"Content-Disposition": 'inline; filename="mnkg.sssom.tsv"'},
    )


@router.get("/mappings/export.sssom.json", summary="All mappings as SSSOM JSON")
def export_sssom_json(store: StoreDep) -> JSONResponse:
    """Every mapping of the release as one SSSOM JSON mapping set (sssom-py's JSON shape)."""
    return JSONResponse(export_json(rows_from_store(store)))


@router.get("/prefixes.json", summary="The prefix map (CURIE prefix -> IRI prefix)")
def prefixes() -> dict[str, str]:
    """The project's prefix map: the canonical prefixes every endpoint writes CURIEs with."""
    return prefix_map()


@router.get(
    "/context.jsonld",
    summary="The prefix map as a JSON-LD context",
    response_class=Response,
    responses={200: {"content": {JSON_LD: {}}}},
)
def context() -> Response:
    """The prefix map as a JSON-LD ``@context``."""
    return Response(json.dumps(prefix_context(), indent=1), media_type=JSON_LD)


__all__ = ["router"]
