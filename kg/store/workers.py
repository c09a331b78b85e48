"""Query worker processes: the only way to stop a pyoxigraph query that runs too long.

pyoxigraph's ``Store.query`` releases the GIL but has no timeout and cannot be cancelled, so a
thread that gave up on it would leave it burning a core. Each query therefore runs in a worker
process holding the store open read-only; when a query overruns, its worker is killed
(SIGKILL frees the CPU at once) and a fresh one is started in the background while the other
workers keep answering.

Workers follow the data directory's ``current`` pointer: before each request a worker checks
where it points (one ``readlink``) and reopens the store when a load or a write swapped it.
A worker joins the pool only once it said it is ready (imports done, store open), so start-up
time never counts against a query's time limit.

One extra, lazily started process, the writer, runs SPARQL Update on a checkpoint copy of the
store and swaps the copy in (:func:`mnkg.kg.store.layout.write_atomically`): readers never open
a store another process is writing, and a killed or failed write leaves the store untouched.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NoReturn

from mnkg.kg.store import base

_START_TIMEOUT = 60.0
"""Seconds a new worker may take to import and open the store (slow on a loaded machine)."""

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
    """A worker process (``python -m mnkg.kg.store.worker``) and our end of its socket.

    A plain subprocess rather than :mod:`multiprocessing`: no fork of a threaded server, and no
    re-import of the caller's ``__main__`` module in the child.
    """

    __slots__ = ("conn", "process")

    def __init__(self, process: subprocess.Popen[bytes], conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.conn.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class WorkerPool:
    """A fixed number of worker processes serving one data directory; thread-safe."""

    def __init__(
        self, store_root: Path, *, size: int, mode: str = "read", in_memory: bool = False
    ) -> None:
        """``mode`` names the pool in diagnostics: ``read`` (queries) or ``write`` (updates)."""
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.store_root = Path(store_root)
        self.size = size
        self.mode = mode
        self.in_memory = in_memory
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        launched = [self._launch() for _ in range(size)]  # start in parallel, then wait
        for worker in launched:
            self._idle.put(self._ready(worker))

    def _launch(self) -> _Worker:
        ours, theirs = socket.socketpair()
        try:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mnkg.kg.store.worker",
                    str(theirs.fileno()),
                    str(self.store_root),
                    "memory" if self.in_memory else "disk",
                ],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        worker = _Worker(process, Connection(ours.detach()))
        with self._lock:
            self._all.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> _Worker:
        """Wait for a launched worker's ``ready``; a worker that never says it is killed."""
        try:
            if worker.conn.poll(_START_TIMEOUT) and worker.conn.recv()[0] == "ready":
                return worker
        except (EOFError, OSError):
            pass
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        raise base.StoreUnavailable(f"a query worker failed to start within {_START_TIMEOUT} s")

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and put a fresh one in the pool, in the background."""
        with self._lock:
            self._all.discard(worker)

        def replace() -> None:
            worker.kill()
            while not self._closed:
                try:
                    self._idle.put(self._ready(self._launch()))
                    return
                except base.StoreUnavailable:
                    time.sleep(1)

        threading.Thread(target=replace, name="mnkg-worker-replace", daemon=True).start()

    def _checkout(self, timeout: float) -> _Worker:
        if self._closed:
            raise base.StoreUnavailable("the store is closed")
        try:
            return self._idle.get(timeout=timeout)
        except queue.Empty:
            raise base.StoreUnavailable(
                f"all {self.size} query workers stayed busy for {timeout:g} s; try again later"
            ) from None

    def _checkin(self, worker: _Worker, *, healthy: bool) -> None:
        if healthy:
            self._idle.put(worker)
        else:
            self._replace(worker)

    @staticmethod
    def _timeout(timeout: float) -> base.QueryTimeout:
        return base.QueryTimeout(
            f"the query ran longer than the {timeout:g} s limit and was stopped"
        )

    @staticmethod
    def _unpack(message: tuple[Any, ...]) -> Any:
        status, *reply = message
        if status == "error":
            raise_evaluation_error(*reply)
        return reply[0]

    def call(self, op: str, payload: Any, *, timeout: float) -> Any:
        """Send one request to an idle worker and wait at most ``timeout`` seconds for it."""
        worker = self._checkout(timeout)
        healthy = False
        try:
            worker.conn.send((op, payload))
            if not worker.conn.poll(timeout):
                raise self._timeout(timeout)
            message = worker.conn.recv()
            healthy = True
        except (EOFError, OSError):
            raise base.StoreUnavailable("a query worker died (out of memory?); retry") from None
        finally:
            self._checkin(worker, healthy=healthy)
        return self._unpack(message)

    async def acall(self, op: str, payload: Any, *, timeout: float) -> Any:
        """:meth:`call` for an event loop: no thread hop while waiting for the worker.

        If the awaiting task is cancelled (the client went away), the worker is killed and
        replaced, so an abandoned query stops burning a core too.
        """
        loop = asyncio.get_running_loop()
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = await loop.run_in_executor(None, self._checkout, timeout)
        healthy = False
        try:
            conn = worker.conn
            conn.send((op, payload))
            if not conn.poll(0):
                ready = loop.create_future()
                fd = conn.fileno()
                loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
                try:
                    await asyncio.wait_for(ready, timeout)
                except TimeoutError:
                    raise self._timeout(timeout) from None
                finally:
                    loop.remove_reader(fd)
            message = conn.recv()
            healthy = True
        except (EOFError, OSError):
            raise base.StoreUnavailable("a query worker died (out of memory?); retry") from None
        finally:
            self._checkin(worker, healthy=healthy)
        return self._unpack(message)

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
            return [w.process.pid for w in self._all]


def wait_until_idle(pool: WorkerPool, *, timeout: float) -> bool:
    """Whether every worker is back in the pool within ``timeout`` seconds (tests, shutdown)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pool._idle.qsize() >= pool.size:
            return True
        time.sleep(0.01)
    return False


__all__ = ["WorkerPool", "raise_evaluation_error", "wait_until_idle"]
