"""A remote SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, QLever, ...) behind the Store interface.

Reads go to the query URL (GET, or form-encoded POST for long queries: never a POST with
``application/sparql-query``, which hangs Debian's Virtuoso 7.2.5). Results come back as SPARQL
JSON or N-Triples, are parsed into pyoxigraph's types and, for ``/sparql``, re-serialized by
pyoxigraph: both backends answer with the same types and the same bytes for the same terms.

Writes (:meth:`RemoteStore.load_release`, :meth:`RemoteStore.update`) use the Graph Store
Protocol when a GSP URL is configured, else SPARQL Update (``update_url``, default the query URL).

Dataset: MNKG's graphs are those under :data:`mnkg.kg.iris.GRAPH_BASE`. A query that names no
dataset (no ``FROM``, no protocol graph lists) is sent with those graphs as its default and named
graphs, so it sees the union of the release as on the embedded store, and not a server's own
graphs (Virtuoso keeps system graphs in its default union).

Limits: the client gives up after the time limit and reports :class:`QueryTimeout`; the server
may keep evaluating, so set its own limit too (see docs/stores.md). The result-size limit is
checked on the parsed result.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from mnkg.kg.errors import UserError
from mnkg.kg.iris import GRAPH_BASE, OUR_GRAPH_BASES
from mnkg.kg.settings import Settings
from mnkg.kg.store.base import (
    Bindings,
    LoadReport,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    ResultKind,
    SerializedResult,
    StoreUnavailable,
    release_files,
)
from mnkg.kg.store.bindings import inject_values
from mnkg.kg.store.parse import check, shape_of
from mnkg.kg.store.remote.loading import (
    CHUNK_TRIPLES,
    LOAD_TIMEOUT,
    UPDATE_CHUNK_TRIPLES,
    chunks,
    ntriples,
)
from mnkg.kg.store.remote.results import (
    N_TRIPLES,
    SPARQL_JSON,
    RemoteRefused,
    form_of,
    normalize_json,
    not_acceptable,
    too_large,
    with_charset,
)

_GRAPH_COUNTS = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    + "FILTER("
    + " || ".join(f'STRSTARTS(STR(?g), "{base}")' for base in OUR_GRAPH_BASES)
    + ") }"
    " GROUP BY ?g"
)
GRAPHS_TTL = 30.0
"""Seconds the list of MNKG graphs on the server is cached (writes through us reset it)."""
MAX_GET_URL = 6000
"""Longer query URLs go as a form-encoded POST instead (servers cap URL length)."""


def redact(url: str) -> str:
    """The URL without a password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _excerpt(response: httpx.Response, limit: int = 400) -> str:
    text = " ".join(response.text.split())
    return text[:limit] + ("..." if len(text) > limit else "")


def _check_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(f"the {what} must be an http(s) URL, got {redact(url)!r}")
    return url


# --- result normalization: server dialects -> what pyoxigraph parses, and as it would write ---


# --- chunking triples so that a blank node never straddles two requests ---


