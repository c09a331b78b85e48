"""``/search``: label and synonym search, exact matches first, paged with a cursor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from mnkg.api.deps import StoreDep, app_cache
from mnkg.kg import DEFAULT_LIMIT, MAX_LIMIT, SearchPage, search, to_json

router = APIRouter(tags=["Search"])


@router.get(
    "/search",
    summary="Search terms by label and synonym (exact matches first, cursor paging)",
    response_model=SearchPage,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "query": "fasciculations",
                        "total": 4,
                        "results": [
                            {
                                "id": "HP:0002380",
                                "label": "Fasciculations",
                                "matched": "Fasciculations",
                                "match_type": "exact label",
                                "matched_field": "label",
                            }
                        ],
                        "next_cursor": "eyJxIjoifGZhc2NpY3VsYXRpb25zIiwibyI6MX0",
                    }
                }
            }
        }
    },
)
def get_search(
    request: Request,
    store: StoreDep,
    q: Annotated[
        str, Query(min_length=1, max_length=200, description="text to find", examples=["ALS"])
    ],
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="results per page", examples=[10])
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(description="next_cursor of the previous page", examples=[None])
    ] = None,
    prefix: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", description="keep one prefix", examples=["HP"]),
    ] = None,
) -> Response:
    """Terms whose label or synonym contains ``q`` (case-insensitive), best matches first.

    Terms only: statement, association and claim nodes are never results."""
    page = search(store, q, limit=limit, cursor=cursor, prefix=prefix, cache=app_cache(request))
    return Response(to_json(page), media_type="application/json")


__all__ = ["router"]
