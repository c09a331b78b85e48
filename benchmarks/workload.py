"""What is measured: every named query with its example parameters, and /localize vignettes.

Each case is run once through our store layer behind a recording proxy, so the exact SPARQL
texts (parameters bound as VALUES, as the service does) can be replayed on raw pyoxigraph and
on rdflib: the three engines answer the same text over the same graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mnkg.kg.answers.conditions import conditions_by_pattern
from mnkg.kg.answers.localize import LocalizeRequest, localize
from mnkg.kg.answers.params import bind_params
from mnkg.kg.answers.results import run_named
from mnkg.kg.store import Store, inject_values
from mnkg.kg.store.parse import shape_of
from mnkg.queries.registry import load_registry

# Vignettes by exact HPO label (labels from ontology/vocab/signs.tsv, resolved by the service).
VIGNETTES: dict[str, dict[str, Any]] = {
    "localize-lmn": {
        "signs": ["Fasciculations", "Areflexia", "Skeletal muscle atrophy"],
        "absent": ["Babinski sign"],
    },
    "localize-umn": {"signs": ["Spasticity", "Hyperreflexia", "Babinski sign"]},
    "localize-mixed": {"signs": ["Fasciculations", "Hyperreflexia", "Babinski sign"]},
}


@dataclass(frozen=True)
class Recorded:
    """One SPARQL query as the store layer sent it to pyoxigraph."""

    text: str
    """Parameters already bound (VALUES block injected)."""
    union_default_graph: bool


@dataclass
class Case:
    """One thing a user asks, measured on every engine."""

    name: str
    kind: str
    """``query`` (a named query), ``conditions`` or ``localize``."""
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    in_process: Callable[[Store, dict], Any] | None = None
    """The call the endpoint makes, run in-process on our store layer."""
    recorded: list[Recorded] = field(default_factory=list)
    error: str | None = None
    """Why recording failed, if it did (the queries sent until then are still replayed)."""


class RecordingStore:
    """Delegates to a store and keeps the queries it was asked (bindings injected)."""

    def __init__(self, inner: Store) -> None:
        self._inner = inner
        self.calls: list[Recorded] = []

    def query(
        self,
        sparql: str,
        *,
        bindings=None,
        default_graph_uris=(),  # type: ignore[no-untyped-def]
        named_graph_uris=(),
        timeout=None,
    ):
        if default_graph_uris or named_graph_uris:
            raise NotImplementedError("the benchmark replays union-default-graph queries only")
        text = inject_values(sparql, bindings)
        self.calls.append(Recorded(text, not shape_of("query", text, timeout=30).dataset))
        return self._inner.query(sparql, bindings=bindings, timeout=timeout)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def cases(*, source: str) -> list[Case]:
    """Every named query (its example parameters) and the vignettes (``source``: mnkg or hpo)."""
    out: list[Case] = []
    for query in load_registry():
        params = query.example_params()

        def run(store: Store, cache: dict, query=query, params=params) -> Any:
            return run_named(store, query, params)

        bind_params(query, params)  # fails here if an example does not bind
        out.append(
            Case(query.name, "query", "GET", f"/queries/{query.name}", params, in_process=run)
        )
    for pattern in ("LMN", "UMN"):

        def run_conditions(store: Store, cache: dict, pattern=pattern) -> Any:
            return conditions_by_pattern(store, pattern, source=source)

        out.append(
            Case(
                f"conditions-{pattern.lower()}",
                "conditions",
                "GET",
                "/conditions",
                {"pattern": pattern, "source": source},
                in_process=run_conditions,
            )
        )
    for name, vignette in VIGNETTES.items():
        body = {**vignette, "source": source}

        def run_localize(store: Store, cache: dict, body=body) -> Any:
            return localize(store, LocalizeRequest(**body), cache=cache)

        out.append(Case(name, "localize", "POST", "/localize", body=body, in_process=run_localize))
    return out


def record(store: Store, items: Sequence[Case]) -> None:
    """Fill each case's ``recorded`` queries (a warm call: caches filled as in the server)."""
    for case in items:
        cache: dict = {}
        assert case.in_process is not None
        proxy = RecordingStore(store)
        try:
            case.in_process(store, cache)  # warms caches, as a running server has them warm
        except Exception:
            pass
        try:
            case.in_process(proxy, cache)  # type: ignore[arg-type]
        except Exception as error:  # e.g. a query over the time limit: replay what was sent
            case.error = f"{type(error).__name__}: {error}"[:300]
        case.recorded = proxy.calls
