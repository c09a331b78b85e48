"""``/queries``: the named queries (``queries/*.rq``), listed and run with typed parameters.

Parameters come from the query string (GET) or a JSON object (POST) and are bound as RDF terms
by :mod:`mnkg.kg.answers.params`; results are JSON, CSV or TSV by ``?format=`` or ``Accept``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request, Response

from mnkg.api.deps import StoreDep
from mnkg.kg import (
    QueryList,
    QueryRegistry,
    UserError,
    list_queries,
    named_queries,
    named_query,
    pick_format,
    render,
    run_named,
    to_json,
)

router = APIRouter(tags=["Named queries"])

_TABLE_EXAMPLE = {
    "query": "conditions-with-lmn-signs",
    "params": {},
    "columns": ["condition", "label", "signs"],
    "count": 1,
    "rows": [
        {
            "condition": "MONDO:0004976",
            "label": "amyotrophic lateral sclerosis",
            "signs": "Fasciculations | Tongue fasciculations",
        }
    ],
}
_RESULT_CONTENT = {
    "application/json": {"example": _TABLE_EXAMPLE},
    "text/csv": {
        "example": "condition,label,signs\nMONDO:0004976,amyotrophic lateral sclerosis,"
        "Fasciculations | Tongue fasciculations\n"
    },
    "text/tab-separated-values": {
        "example": "condition\tlabel\tsigns\nMONDO:0004976\tamyotrophic lateral sclerosis\t"
        "Fasciculations | Tongue fasciculations\n"
    },
}
NameParam = Annotated[
    str,
    Path(description="the query name (file name without .rq)", examples=["signs-of-condition"]),
]
FormatParam = Annotated[
    str | None,
    Query(
        alias="format",
        description="json, csv or tsv (overrides the Accept header)",
        examples=["csv"],
    ),
]


def get_registry(request: Request) -> QueryRegistry:
    """The registry of named queries, read once per app (on first use)."""
    registry = getattr(request.app.state, "query_registry", None)
    if registry is None:
        registry = request.app.state.query_registry = named_queries()
    return registry


def _answer(
    request: Request, store: Any, name: str, params: dict[str, str | None], fmt: str | None
) -> Response:
    query = named_query(get_registry(request), name)
    chosen = pick_format(fmt, request.headers.get("accept"))
    table = run_named(store, query, params)
    body, media_type = render(table, chosen)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


@router.get(
    "/queries",
    summary="List the named queries with their parameters and result columns",
    response_model=QueryList,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "queries": [
                            {
                                "name": "signs-of-condition",
                                "summary": "Signs of a condition, with evidence",
                                "description": "The signs a condition typically has ...",
                                "tags": ["conditions", "signs", "evidence"],
                                "params": [
                                    {
                                        "name": "condition",
                                        "type": "iri",
                                        "description": "the condition",
                                        "example": "MONDO:0004976",
                                        "required": True,
                                    }
                                ],
                                "columns": ["sign", "label", "level", "evidence"],
                                "example_url": (
                                    "/queries/signs-of-condition?condition=MONDO:0004976"
                                ),
                            }
                        ]
                    }
                }
            }
        }
    },
)
def get_queries(request: Request) -> Response:
    """Every named query: name, summary, description, parameters (type, example), columns."""
    listing = list_queries(get_registry(request))
    return Response(to_json(listing), media_type="application/json")


@router.get(
    "/queries/{name}",
    summary="Run a named query (parameters in the query string)",
    response_class=Response,
    responses={
        200: {"content": _RESULT_CONTENT},
        400: {"description": "unknown parameter, bad parameter value or type"},
        404: {"description": "no such query"},
        406: {"description": "no acceptable result format"},
    },
    openapi_extra={
        "parameters": [
            {
                "name": "condition",
                "in": "query",
                "required": False,
                "description": "a parameter of the query, by name (see GET /queries); "
                "e.g. condition for signs-of-condition",
                "schema": {"type": "string"},
                "example": "MONDO:0004976",
            }
        ]
    },
)
def run_query_get(
    request: Request, store: StoreDep, name: NameParam, fmt: FormatParam = None
) -> Response:
    """Run the query ``name``; every other query-string parameter is a query parameter."""
    params: dict[str, str | None] = {}
    for key, value in request.query_params.multi_items():
        if key == "format":
            continue
        if key in params:
            raise UserError(f"parameter {key} given more than once")
        params[key] = value
    return _answer(request, store, name, params, fmt)


@router.post(
    "/queries/{name}",
    summary="Run a named query (parameters as a JSON object)",
    response_class=Response,
    responses={
        200: {"content": _RESULT_CONTENT},
        400: {"description": "unknown parameter, bad parameter value or type"},
        404: {"description": "no such query"},
    },
)
def run_query_post(
    request: Request,
    store: StoreDep,
    name: NameParam,
    params: Annotated[
        dict[str, str | int | float | bool | None],
        Body(
            description="parameter name -> value",
            examples=[{"condition": "MONDO:0004976"}],
        ),
    ],
    fmt: FormatParam = None,
) -> Response:
    """Run the query ``name`` with the parameters of the JSON body."""
    values = {
        k: (None if v is None else (str(v).lower() if isinstance(v, bool) else str(v)))
        for k, v in params.items()
    }
    return _answer(request, store, name, values, fmt)


__all__ = ["get_registry", "router"]
