"""The card's folders are subpackages of one import package, and none drops out of the wheel."""

from __future__ import annotations

import tomllib
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


def test_no_top_level_kg_or_api_module_is_importable_by_accident() -> None:
    import importlib.util

    for name in MAPPED:
        spec = importlib.util.find_spec(name)
        assert spec is None or "site-packages" not in str(spec.origin), name


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
