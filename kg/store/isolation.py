"""Worker processes without a network: a network namespace of their own, and a memory cap.

A worker calls :func:`isolate_network` first thing, before it starts a thread or opens a file.
``unshare(CLONE_NEWNET)`` moves the process into a new network namespace whose only interface
is a loopback that is down: every ``connect`` fails with "Network is unreachable", 127.0.0.1
included, whatever query text got past the checks (a ``SERVICE`` hidden by an escape, a
``LOAD`` of a URL). The socket pair to the parent was created before and is inherited, so it
keeps working. It needs ``CAP_SYS_ADMIN`` (root, as here and in CI); without it, a new user
namespace is tried too (unprivileged user namespaces, where the kernel allows them). Where
both are refused the worker runs with the host's network and says so in its ``ready``
message, so the server can warn and ``/version`` can report the isolation as off.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
import sys
from typing import Protocol

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


class _Libc(Protocol):
    def unshare(self, flags: int) -> int: ...


def _libc() -> _Libc | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc: _Libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        return libc
    except OSError:
        return None


def isolate_network(libc: _Libc | None = None) -> str | None:
    """Move this process into a network namespace of its own.

    Returns None on success, else the reason it is not isolated (one line). Call it while the
    process has a single thread (an unprivileged ``CLONE_NEWUSER`` requires that).
    """
    libc = libc if libc is not None else _libc()
    if libc is None:
        return f"network namespaces are not available on {sys.platform}"
    if libc.unshare(CLONE_NEWNET) == 0:
        return None
    first = ctypes.get_errno()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        return None
    return f"unshare(CLONE_NEWNET) was refused: {os.strerror(first)}"


def cap_memory(megabytes: int) -> None:
    """Cap this process's address space (``RLIMIT_AS``) at ``megabytes`` MB; 0 leaves it."""
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


__all__ = ["cap_memory", "isolate_network"]
