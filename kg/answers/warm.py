"""No cold first request: build what the domain endpoints need before the store serves.

:func:`warm_answers` fills an answer cache (the one the API keeps per app) with everything the
endpoints read from it: the label and synonym index of ``/search`` (also behind the suggestions
of ``/terms``), the ``/version`` answer, the facts of each condition source and the whole
``/conditions`` answer (model and JSON bytes) for every pattern and source, the view ``/sparql``
point lookups read, the parse of every answer and named query, and whatever other answers
register a builder (:func:`register_warmer`: the localisation index). Each entry is keyed on
the store's generation (:func:`mnkg.kg.answers.lookup.cached`), so warming is the same work a
first request would do, done earlier.

:class:`AnswerWarmer` warms once when started (the app calls it before serving) and again each
time the store's generation changes (a load, a swap, a write), checked every ``interval`` seconds
by a daemon thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, MutableMapping
from typing import Any

from mnkg.kg.answers.conditions import PATTERNS, SOURCES, source_facts
from mnkg.kg.answers.conditions_formats import whole_json
from mnkg.kg.answers.lookup import cached
from mnkg.kg.answers.release_info import version_info
from mnkg.kg.answers.search import LabelIndex
from mnkg.kg.errors import UserError
from mnkg.kg.store import Store, StoreUnavailable
from mnkg.queries.registry import load_answer_queries, load_registry

log = logging.getLogger("mnkg.answers")

Builder = Callable[[Store, MutableMapping[Any, Any]], object]
"""Builds (and caches, through :func:`~mnkg.kg.answers.lookup.cached`) one answer's index."""

_BUILDERS: dict[str, Builder] = {}


def register_warmer(name: str, build: Builder) -> None:
    """Have :func:`warm_answers` also run ``build(store, cache)`` (registering again replaces)."""
    _BUILDERS[name] = build


def _labels(store: Store, cache: MutableMapping[Any, Any]) -> object:
    return cached(cache, "labels", store, lambda: LabelIndex.build(store))


def _conditions(store: Store, cache: MutableMapping[Any, Any]) -> object:
    for source in ("mnkg", "hpo"):
        source_facts(store, source, cache=cache)
    return [whole_json(store, p, s, cache=cache) for s in SOURCES for p in PATTERNS]


WARM_LOOKUP = "ASK { <urn:x-mnkg-warm-up> ?p ?o }"
"""A point lookup: answering it opens what ``/sparql`` lookups read (the store's view in this
process, :mod:`mnkg.kg.store.inline`, and their shared parse)."""


def _version(store: Store, cache: MutableMapping[Any, Any]) -> object:
    return version_info(store, cache=cache)


def _point_lookups(store: Store, cache: MutableMapping[Any, Any]) -> object:
    return store.query(WARM_LOOKUP)


def _query_parses(store: Store, cache: MutableMapping[Any, Any]) -> object:
    """Parse every answer query and named query once (10-70 ms each in the grammar process),
    so the first ``/terms`` or ``/queries/<name>`` does not; the parses are kept by text
    (:mod:`mnkg.kg.store.parse`), and only stores that check texts themselves have them."""
    describe = getattr(store, "describe", None)
    if describe is None:
        return None
    for registry in (load_answer_queries(), load_registry()):
        for query in registry:
            describe(query.sparql)
    return None


register_warmer("labels", _labels)
register_warmer("conditions", _conditions)
register_warmer("version", _version)
register_warmer("point-lookups", _point_lookups)
register_warmer("query-parses", _query_parses)


ATTEMPTS = 3
"""Times a builder is tried for one generation: a builder's queries can pass the store's time
limit on a busy machine, and what the others built stays cached meanwhile."""


def warm_answers(
    store: Store, cache: MutableMapping[Any, Any], *, attempts: int = ATTEMPTS
) -> dict[str, float]:
    """Run every registered builder over ``store``; seconds each took. A builder that fails is
    tried again, up to ``attempts`` times in all, then logged and skipped (its endpoint then
    builds on first use, as without warming, and reports the problem there): whatever goes
    wrong while warming must not stop the service starting, hence the broad ``except``."""
    took: dict[str, float] = {}
    for name, build in list(_BUILDERS.items()):
        for attempt in range(1, attempts + 1):
            started = time.perf_counter()
            try:
                build(store, cache)
            except Exception:
                log.exception("warming %s failed (attempt %d of %d)", name, attempt, attempts)
                continue
            took[name] = time.perf_counter() - started
            break
    return took


class AnswerWarmer:
    """Warm ``cache`` for ``store`` now and after every change of the store's generation."""

    def __init__(
        self, store: Store, cache: MutableMapping[Any, Any], *, interval: float = 1.0
    ) -> None:
        self.store = store
        self.cache = cache
        self.interval = interval
        self.warmed: str | None = None
        """The generation last warmed."""
        self.changed = threading.Event()
        """Set each time a warm-up finishes (tests wait on it)."""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def warm(self) -> dict[str, float]:
        """Warm for the store's current generation (a no-op if it is already warm)."""
        generation = self.store.generation()
        if generation == self.warmed:
            return {}
        took = warm_answers(self.store, self.cache)
        self.warmed = generation
        self.changed.set()
        log.info("answers warm for generation %s: %s", generation, took)
        return took

    def start(self) -> dict[str, float]:
        """Warm now (blocking: call before serving), then watch the generation in a thread.

        A store that cannot answer yet (an unreachable remote server) is logged, not raised:
        the service starts and says what is wrong on each request instead."""
        try:
            took = self.warm()
        except (UserError, StoreUnavailable, OSError, RuntimeError) as error:
            log.warning("warming failed: %s", error)
            took = {}
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._watch, name="mnkg-warm", daemon=True)
            self._thread.start()
        return took

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.warm()
            except (UserError, StoreUnavailable, OSError, RuntimeError) as error:
                log.warning("warming failed: %s", error)

    def stop(self) -> None:
        """Stop watching (idempotent)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None


__all__ = ["AnswerWarmer", "Builder", "register_warmer", "warm_answers"]
