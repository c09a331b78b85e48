"""The query page at ``/``: a SPARQL editor on our ``/sparql``, preloaded with the example queries.

With YASGUI installed (``npm ci`` puts ``@zazuko/yasgui``, pinned in package-lock.json, into
``node_modules/``) the page is YASGUI, its files served from there at ``/static/yasgui/``.
Without it, ``/`` is a plain page of our own (``api/static/mnkg-plain.js``: a textarea, a
fetch to ``/sparql`` and a result table), which is also always at ``/plain``.

Nothing is loaded from another host: a Content-Security-Policy limits scripts, styles and
requests to this origin. The examples are the named queries (``queries/*.rq``), or a few
defaults kept here when the registry is empty or unreadable.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import FileResponse, HTMLResponse

from mnkg.kg import GRAPH_BASE, MNKG_TERM, Graph, NotFound, UserError, named_queries, prefix_map

router = APIRouter(include_in_schema=False)

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
"""Our own page assets (committed)."""


def find_yasgui(static: Path = STATIC_DIR) -> Path | None:
    """The folder with YASGUI's built files (vendored in api/static/yasgui/), else None."""
    build = static / "yasgui"
    if (build / "yasgui.min.js").is_file() and (build / "yasgui.min.css").is_file():
        return build
    return None


YASGUI_BUILD: Path | None = find_yasgui()
"""Where YASGUI is served from; None serves the plain page at ``/`` (tests may change it)."""
YASGUI_FILES = {
    "yasgui.min.js": "text/javascript",
    "yasgui.min.css": "text/css",
    "LICENSE.txt": "text/plain; charset=utf-8",
}
DOCS_DIR = STATIC_DIR / "docs"
"""Swagger UI and ReDoc, vendored (README.txt there names versions and licences)."""
DOCS_FILES = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
    "README.txt": "text/plain; charset=utf-8",
    "swagger-ui.LICENSE.txt": "text/plain; charset=utf-8",
    "swagger-ui.NOTICE.txt": "text/plain; charset=utf-8",
    "swagger-ui-bundle.js.LICENSE.txt": "text/plain; charset=utf-8",
    "redoc.LICENSE.txt": "text/plain; charset=utf-8",
    "redoc.standalone.js.LICENSE.txt": "text/plain; charset=utf-8",
}
HIDDEN_COLUMNS = ("sort_label",)
"""Helper columns of the named queries (a portable sort key) that the page does not show."""
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
)
"""Everything from this origin only: the page can never reach a CDN or another host."""


@dataclass(frozen=True, slots=True)
class Example:
    """An example query shown in the editor."""

    title: str
    query: str


_PREFIXES = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX obo: <http://purl.obolibrary.org/obo/>\n"
    f"PREFIX mnkg: <{MNKG_TERM}>\n"
    f"PREFIX mg: <{GRAPH_BASE}>\n"
)

DEFAULT_EXAMPLES: tuple[Example, ...] = (
    Example(
        "Graphs and their sizes",
        "# The named graphs of the release and how many triples each holds.\n"
        "SELECT ?graph (COUNT(*) AS ?triples)\n"
        "WHERE { GRAPH ?graph { ?s ?p ?o } }\n"
        "GROUP BY ?graph\nORDER BY ?graph\n",
    ),
    Example(
        "Conditions with lower motor neuron signs",
        "# Conditions that typically have a sign the reasoner places under\n"
        "# MNKG:0000301 'lower motor neuron sign' (Ubergraph-style redundant graph).\n"
        + _PREFIXES
        + "SELECT DISTINCT ?condition ?label ?sign ?signLabel\n"
        "WHERE {\n"
        f"  GRAPH <{Graph.REDUNDANT}> {{ ?condition obo:RO_0002200 ?sign }}\n"
        "  ?sign rdfs:subClassOf* mnkg:0000301 .\n"
        "  OPTIONAL { ?condition rdfs:label ?label }\n"
        "  OPTIONAL { ?sign rdfs:label ?signLabel }\n"
        "}\nORDER BY ?label ?signLabel\nLIMIT 200\n",
    ),
    Example(
        "Lower motor neuron disorders",
        "# Conditions classified under MNKG:0000401 'lower motor neuron disorder'.\n"
        + _PREFIXES
        + "SELECT DISTINCT ?condition ?label\n"
        "WHERE {\n"
        "  ?condition rdfs:subClassOf+ mnkg:0000401 .\n"
        "  OPTIONAL { ?condition rdfs:label ?label }\n"
        "}\nORDER BY ?label\n",
    ),
)


def _strip_header(sparql: str) -> str:
    """The query text without its ``#+`` registry header (plain comments are kept)."""
    lines = sparql.splitlines()
    while lines and lines[0].lstrip().startswith("#+"):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


@lru_cache(maxsize=1)
def registry_examples() -> tuple[Example, ...]:
    """The named queries as examples; queries without required parameters first."""
    try:
        registry = named_queries()
    except UserError:
        return ()
    queries = sorted(registry, key=lambda q: (any(p.required for p in q.params), q.name))
    return tuple(
        Example(q.summary, f"# {q.name}\n" + _comment(q.description) + _strip_header(q.sparql))
        for q in queries
    )


def _comment(text: str) -> str:
    return "".join(f"# {line}\n" for line in text.splitlines() if line.strip())


def examples() -> tuple[Example, ...]:
    """The examples the page offers: the named queries, else the defaults."""
    return registry_examples() or DEFAULT_EXAMPLES


def _safe_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _examples_json(items: tuple[Example, ...]) -> str:
    return _safe_json([{"title": e.title, "query": e.query} for e in items])


