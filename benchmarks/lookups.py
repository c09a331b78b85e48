"""The small-query workload of the throughput runs: one-triple label lookups whose subject
changes with every request, so that no cache of any kind answers a repeat.

:func:`lookup_texts` reads the labelled subjects of the release's store (read-only, sorted, so
every run and every server gets the same list) and writes one URL-encoded lookup per line;
:func:`wrk_lua` is the ``request`` function that walks that file, each wrk thread from its own
offset. With 20,000 subjects a run of 8 s at the rates seen here sends each text at most a few
times; the parse check's LRU (4,096 texts) does not hold them, the check shares one parse
for all of them (``mnkg.kg.store.parse.skeleton``), and there is no result cache.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import NamedNode
from pyoxigraph import Store as OxStore

from mnkg.kg.store.layout import current_store

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LOOKUP = "SELECT ?label WHERE {{ <{}> <" + LABEL + "> ?label }}"
SUBJECTS = 20_000


def lookup_texts(data_dir: Path, out: Path, *, count: int = SUBJECTS) -> int:
    """Write ``count`` lookups (URL-encoded query strings) of distinct labelled subjects to
    ``out``; the number written."""
    location = current_store(data_dir)
    assert location is not None, f"no store in {data_dir}"
    store = OxStore.read_only(str(location))
    subjects = sorted(
        {
            quad.subject.value
            for quad in store.quads_for_pattern(None, NamedNode(LABEL), None, None)
            if isinstance(quad.subject, NamedNode)
        }
    )[:count]
    out.write_text("".join(quote(LOOKUP.format(s), safe="") + "\n" for s in subjects))
    return len(subjects)


def first_text(path: Path) -> str:
    """The first lookup of the file, decoded (the fixed-query run and the warm-up use it)."""
    from urllib.parse import unquote

    return unquote(path.read_text().split("\n", 1)[0])


def wrk_lua(path: Path) -> str:
    """wrk's ``request`` function: GET ``<path of the URL>?query=<next line of the file>``."""
    return f"""
local queries = {{}}
for line in io.lines({json.dumps(str(path))}) do queries[#queries + 1] = line end
local threads_started = 0
function setup(thread)
  threads_started = threads_started + 1
  thread:set("offset", threads_started * 7919)
end
local counter = 0
function init(args) counter = offset or 0 end
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?query=" .. queries[(counter % #queries) + 1])
end
"""


__all__ = ["LOOKUP", "first_text", "lookup_texts", "wrk_lua"]
