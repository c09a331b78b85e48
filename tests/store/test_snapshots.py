"""Generations of the embedded store: deleting updates keep a snapshot, ``mnkg stores`` lists
the kept generations and ``mnkg rollback`` swaps one back in while the store serves."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mnkg.kg.cli import main
from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store import layout
from mnkg.kg.store.layout import current_store
from mnkg.kg.store.oxigraph import OxigraphStore

EX = "http://example.org/"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def mnkg(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """``mnkg(*args)``: the console script's ``main`` run in this process (a subprocess per
    call would spend seconds importing); exit code, stdout and stderr as a user sees them."""

    def run(*args: str) -> Done:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["mnkg", *args])
        code = 0
        try:
            main()
        except SystemExit as exit:
            code = int(exit.code or 0)
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return run


def rows(store: OxigraphStore) -> list[tuple[str, ...]]:
    return [tuple(str(t) for t in row) for row in store.query(ALL)]


def listed(mnkg, data_dir: Path) -> list[dict[str, Any]]:
    done = mnkg("stores", "--data-dir", str(data_dir), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["generations"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", result_limit=1000, workers=1, keep_generations=2)


def test_drop_all_keeps_a_snapshot_that_rollback_swaps_back_in_while_serving(
    mnkg, disk_store: OxigraphStore, settings: Settings, expected_graphs: dict[str, int]
) -> None:
    before = rows(disk_store)
    loaded = disk_store.generation()
    disk_store.update("DROP ALL")
    assert rows(disk_store) == []
    assert disk_store.generation() != loaded

    generations = listed(mnkg, settings.data_dir)
    assert [g["current"] for g in generations] == [True, False]
    dropped, snapshot = generations
    assert dropped["cause"] == "update" and dropped["quads"] == 0
    assert dropped["deleted"] == expected_graphs  # every triple of every graph, by graph
    assert snapshot["name"] == loaded and snapshot["cause"] == "load"
    assert snapshot["quads"] == sum(expected_graphs.values())
    assert snapshot["size_bytes"] > 0

    done = mnkg("rollback", "--data-dir", str(settings.data_dir))
    assert done.returncode == 0, done.stderr
    assert loaded in done.stdout
    # The running workers follow the pointer: the same store object answers as before.
    assert rows(disk_store) == before
    assert disk_store.generation() == loaded
    assert [g["name"] for g in listed(mnkg, settings.data_dir) if g["current"]] == [loaded]


def test_stores_prints_a_table_marking_the_current_generation(
    mnkg, disk_store: OxigraphStore, settings: Settings
) -> None:
    disk_store.update(f"INSERT DATA {{ GRAPH <{Graph.KG}> {{ <{EX}a> <{EX}b> <{EX}c> }} }}")
    done = mnkg("stores", "--data-dir", str(settings.data_dir))
    assert done.returncode == 0, done.stderr
    header, *lines = done.stdout.strip().splitlines()[1:]
    assert header.split("\t")[:5] == ["generation", "current", "created", "cause", "triples"]
    assert len(lines) == 2
    current = lines[0].split("\t")
    assert current[0] == disk_store.generation() and current[1] == "*"
    assert current[3] == "update" and current[4] == "9"
    assert lines[1].split("\t")[1] == ""


def test_old_generations_go_beyond_keep_and_rollback_takes_a_name(
    mnkg, settings: Settings, release: Path
) -> None:
    store = OxigraphStore(settings.data_dir, settings=settings)
    try:
        store.load_release(release)
        first = store.generation()
        names = []
        for i in range(2):
            store.update(f"INSERT DATA {{ GRAPH <{Graph.KG}> {{ <{EX}n{i}> <{EX}p> {i} }} }}")
            names.append(store.generation())
        with_both = rows(store)
        store.update(f"DELETE WHERE {{ GRAPH <{Graph.KG}> {{ ?s <{EX}causes> ?o }} }}")
        kept = listed(mnkg, settings.data_dir)
        # The current one and keep_generations (2) before it; the load is gone.
        assert [g["name"] for g in kept] == [store.generation(), names[1], names[0]]
        assert first not in {g["name"] for g in kept}
        assert not (settings.data_dir / "store" / first).exists()
        assert kept[0]["deleted"] == {Graph.KG: 2}
        assert kept[1]["deleted"] == {}

        done = mnkg("rollback", names[1].removeprefix("db-"), "--data-dir", str(settings.data_dir))
        assert done.returncode == 0, done.stderr
        assert rows(store) == with_both
        assert current_store(settings.data_dir).name == names[1]  # type: ignore[union-attr]
        redo = mnkg("rollback", kept[0]["name"], "--data-dir", str(settings.data_dir))
        assert redo.returncode == 0, redo.stderr
        assert len(rows(store)) == len(with_both) - 2
    finally:
        store.close()


def test_rollback_errors_are_one_clear_line(
    mnkg, disk_store: OxigraphStore, settings: Settings, tmp_path: Path
) -> None:
    cases = [
        (("rollback", "db-nope", "--data-dir", str(settings.data_dir)), "no generation 'db-nope'"),
        (("rollback", "--data-dir", str(settings.data_dir)), "no earlier generation"),
        (
            ("rollback", disk_store.generation(), "--data-dir", str(settings.data_dir)),
            "already the current generation",
        ),
        (("rollback", "--data-dir", str(tmp_path / "empty")), "no store has been loaded"),
        (("stores", "--data-dir", str(tmp_path / "empty")), "no store has been loaded"),
    ]
    for args, message in cases:
        done = mnkg(*args)
        assert done.returncode != 0, args
        assert message in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert disk_store.generation() == current_store(settings.data_dir).name  # type: ignore[union-attr]


def test_after_a_rollback_a_write_keeps_the_generation_it_was_made_from(
    tmp_path: Path, release: Path
) -> None:
    """keep=1 and a rollback: the newer, rolled-back-from generation is the most recent other
    one, but the one the write copied (current until its swap) must stay for its readers."""
    data_dir = tmp_path / "layout"
    layout.load_release(data_dir, release, keep=1)
    first = layout.current_store(data_dir).name  # type: ignore[union-attr]
    insert = f"INSERT DATA {{ GRAPH <{Graph.KG}> {{ <{EX}x> <{EX}p> 1 }} }}"
    layout.write_atomically(data_dir, lambda store: store.update(insert), keep=1)
    second = layout.current_store(data_dir).name  # type: ignore[union-attr]
    assert layout.rollback(data_dir).name == first
    layout.write_atomically(data_dir, lambda store: store.update(insert), keep=1)
    kept = {p.name for p in layout.store_root(data_dir).glob("db-*") if p.is_dir()}
    assert {first, second} < kept and len(kept) == 3
