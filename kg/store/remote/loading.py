"""Loading a release into a remote server in chunks that never split a blank node."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pyoxigraph import (
    BlankNode,
    RdfFormat,
    Triple,
    serialize,
)

CHUNK_TRIPLES = 20_000
"""Triples per Graph Store request when loading."""


UPDATE_CHUNK_TRIPLES = 500
"""Triples per SPARQL Update request without a Graph Store URL (Virtuoso 7.2 refuses an update
whose generated SQL passes 10,000 lines: about 2,000 triples)."""


LOAD_TIMEOUT = 300.0
"""Seconds one load request may take."""


def chunks(triples: Sequence[Triple], size: int) -> Iterator[list[Triple]]:
    """Split ``triples`` into lists of about ``size``, keeping every blank-node-connected group
    in one list: each request is its own document, and a blank node split across two would
    become two blank nodes on the server."""
    parent: dict[str, str] = {}

    def find(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    for triple in triples:
        labels = [t.value for t in (triple.subject, triple.object) if isinstance(t, BlankNode)]
        for other in labels[1:]:
            parent[find(other)] = find(labels[0])
        if labels:
            find(labels[0])
    groups: dict[str, list[Triple]] = {}
    chunk: list[Triple] = []
    for triple in triples:
        node = next(
            (t.value for t in (triple.subject, triple.object) if isinstance(t, BlankNode)), None
        )
        if node is None:
            chunk.append(triple)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        else:
            groups.setdefault(find(node), []).append(triple)
    for group in groups.values():
        chunk.extend(group)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ntriples(triples: Iterable[Triple]) -> bytes:
    body = serialize(list(triples), format=RdfFormat.N_TRIPLES)
    assert body is not None
    return body
