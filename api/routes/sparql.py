"""``/sparql``: the SPARQL 1.1 Protocol (query and update operations) over the store.

Parameters are read from the raw request rather than declared to FastAPI: the protocol allows
repeated parameters, form bodies and raw query bodies, and this is the hot path.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from urllib.parse import parse_qs, parse_qsl, quote

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from mnkg.api.deps import check_write_access
from mnkg.api.errors import ProtocolError, UnsupportedMediaType, error_response
from mnkg.kg import (
    AsyncQuery,
    NotAcceptable,
    Settings,
    Store,
    UserError,
    graph_iri,
    negotiate,
    negotiate_rdf,
    service_description,
)

log = logging.getLogger("mnkg.api")

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


Params = dict[str, list[str]]


def _params(request: Request) -> Params:
    """The URL's parameters, parsed as Starlette's ``request.query_params`` parses them,
    without building its multidict (this is every query's path)."""
    params: Params = {}
    query_string: bytes = request.scope["query_string"]
    for key, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        params.setdefault(key, []).append(value)
        if "\ufffd" in value or "\ufffd" in key:  # Starlette replaces bytes that are not UTF-8
            _form(request.scope["query_string"], "the URL query string")
    return params


def _form(raw: bytes, where: str) -> Params:
    """Parse ``application/x-www-form-urlencoded`` text whose percent-escapes must be UTF-8.

    ``parse_qs`` would silently replace invalid bytes with U+FFFD and run another query than
    the one sent.
    """
    text = _decode(raw)
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as error:
        raise ProtocolError(
            f"{where} is not UTF-8: a percent-escape encodes byte "
            f"0x{error.object[error.start]:02X}, which is not valid UTF-8 there "
            "(percent-escapes must encode UTF-8)"
        ) from None


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(f"the request body is not UTF-8: {error}") from None


def _one(params: Params, name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise ProtocolError(f"the request has {len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


class BodyTimeout(UserError):
    """The client took longer than ``MNKG_BODY_TIMEOUT`` to send its request body."""

    http_status = 408


class _ClientLimits:
    """How many ``/sparql`` queries each client has running or waiting (one event loop)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.active: dict[str, int] = {}

    @staticmethod
    def client_of(request: Request) -> str:
        """The write token if the request carries it, else the client's address (any other
        bearer token is ignored: a made-up token must not buy a fresh allowance)."""
        settings: Settings = request.app.state.settings
        if settings.write_token:  # the header is read only when a token can match it
            authorization = request.headers.get("authorization", "")
            if authorization == f"Bearer {settings.write_token}":
                return "token"
        client = request.scope.get("client")
        return "address:" + (client[0] if client else "unknown")

    def take(self, client: str) -> bool:
        """Count one more query of ``client`` if it may run one now; False if not."""
        if self.active.get(client, 0) >= self.limit:
            return False
        self.active[client] = self.active.get(client, 0) + 1
        return True

    def give_back(self, client: str) -> None:
        """The query :meth:`take` counted has ended."""
        self.active[client] -= 1
        if not self.active[client]:
            del self.active[client]


def _limits(request: Request) -> _ClientLimits:
    state = request.app.state
    limits = getattr(state, "sparql_client_limits", None)
    if limits is None:
        settings: Settings = state.settings
        limits = state.sparql_client_limits = _ClientLimits(settings.sparql_client_queries)
    return limits


def _too_many(limit: int) -> Response:
    return error_response(
        429,
        f"this client already has {limit} SPARQL queries running or waiting (the per-client "
        "limit, MNKG_SPARQL_CLIENT_QUERIES); wait for one to finish",
        {"limit": limit},
        {"Retry-After": "1"},
    )


async def _body(request: Request) -> bytes:
    """The request body, read within ``MNKG_BODY_TIMEOUT`` seconds."""
    settings: Settings = request.app.state.settings
    try:
        return await asyncio.wait_for(request.body(), settings.body_timeout)
    except TimeoutError:
        raise BodyTimeout(
            f"the request body did not arrive within {settings.body_timeout:g} s"
        ) from None


async def _unknown_graphs(store: Store, uris: list[str]) -> list[str]:
    """The dataset graphs the request names that the store does not hold (they are empty
    graphs, as in Fuseki and Oxigraph; the answer carries a ``Warning`` naming them)."""
    if not uris:
        return []
    for uri in uris:
        graph_iri(uri)
    known = await run_in_threadpool(store.named_graphs)
    return sorted(set(uris) - known)


_IRI_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _warning(unknown: list[str]) -> dict[str, str]:
    if not unknown:
        return {}
    names = ", ".join(f"<{quote(iri, safe=_IRI_SAFE)}>" for iri in unknown)  # header: ASCII
    return {"Warning": f'199 mnkg "no such graph in this store, read as empty: {names}"'}


async def _query(request: Request, sparql: str, params: Params) -> Response:
    store: Store = request.app.state.store
    for name in ("using-graph-uri", "using-named-graph-uri"):
        if name in params:
            raise ProtocolError(f"'{name}' applies to updates, not to queries")
    negotiated = negotiate(
        request.headers.get("accept"),
        format_params=params.get("format", []) + params.get("output", []),
    )
    if negotiated.results_format is None and negotiated.graph_format is None:
        raise NotAcceptable(
            "none of the accepted media types can be produced; SELECT and ASK give "
            "application/sparql-results+json, application/sparql-results+xml, text/csv, "
            "text/tab-separated-values; CONSTRUCT and DESCRIBE give text/turtle, "
            "application/n-triples, application/rdf+xml, application/ld+json"
        )
    default_graphs = params.get("default-graph-uri", [])
    named_graphs = params.get("named-graph-uri", [])
    describe = getattr(store, "adescribe", None)  # the embedded stores: a cached real parse
    dataset = list((await describe(sparql, public=True)).dataset) if describe else []
    unknown = await _unknown_graphs(store, default_graphs + named_graphs + dataset)
    if _answers_on_the_loop(type(store)):
        result = await store.aquery_serialized(  # type: ignore[attr-defined]
            sparql,
            results_format=negotiated.results_format,
            graph_format=negotiated.graph_format,
            default_graph_uris=default_graphs,
            named_graph_uris=named_graphs,
            public=True,
        )
    else:
        result = await run_in_threadpool(
            lambda: store.query_serialized(
                sparql,
                results_format=negotiated.results_format,
                graph_format=negotiated.graph_format,
                default_graph_uris=default_graphs,
                named_graph_uris=named_graphs,
            )
        )
    headers = {"Vary": "Accept", **_warning(unknown)}
    return Response(result.body, media_type=result.media_type, headers=headers)


@functools.cache
def _answers_on_the_loop(kind: type) -> bool:
    """Whether stores of this class answer on the event loop (:class:`AsyncQuery`); kept per
    class, as a protocol check walks every method of the protocol each time."""
    return issubclass(kind, AsyncQuery)


async def _limited_query(request: Request, sparql: str, params: Params) -> Response:
    limits = _limits(request)
    client = limits.client_of(request)
    if not limits.take(client):
        return _too_many(limits.limit)
    try:
        return await _query(request, sparql, params)
    finally:
        limits.give_back(client)


async def _update(request: Request, sparql: str, params: Params) -> Response:
    writer = check_write_access(request)
    for name in ("using-graph-uri", "using-named-graph-uri"):
        if name in params:
            raise ProtocolError(f"'{name}' is not supported; use USING / WITH in the update")
    await run_in_threadpool(writer.update, sparql)
    return Response(status_code=204)


def _service_description(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    store: Store = request.app.state.store
    rdf_format = negotiate_rdf(request.headers.get("accept"))
    if rdf_format is None:
        raise NotAcceptable(
            "the service description is available as Turtle, N-Triples, RDF/XML or JSON-LD"
        )
    endpoint = str(request.url.replace(query="", fragment=""))
    try:
        graphs = store.named_graphs()
    except UserError:
        graphs = frozenset()  # no store loaded yet: still describe the service
    body = service_description(
        endpoint, graphs=graphs, writable=bool(settings.write_token), rdf_format=rdf_format
    )
    return Response(body, media_type=rdf_format.media_type, headers={"Vary": "Accept"})


_IRIS = {"type": "array", "items": {"type": "string"}}
_QUERY_PARAMETERS = [
    {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "SPARQL query"},
    {"name": "default-graph-uri", "in": "query", "schema": _IRIS},
    {"name": "named-graph-uri", "in": "query", "schema": _IRIS},
]


@router.get(
    "/sparql",
    summary="SPARQL query (GET), or the service description without a query",
    openapi_extra={"parameters": _QUERY_PARAMETERS},
    response_class=Response,
)
async def sparql_get(request: Request) -> Response:
    """SPARQL 1.1 Protocol query via GET; without ``query``, the service description."""
    params = _params(request)
    if "update" in params:
        raise ProtocolError("SPARQL Update must be sent with POST")
    query = _one(params, "query")
    if query is None:
        return await run_in_threadpool(_service_description, request)
    return await _limited_query(request, query, params)


@router.post(
    "/sparql",
    summary="SPARQL query or update (POST: form-encoded, sparql-query or sparql-update body)",
    openapi_extra={
        "requestBody": {
            "content": {
                FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}, "update": {"type": "string"}},
                    }
                },
                SPARQL_QUERY: {"schema": {"type": "string"}},
                SPARQL_UPDATE: {"schema": {"type": "string"}},
            }
        }
    },
    response_class=Response,
)
async def sparql_post(request: Request) -> Response:
    """SPARQL 1.1 Protocol query or update via POST.

    A client that leaves mid-body raises ``ClientDisconnect``, answered (and logged once) by the
    app's handler in ``api/errors.py``, as on every route."""
    return await _post(request)


async def _post(request: Request) -> Response:
    params = _params(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == FORM:
        form = _form(await _body(request), "the form body")
        for key, values in form.items():
            params.setdefault(key, []).extend(values)
    elif content_type in (SPARQL_QUERY, SPARQL_UPDATE):
        key = "query" if content_type == SPARQL_QUERY else "update"
        params.setdefault(key, []).append(_decode(await _body(request)))
    else:
        raise UnsupportedMediaType(
            f"POST /sparql takes {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}, "
            f"not {content_type or 'an untyped body'}"
        )
    query, update = _one(params, "query"), _one(params, "update")
    if query is not None and update is not None:
        raise ProtocolError("the request has both a query and an update; send one")
    if query is not None:
        return await _limited_query(request, query, params)
    if update is not None:
        return await _update(request, update, params)
    raise ProtocolError("the request has neither a 'query' nor an 'update'")


__all__ = ["router"]
