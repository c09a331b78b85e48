"""Point lookups answered in the server process, without a round trip to a query worker.

Query workers (:mod:`mnkg.kg.store.workers`) exist for two reasons: a query that runs too long
can only be stopped by killing its process, and a query must not reach the network
(:mod:`mnkg.kg.store.isolation`). Neither applies to a *point lookup*, the query shape
:func:`mnkg.kg.sparql_grammar.is_point_lookup` recognises on the real parse: one triple
pattern whose subject is an IRI, plain variables projected, at most a ``LIMIT``. Such a query
reads one subject's triples from an index and streams them as rows, and it names no
``SERVICE`` (no other shape is taken). Evaluating it here under a small row cap therefore
takes microseconds, bounded by the cap, whatever the store holds; a lookup whose answer passes
the cap is given up (rows are written as they stream, so the cost stays bounded) and goes to a
worker like any other query, under the worker's time and result limits.

The view follows the data directory's ``current`` pointer as the workers do (one ``readlink``
per lookup) and reopens the store read-only when a load or a write swapped it. At two
process hops less per request this is the largest single cost of a small query
(docs/performance.md, "Small-query throughput").
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pyoxigraph import Store

from mnkg.kg.store import lookup_plan
from mnkg.kg.store.evaluate import EvaluationError, QueryRequest, QueryResponse, evaluate
from mnkg.kg.store.layout import CURRENT
from mnkg.kg.store.lookup_plan import LookupPlan
from mnkg.kg.store.parse import slot_iris


class InlineLookups:
    """A read-only view of a data directory's current store for point lookups.

    ``rows``: the most rows a lookup may return here (larger answers go to a worker).
    Thread-safe: the event loop and the thread pool may both use it.
    """

    def __init__(self, store_root: Path, *, rows: int) -> None:
        self.store_root = Path(store_root)
        self.rows = rows
        self._lock = threading.Lock()
        self._view: tuple[str, Store] | None = None
        self._current = os.path.join(self.store_root, CURRENT)  # a str: read on every lookup

    def _store(self) -> Store | None:
        """The store ``current`` points to, opened read-only (None: nothing loaded)."""
        try:
            target = os.readlink(self._current)
        except OSError:
            return None
        view = self._view
        if view is not None and view[0] == target:
            return view[1]
        with self._lock:
            view = self._view
            if view is None or view[0] != target:
                try:
                    view = (target, Store.read_only(str(self.store_root / target)))
                except (OSError, RuntimeError):  # pruned or half-written: the workers decide
                    return None
                self._view = view
            return view[1]

    def open(self) -> None:
        """Open the current store now, so the first lookup does not pay for it."""
        self._store()

    def evaluate(
        self, request: QueryRequest, plan: LookupPlan | None = None
    ) -> QueryResponse | None:
        """The answer to a point lookup, or None when a worker must answer it (nothing
        loaded, the store cannot be opened here, or more rows than :attr:`rows`). With its
        ``plan`` it is read from the index (:mod:`mnkg.kg.store.lookup_plan`), else by the
        engine.

        Raises :class:`~mnkg.kg.store.evaluate.EvaluationError` for the errors a worker would
        report (a format the result cannot take, a result over the request's own limit)."""
        store = self._store()
        if store is None:
            return None
        capped = request.limit > self.rows
        try:
            if plan is not None:
                iris = slot_iris(request.sparql) if plan.slotted else ()
                answered = lookup_plan.answer(plan, store, iris, request, self.rows)
                if answered is not None:
                    return answered
            return evaluate(store, request._replace(limit=self.rows) if capped else request)
        except EvaluationError as error:
            if capped and error.code == "ResultTooLarge":
                return None
            if error.code != "StoreUnavailable":
                raise
        except (OSError, RuntimeError):
            pass
        self.close()  # the view went bad: reopen on the next lookup, a worker answers this one
        return None

    def close(self) -> None:
        """Drop the view (a later lookup reopens it)."""
        with self._lock:
            self._view = None


__all__ = ["InlineLookups"]
