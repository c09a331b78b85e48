"""Atomic loads: the previous store keeps serving until a new one is complete."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mnkg.kg.errors import UserError
from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store import open_store
from mnkg.kg.store.layout import current_store, store_root
from mnkg.kg.store.oxigraph import OxigraphStore

EX = "http://example.org/"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
MNKG = [sys.executable, "-c", "from mnkg.kg.cli import main; main()"]


def mnkg_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MNKG, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Room for every row of the fixture in one answer."""
    return Settings(data_dir=tmp_path / "data", result_limit=1000, workers=2)


def answers(store: OxigraphStore) -> list[tuple[str, ...]]:
    return [tuple(str(t) for t in row) for row in store.query(ALL)]


def test_load_reports_graphs_and_swaps_the_current_pointer(
    settings: Settings, release: Path, expected_graphs: dict[str, int]
) -> None:
    store = OxigraphStore(settings.data_dir, settings=settings)
    try:
        report = store.load_release(release)
        assert report.graphs == expected_graphs
        assert report.quads == sum(expected_graphs.values())
        assert report.size_bytes and report.size_bytes > 0
        first = current_store(settings.data_dir)
        assert first is not None and str(first) == report.location
        assert (store_root(settings.data_dir) / "current").is_symlink()
    finally:
        store.close()


def test_open_store_picks_the_data_dir_by_default(
    settings: Settings, release: Path, expected_graphs: dict[str, int]
) -> None:
    store = open_store(settings=settings)
    try:
        assert store.descriptor == f"oxigraph:{settings.data_dir}"
        assert isinstance(store, OxigraphStore)
        store.load_release(release)
        assert store.named_graphs() == set(expected_graphs)
    finally:
        store.close()
    with pytest.raises(UserError, match="unknown store"):
        open_store("ftp://example.org/", settings=settings)


def test_a_running_store_follows_a_reload_and_old_stores_are_removed(
    settings: Settings, release: Path, tmp_path: Path, make_release, fixture_quads
) -> None:
    settings = settings.model_copy(update={"keep_generations": 2})
    store = OxigraphStore(settings.data_dir, settings=settings)
    try:
        store.load_release(release)
        before = answers(store)
        first = current_store(settings.data_dir)
        assert first is not None
        extra = f"<{EX}ConditionE> <{EX}causes> <{EX}LmnSign> <{Graph.KG}> .\n"
        second_release = make_release(tmp_path / "second", fixture_quads + extra)
        store.load_release(second_release)
        after = answers(store)
        assert len(after) == len(before) + 1
        store.load_release(second_release)
        store.load_release(second_release)
    finally:
        store.close()
    root = store_root(settings.data_dir)
    databases = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith("db-"))
    # The current store plus the two before it (keep_generations); the first one is gone,
    # with its metadata.
    assert len(databases) == 3
    assert first.name not in databases
    assert sorted(p.name for p in root.glob("db-*.json")) == [f"{d}.json" for d in databases]


def test_a_failed_load_leaves_the_previous_store_serving(
    disk_store: OxigraphStore, settings: Settings, tmp_path: Path, make_release
) -> None:
    before = answers(disk_store)
    current = current_store(settings.data_dir)
    broken = make_release(tmp_path / "broken", "<http://example.org/a> <oops .\n")
    with pytest.raises(UserError, match="not valid N-Quads"):
        disk_store.load_release(broken)
    with pytest.raises(UserError, match=r"mnkg\.nq is missing"):
        disk_store.load_release(tmp_path / "nowhere")
    assert current_store(settings.data_dir) == current
    assert answers(disk_store) == before


def _big_release(folder: Path, triples: int) -> Path:
    folder.mkdir(parents=True)
    with open(folder / "mnkg.nq", "w", encoding="utf-8") as out:
        for i in range(triples):
            out.write(f'<{EX}s{i}> <{EX}p{i % 7}> "value {i}" <{Graph.KG}> .\n')
    return folder


