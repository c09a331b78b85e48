"""The wire between a server process and its worker processes, with few system calls.

The frames are :class:`multiprocessing.connection.Connection`'s (a 4-byte big-endian length,
or -1 and an 8-byte length for a frame over 2 GB, then a pickle), so either end may use a
plain ``Connection``. What differs is the reading: ``Connection.recv`` reads the header and the
body with two system calls and blocks until the whole frame is in; here one ``read`` of up to
:data:`CHUNK` bytes usually holds the whole frame, and the event loop's side reads a large
answer piece by piece as it arrives instead of blocking the loop until its end. A small query
thus costs the server one ``write`` and one ``read`` (plus the event loop's registration).
"""

from __future__ import annotations

import os
import pickle
import struct
from typing import Any

CHUNK = 1 << 16
"""Bytes asked for by one ``read``: a small answer arrives in one."""
_SHORT = struct.Struct("!i")
_LONG = struct.Struct("!Q")


def encode(message: Any) -> bytes:
    """``message`` as one frame."""
    body = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    if len(body) > 0x7FFFFFFF:
        return _SHORT.pack(-1) + _LONG.pack(len(body)) + body
    return _SHORT.pack(len(body)) + body


class FrameReader:
    """Collects bytes until one whole frame is in (one frame per request: nothing follows it)."""

    __slots__ = ("buffer", "size", "start")

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.size: int | None = None
        self.start = 0

    def wanted(self) -> int:
        """How many bytes to ask for next."""
        if self.size is None:
            return CHUNK
        return max(CHUNK, min(self.start + self.size - len(self.buffer), 1 << 24))

    def feed(self, data: bytes) -> Any | None:
        """Add ``data``; the decoded message once the frame is complete, else None."""
        self.buffer += data
        if self.size is None:
            if len(self.buffer) < _SHORT.size:
                return None
            (size,) = _SHORT.unpack_from(self.buffer)
            if size == -1:
                if len(self.buffer) < _SHORT.size + _LONG.size:
                    return None
                (size,) = _LONG.unpack_from(self.buffer, _SHORT.size)
                self.start = _SHORT.size + _LONG.size
            else:
                self.start = _SHORT.size
            self.size = size
        if len(self.buffer) < self.start + self.size:
            return None
        # our own worker processes at the other end, as with multiprocessing.Connection
        return pickle.loads(memoryview(self.buffer)[self.start : self.start + self.size])  # noqa: S301


def read_message(fd: int) -> Any:
    """The next message from a blocking socket; EOFError when the other end closed it."""
    reader = FrameReader()
    while True:
        data = os.read(fd, reader.wanted())
        if not data:
            raise EOFError("the other end closed the connection")
        message = reader.feed(data)
        if message is not None:
            return message


def write_all(fd: int, frame: bytes) -> None:
    """Write ``frame`` whole, waiting if the socket is non-blocking and its buffer is full."""
    view = memoryview(frame)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            os.set_blocking(fd, True)  # only a large frame gets here: finish it blocking


async def receive(fd: int, timeout: float) -> Any:
    """The next message on ``fd``, awaited without blocking the event loop.

    Raises TimeoutError after ``timeout`` seconds, EOFError (or OSError) if the other end
    went away. No task and no ``wait_for``: a future, a reader callback and a timer.
    """
    import asyncio  # here: the worker processes use this module too and never need it

    loop = asyncio.get_running_loop()
    answer: asyncio.Future[Any] = loop.create_future()
    reader = FrameReader()

    def readable() -> None:
        if answer.done():
            return
        try:
            data = os.read(fd, reader.wanted())
        except BlockingIOError:
            return
        except OSError as error:
            answer.set_exception(error)
            return
        if not data:
            answer.set_exception(EOFError("the worker closed its socket"))
            return
        try:
            message = reader.feed(data)
        except Exception as error:  # a frame that does not decode: the worker is broken
            answer.set_exception(EOFError(f"unreadable answer: {error!r}"))
            return
        if message is not None:
            answer.set_result(message)

    def expire() -> None:
        if not answer.done():
            answer.set_exception(TimeoutError())

    loop.add_reader(fd, readable)
    timer = loop.call_later(timeout, expire)
    try:
        return await answer
    finally:
        timer.cancel()
        loop.remove_reader(fd)


__all__ = ["CHUNK", "FrameReader", "encode", "read_message", "receive", "write_all"]
