"""The import loads the store while it writes ``hpo.nq`` (through a pipe): the bad paths.

Whatever fails (the input, the loader, another load holding the lock), the store keeps its
previous content, no partial store or lock is left behind, and the error names the problem.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.hpo_helpers import (
    FASCICULATIONS,
    FIXTURE_ROWS,
    SMA1_OMIM,
    TONGUE_FASCICULATIONS,
    fixture_release,
    hp_iri,
    hpoa_text,
    row,
)
from pyoxigraph import RdfFormat
from pyoxigraph import Store as OxStore

from mnkg.kg.errors import UserError
from mnkg.kg.hpo.feed import StoreFeed
from mnkg.kg.hpo.importer import HPO_FILE
from mnkg.kg.release.hpo import import_hpo
from mnkg.kg.settings import Settings
from mnkg.kg.store import LoadReport, layout
from mnkg.kg.store.generations import list_generations
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.vocab import identifiers

HAS_PHENOTYPE = "http://purl.obolibrary.org/obo/RO_0002200"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", query_timeout=10.0, workers=1)


@pytest.fixture
def first_import(settings: Settings, sources: Path, seeds: dict[str, str]) -> bytes:
    """A release with one import loaded; the ``hpo.nq`` it wrote."""
    fixture_release(settings.release_dir, seeds)
    report = import_hpo(settings, [sources])
    assert report.load is not None and report.load.quads > 0
    return (settings.release_dir / HPO_FILE).read_bytes()


def _sma1_fasciculations(settings: Settings) -> bool:
    store = OxigraphStore(settings.data_dir, settings=settings)
    try:
        disease, sign = identifiers.expand(SMA1_OMIM), hp_iri(TONGUE_FASCICULATIONS)
        return bool(store.query(f"ASK {{ <{disease}> <{HAS_PHENOTYPE}> <{sign}> }}"))
    finally:
        store.close()


def _assert_unchanged(settings: Settings, hpo_nq: bytes, generations: list[str]) -> None:
    root = layout.store_root(settings.data_dir)
    assert (settings.release_dir / HPO_FILE).read_bytes() == hpo_nq
    assert [g.name for g in list_generations(root)] == generations
    assert not list(root.glob("building-*")), "a partial store was left behind"
    assert not list(settings.data_dir.glob(".*partial"))
    assert _sma1_fasciculations(settings)


def test_streamed_import_loads_what_it_writes(settings: Settings, first_import: bytes) -> None:
    store = layout.current_store(settings.data_dir)
    assert store is not None
    loaded = OxStore.read_only(str(store))
    written = OxStore()
    written.bulk_load(input=first_import, format=RdfFormat.N_QUADS)
    assert set(written) <= set(loaded)  # hpo.nq's every quad is in the store
    assert _sma1_fasciculations(settings)


def test_bad_row_aborts_the_load_and_a_new_import_then_works(
    settings: Settings, sources: Path, first_import: bytes, tmp_path: Path
) -> None:
    generations = [g.name for g in list_generations(layout.store_root(settings.data_dir))]
    bad = tmp_path / "bad.hpoa"
    bad_row = row(SMA1_OMIM, "x", "", FASCICULATIONS, SMA1_OMIM, "XYZ", "", "", "", "", "P", "")
    bad.write_text(hpoa_text([*FIXTURE_ROWS, bad_row]), encoding="utf-8")
    with pytest.raises(UserError, match=r"bad\.hpoa:10: unknown evidence code 'XYZ'"):
        import_hpo(settings, [sources / "hp.obo", bad])
    _assert_unchanged(settings, first_import, generations)
    again = import_hpo(settings, [sources])  # the lock was released, the pipe closed
    assert again.load is not None and again.load.graphs == _graphs_of_previous(settings)


def _graphs_of_previous(settings: Settings) -> dict[str, int]:
    kept = list_generations(layout.store_root(settings.data_dir))
    previous = [g for g in kept if not g.current][-1]
    return dict(previous.graphs or {})


def test_unreadable_obo_aborts_the_load_before_anything_is_written(
    settings: Settings, sources: Path, first_import: bytes, tmp_path: Path
) -> None:
    generations = [g.name for g in list_generations(layout.store_root(settings.data_dir))]
    broken = tmp_path / "hp.obo"
    broken.write_text("format-version: 1.2\n\n[Term]\nid: HP:0000001\nname\n", encoding="utf-8")
    with pytest.raises(UserError):
        import_hpo(settings, [broken, sources / "phenotype.hpoa"])
    _assert_unchanged(settings, first_import, generations)


def test_a_load_holding_the_lock_stops_the_import_with_a_clear_error(
    settings: Settings, sources: Path, first_import: bytes
) -> None:
    generations = [g.name for g in list_generations(layout.store_root(settings.data_dir))]
    lock = layout.store_root(settings.data_dir) / layout.LOCK
    with open(lock, "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(UserError, match="another load is running"):
            import_hpo(settings, [sources])
        fcntl.flock(held, fcntl.LOCK_UN)
    _assert_unchanged(settings, first_import, generations)


def _load_into(target: Path) -> Callable[[Path], LoadReport]:
    """A load function over a plain on-disk pyoxigraph store (the feed's contract alone)."""

    def load(pipe: Path) -> LoadReport:
        store = OxStore(str(target))
        store.bulk_load(path=str(pipe), format=RdfFormat.N_QUADS)
        return LoadReport(quads=len(store), graphs={}, seconds=0.0, location=str(target))

    return load


def test_feed_delivers_every_line_and_abort_fails_the_load(tmp_path: Path) -> None:
    load = _load_into(tmp_path / "ok")
    feed = StoreFeed(load)
    lines = "".join(f"<urn:s:{i}> <urn:p> <urn:o> <urn:g> .\n" for i in range(200_000))
    feed.write(lines.encode())  # several times the pipe's buffer
    assert feed.finish().quads == 200_000

    failed: list[BaseException] = []

    def load_and_record(pipe: Path) -> LoadReport:
        try:
            return load(pipe)
        except BaseException as error:
            failed.append(error)
            raise

    aborted = StoreFeed(load_and_record)
    aborted.write(b"<urn:s> <urn:p> <urn:o> <urn:g> .\n")
    aborted.abort()
    assert failed and isinstance(failed[0], SyntaxError)


def test_feed_write_raises_the_error_of_a_load_that_stopped() -> None:
    def refuse(_pipe: Path) -> LoadReport:
        raise UserError("no space left for the new store")

    feed = StoreFeed(refuse)
    with pytest.raises(UserError, match="no space left"):
        for _ in range(100):  # the pipe's buffer fills, then the closed reader is seen
            feed.write(b"<urn:s> <urn:p> <urn:o> <urn:g> .\n" * 10_000)
    feed.abort()  # nothing left to end: returns at once
