"""The card's folders are subpackages of one import package, and none drops out of the wheel."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAPPED = {
    "kg": "mnkg.kg",
    "api": "mnkg.api",
    "ontology": "mnkg.ontology",
    "queries": "mnkg.queries",
}


def test_every_python_folder_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = set(config["tool"]["setuptools"]["packages"])
    missing = []
    for folder, package in MAPPED.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            if "node_modules" in init.parts:
                continue
            relative = init.parent.relative_to(ROOT / folder)
            name = ".".join([package, *relative.parts])
            if name not in packages:
                missing.append(name)
    assert missing == []


def test_the_wheel_installs_one_top_level_package(tmp_path: Path) -> None:
    """A wheel of the project holds `mnkg` and its metadata only: no top-level `kg`, `api`."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("mnkg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {
        "mnkg",
        f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info",
    }
    for folder in MAPPED:
        assert f"mnkg/{folder}/__init__.py" in names
    assert not [n for n in names if n.startswith(("kg/", "api/", "ontology/", "queries/"))]


def test_packaged_ontology_files_are_found() -> None:
    from mnkg import ontology

    assert ontology.edit_file().is_file()
    assert len(ontology.import_modules()) == 5


def test_every_data_file_of_a_package_folder_is_package_data() -> None:
    """A data file no package-data pattern matches is missing from a `pip install .` (not -e)."""
    from fnmatch import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]
    missing = []
    for folder, package in MAPPED.items():
        for path in (ROOT / folder).rglob("*"):
            if not path.is_file() or path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(ROOT / folder).as_posix()
            if not any(fnmatch(relative, pattern) for pattern in patterns.get(package, [])):
                missing.append(f"{folder}/{relative}")
    assert missing == []
