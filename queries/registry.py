"""The registry of named queries: each ``queries/<name>.rq`` with its grlc-style header.

A header is a block of ``#+ `` comment lines at the top of the file holding YAML (grlc's
decorator syntax), so each file still runs unchanged in any SPARQL tool::

    #+ summary: Conditions with lower motor neuron signs
    #+ description: Conditions that typically have a sign indicating a lower motor neuron lesion.
    #+ tags: [conditions, LMN]
    #+ params:
    #+   - name: condition
    #+     type: iri
    #+     description: the condition (CURIE, IRI or a mapped code such as ICD10CM:G12.21)
    #+     example: MONDO:0004976
    #+ columns: [condition, label]

``params`` name SPARQL variables of the query; a value given for one is bound as a typed RDF
term in a ``VALUES`` block (:func:`mnkg.kg.store.inject_values`), never pasted into the text.
The registry is read once (:func:`load_registry`) and handed to whoever needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from mnkg.queries import query_dir

ParamType = Literal["iri", "string", "integer", "decimal", "boolean"]
PARAM_TYPES: tuple[str, ...] = ("iri", "string", "integer", "decimal", "boolean")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a named query: a SPARQL variable that callers may bind."""

    name: str
    type: ParamType
    description: str
    example: str
    required: bool = False
    default: str | None = None
    enum: tuple[str, ...] = ()
    """For ``string`` parameters: the only accepted values."""
    pattern: str | None = None
    """For ``string`` parameters: a regular expression the whole value must match."""

    def as_dict(self) -> dict[str, Any]:
        """The parameter as listed by ``GET /queries``."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
            "example": self.example,
            "required": self.required,
        }
        if self.default is not None:
            out["default"] = self.default
        if self.enum:
            out["enum"] = list(self.enum)
        if self.pattern:
            out["pattern"] = self.pattern
        return out


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A named query: its metadata and its SPARQL text (header included)."""

    name: str
    summary: str
    description: str
    sparql: str
    params: tuple[Param, ...] = ()
    columns: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, if the query has one."""
        return next((p for p in self.params if p.name == name), None)

    def example_params(self) -> dict[str, str]:
        """A working set of parameter values (the examples of the required ones)."""
        return {p.name: p.example for p in self.params if p.required}

    def as_dict(self, *, with_sparql: bool = False) -> dict[str, Any]:
        """The query's metadata as listed by ``GET /queries``."""
        out: dict[str, Any] = {
            "name": self.name,
            "summary": self.summary,
            "description": self.description,
            "tags": list(self.tags),
            "params": [p.as_dict() for p in self.params],
            "columns": list(self.columns),
        }
        if with_sparql:
            out["sparql"] = self.sparql
        return out


def parse_header(text: str) -> dict[str, Any]:
    """The YAML of the leading ``#+`` lines of a query file (empty if there are none)."""
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#+"):
            lines.append(stripped[2:].removeprefix(" "))
        elif stripped == "" or stripped.startswith("#"):
            continue
        else:
            break
    if not lines:
        return {}
    data = yaml.safe_load("\n".join(lines))
    if not isinstance(data, dict):
        raise ValueError("the #+ header must be a YAML mapping")
    return data


def _param(raw: dict[str, Any], *, query: str) -> Param:
    name = str(raw.get("name", ""))
    if not _VARIABLE.match(name):
        raise ValueError(f"{query}: parameter name {name!r} is not a SPARQL variable name")
    ptype = str(raw.get("type", "string"))
    if ptype not in PARAM_TYPES:
        raise ValueError(f"{query}: parameter {name} has unknown type {ptype!r}")
    enum = tuple(str(v) for v in raw.get("enum", ()) or ())
    pattern = raw.get("pattern")
    if ptype == "string" and not enum and not pattern:
        raise ValueError(f"{query}: string parameter {name} needs an enum or a pattern")
    if "example" not in raw:
        raise ValueError(f"{query}: parameter {name} has no example")
    default = raw.get("default")
    return Param(
        name=name,
        type=ptype,  # type: ignore[arg-type]
        description=str(raw.get("description", "")).strip(),
        example=str(raw["example"]),
        required=bool(raw.get("required", default is None)),
        default=None if default is None else str(default),
        enum=enum,
        pattern=None if pattern is None else str(pattern),
    )


def parse_query(name: str, text: str) -> NamedQuery:
    """Parse one query file's text into a :class:`NamedQuery` (raises ValueError if malformed)."""
    header = parse_header(text)
    summary = str(header.get("summary") or header.get("title") or "").strip()
    if not summary:
        raise ValueError(f"{name}: the header has no summary")
    params = tuple(_param(p, query=name) for p in header.get("params", ()) or ())
    for p in params:
        if not re.search(rf"[?$]{p.name}\b", text):
            raise ValueError(f"{name}: parameter {p.name} is not a variable of the query")
    known = {"summary", "title", "description", "params", "columns", "tags"}
    return NamedQuery(
        name=name,
        summary=summary,
        description=str(header.get("description", "")).strip(),
        sparql=text,
        params=params,
        columns=tuple(str(c) for c in header.get("columns", ()) or ()),
        tags=tuple(str(t) for t in header.get("tags", ()) or ()),
        extra={k: v for k, v in header.items() if k not in known},
    )


class QueryFileError(ValueError):
    """A query file that cannot be read as a named query (name, header, parameters)."""


class UnknownQuery(LookupError):
    """No named query has this name; ``available`` lists the names there are."""

    def __init__(self, name: str, available: list[str]) -> None:
        super().__init__(f"no named query {name!r}")
        self.name = name
        self.available = available


class QueryRegistry:
    """The named queries of one folder, read once."""

    def __init__(self, queries: dict[str, NamedQuery]) -> None:
        self._queries = dict(sorted(queries.items()))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def names(self) -> list[str]:
        """The query names, sorted."""
        return list(self._queries)

    def get(self, name: str) -> NamedQuery:
        """The query called ``name``; :class:`UnknownQuery` (listing the names) otherwise."""
        try:
            return self._queries[name]
        except KeyError:
            raise UnknownQuery(name, self.names()) from None


ANSWERS_FOLDER = "answers"
"""The sub-folder of the domain answers' own queries (``queries/answers/*.rq``): read by the
same registry, never listed or run by ``/queries`` (which reads the top folder only)."""


def load_registry(directory: Path | None = None) -> QueryRegistry:
    """Read every ``*.rq`` of ``directory`` (default: the packaged queries) into a registry.

    Only the folder itself is read, not its sub-folders (:func:`load_answer_queries` reads
    ``answers/``)."""
    directory = directory or query_dir()
    queries: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.rq")):
        name = path.stem
        if not _NAME.match(name):
            raise QueryFileError(f"query file name {path.name!r} is not a valid query name")
        try:
            queries[name] = parse_query(name, path.read_text(encoding="utf-8"))
        except (ValueError, yaml.YAMLError) as error:
            raise QueryFileError(f"bad named query {path.name}: {error}") from error
    return QueryRegistry(queries)


def load_answer_queries() -> QueryRegistry:
    """The queries behind the domain answers (terms, search, conditions, mappings...)."""
    return load_registry(query_dir() / ANSWERS_FOLDER)


__all__ = [
    "ANSWERS_FOLDER",
    "PARAM_TYPES",
    "NamedQuery",
    "Param",
    "QueryFileError",
    "QueryRegistry",
    "UnknownQuery",
    "load_answer_queries",
    "load_registry",
    "parse_query",
]
