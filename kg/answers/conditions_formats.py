"""``/conditions`` as bytes: the whole answer's JSON (kept per store generation), and the whole
list streamed as TSV or JSON Lines.

JSON is pydantic's own serializer (:func:`mnkg.kg.answers.models.to_json`), never FastAPI's
``jsonable_encoder`` (30x slower on the 3,840 HPO conditions). TSV has one row per condition:
``id``, ``label``, ``patterns``, ``source``, ``xrefs``, ``signs``, ``sites`` (lists joined with
``|``; tabs and newlines inside a cell become spaces); JSON Lines has one condition object per
line, the same object as in the JSON answer.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

from mnkg.kg.answers.conditions import check_pattern, full_answer
from mnkg.kg.answers.lookup import cached
from mnkg.kg.answers.models import Condition, ConditionsAnswer, to_json
from mnkg.kg.errors import UserError
from mnkg.kg.store import Store

STREAM_FORMATS: dict[str, str] = {
    "tsv": "text/tab-separated-values; charset=utf-8",
    "jsonl": "application/jsonl",
}
TSV_COLUMNS = ("id", "label", "patterns", "source", "xrefs", "signs", "sites")
_CHUNK = 200
"""Conditions per streamed chunk."""


def whole_json(
    store: Store, pattern: str, source: str, *, cache: MutableMapping[Any, Any] | None = None
) -> bytes:
    """The JSON of the whole answer (the bytes are kept with the answer)."""
    pattern, source = check_pattern(pattern, source)
    return cached(
        cache,
        f"conditions-json:{pattern}:{source}",
        store,
        lambda: to_json(full_answer(store, pattern, source, cache=cache)),
    )


def check_stream_format(fmt: str) -> str:
    """``tsv`` or ``jsonl``; a UserError naming the choices otherwise."""
    wanted = fmt.strip().lower()
    if wanted not in STREAM_FORMATS:
        raise UserError(f"unknown format {fmt!r}: use json, tsv or jsonl")
    return wanted


def _tsv_row(condition: Condition) -> list[str]:
    def ids(kind: str) -> str:
        return "|".join(sorted({e.id for e in condition.evidence if e.kind == kind}))

    cells = [
        condition.id,
        condition.label,
        "|".join(condition.patterns),
        condition.source,
        "|".join(condition.xrefs),
        ids("sign"),
        ids("site"),
    ]
    return [c.replace("\t", " ").replace("\n", " ") for c in cells]


def stream(answer: ConditionsAnswer, fmt: str) -> Iterator[bytes]:
    """The conditions of ``answer`` as ``fmt`` (tsv with a header row, or jsonl), in chunks."""
    fmt = check_stream_format(fmt)
    if fmt == "tsv":
        yield ("\t".join(TSV_COLUMNS) + "\n").encode()
    for start in range(0, len(answer.conditions), _CHUNK):
        chunk = answer.conditions[start : start + _CHUNK]
        if fmt == "jsonl":
            yield b"".join(to_json(c) + b"\n" for c in chunk)
        else:
            yield "".join("\t".join(_tsv_row(c)) + "\n" for c in chunk).encode()


__all__ = ["STREAM_FORMATS", "TSV_COLUMNS", "check_stream_format", "stream", "whole_json"]
