"""Faults over real processes: runaway queries past the time limit while others are served, and
``mnkg load`` killed with SIGKILL half-way while ``mnkg serve`` keeps answering.

tests/sparql/test_clients.py covers one runaway beside small queries and tests/store/test_load.py
a killed library-level load; here: more runaways than workers at once (the pool's worst case),
their CPU really freed afterwards, and the real CLI killed under a live server answering named
queries over the curated release.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from helpers.processes import cpu_seconds, running_descendants

from mnkg.kg.store.layout import current_store, store_root

MNKG = [sys.executable, "-c", "from mnkg.kg.cli import main; main()"]
# A runaway that burns CPU in constant memory: the engine hashes one side of the product (one
# copy of the store) and counts the ~10^10 pairs as they stream (a 4-way product would hash a
# product and hit the memory cap first).
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
SMALL = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 3"
LOOKUP = (  # a point lookup: answered in the HTTP process (kg/store/inline.py), not by a worker
    "SELECT ?label WHERE { <http://purl.obolibrary.org/obo/MONDO_0004976> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
)
NAMED = [
    ("/queries/conditions-with-lmn-signs", {"min_signs": "1"}),
    ("/queries/signs-distinguishing-umn-lmn", {}),
    ("/sparql", {"query": SMALL}),
]


@pytest.fixture(scope="module")
def live(curated_data_dir: Path, start_server):
    """A server of this module's own with a 2 s limit (runaways end quickly)."""
    with start_server(curated_data_dir, MNKG_QUERY_TIMEOUT="2", MNKG_WORKERS="2") as server:
        yield server


def test_more_runaways_than_workers_are_stopped_and_small_queries_keep_their_answers(
    live,
) -> None:
    """Three cartesian products on two workers: each a 503 at the limit; small queries meanwhile
    get their answer or a clear 503 (never a 500 or a dropped connection), all are answered once
    the runaways are stopped, and the runaways' CPU is freed."""
    outcomes: list[httpx.Response | Exception] = []

    def runaway() -> None:
        try:
            outcomes.append(httpx.get(live.sparql, params={"query": CARTESIAN}, timeout=120))
        except Exception as error:  # recorded and asserted below
            outcomes.append(error)

    with httpx.Client(timeout=60) as client:
        reference = client.get(live.sparql, params={"query": SMALL})
        assert reference.status_code == 200
        threads = [threading.Thread(target=runaway) for _ in range(3)]
        for thread in threads:
            thread.start()
        during: list[int] = []
        while any(t.is_alive() for t in threads) and len(during) < 400:
            response = client.get(live.sparql, params={"query": SMALL})
            during.append(response.status_code)
            if response.status_code == 200:
                assert response.json() == reference.json()
            else:
                assert response.status_code == 503, response.text
                assert response.json()["error"]
            time.sleep(0.02)
        for thread in threads:
            thread.join(timeout=120)
        assert not any(t.is_alive() for t in threads)
        assert during, "no small query was sent while the runaways ran"
        assert 200 in during, f"no small query was answered meanwhile: {during}"
        for outcome in outcomes:
            assert isinstance(outcome, httpx.Response), outcome
            assert outcome.status_code == 503, outcome.text
            assert "limit" in outcome.json()["error"] or "busy" in outcome.json()["error"]
        after = [client.get(live.sparql, params={"query": SMALL}) for _ in range(10)]
        assert [r.status_code for r in after] == [200] * 10
    # Stopped means stopped: the server's processes go (nearly) idle within a few seconds.
    for _ in range(20):
        before = cpu_seconds(live.process.pid)
        time.sleep(1.0)
        if cpu_seconds(live.process.pid) - before < 0.5:
            break
    else:
        pytest.fail("the server kept burning CPU after the runaway queries were stopped")


def _answers(client: httpx.Client) -> list[object]:
    out = []
    for path, params in NAMED:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        out.append(response.json())
    return out


def _bytes_in(folder: Path) -> int:
    """Bytes written so far below ``folder`` (files may vanish while we look)."""
    total = 0
    for path in folder.rglob("*"):
        try:
            total += path.stat().st_size if path.is_file() else 0
        except OSError:
            continue
    return total


