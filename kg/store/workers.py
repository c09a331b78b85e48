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
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NoReturn

from mnkg.kg.store import base, framing
from mnkg.kg.store.waiting import PoolState, StateLock, Waiter

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

WORKER_MODULE = "mnkg.kg.store.worker"
"""The module a query or write worker runs (``python -m``)."""


class MemoryLimitExceeded(base.UserError):
    """A query needed more memory than a worker may take (``MNKG_WORKER_MEMORY_MB``)."""

    http_status = 422


def raise_evaluation_error(code: str, message: str, detail: object = None) -> NoReturn:
    """Raise the store error a worker reported."""
    raise _ERRORS.get(code, base.StoreUnavailable)(message, detail=detail)


class _Worker:
    """A worker process (``python -m mnkg.kg.store.worker``) and our end of its socket.

    A plain subprocess rather than :mod:`multiprocessing`: no fork of a threaded server, and no
    re-import of the caller's ``__main__`` module in the child.
    """

    __slots__ = ("conn", "isolation", "nonblocking", "process")

    def __init__(self, process: subprocess.Popen[bytes], conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.nonblocking = False
        self.isolation: str | None = "not started"
        """None once the worker said it runs without a network, else why it does not."""

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.conn.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class WorkerPool:
    """A fixed number of worker processes serving one data directory; thread-safe.

    Idle workers wait in a deque, requests that find none wait in another (first come, first
    served). A request from an event loop waits on a future (no thread), a synchronous one on a
    :class:`threading.Event`; a worker coming back is handed straight to the oldest waiter.

    Two lanes: *public* calls (``/sparql``, text from anybody) may hold at most
    ``size - reserved`` workers at once; internal calls (the domain API, named queries) may
    take any worker and are served first, so runaway public queries never starve them.
    """

    def __init__(
        self,
        store_root: Path,
        *,
        size: int,
        mode: str = "read",
        in_memory: bool = False,
        reserved: int = 0,
        network: bool = False,
        memory_mb: int = 0,
        module: str = WORKER_MODULE,
    ) -> None:
        """``mode`` names the pool in diagnostics: ``read`` (queries) or ``write`` (updates).

        ``reserved``: workers public calls may not take (at most ``size - 1``). ``network``:
        let workers keep the host's network (off by default: each worker unshares it).
        ``memory_mb``: address-space cap of each worker (0: none).
        """
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.store_root = Path(store_root)
        self.size = size
        self.mode = mode
        self.in_memory = in_memory
        self.reserved = max(0, min(reserved, size - 1))
        self.network = network
        self.memory_mb = memory_mb
        self.module = module
        self._public_busy = 0
        self._idle: deque[_Worker] = deque()
        self._waiters: deque[Waiter[_Worker]] = deque()
        self._public_waiters: deque[Waiter[_Worker]] = deque()
        self._isolation: str | None = None
        self._all: set[_Worker] = set()
        self._running = 0
        self._lock = StateLock(threading.Lock())
        self._closed = False
        launched = [self._launch() for _ in range(size)]  # start in parallel, then wait
        for worker in launched:
            self._release(self._ready(worker))

    def _launch(self) -> _Worker:
        ours, theirs = socket.socketpair()
        try:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    self.module,
                    str(theirs.fileno()),
                    str(self.store_root),
                    "memory" if self.in_memory else "disk",
                    "network" if self.network else "isolated",
                    str(self.memory_mb),
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
            if worker.conn.poll(_START_TIMEOUT):
                status, info = worker.conn.recv()
                if status == "ready":
                    worker.isolation = info.get("isolation") if isinstance(info, dict) else None
                    if worker.isolation is not None:
                        self._isolation = worker.isolation
                    return worker
        except (EOFError, OSError, ValueError):
            pass
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        raise base.StoreUnavailable(f"a query worker failed to start within {_START_TIMEOUT} s")

    def _replace(self, worker: _Worker, *, public: bool = False) -> None:
        """Kill ``worker`` and put a fresh one in the pool, in the background.

        The replacement is retried until it succeeds or the pool closes, whatever goes wrong,
        so the pool never ends up with fewer workers than ``size``.
        """
        with self._lock:
            self._all.discard(worker)
            if public:
                self._public_busy -= 1

        def replace() -> None:
            worker.kill()
            while not self._closed:
                try:
                    fresh = self._ready(self._launch())
                except Exception:  # start-up trouble (file descriptors, memory...): retry
                    time.sleep(1)
                    continue
                if self._closed:
                    fresh.kill()
                else:
                    self._release(fresh)
                return

        threading.Thread(target=replace, name="mnkg-worker-replace", daemon=True).start()

    def _public_slots(self) -> int:
        return self.size - self.reserved

    def _next_waiter(self) -> Waiter[_Worker] | None:
        """The waiter a free worker goes to (under the lock): internal calls first."""
        if self._waiters:
            return self._waiters.popleft()
        if self._public_waiters and self._public_busy < self._public_slots():
            self._public_busy += 1
            return self._public_waiters.popleft()
        return None

    def _release(self, worker: _Worker, *, public: bool = False) -> None:
        """Hand a healthy worker to the oldest waiter, or make it idle."""
        with self._lock:
            if public:
                self._public_busy -= 1
        while True:
            with self._lock:
                waiter = self._next_waiter()
                if waiter is None:
                    self._idle.append(worker)
                    return
                waiter.worker = worker
            if waiter.wake():
                return
            if waiter.public:  # its loop is gone: the slot it was given is free again
                with self._lock:
                    self._public_busy -= 1

    def _take(self, waiter: Waiter[_Worker] | None, *, public: bool = False) -> _Worker | None:
        """An idle worker now, or None after queueing ``waiter`` (if given)."""
        if self._closed:
            raise base.StoreUnavailable("the store is closed")
        with self._lock:
            lane_free = not public or self._public_busy < self._public_slots()
            if self._idle and lane_free:
                if public:
                    self._public_busy += 1
                return self._idle.popleft()
            if waiter is not None:
                (self._public_waiters if public else self._waiters).append(waiter)
            return None

    def _give_up(self, waiter: Waiter[_Worker]) -> _Worker | None:
        """Stop waiting; the worker assigned meanwhile, if any (the caller owns it)."""
        with self._lock:
            if waiter.worker is None:
                with contextlib.suppress(ValueError):  # close() cleared the queue
                    (self._public_waiters if waiter.public else self._waiters).remove(waiter)
            return waiter.worker

    def _busy(self, timeout: float, public: bool = False) -> base.StoreUnavailable:
        workers = self._public_slots() if public else self.size
        return base.StoreUnavailable(
            f"all {workers} query workers stayed busy for {timeout:g} s; try again later"
        )

    def _checkout(self, timeout: float, public: bool = False) -> _Worker:
        waiter: Waiter[_Worker] = Waiter(public=public)
        worker = self._take(waiter, public=public)
        if worker is not None:
            return worker
        assert waiter.event is not None
        waiter.event.wait(timeout)
        worker = self._give_up(waiter)
        if worker is None:
            raise self._busy(timeout, public)
        return worker

    async def _acheckout(self, timeout: float, public: bool = False) -> _Worker:
        worker = self._take(None, public=public)  # the fast path: no future, no lock waiting
        if worker is not None:
            return worker
        loop = asyncio.get_running_loop()
        waiter: Waiter[_Worker] = Waiter(loop, loop.create_future(), public=public)
        worker = self._take(waiter, public=public)
        if worker is not None:
            return worker
        assert waiter.future is not None
        try:
            await asyncio.wait_for(waiter.future, timeout)
        except TimeoutError:
            pass
        except BaseException:  # cancelled: a worker assigned meanwhile goes back to the pool
            assigned = self._give_up(waiter)
            if assigned is not None:
                self._release(assigned, public=public)
            raise
        worker = self._give_up(waiter)
        if worker is None:
            raise self._busy(timeout, public)
        return worker

    def _sent(self) -> None:
        with self._lock:
            self._running += 1

    def _checkin(self, worker: _Worker, *, healthy: bool, public: bool = False) -> None:
        with self._lock:
            self._running -= 1
        if healthy:
            self._release(worker, public=public)
        else:
            self._replace(worker, public=public)

    @staticmethod
    def _timeout(timeout: float) -> base.QueryTimeout:
        return base.QueryTimeout(
            f"the query ran longer than the {timeout:g} s limit and was stopped"
        )

    def _died(self, code: int | None) -> base.UserError:
        if self.memory_mb and code == -signal.SIGABRT:  # Rust aborts when malloc fails
            return MemoryLimitExceeded(
                f"the query needed more memory than the {self.memory_mb} MB a query worker "
                "may use (MNKG_WORKER_MEMORY_MB) and was stopped; narrow the query or add "
                "a LIMIT"
            )
        how = f"was killed by signal {-code}" if code is not None and code < 0 else "died"
        return base.StoreUnavailable(
            f"the query worker {how} while running this query (out of memory or a crash in "
            "the query engine); a fresh worker is starting, retry in a moment"
        )

    @staticmethod
    def _unpack(message: tuple[Any, ...]) -> Any:
        status, *reply = message
        if status == "error":
            raise_evaluation_error(*reply)
        return reply[0]

    def _send(self, worker: _Worker, op: str, payload: Any, public: bool = False) -> bool:
        """Send a request; False if the worker had died while idle (it is then replaced)."""
        try:
            if worker.nonblocking:  # after the event loop's reader: block again for recv()
                os.set_blocking(worker.conn.fileno(), True)
                worker.nonblocking = False
            worker.conn.send((op, payload))
            self._sent()
            return True
        except OSError:
            self._replace(worker, public=public)
            return False

    def call(self, op: str, payload: Any, *, timeout: float, public: bool = False) -> Any:
        """Send one request to an idle worker and wait at most ``timeout`` seconds for it.

        ``public``: the request comes from ``/sparql`` (see the lanes in the class docstring).
        """
        while True:
            worker = self._checkout(timeout, public)
            if self._send(worker, op, payload, public):
                break
        healthy = False
        try:
            if not worker.conn.poll(timeout):
                raise self._timeout(timeout)
            message = worker.conn.recv()
            healthy = True
        except (EOFError, OSError):
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(timeout=1)  # its exit status says how it died
            raise self._died(worker.process.returncode) from None
        finally:
            self._checkin(worker, healthy=healthy, public=public)
        return self._unpack(message)

    async def acall(self, op: str, payload: Any, *, timeout: float, public: bool = False) -> Any:
        """:meth:`call` for an event loop: no thread, neither waiting for a worker nor for
        its answer (:mod:`mnkg.kg.store.framing`: one write, usually one read).

        If the awaiting task is cancelled (the client went away), the worker is killed and
        replaced, so an abandoned query stops burning a core too.
        """
        frame = framing.encode((op, payload))
        while True:
            worker = await self._acheckout(timeout, public)
            try:
                framing.write_all(worker.conn.fileno(), frame)
                self._sent()
                break
            except OSError:  # it died while idle: replace it, take another
                self._replace(worker, public=public)
        healthy = False
        try:
            try:
                message = await framing.receive(worker.conn.fileno(), timeout)
            finally:
                worker.nonblocking = True  # the event loop's reader left it so
            healthy = True
        except TimeoutError:
            raise self._timeout(timeout) from None
        except (EOFError, OSError):
            for _ in range(20):  # its exit status says how it died; wait without blocking
                if worker.process.poll() is not None:
                    break
                await asyncio.sleep(0.05)
            raise self._died(worker.process.returncode) from None
        finally:
            self._checkin(worker, healthy=healthy, public=public)
        return self._unpack(message)

    def isolation(self) -> str | None:
        """None when every worker started so far runs without a network, else the reason
        one does not (``network`` mode: the setting that allows it)."""
        if self.network:
            return "the workers keep the network (MNKG_SPARQL_NETWORK is set)"
        return self._isolation

    def close(self) -> None:
        """Stop every worker. Idempotent."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            waiters = list(self._waiters) + list(self._public_waiters)
            self._waiters.clear()
            self._public_waiters.clear()
        for waiter in waiters:  # they find no worker assigned: "all workers busy"
            waiter.wake()
        for worker in workers:
            worker.kill()

    def idle(self) -> int:
        """How many workers are idle right now."""
        with self._lock:
            return len(self._idle)

    def _state(self) -> PoolState:
        return PoolState(
            live=len(self._all),
            idle=len(self._idle),
            running=self._running,
            waiting=len(self._waiters) + len(self._public_waiters),
        )

    def wait_for(self, condition: Callable[[PoolState], bool], *, timeout: float) -> bool:
        """Wait until ``condition`` holds for the pool's state (checked after each change);
        whether it did within ``timeout`` seconds."""
        with self._lock:
            return self._lock.wait_for(lambda: condition(self._state()), timeout)

    def pids(self) -> list[int]:
        """Process IDs of the live workers (for tests and diagnostics)."""
        with self._lock:
            return [w.process.pid for w in self._all]


def wait_until_idle(pool: WorkerPool, *, timeout: float) -> bool:
    """Whether every worker is back in the pool within ``timeout`` seconds (tests, shutdown)."""
    return pool.wait_for(lambda state: state.idle >= pool.size, timeout=timeout)


__all__ = [
    "WORKER_MODULE",
    "MemoryLimitExceeded",
    "PoolState",
    "WorkerPool",
    "raise_evaluation_error",
    "wait_until_idle",
]
