"""A function run in a child process forked from the build, its value sent back over a pipe.

The build's Python steps hold the GIL; a step run in a thread beside them (HermiT's input
preparation, the ``hpo.nq`` writer) waits for it. A forked child shares nothing but the
memory it was forked with, so the two run on the two cores. The child inherits the objects
the function refers to (nothing is pickled on the way in); only its value, or the exception it
raised, is pickled on the way back. The parent always waits for the child to end, so no
child (or the Java process it started) outlives the build.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class ForkedCall(Generic[T]):
    """``function()`` started in a forked child process; :meth:`result` waits for its value."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._done = False
        self._answer: tuple[bool, T | BaseException] | None = None
        if "fork" not in get_all_start_methods():  # Windows: the function runs here, in turn
            self._done = True
            try:
                self._answer = (True, function())
            except Exception as error:  # raised by result(), as from a child
                self._answer = (False, error)
            return
        context = get_context("fork")
        self._answers, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_call_and_send, args=(function, sender))
        gc.freeze()  # the child's collections then skip the inherited objects: fewer copied pages
        try:
            self._process.start()
        finally:
            gc.unfreeze()
        sender.close()

    def result(self) -> T:
        """The function's value, or its exception raised here."""
        answer = self._wait()
        if answer is None:
            code = self._process.exitcode
            raise RuntimeError(f"a build step's child process ended without an answer ({code})")
        succeeded, value = answer
        if isinstance(value, BaseException) and not succeeded:
            raise value
        return cast(T, value)

    def _wait(self) -> tuple[bool, T | BaseException] | None:
        """The child's answer (read first: a large one fills the pipe until it is read), once
        the child has ended; None when it ended without one."""
        if not self._done:
            try:
                self._answer = self._answers.recv()
            except EOFError:
                self._answer = None
            self._process.join()
            self._answers.close()
            self._done = True
        return self._answer

    def __enter__(self) -> ForkedCall[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._wait()


def _call_and_send(function: Callable[[], object], sender: Connection) -> None:
    """The child's body: call, then send ``(True, value)`` or ``(False, exception)``."""
    try:
        answer: tuple[bool, object] = (True, function())
    except BaseException as error:  # every failure goes back to the parent
        answer = (False, error)
    try:
        sender.send(answer)
    except Exception:  # a value or exception that cannot be pickled: send its text
        sender.send((False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))
    finally:
        sender.close()


__all__ = ["ForkedCall"]
