"""``mnkg load`` as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store.layout import current_store
from mnkg.kg.store.oxigraph import OxigraphStore

MNKG = [sys.executable, "-c", "from mnkg.kg.cli import main; main()"]


def mnkg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MNKG, *args], capture_output=True, text=True, timeout=120, env=env)


def test_load_a_release_into_a_data_dir(tmp_path: Path, release: Path) -> None:
    data_dir = tmp_path / "elsewhere"
    done = mnkg("load", "--data-dir", str(data_dir), "--release", str(release))
    assert done.returncode == 0, done.stderr
    assert "loaded 8 triples" in done.stdout
    assert f"{Graph.KG}: 2" in done.stdout
    assert current_store(data_dir) is not None
    store = OxigraphStore(data_dir, settings=Settings(data_dir=data_dir))
    try:
        assert Graph.REDUNDANT in store.named_graphs()
    finally:
        store.close()


def test_load_uses_the_release_in_the_data_dir_by_default(
    tmp_path: Path, make_release, fixture_quads: str
) -> None:
    import os

    data_dir = tmp_path / "from-env"
    make_release(data_dir / "release", fixture_quads)
    done = mnkg("load", env=os.environ | {"MNKG_DATA_DIR": str(data_dir)})
    assert done.returncode == 0, done.stderr
    assert current_store(data_dir) is not None


def test_load_without_a_release_is_a_clean_error(tmp_path: Path) -> None:
    done = mnkg("load", "--data-dir", str(tmp_path / "empty"))
    assert done.returncode != 0
    assert "mnkg.nq is missing" in done.stderr
    assert "Traceback" not in done.stderr
