"""Feed the store's bulk loader through a pipe while ``hpo.nq`` is being written.

Why: on two cores, writing the HPO graphs (Python, about 8 s of CPU) and bulk-loading them
(pyoxigraph's loader in Rust threads, about 25 s of CPU) one after the other leaves a core idle
most of the time. The loader runs in a thread over the read end of a pipe (``/dev/fd/N``, read
by Rust without the GIL) while the import writes each chunk to the file and to the pipe. The
store's load keeps its lock, its checks (the N-Quads parser) and its atomic swap
(:func:`mnkg.kg.store.layout.load_sources`): a failed import writes a line that is not N-Quads
(:data:`ABORT`), so the load fails and discards its partial store.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Callable
from pathlib import Path

from mnkg.kg.store import LoadReport

ABORT = b"\n# the import failed: this load must fail too\nimport-aborted\n"
"""Not N-Quads: ends a load whose input turned out to be bad (the loader then discards it)."""

PIPE_BYTES = 1 << 20
"""Pipe buffer asked of Linux (``F_SETPIPE_SZ``); the default 64 KiB wakes the loader too often."""


class LoaderStopped(RuntimeError):
    """The load ended before its input did; :meth:`StoreFeed.write` raises its error instead."""


class StoreFeed:
    """A store load running in a thread, reading N-Quads from a pipe this object writes to."""

    def __init__(self, load: Callable[[Path], LoadReport]) -> None:
        """Start ``load(pipe_path)``, which must read ``pipe_path`` to its end."""
        self._read, self._write = os.pipe()
        with contextlib.suppress(OSError, AttributeError):  # a smaller pipe only costs wake-ups
            fcntl.fcntl(self._write, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self._report: LoadReport | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(load,), name="mnkg-hpo-load", daemon=True
        )
        self._thread.start()

    def _run(self, load: Callable[[Path], LoadReport]) -> None:
        try:
            self._report = load(Path(f"/dev/fd/{self._read}"))
        except BaseException as error:  # handed to the writing thread
            self._error = error
        finally:
            os.close(self._read)  # a writer blocked on a full pipe gets EPIPE

    def write(self, data: bytes) -> None:
        """Send ``data`` (whole N-Quads lines); raises the load's error if it has stopped."""
        view = memoryview(data)
        while view:
            try:
                written = os.write(self._write, view)
            except BrokenPipeError:
                self._close_writer()
                self._thread.join()
                raise self._error or LoaderStopped("the store load stopped early") from None
            view = view[written:]

    def finish(self) -> LoadReport:
        """End the input and wait for the load (lock, checks, swap); its report or its error."""
        self._close_writer()
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._report is not None
        return self._report

    def abort(self) -> None:
        """Make the load fail (it discards its partial store) and wait for it."""
        if self._write >= 0:
            with contextlib.suppress(Exception):  # a load that already stopped: nothing to end
                self.write(ABORT)
        self._close_writer()
        self._thread.join()

    def _close_writer(self) -> None:
        if self._write >= 0:
            os.close(self._write)
            self._write = -1


__all__ = ["ABORT", "LoaderStopped", "StoreFeed"]
