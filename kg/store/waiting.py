"""How requests wait for a query worker, and how anyone waits for a pool's state to change
(:class:`mnkg.kg.store.workers.WorkerPool`)."""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType
from typing import Generic, NamedTuple, TypeVar

W = TypeVar("W")
"""What a waiter is handed: the pool's worker handle."""


class Waiter(Generic[W]):
    """A request waiting for a worker. ``worker`` is assigned under the pool lock, so exactly
    one side (the checkin that assigns it, or the waiter giving up) decides its fate; the
    event or future only wakes the waiter up."""

    __slots__ = ("event", "future", "loop", "public", "worker")

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop | None = None,
        future: asyncio.Future[None] | None = None,
        *,
        public: bool = False,
    ) -> None:
        self.worker: W | None = None
        self.public = public
        self.loop = loop
        self.future = future
        self.event = threading.Event() if loop is None else None

    def wake(self) -> bool:
        """Wake the waiter up; False if its event loop is closed (nobody waits any more)."""
        if self.event is not None:
            self.event.set()
            return True
        assert self.loop is not None and self.future is not None
        try:
            self.loop.call_soon_threadsafe(resolve, self.future)
        except RuntimeError:
            return False
        return True


def resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class PoolState(NamedTuple):
    """How a pool's workers stand at one moment (:meth:`WorkerPool.wait_for`)."""

    live: int
    """Workers started and not killed."""
    idle: int
    """Workers waiting for a request."""
    running: int
    """Workers a request was sent to and whose answer has not come back."""
    waiting: int
    """Requests queued for a worker."""


class StateLock(threading.Condition):
    """The pool's lock; leaving it wakes whoever waits for the pool's state to change (every
    change happens under it), so tests and shutdown wait on an event, never on a sleep."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.notify_all()
        super().__exit__(exc_type, exc, traceback)


__all__ = ["PoolState", "StateLock", "Waiter", "resolve"]