def test_a_load_killed_half_way_leaves_the_previous_store_serving(
    disk_store: OxigraphStore, settings: Settings, tmp_path: Path
) -> None:
    before = answers(disk_store)
    current = current_store(settings.data_dir)
    big = _big_release(tmp_path / "big", 600_000)
    load = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from mnkg.kg.store import layout; "
            "layout.load_release(Path(sys.argv[1]), Path(sys.argv[2]))",
            str(settings.data_dir),
            str(big),
        ]
    )
    root = store_root(settings.data_dir)
    try:
        building = None
        for _ in range(2000):  # until the load has started writing its new store
            building = next((p for p in root.iterdir() if p.name.startswith("building-")), None)
            if building is not None or load.poll() is not None:
                break
            time.sleep(0.005)
        assert building is not None, "the load never started building"
        os.kill(load.pid, signal.SIGKILL)
    finally:
        load.wait(timeout=30)
    assert load.returncode == -signal.SIGKILL
    assert current_store(settings.data_dir) == current
    assert answers(disk_store) == before
    # The next load succeeds and removes what the killed one left behind.
    disk_store.load_release(tmp_path / "release")
    assert not any(p.name.startswith("building-") for p in root.iterdir())
    assert answers(disk_store) == before


def test_two_loads_at_once_are_refused(settings: Settings, release: Path) -> None:
    import fcntl

    root = store_root(settings.data_dir)
    root.mkdir(parents=True)
    with open(root / "load.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        store = OxigraphStore(settings.data_dir, settings=settings)
        with pytest.raises(UserError, match="another load is running"):
            store.load_release(release)
    assert current_store(settings.data_dir) is None


def test_every_nquads_file_of_the_release_is_loaded(
    settings: Settings, release: Path, expected_graphs: dict[str, int], tmp_path: Path
) -> None:
    """An imported HPO lives in ``hpo.nq`` beside ``mnkg.nq``; a load takes both."""
    folder = tmp_path / "with-extra"
    folder.mkdir()
    (folder / "mnkg.nq").write_bytes((release / "mnkg.nq").read_bytes())
    extra = f"<{EX}a> <{EX}b> <{EX}c> <{Graph.HPO}> .\n"
    (folder / "hpo.nq").write_text(extra)
    store = OxigraphStore(settings.data_dir, settings=settings)
    try:
        report = store.load_release(folder)
        assert report.graphs == expected_graphs | {Graph.HPO: 1}
    finally:
        store.close()


def test_a_release_without_mnkg_nq_is_a_clear_error(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "hpo.nq").write_text("")
    store = OxigraphStore(settings.data_dir, settings=settings)
    try:
        with pytest.raises(UserError, match=r"mnkg\.nq is missing"):
            store.load_release(tmp_path)
    finally:
        store.close()


# --- a full disk ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for the test (needs root and a kernel that allows it)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_load_that_fills_the_disk_says_so_and_the_old_store_keeps_serving(
    small_disk: Path, release: Path, tmp_path: Path
) -> None:
    data_dir = small_disk / "data"
    first = mnkg_cli("load", "--data-dir", str(data_dir), "--release", str(release))
    assert first.returncode == 0, first.stderr
    serving = current_store(data_dir)
    big = _big_release(tmp_path / "too-big", 60_000)  # about 4 MB of N-Quads
    done = mnkg_cli("load", "--data-dir", str(data_dir), "--release", str(big))
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "no space left" in lines[0]
    assert str(data_dir) in lines[0]
    assert re.search(r"needs about \d+(\.\d)? MB", lines[0]), lines[0]
    root = store_root(data_dir)
    assert not [p.name for p in root.iterdir() if p.name.startswith("building-")]
    assert current_store(data_dir) == serving
    store = OxigraphStore(data_dir, settings=Settings(data_dir=data_dir, result_limit=1000))
    try:
        assert len(answers(store)) == 8
    finally:
        store.close()
