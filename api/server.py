"""The HTTP server: uvicorn with the JSON error shape and time limits it lacks by default.

uvicorn answers some requests before the app sees them, in plain text: a request line or
headers that do not parse (``Invalid HTTP request received.``), and the 503 of
``limit_concurrency``. It also waits forever for a client that sends its request slowly
(slowloris: a few bytes every few seconds keep a connection and its memory). The protocol
class here (uvicorn's httptools protocol, subclassed) changes exactly that:

* a malformed request line or header is a 400 with ``{"error": ..., "detail": ...}``;
* a request target over ``Settings.max_url_bytes`` is a 414, headers over
  ``Settings.max_header_bytes`` a 431 (both JSON, both logged in one line);
* a client that has not sent its whole request (headers and body)
  ``Settings.request_read_timeout`` seconds after it connected or began the request gets a
  408 (JSON) and is disconnected, with one warning line in the log;
* the ``limit_concurrency`` 503 is JSON too.

:func:`uvicorn_options` returns the keyword arguments for ``uvicorn.run``/``uvicorn.Config``;
``mnkg serve`` merges its own (host, port, logging, concurrency) into them.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
from dataclasses import dataclass
from typing import Any, ClassVar

import httptools
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.flow_control import service_unavailable
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from mnkg.api.errors import TIMED_OUT
from mnkg.kg import Settings

log = logging.getLogger("mnkg.api")


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """What the protocol enforces (from :class:`~mnkg.kg.Settings`)."""

    read_timeout: float = 30.0
    max_url_bytes: int = 32_768
    max_header_bytes: int = 65_536


class _Refused(Exception):
    """Raised from a parser callback to stop parsing; the reason is on the protocol."""


def error_bytes(status: int, error: str, detail: str | None) -> bytes:
    """A complete HTTP/1.1 response with the JSON error body; the connection closes after."""
    body = json.dumps({"error": error, "detail": detail}).encode()
    head = [
        STATUS_LINE[status],
        b"content-type: application/json\r\n",
        b"content-length: " + str(len(body)).encode() + b"\r\n",
        b"connection: close\r\n\r\n",
    ]
    return b"".join(head) + body


async def _busy(scope: Any, receive: Any, send: Any) -> None:
    """The ``limit_concurrency`` answer, in the JSON shape."""
    body = json.dumps(
        {"error": "the server is at its concurrency limit; retry in a moment", "detail": None}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", b"1"),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


FLUSH_BYTES = 1 << 16
"""Pending bytes that are written at once rather than at the end of the event-loop step."""


class CoalescingTransport:
    """A transport whose writes within one event-loop step go out in one system call.

    uvicorn writes a response's status line and headers, then its body: two ``send`` calls
    (two TCP segments) for every small answer. Here writes are collected and sent together at
    the end of the step (``call_soon``); ``close`` sends what is pending first. Everything else
    is the wrapped transport's.
    """

    __slots__ = ("_loop", "_pending", "_size", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(data)
        self._size += len(data)
        if self._size >= FLUSH_BYTES:  # a streamed answer: no piling up, flow control works
            self.flush()

    def flush(self) -> None:
        """Send what is pending (one ``write`` of the wrapped transport)."""
        if not self._pending:
            return
        data = b"".join(self._pending) if len(self._pending) > 1 else self._pending[0]
        self._pending = []
        self._size = 0
        if not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class MnkgHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with JSON errors, size limits and a request deadline."""

    limits: ClassVar[ServerLimits] = ServerLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._refusal: tuple[int, str, str | None] | None = None
        self._header_bytes = 0
        self._awaiting_headers = True
        self._deadline: asyncio.TimerHandle | None = None

    # --- the request deadline ---------------------------------------------------------------

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.limits.read_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _peer(self) -> str:
        return f"{self.client[0]}:{self.client[1]}" if self.client else "a client"

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        # Headers still coming: a request of its own, with no cycle yet (``self.cycle`` may be
        # the previous, answered request). Otherwise the body is: answer only if the app did not.
        cycle = None if self._awaiting_headers else self.cycle
        log.warning(
            "closed the connection from %s: its request was not complete after %g s "
            "(a slow or stalled client)",
            self._peer(),
            self.limits.read_timeout,
        )
        if cycle is None or not cycle.response_started:
            self.transport.write(
                error_bytes(
                    408,
                    f"the request was not complete after {self.limits.read_timeout:g} s",
                    "send the whole request (headers and body) without pausing",
                )
            )
        if cycle is not None and not cycle.response_complete:
            cycle.scope[TIMED_OUT] = True  # type: ignore[literal-required]
            cycle.disconnected = True
            cycle.message_event.set()
        self.transport.close()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self.transport = CoalescingTransport(self.transport, self.loop)  # type: ignore[assignment]
        self._arm()  # a client that connects and sends nothing is a slow client too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._refusal = None
        self._header_bytes = 0
        self._awaiting_headers = True
        self._arm()

    def on_headers_complete(self) -> None:
        self._awaiting_headers = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    # --- sizes and malformed requests -------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        """uvicorn's, without its own log line for a bad request (ours says more)."""
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            self.send_400_response("Invalid HTTP request received.")
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) > self.limits.max_url_bytes:
            self._refusal = (
                414,
                f"the request target is longer than {self.limits.max_url_bytes} bytes",
                "send long SPARQL queries in a POST body (application/sparql-query)",
            )
            raise _Refused

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_bytes += len(name) + len(value) + 4
        if self._header_bytes > self.limits.max_header_bytes:
            self._refusal = (
                431,
                f"the request headers are larger than {self.limits.max_header_bytes} bytes",
                None,
            )
            raise _Refused
        super().on_header(name, value)

    def send_400_response(self, msg: str) -> None:
        """Called by uvicorn when the parser fails (or a callback above refused)."""
        status, error, detail = self._refusal or (
            400,
            "malformed HTTP request",
            "the request line or a header does not follow HTTP/1.1 (RFC 9112)",
        )
        log.warning("refused a request from %s: %d %s", self._peer(), status, error)
        self._disarm()
        self.transport.write(error_bytes(status, error, detail))
        self.transport.close()

    def _start_asgi_task(self, cycle: Any, app: Any) -> None:
        super()._start_asgi_task(cycle, _busy if app is service_unavailable else app)


def protocol_class(settings: Settings) -> type[MnkgHttpProtocol]:
    """:class:`MnkgHttpProtocol` with the limits of ``settings``."""
    limits = ServerLimits(
        read_timeout=settings.request_read_timeout,
        max_url_bytes=settings.max_url_bytes,
        max_header_bytes=settings.max_header_bytes,
    )
    return type("MnkgHttpProtocol", (MnkgHttpProtocol,), {"limits": limits})


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration plus the ``mnkg`` loggers, in uvicorn's format (without
    it, the app's one-line warnings would go to Python's bare last-resort handler)."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["mnkg"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` that every MNKG server uses
    (merge the caller's own into them: host, port, ``access_log``, ``limit_concurrency``)."""
    return {
        "http": protocol_class(settings),
        "log_config": log_config(),
        "log_level": "info",
        "server_header": False,  # do not advertise the server software
    }


__all__ = [
    "TIMED_OUT",
    "CoalescingTransport",
    "MnkgHttpProtocol",
    "ServerLimits",
    "error_bytes",
    "protocol_class",
    "uvicorn_options",
]
