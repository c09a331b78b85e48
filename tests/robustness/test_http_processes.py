"""``mnkg serve`` with several HTTP processes (``MNKG_HTTP_PROCESSES``, one per core by
default): each process has its own query workers and grammar check over the one store, and
together they answer on one port (kg/cli/serve.py)."""

from __future__ import annotations

import httpx
from fixtures.servers import LiveServer
from helpers.processes import children, command

from mnkg.kg.settings import Settings

WORKER = "mnkg.kg.store.worker"
HTTP_PROCESS = "multiprocessing.spawn"
HTTP_PROCESSES = 2  # the live server's (conftest.py)


def test_each_http_process_has_its_own_workers_and_the_port_answers(
    live: LiveServer,
) -> None:
    http_processes = [p for p in children(live.process.pid) if HTTP_PROCESS in command(p)]
    assert len(http_processes) == HTTP_PROCESSES
    expected = 2 + Settings().reserved_workers  # MNKG_WORKERS=2 (conftest.py) + reserved
    for pid in http_processes:
        workers = [c for c in children(pid) if WORKER in command(c)]
        assert len(workers) == expected, (pid, [command(c) for c in children(pid)])
    for _ in range(2 * HTTP_PROCESSES):  # a fresh connection each: any process may take it
        with httpx.Client(base_url=live.url, timeout=60) as client:
            assert client.get("/version").status_code == 200