class RemoteStore:
    """A SPARQL 1.1 server as a :class:`~mnkg.kg.store.base.Store` and
    :class:`~mnkg.kg.store.base.Loader`."""

    def __init__(self, url: str, *, settings: Settings | None = None) -> None:
        self.settings = settings or Settings(store=url)
        self.url = _check_url(url, "store URL")
        self.descriptor = redact(url)
        self.update_url = _check_url(self.settings.update_url or url, "update URL")
        self.graph_store_url = (
            _check_url(self.settings.graph_store_url, "Graph Store URL")
            if self.settings.graph_store_url
            else None
        )
        self._client = httpx.Client(
            headers={"User-Agent": "mnkg (+https://w3id.org/mnkg/)"},
            follow_redirects=True,
        )
        self._lock = threading.Lock()
        self._graphs: tuple[float, frozenset[str]] | None = None
        self._writes = 0
        self._content: tuple[float, str] | None = None

    # --- HTTP ---

    def _send(
        self, method: str, url: str, *, timeout: float, what: str, **kwargs: Any
    ) -> httpx.Response:
        try:
            return self._client.request(method, url, timeout=timeout, **kwargs)
        except httpx.TimeoutException:
            raise QueryTimeout(
                f"{what} ran past the time limit of {timeout:g} s and was abandoned "
                f"(the SPARQL server at {redact(url)} may still be working on it)"
            ) from None
        except httpx.HTTPError as error:
            raise StoreUnavailable(
                f"cannot reach the SPARQL server at {redact(url)}: {error}"
            ) from None

    def _refused(self, response: httpx.Response, what: str) -> UserError:
        status = response.status_code
        where = redact(str(response.request.url).split("?")[0])
        if status == 400:
            return QuerySyntaxError(
                f"the SPARQL server at {where} refused {what}: {_excerpt(response)}"
            )
        if status in (401, 403):
            return RemoteRefused(
                f"the SPARQL server at {where} refused {what} (HTTP {status}): writes need "
                "permission there (see docs/stores.md); put user:password in the URL if it "
                f"uses HTTP authentication. Server said: {_excerpt(response)}"
            )
        said = _excerpt(response)
        return RemoteRefused(
            f"the SPARQL server at {where} failed on {what} "
            f"(HTTP {status} {response.reason_phrase})" + (f": {said}" if said else "")
        )

    def _post_query(self, params: list[tuple[str, str]], accept: str, timeout: float) -> bytes:
        what = "the query"
        encoded = str(httpx.QueryParams(list(params)))
        headers = {"Accept": accept}
        if len(self.url) + len(encoded) < MAX_GET_URL:
            response = self._send(
                "GET", self.url, params=params, headers=headers, timeout=timeout, what=what
            )
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            response = self._send(
                "POST", self.url, content=encoded, headers=headers, timeout=timeout, what=what
            )
        if response.status_code != 200:
            raise self._refused(response, what)
        return response.content

    # --- reads ---

    def _dataset(
        self, sparql: str, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]
    ) -> list[tuple[str, str]]:
        if default_graph_uris or named_graph_uris:
            return [("default-graph-uri", g) for g in default_graph_uris] + [
                ("named-graph-uri", g) for g in named_graph_uris
            ]
        if shape_of("query", sparql, timeout=self.settings.query_timeout).dataset:
            return []
        # An empty release still gets an explicit (empty) dataset, not the server's union.
        ours = sorted(self.named_graphs()) or [GRAPH_BASE]
        return [("default-graph-uri", g) for g in ours] + [("named-graph-uri", g) for g in ours]

    def _fetch(
        self,
        sparql: str,
        *,
        bindings: Bindings | None,
        default_graph_uris: Sequence[str],
        named_graph_uris: Sequence[str],
        timeout: float | None,
        acceptable: set[ResultKind] | None = None,
    ) -> tuple[ResultKind, bytes, str]:
        check(shape_of("query", sparql, timeout=self.settings.query_timeout), self.settings)
        sparql = inject_values(sparql, bindings)
        kind = form_of(sparql)
        if acceptable is not None and kind not in acceptable:
            raise not_acceptable(kind)
        accept = N_TRIPLES if kind == ResultKind.GRAPH else SPARQL_JSON
        params = [("query", sparql), *self._dataset(sparql, default_graph_uris, named_graph_uris)]
        limit = self.settings.query_timeout if timeout is None else timeout
        body = self._post_query(params, accept, limit)
        if kind != ResultKind.GRAPH:
            return kind, normalize_json(body), SPARQL_JSON
        return kind, body, N_TRIPLES

    def _parse(self, kind: ResultKind, body: bytes) -> QueryResult | list[Triple]:
        limit = self.settings.result_limit
        try:
            if kind == ResultKind.GRAPH:
                triples = [quad.triple for quad in parse(body, format=RdfFormat.N_TRIPLES)]
                if len(triples) > limit:
                    raise too_large(limit, "triples")
                return triples
            if kind == ResultKind.SOLUTIONS:
                rows = json.loads(body).get("results", {}).get("bindings", [])
                if len(rows) > limit:
                    raise too_large(limit, "rows")
            return parse_query_results(body, format=QueryResultsFormat.JSON)
        except SyntaxError as error:
            raise RemoteRefused(f"cannot read the SPARQL server's answer: {error}") from None

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
    ) -> QueryResult:
        """Evaluate a query on the server; see :meth:`mnkg.kg.store.base.Store.query`.

        CONSTRUCT and DESCRIBE give an iterator of :class:`pyoxigraph.Triple`, as the embedded
        store does."""
        kind, body, _ = self._fetch(
            sparql,
            bindings=bindings,
            default_graph_uris=default_graph_uris,
            named_graph_uris=named_graph_uris,
            timeout=timeout,
        )
        result = self._parse(kind, body)
        return iter(result) if isinstance(result, list) else result

    def query_serialized(
        self,
        sparql: str,
        *,
        results_format: QueryResultsFormat | None,
        graph_format: RdfFormat | None,
        bindings: Bindings | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
    ) -> SerializedResult:
        """Evaluate and re-serialize with pyoxigraph; see the Store protocol."""
        acceptable = set()
        if results_format is not None:
            acceptable |= {ResultKind.SOLUTIONS, ResultKind.BOOLEAN}
        if graph_format is not None:
            acceptable.add(ResultKind.GRAPH)
        kind, body, _ = self._fetch(
            sparql,
            bindings=bindings,
            default_graph_uris=default_graph_uris,
            named_graph_uris=named_graph_uris,
            timeout=timeout,
            acceptable=acceptable,
        )
        result = self._parse(kind, body)
        if kind == ResultKind.GRAPH:
            assert graph_format is not None and isinstance(result, list)
            data = serialize(result, format=graph_format)
            media_type = graph_format.media_type
        else:
            assert results_format is not None
            assert isinstance(result, QuerySolutions | QueryBoolean)
            data = result.serialize(format=results_format)
            media_type = results_format.media_type.split(";")[0]
        assert data is not None
        return SerializedResult(data, with_charset(media_type), kind)

    def _server_graphs(self) -> frozenset[str]:
        body = self._post_query(
            [("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")],
            SPARQL_JSON,
            self.settings.query_timeout,
        )
        rows = json.loads(body).get("results", {}).get("bindings", [])
        return frozenset(
            row["g"]["value"]
            for row in rows
            if row.get("g", {}).get("type") == "uri"
            and row["g"]["value"].startswith(OUR_GRAPH_BASES)
        )

    def named_graphs(self) -> frozenset[str]:
        """MNKG's graphs on the server (IRIs under OUR_GRAPH_BASES with triples), cached briefly."""
        cached = self._graphs
        if cached is not None and time.monotonic() - cached[0] < GRAPHS_TTL:
            return cached[1]
        try:
            graphs = self._server_graphs()
        except (QueryTimeout, StoreUnavailable):
            if cached is None:
                raise
            return cached[1]  # a busy server: keep answering with the list we had
        self._graphs = (time.monotonic(), graphs)
        return graphs

    def generation(self) -> str:
        """Writes made through this client, and a digest of the triple count of each MNKG graph
        on the server, read at most every ``GRAPHS_TTL`` seconds: a load or write through us is
        seen at once, one made by another client within ``GRAPHS_TTL`` seconds."""
        cached = self._content
        if cached is None or time.monotonic() - cached[0] >= GRAPHS_TTL:
            body = self._post_query(
                [("query", _GRAPH_COUNTS)], SPARQL_JSON, self.settings.query_timeout
            )
            rows = json.loads(body).get("results", {}).get("bindings", [])
            counts = sorted((r["g"]["value"], r["n"]["value"]) for r in rows)
            digest = hashlib.sha256(repr(counts).encode()).hexdigest()[:16]
            cached = self._content = (time.monotonic(), digest)
        return f"{self.descriptor}#{self._writes}-{cached[1]}"

    def refresh(self) -> None:
        """Forget the cached graph list and content digest (after a load by another process)."""
        self._graphs = None
        self._content = None

    # --- writes ---

    def update(self, sparql: str, *, timeout: float | None = None, generated: bool = False) -> None:
        """Run a SPARQL Update on the server (form-encoded POST to the update URL)."""
        if not generated:  # text of mnkg's own (write_update): nothing to check
            check(shape_of("update", sparql, timeout=self.settings.query_timeout), self.settings)
        limit = self.settings.query_timeout if timeout is None else timeout
        try:
            self._update(sparql, timeout=limit, what="the update")
        finally:
            self._graphs = None
            self._writes += 1

    def _update(self, sparql: str, *, timeout: float, what: str) -> None:
        response = self._send(
            "POST",
            self.update_url,
            data={"update": sparql},
            headers={"Accept": "*/*"},
            timeout=timeout,
            what=what,
        )
        if response.status_code >= 300:
            raise self._refused(response, what)

    def _gsp(self, method: str, graph: str | None, body: bytes | None, what: str) -> None:
        assert self.graph_store_url is not None
        params = {"graph": graph} if graph is not None else {"default": ""}
        response = self._send(
            method,
            self.graph_store_url,
            params=params,
            content=body,
            headers={"Content-Type": N_TRIPLES} if body is not None else {},
            timeout=LOAD_TIMEOUT,
            what=what,
        )
        if response.status_code == 404 and method == "DELETE":
            return
        if response.status_code >= 300:
            raise self._refused(response, what)

    def _replace_graph(self, graph: str | None, triples: list[Triple]) -> None:
        name = f"<{graph}>" if graph else "the default graph"
        if self.graph_store_url is not None:
            first = True
            for chunk in chunks(triples, CHUNK_TRIPLES):
                # PUT replaces the graph; the following chunks are added with POST.
                self._gsp("PUT" if first else "POST", graph, ntriples(chunk), f"loading {name}")
                first = False
            return
        target = f"GRAPH <{graph}>" if graph else "DEFAULT"
        self._update(f"DROP SILENT {target}", timeout=LOAD_TIMEOUT, what=f"clearing {name}")
        for chunk in chunks(triples, UPDATE_CHUNK_TRIPLES):
            data = ntriples(chunk).decode()
            block = f"GRAPH <{graph}> {{\n{data}}}" if graph else data
            has_bnodes = any(
                isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in chunk
            )
            # Virtuoso refuses blank nodes in INSERT DATA; INSERT ... WHERE {} is equivalent.
            update = (
                f"INSERT {{\n{block}\n}} WHERE {{}}"
                if has_bnodes
                else f"INSERT DATA {{\n{block}\n}}"
            )
            self._update(update, timeout=LOAD_TIMEOUT, what=f"loading {name}")

    def _drop_graph(self, graph: str) -> None:
        if self.graph_store_url is not None:
            self._gsp("DELETE", graph, None, f"dropping <{graph}>")
        else:
            self._update(
                f"DROP SILENT GRAPH <{graph}>", timeout=LOAD_TIMEOUT, what=f"dropping <{graph}>"
            )

    def _counts(self, graphs: Iterable[str]) -> dict[str, int]:
        values = " ".join(f"<{g}>" for g in graphs)
        body = self._post_query(
            [
                (
                    "query",
                    f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                    "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                )
            ],
            SPARQL_JSON,
            LOAD_TIMEOUT,
        )
        rows = json.loads(body).get("results", {}).get("bindings", [])
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}

    def load_release(self, release_dir: Path) -> LoadReport:
        """Replace MNKG's graphs on the server with the release's N-Quads files.

        One graph at a time (a Graph Store PUT, or DROP + INSERT); MNKG graphs the release no
        longer has are dropped; the triple counts are checked afterwards. Not atomic: during
        the load, queries see a mix of old and new graphs (docs/stores.md).
        """
        started = time.perf_counter()
        by_graph: dict[str | None, list[Triple]] = {}
        for path in release_files(release_dir):
            try:
                for quad in parse(path=str(path), format=RdfFormat.N_QUADS):
                    name = quad.graph_name
                    key = None if isinstance(name, DefaultGraph) else name.value
                    by_graph.setdefault(key, []).append(quad.triple)
            except (SyntaxError, OSError) as error:
                raise UserError(f"cannot read the release {path}: {error}") from None
        with self._lock:
            try:
                stale = self._server_graphs() - {g for g in by_graph if g is not None}
                for graph, triples in by_graph.items():
                    self._replace_graph(graph, triples)
                for graph in sorted(stale):
                    self._drop_graph(graph)
            finally:
                self._graphs = None
                self._writes += 1
            named = [g for g in by_graph if g is not None]
            counts = self._counts(named) if named else {}
        expected = {g: len(set(t)) for g, t in by_graph.items() if g is not None}
        wrong = {g: (n, counts.get(g, 0)) for g, n in expected.items() if counts.get(g, 0) != n}
        if wrong:
            details = "; ".join(f"<{g}>: {n} sent, {m} stored" for g, (n, m) in wrong.items())
            raise RemoteRefused(f"the SPARQL server did not store the release as sent: {details}")
        graphs = {g or "": len(t) for g, t in by_graph.items()}
        return LoadReport(
            quads=sum(graphs.values()),
            graphs=graphs,
            seconds=time.perf_counter() - started,
            location=self.descriptor,
        )

    def close(self) -> None:
        """Close the HTTP connections. Idempotent."""
        self._client.close()


__all__ = ["RemoteRefused", "RemoteStore", "redact"]
