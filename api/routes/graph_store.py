"""``/graph-store``: the SPARQL 1.1 Graph Store HTTP Protocol (indirect graph identification).

``?graph=<iri>`` names a graph, ``?default`` the default graph. GET and HEAD are open to all;
PUT, POST and DELETE need the write token (see :func:`mnkg.api.deps.check_write_access`).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from mnkg.api.deps import check_write_access
from mnkg.api.errors import ProtocolError, UnsupportedMediaType
from mnkg.kg import (
    GRAPH_TYPES,
    NotAcceptable,
    NotFound,
    Store,
    graph_iri,
    negotiate_rdf,
    rdf_format_of,
    read_query,
    write_update,
)

router = APIRouter(tags=["Graph Store"])

PATHS = ("/graph-store", "/rdf-graph-store")
_ACCEPTED_BODIES = ", ".join(dict.fromkeys(media for media, _ in GRAPH_TYPES))


def _target(request: Request) -> str | None:
    """The graph IRI the request names, or None for the default graph."""
    graphs = request.query_params.getlist("graph")
    default = "default" in request.query_params
    if len(graphs) + default != 1:
        raise ProtocolError("name exactly one graph: ?graph=<IRI> or ?default")
    return graph_iri(graphs[0]) if graphs else None


async def _exists(store: Store, graph: str | None) -> bool:
    return graph is None or graph in await run_in_threadpool(store.named_graphs)


async def graph_get(request: Request) -> Response:
    """Return a graph (the default graph is the union of all graphs, as in /sparql)."""
    store: Store = request.app.state.store
    graph = _target(request)
    rdf_format = negotiate_rdf(request.headers.get("accept"))
    if rdf_format is None:
        raise NotAcceptable(f"graphs are available as {_ACCEPTED_BODIES}")
    if not await _exists(store, graph):
        raise NotFound(f"no such graph in this store: {graph}")
    result = await run_in_threadpool(
        lambda: store.query_serialized(
            read_query(graph), results_format=None, graph_format=rdf_format
        )
    )
    body = b"" if request.method == "HEAD" else result.body
    headers = {"Vary": "Accept"}
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(result.body))
    return Response(body, media_type=result.media_type, headers=headers)


async def graph_write(request: Request) -> Response:
    """PUT replaces, POST adds to, DELETE removes a graph (write token required)."""
    writer = check_write_access(request)
    store: Store = request.app.state.store
    graph = _target(request)
    existed = await _exists(store, graph)
    if request.method == "DELETE":
        if not existed:
            raise NotFound(f"no such graph in this store: {graph}")
        await run_in_threadpool(
            lambda: writer.update(write_update("DELETE", graph), generated=True)
        )
        return Response(status_code=204)
    content_type = request.headers.get("content-type")
    rdf_format = rdf_format_of(content_type)
    if rdf_format is None:
        raise UnsupportedMediaType(f"the body must be one of {_ACCEPTED_BODIES}")
    update = write_update(
        request.method,
        graph,
        body=await request.body(),
        rdf_format=rdf_format,
        base_iri=graph or str(request.url.replace(query="")),
    )
    await run_in_threadpool(lambda: writer.update(update, generated=True))
    return Response(status_code=204 if existed else 201)


_SUMMARIES = {
    "GET": "Graph Store Protocol: read a graph",
    "HEAD": "Graph Store Protocol: the headers of a graph read",
    "PUT": "Graph Store Protocol: replace a graph (write token)",
    "POST": "Graph Store Protocol: add to a graph (write token)",
    "DELETE": "Graph Store Protocol: delete a graph (write token)",
}
for _path in PATHS:
    for _method, _summary in _SUMMARIES.items():
        # one route per method: a route with several methods gives them all one operation ID
        router.add_api_route(
            _path,
            graph_get if _method in ("GET", "HEAD") else graph_write,
            methods=[_method],
            summary=_summary,
            response_class=Response,
            include_in_schema=_path == PATHS[0],
            operation_id=f"graph_store_{_method.lower()}{PATHS.index(_path) or ''}",
        )

__all__ = ["PATHS", "router"]
