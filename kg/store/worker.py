"""The loop a query or write worker process runs (see :mod:`mnkg.kg.store.workers`).

Started as ``python -m mnkg.kg.store.worker <socket fd> <store root> disk|memory
isolated|network <memory MB>``; imports little beyond pyoxigraph, so a replacement worker is
ready quickly. Before anything else it leaves the host's network
(:func:`mnkg.kg.store.isolation.isolate_network`) and caps its memory.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from pyoxigraph import Store

from mnkg.kg.errors import UserError
from mnkg.kg.store.evaluate import EvaluationError, evaluate, named_graphs, run_update
from mnkg.kg.store.framing import encode, read_message, write_all
from mnkg.kg.store.isolation import cap_memory, isolate_network
from mnkg.kg.store.layout import write_atomically

_CURRENT = "current"  # mirrors mnkg.kg.store.layout.CURRENT without importing it

STACK_BYTES = 512 * 1024 * 1024
"""Stack of the thread that serves requests. pyoxigraph parses, optimizes and drops queries
recursively: a flat but long query (``a || b || ...`` or ``{..} UNION {..} ...`` with tens of
thousands of terms, well under the body limit) overflows the usual 8 MB stack and kills the
process. 512 MB covers every query under the 1 MB body limit; it is address space, only the
pages a query touches use memory. (Deep nesting is refused before it gets here, see
:func:`mnkg.kg.store.parse.check`.)"""


def _current(root: Path) -> str | None:
    try:
        return os.readlink(root / _CURRENT)
    except OSError:
        return None


def _open(path: Path, in_memory: bool) -> Store:
    disk = Store.read_only(str(path))
    if not in_memory:
        return disk
    memory = Store()
    memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    return memory


def _write(store_root: Path, sparql: str) -> None:

    write_atomically(store_root.parent, lambda store: run_update(store, sparql))


def worker_main(conn: Connection, root: str, in_memory: bool, isolation: str | None = None) -> None:
    """Say ``ready`` (with why the worker has a network, if it has one: ``isolation``), then
    serve ``(op, payload)`` requests from ``conn`` until it closes."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    store_root = Path(root)
    store: Store | None = None
    opened: str | None = None
    target = _current(store_root)
    if target is not None:  # open now, so the first query's time limit is spent on the query
        try:
            store, opened = _open(store_root / target, in_memory), target
        except (OSError, RuntimeError):
            store, opened = None, None
    conn.send(("ready", {"isolation": isolation}))
    while True:
        try:
            op, payload = read_message(conn.fileno())
        except (EOFError, OSError):
            return
        try:
            if op == "update":
                _write(store_root, payload)
                conn.send(("ok", None))
                continue
            target = _current(store_root)
            if target is None:
                raise EvaluationError(
                    "StoreUnavailable",
                    f"no store has been loaded in {store_root.parent} yet; run `mnkg load`",
                )
            if opened != target:  # a load or a write swapped the store in
                store = None  # close the previous view before opening the next one
                store = _open(store_root / target, in_memory)
                opened = target
            assert store is not None
            if op == "query":
                reply: object = evaluate(store, payload)
            elif op == "graphs":
                reply = named_graphs(store)
            else:
                raise EvaluationError("StoreUnavailable", f"unknown worker operation {op!r}")
            write_all(conn.fileno(), encode(("ok", reply)))  # no ForkingPickler per answer
        except EvaluationError as error:
            conn.send(("error", error.code, error.message, error.detail))
        except UserError as error:
            conn.send(("error", "StoreUnavailable", error.message))
        except (OSError, RuntimeError) as error:  # pyoxigraph reports I/O trouble as either
            store, opened = None, None  # reopen on the next request
            conn.send(("error", "StoreUnavailable", f"store error: {error}"))
        except Exception as error:  # anything else: report it, never let the worker die of it
            print(f"mnkg worker: {op} failed: {error!r}", file=sys.stderr, flush=True)
            conn.send(("error", "StoreUnavailable", f"the query engine failed: {error}"))


def main(argv: list[str]) -> None:
    """Entry point of a worker process."""
    fd, root, mode, network, memory_mb = argv
    # first, while single-threaded: no network (see mnkg.kg.store.isolation)
    isolation = isolate_network() if network == "isolated" else "network allowed by settings"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # only the main thread may set handlers
    threading.stack_size(STACK_BYTES)
    cap_memory(int(memory_mb))
    serving = threading.Thread(
        target=worker_main,
        args=(Connection(int(fd)), root),
        kwargs={"in_memory": mode == "memory", "isolation": isolation},
        name="mnkg-worker",
    )
    serving.start()
    serving.join()


__all__ = ["main", "worker_main"]

if __name__ == "__main__":
    main(sys.argv[1:])
