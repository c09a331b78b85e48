"""``/conditions``: conditions by lesion pattern (UMN, LMN or mixed), with evidence; the whole
list, one page of it (``limit``, ``cursor``), or the whole list streamed as TSV or JSON Lines."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from mnkg.api.deps import StoreDep, app_cache
from mnkg.kg import (
    MAX_PAGE,
    STREAM_FORMATS,
    ConditionsAnswer,
    Store,
    UserError,
    check_stream_format,
    conditions_by_pattern,
    stream_conditions,
    to_json,
    whole_json,
)

router = APIRouter(tags=["Conditions"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "text/tab-separated-values": {
                "example": "id\tlabel\tpatterns\tsource\txrefs\tsigns\tsites\n"
                "MONDO:0005665\tBell's palsy\tLMN\tmnkg\tICD10CM:G51.0|ORPHA:91312\t\t"
                "UBERON:0001647\n"
            },
            "application/jsonl": {},
            "application/json": {
                "example": {
                    "pattern": "LMN",
                    "source": "mnkg",
                    "conditions": [
                        {
                            "id": "MONDO:0005665",
                            "label": "Bell's palsy",
                            "xrefs": ["ICD10CM:G51.0", "ORPHA:91312"],
                            "patterns": ["LMN"],
                            "source": "mnkg",
                            "evidence": [
                                {
                                    "level": "LMN",
                                    "kind": "site",
                                    "id": "UBERON:0001647",
                                    "label": "facial nerve",
                                    "has_evidence": ["ECO:0000304"],
                                    "sources": ["https://w3id.org/biolink/infores/mnkg"],
                                    "publications": ["https://w3id.org/mnkg/source/domain.md"],
                                }
                            ],
                        }
                    ],
                }
            },
        }
    }
}


@router.get(
    "/conditions",
    summary="Conditions with a lesion pattern: UMN, LMN or mixed (both)",
    response_model=ConditionsAnswer,
    responses=_RESPONSES,
)
def get_conditions(
    request: Request,
    store: StoreDep,
    pattern: Annotated[
        Literal["UMN", "LMN", "mixed"],
        Query(
            description="UMN or LMN: conditions with that level (possibly among others); "
            "mixed: conditions with both",
            examples=["LMN"],
        ),
    ],
    source: Annotated[
        Literal["mnkg", "hpo", "all"],
        Query(
            description="mnkg: the curated conditions; hpo: the OMIM/Orphanet/DECIPHER diseases "
            "of the HPO annotations (needs `mnkg import-hpo`); all: both",
            examples=["mnkg"],
        ),
    ] = "mnkg",
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_PAGE,
            description=f"conditions per page (at most {MAX_PAGE}); without limit and cursor "
            "the whole list",
            examples=[100],
        ),
    ] = None,
    cursor: Annotated[
        str | None,
        Query(description="the `next` of the previous page", examples=[None]),
    ] = None,
    fmt: Annotated[
        Literal["json", "tsv", "jsonl"],
        Query(
            alias="format",
            description="json (default), or the whole list streamed as tsv or jsonl",
            examples=["json"],
        ),
    ] = "json",
) -> Response:
    """Conditions whose signs or lesion sites put them at the level, with the evidence why.

    Paged with ``limit`` and ``cursor`` (the answer then has ``total`` and ``next``); whole
    otherwise. ``format=tsv`` or ``format=jsonl`` streams the whole list.
    """
    return _respond(
        store, pattern, source, limit=limit, cursor=cursor, fmt=fmt, cache=app_cache(request)
    )


def _respond(
    store: Store,
    pattern: str,
    source: str,
    *,
    limit: int | None,
    cursor: str | None,
    fmt: str,
    cache: dict[Any, Any],
) -> Response:
    if fmt != "json":
        if limit is not None or cursor is not None:
            raise UserError(f"format={fmt} streams the whole list: leave out limit and cursor")
        chosen = check_stream_format(fmt)
        answer = conditions_by_pattern(store, pattern, source=source, cache=cache)
        return StreamingResponse(
            stream_conditions(answer, chosen), media_type=STREAM_FORMATS[chosen]
        )
    if limit is None and cursor is None:
        body = whole_json(store, pattern, source, cache=cache)
    else:
        page = conditions_by_pattern(
            store, pattern, source=source, limit=limit, cursor=cursor, cache=cache
        )
        body = to_json(page)
    return Response(body, media_type="application/json")


__all__ = ["router"]
