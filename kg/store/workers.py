"""Query worker processes: the only way to stop a pyoxigraph query that runs too long.

pyoxigraph's ``Store.query`` releases the GIL but has no timeout and cannot be cancelled, so a
thread that gave up on it would leave it burning a core. Each query therefore runs in a worker
process holding the store open read-only; when a query overruns, its worker is killed
(SIGKILL frees the CPU at once) and a fresh one is started in the background while the other
workers keep answering.

Workers follow the data directory's ``current`` pointer: before each request a worker checks
where it points (one ``readlink``) and reopens the store when a load has swapped it, or when
the pool's generation changed because the server wrote to the store.

One extra, lazily started process, the writer, runs SPARQL Update on a checkpoint copy of the
store and swaps the copy in (:func:`mnkg.kg.store.layout.write_atomically`): readers never open
a store another process is writing, and a killed or failed write leaves the store untouched.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, NoReturn

from mnkg.kg.store import base

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["mnkg.kg.store.worker"])

_ERRORS: dict[str, type[base.UserError]] = {
    "QuerySyntaxError": base.QuerySyntaxError,
    "NotAcceptable": base.NotAcceptable,
    "QueryTimeout": base.QueryTimeout,
    "ResultTooLarge": base.ResultTooLarge,
    "StoreUnavailable": base.StoreUnavailable,
    "UnknownGraph": base.UnknownGraph,
}


def raise_evaluation_error(code: str, message: str) -> NoReturn:
    """Raise the store error a worker reported."""
    raise _ERRORS.get(code, base.StoreUnavailable)(message)


class _Worker:
    __slots__ = ("conn", "process")

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.conn.close()
        self.process.join(timeout=5)


class WorkerPool:
    """A fixed number of worker processes serving one data directory; thread-safe."""

    def __init__(
        self, store_root: Path, *, size: int, mode: str = "read", in_memory: bool = False
    ) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.store_root = Path(store_root)
        self.size = size
        self.mode = mode
        self.in_memory = in_memory
        self.generation = 0
        """Bumped after every write so read workers reopen their read-only view."""
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        from mnkg.kg.store.worker import worker_main

        parent, child = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(
            target=worker_main,
            args=(child, str(self.store_root), self.mode, self.in_memory),
            daemon=True,
            name=f"mnkg-{self.mode}-worker",
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and put a fresh one in the pool, in the background."""
        with self._lock:
            self._all.discard(worker)

        def replace() -> None:
            worker.kill()
            if not self._closed:
                self._idle.put(self._spawn())

        threading.Thread(target=replace, name="mnkg-worker-replace", daemon=True).start()

    def call(self, op: str, payload: Any, *, timeout: float) -> Any:
        """Send one request to an idle worker and wait at most ``timeout`` seconds for it."""
        if self._closed:
            raise base.StoreUnavailable("the store is closed")
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise base.StoreUnavailable(
                f"all {self.size} query workers stayed busy for {timeout:g} s; try again later"
            ) from None
        healthy = False
        try:
            worker.conn.send((op, self.generation, payload))
            if not worker.conn.poll(timeout):
                raise base.QueryTimeout(
                    f"the query ran longer than the {timeout:g} s limit and was stopped"
                )
            status, *reply = worker.conn.recv()
            healthy = True
        except (EOFError, OSError, BrokenPipeError):
            raise base.StoreUnavailable("a query worker died (out of memory?); retry") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if status == "error":
            raise_evaluation_error(*reply)
        return reply[0]

    def close(self) -> None:
        """Stop every worker. Idempotent."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()

    def pids(self) -> list[int]:
        """Process IDs of the live workers (for tests and diagnostics)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]


def wait_until_idle(pool: WorkerPool, *, timeout: float) -> bool:
    """Whether every worker is back in the pool within ``timeout`` seconds (tests, shutdown)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pool._idle.qsize() >= pool.size:
            return True
        time.sleep(0.01)
    return False


__all__ = ["WorkerPool", "raise_evaluation_error", "wait_until_idle"]