def _display_json() -> str:
    """What the result tables need: the prefixes for CURIEs, the columns to hide."""
    return _safe_json({"prefixes": prefix_map(), "hidden": list(HIDDEN_COLUMNS)})


def _page(*, title: str, head: str, body: str, items: tuple[Example, ...]) -> str:
    version = hashlib.sha256(_examples_json(items).encode()).hexdigest()[:12]
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
{head}
<link rel="icon" href="/static/mnkg/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/mnkg/mnkg-page.css">
</head>
<body data-endpoint="sparql" data-examples-version="{version}">
<header class="mnkg">
  <h1>MNKG SPARQL</h1>
  <p>Motor neuron knowledge graph: SPARQL 1.1 endpoint at <code>/sparql</code></p>
  <nav>
    <a href="/docs">API docs</a>
    <a href="/redoc">API reference</a>
    <a href="/sparql">Service description</a>
    <a href="/queries">Named queries</a>
    <a href="/localize">Localisation page</a>
  </nav>
</header>
{body}
<script type="application/json" id="mnkg-examples">{_examples_json(items)}</script>
<script type="application/json" id="mnkg-display">{_display_json()}</script>
"""


def yasgui_page(items: tuple[Example, ...]) -> str:
    """The YASGUI page."""
    return (
        _page(
            title="MNKG SPARQL",
            head='<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">',
            body='<main class="mnkg"><p><a href="/plain">plain page</a></p>'
            '<div id="yasgui"></div></main>',
            items=items,
        )
        + '<script src="/static/yasgui/yasgui.min.js"></script>\n'
        '<script src="/static/mnkg/mnkg-yasgui.js"></script>\n</body>\n</html>\n'
    )


def plain_page(items: tuple[Example, ...]) -> str:
    """The page of our own: no third-party code."""
    body = """<main class="mnkg">
  <div class="mnkg-controls">
    <label for="mnkg-example">Example</label>
    <select id="mnkg-example"></select>
    <button id="mnkg-run" type="button">Run query</button>
    <span>(Ctrl+Enter)</span>
  </div>
  <textarea id="mnkg-query" spellcheck="false" aria-label="SPARQL query"></textarea>
  <p id="mnkg-status" role="status"></p>
  <div id="mnkg-results"></div>
</main>"""
    return (
        _page(title="MNKG SPARQL (plain)", head="", body=body, items=items)
        + '<script src="/static/mnkg/mnkg-plain.js"></script>\n</body>\n</html>\n'
    )


def _html(text: str) -> HTMLResponse:
    return HTMLResponse(
        text,
        headers={
            "Content-Security-Policy": CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache",
        },
    )


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """YASGUI when installed, else the plain page."""
    items = examples()
    return _html(yasgui_page(items) if YASGUI_BUILD is not None else plain_page(items))


@router.get("/plain", response_class=HTMLResponse)
def plain(request: Request) -> HTMLResponse:
    """The plain page, whatever is installed."""
    return _html(plain_page(examples()))


def _asset(path: Path, media_type: str) -> FileResponse:
    return FileResponse(
        path,
        media_type=media_type,
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/static/yasgui/{name}")
def yasgui_asset(name: str) -> FileResponse:
    """YASGUI's built JavaScript and stylesheet, and its licence (vendored)."""
    if YASGUI_BUILD is None or name not in YASGUI_FILES or not (YASGUI_BUILD / name).is_file():
        raise NotFound(
            f"no static file {name!r} (YASGUI is vendored in api/static/yasgui/: "
            "`npm ci && npm run vendor` restores it)"
        )
    return _asset(YASGUI_BUILD / name, YASGUI_FILES[name])


@router.get("/static/docs/{name}")
def docs_asset(name: str) -> FileResponse:
    """Swagger UI's and ReDoc's files and licences (vendored)."""
    if name not in DOCS_FILES or not (DOCS_DIR / name).is_file():
        raise NotFound(f"no static file {name!r}")
    return _asset(DOCS_DIR / name, DOCS_FILES[name])


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI on the OpenAPI document, from local assets (no CDN, no online validator)."""
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title=f"{request.app.title} - Swagger UI",
        swagger_js_url="/static/docs/swagger-ui-bundle.js",
        swagger_css_url="/static/docs/swagger-ui.css",
        swagger_favicon_url="/static/mnkg/favicon.svg",
        oauth2_redirect_url="/docs/oauth2-redirect",
        swagger_ui_parameters={"validatorUrl": None},
    )


@router.get("/docs/oauth2-redirect", response_class=HTMLResponse)
def swagger_ui_redirect() -> HTMLResponse:
    """Swagger UI's OAuth2 redirect page."""
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    """ReDoc on the OpenAPI document, from local assets (no CDN, no Google Fonts)."""
    return get_redoc_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title=f"{request.app.title} - ReDoc",
        redoc_js_url="/static/docs/redoc.standalone.js",
        redoc_favicon_url="/static/mnkg/favicon.svg",
        with_google_fonts=False,
    )


@router.get("/static/mnkg/{name}")
def own_asset(name: str) -> FileResponse:
    """Our own page assets (api/static)."""
    path = STATIC_DIR / name
    if (
        "/" in name
        or "\\" in name
        or name.startswith(".")
        or path.suffix not in STATIC_TYPES
        or not path.is_file()
    ):
        raise NotFound(f"no static file {name!r}")
    return _asset(path, STATIC_TYPES[path.suffix])


__all__ = [
    "DEFAULT_EXAMPLES",
    "Example",
    "examples",
    "find_yasgui",
    "plain_page",
    "router",
    "yasgui_page",
]