def _big_release(curated: Path, folder: Path, extra: int) -> Path:
    """The curated release plus ``extra`` filler triples (so loading takes a while)."""
    folder.mkdir(parents=True)
    shutil.copy(curated / "mnkg.nq", folder / "mnkg.nq")
    with (folder / "mnkg.nq").open("a", encoding="utf-8") as out:
        for i in range(extra):
            out.write(f'<urn:filler:{i}> <urn:filler:p> "filler {i}" <urn:filler:graph> .\n')
    return folder


def test_mnkg_load_killed_half_way_leaves_the_served_answers_unchanged(
    private_data_dir: Path, start_server, tmp_path: Path
) -> None:
    server = start_server(private_data_dir)
    previous = current_store(private_data_dir)
    big = _big_release(private_data_dir / "release", tmp_path / "big", 800_000)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        before = _answers(client)
        load = subprocess.Popen(
            [*MNKG, "load", "--data-dir", str(private_data_dir), "--release", str(big)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            root = store_root(private_data_dir)
            building = None
            for _ in range(6000):  # until the load is writing its new store
                building = next((p for p in root.iterdir() if p.name.startswith("building-")), None)
                if building is not None or load.poll() is not None:
                    break
                time.sleep(0.005)
            assert building is not None, "the load never started building"
            while _bytes_in(building) < 1_000_000 and load.poll() is None:
                time.sleep(0.005)  # until the new store holds data: the load is half-way
            assert load.poll() is None, "the load finished before it could be killed"
            during = _answers(client)
            os.kill(load.pid, signal.SIGKILL)
        finally:
            load.wait(timeout=60)
        assert load.returncode == -signal.SIGKILL
        assert during == before
        assert current_store(private_data_dir) == previous
        assert _answers(client) == before
        assert (
            client.get("/sparql", params={"query": "ASK { ?s <urn:filler:p> ?o }"}).json()[
                "boolean"
            ]
            is False
        )
    server.stop()  # its store is this test's own
    # A later load succeeds and cleans up what the killed one left.
    completed = subprocess.run(
        [*MNKG, "load", "--data-dir", str(private_data_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert not any(p.name.startswith("building-") for p in store_root(private_data_dir).iterdir())


# --- fair sharing (issue 12 point 2) -----------------------------------------------------------

ORDERED_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
TERMS = ["MONDO:0004976", "HP:0007354", "HP:0007350", "HP:0003470", "HP:0003401"]
"""Terms of the curated release (ALS and signs the server itself suggests for it)."""


@pytest.fixture(scope="module")
def shared(curated_data_dir: Path, start_server):
    """A server with 2 /sparql workers (+1 reserved), a per-client limit of 2 queries and a 2 GB
    address-space cap per worker: an idle worker holding the store open already maps about
    1.4 GB (RocksDB, pyoxigraph, Python), the CPU-bound runaway stays there, and the ordered
    product passes the cap well within the 4 s limit. One HTTP process, so that those limits are
    the whole server's."""
    with start_server(
        curated_data_dir,
        MNKG_HTTP_PROCESSES="1",
        MNKG_QUERY_TIMEOUT="4",
        MNKG_WORKERS="2",
        MNKG_SPARQL_CLIENT_QUERIES="2",
        MNKG_WORKER_MEMORY_MB="2048",
    ) as server:
        yield server


def _parse_once(url: str) -> None:
    """Parse the runaway's text once over an empty graph (instant), so the runaways go straight
    to the workers and the processes found running are theirs, not the grammar check's."""
    warm = httpx.get(url, params={"query": CARTESIAN, "default-graph-uri": "urn:empty"})
    assert warm.status_code == 200, warm.text


class _Runaway:
    """One runaway query on a thread of its own, with the answer it got."""

    def __init__(self, url: str) -> None:
        self.answer: httpx.Response | Exception | None = None
        self.thread = threading.Thread(target=self._run, args=(url,))
        self.thread.start()

    def _run(self, url: str) -> None:
        try:
            self.answer = httpx.get(url, params={"query": CARTESIAN}, timeout=60)
        except Exception as error:  # recorded for the assertions
            self.answer = error

    @property
    def refused(self) -> bool:
        """Refused by the per-client limit itself (it arrived while a probe was in flight)."""
        return isinstance(self.answer, httpx.Response) and self.answer.status_code == 429


def _start_runaways(url: str, count: int) -> list[_Runaway]:
    _parse_once(url)
    return [_Runaway(url) for _ in range(count)]


def _wait_until_busy(server, workers: int) -> None:
    for _ in range(500):  # until the runaways are on the workers' CPUs
        if running_descendants(server.process.pid) >= workers:
            return
        time.sleep(0.01)


def test_two_runaways_do_not_starve_the_domain_api(shared) -> None:
    runaways = _start_runaways(shared.sparql, 2)
    _wait_until_busy(shared, 2)
    answered_while_running: list[str] = []
    with httpx.Client(base_url=shared.url, timeout=60) as client:
        for term in TERMS:
            response = client.get(f"/terms/{term}")
            assert response.status_code == 200, response.text
            if all(r.thread.is_alive() for r in runaways):
                answered_while_running.append(term)
    for runaway in runaways:
        runaway.thread.join(timeout=60)
    assert answered_while_running, "no /terms answer came while the runaways held the workers"
    outcomes = [r.answer for r in runaways]
    got = [(o.status_code, o.text[:200]) if isinstance(o, httpx.Response) else o for o in outcomes]
    assert all(isinstance(o, httpx.Response) and o.status_code == 503 for o in outcomes), got


def test_a_client_over_its_query_limit_gets_429_with_retry_after(shared) -> None:
    """Two runaways fill the client's allowance: its next query is a 429 while they run.

    The probe is a point lookup, answered in the HTTP process without a worker, so it never
    waits behind the runaways; it is sent until the server has counted both (under load their
    requests take a while to arrive). A probe in flight counts too, so a runaway that arrives
    meanwhile may itself be the one refused: it is sent again."""
    runaways = _start_runaways(shared.sparql, 2)
    refused: httpx.Response | None = None
    try:
        with httpx.Client(timeout=60) as client:
            while refused is None:
                runaways = [_Runaway(shared.sparql) if r.refused else r for r in runaways]
                busy = [r for r in runaways if r.thread.is_alive() or r.refused]
                assert len(busy) == 2, [r.answer for r in runaways]  # none ended before a 429
                response = client.get(shared.sparql, params={"query": LOOKUP})
                if response.status_code == 429:
                    refused = response
                else:
                    assert response.status_code == 200, response.text
            assert all(r.thread.is_alive() for r in runaways), "a runaway ended with the 429"
    finally:
        for runaway in runaways:
            runaway.thread.join(timeout=60)
    assert refused.headers["retry-after"] == "1"
    assert "MNKG_SPARQL_CLIENT_QUERIES" in refused.json()["error"]
    assert all(isinstance(r.answer, httpx.Response) for r in runaways)
    assert httpx.get(shared.sparql, params={"query": SMALL}, timeout=60).status_code == 200


def test_a_query_over_the_memory_cap_is_a_422_naming_the_limit(shared) -> None:
    response = httpx.get(shared.sparql, params={"query": ORDERED_PRODUCT}, timeout=60)
    assert response.status_code == 422, response.text
    assert "2048 MB" in response.json()["error"]
    assert "MNKG_WORKER_MEMORY_MB" in response.json()["error"]
    assert httpx.get(shared.sparql, params={"query": SMALL}, timeout=60).status_code == 200


# --- slow and vanishing clients ---------------------------------------------------------------


@pytest.fixture(scope="module")
def impatient(curated_data_dir: Path, start_server):
    """A server that waits 1 s for a request body."""
    with start_server(curated_data_dir, MNKG_BODY_TIMEOUT="1") as server:
        yield server


def _partial_post(server, sent: bytes = b"ASK {") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    head = (
        "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\n"
    )
    sock.sendall(head.encode() + sent)
    return sock


def test_a_body_that_does_not_arrive_in_time_is_a_408(impatient) -> None:
    with _partial_post(impatient) as sock:
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    assert b" 408 " in status_line, answer
    assert b'"error":"the request body did not arrive within 1 s"' in rest


def test_a_client_that_disconnects_is_one_log_line_not_a_traceback(impatient) -> None:
    needle = "disconnected before sending the whole request (POST /sparql)"
    before = len(impatient.log_lines(needle))
    _partial_post(impatient).close()
    assert len(impatient.wait_for_log(needle, before + 1)) == before + 1
    log = impatient.output()
    assert "Traceback" not in log
