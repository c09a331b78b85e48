"""``/terms``: term pages (label, definition, synonyms, hierarchy, mappings, edges, evidence;
negated statements and claims apart)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Request, Response
from pydantic import BaseModel, Field

from mnkg.api.deps import StoreDep, app_cache
from mnkg.kg import BATCH_LIMIT, TermPage, TermPages, term_page, term_pages, to_json

router = APIRouter(tags=["Terms"])

_PAGE_EXAMPLE = {
    "id": "MONDO:0005665",
    "iri": "http://purl.obolibrary.org/obo/MONDO_0005665",
    "label": "Bell's palsy",
    "definition": "A form of facial paralysis resulting from a dysfunction of the facial nerve.",
    "synonyms": [{"text": "idiopathic facial palsy", "scope": "exact"}],
    "deprecated": False,
    "parents": [
        {"id": "MONDO:0001835", "label": "facial paralysis", "asserted": True, "inferred": False},
        {
            "id": "MNKG:0000403",
            "label": "cranial nerve lower motor neuron disorder",
            "asserted": False,
            "inferred": True,
        },
    ],
    "children": [],
    "mappings": [{"id": "ICD10CM:G51.0", "predicate": "skos:exactMatch", "direction": "outgoing"}],
    "xrefs": [],
    "outgoing": [
        {
            "predicate": "RO:0004026",
            "predicate_label": "disease has location",
            "id": "UBERON:0001647",
            "label": "facial nerve",
            "graphs": ["https://w3id.org/mnkg/graph/kg"],
            "evidence": [
                {
                    "association": "https://w3id.org/mnkg/statement/0123456789abcdef0123",
                    "has_evidence": ["ECO:0000304"],
                    "publications": ["https://w3id.org/mnkg/source/domain.md"],
                    "sources": ["https://w3id.org/biolink/infores/mnkg"],
                    "status": "accepted",
                }
            ],
        }
    ],
    "outgoing_total": 1,
    "incoming": [],
    "incoming_total": 0,
    "negated_edges": [],
    "claims": [],
}


class TermBatch(BaseModel):
    """IDs to look up: CURIEs, IRIs or mapped external codes."""

    ids: list[str] = Field(
        min_length=1,
        max_length=BATCH_LIMIT,
        examples=[["MONDO:0004976", "HP:0002380", "ICD10CM:G12.21"]],
    )


@router.get(
    "/terms/{id:path}",
    summary="A term page: label, definition, synonyms, parents, children, mappings, edges",
    response_model=TermPage,
    responses={
        200: {"content": {"application/json": {"example": _PAGE_EXAMPLE}}},
        404: {
            "description": "unknown ID, with suggestions",
            "content": {
                "application/json": {
                    "example": {
                        "error": "MONDO:0004977 is not in the graph",
                        "detail": {
                            "id": "MONDO:0004977",
                            "suggestions": [
                                {"id": "MONDO:0004976", "label": "amyotrophic lateral sclerosis"}
                            ],
                        },
                    }
                }
            },
        },
    },
)
def get_term(
    request: Request,
    store: StoreDep,
    id: Annotated[
        str,
        Path(
            description="a CURIE (MONDO:0004976), a full IRI, or a mapped external code "
            "(ICD10CM:G12.21, ORPHA:803, UMLS:C0002736)",
            examples=["MONDO:0005665"],
        ),
    ],
) -> Response:
    """Everything the graph says about one term; parents and children marked asserted/inferred.

    ``outgoing``/``incoming`` hold positive relations only; negated statements are in
    ``negated_edges`` and claims of source documents (with the audit's verdict) in ``claims``.
    """
    page = term_page(store, id, cache=app_cache(request))
    return Response(to_json(page), media_type="application/json")


@router.post(
    "/terms",
    summary="Term pages for a batch of IDs",
    response_model=TermPages,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "terms": [_PAGE_EXAMPLE],
                        "errors": [
                            {"id": "MONDO:0004977", "status": 404, "error": "not in the graph"}
                        ],
                    }
                }
            }
        }
    },
)
def post_terms(
    request: Request,
    store: StoreDep,
    batch: Annotated[TermBatch, Body(examples=[{"ids": ["MONDO:0004976", "HP:0002380"]}])],
) -> Response:
    """Pages of every known ID; unknown or malformed IDs are listed in ``errors``."""
    pages = term_pages(store, batch.ids, cache=app_cache(request))
    return Response(to_json(pages), media_type="application/json")


__all__ = ["router"]
