"""Named SPARQL queries: one ``.rq`` file per query, the file name is its API name."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def query_dir() -> Path:
    """The folder holding the named queries."""
    with as_file(files(__name__)) as path:
        return Path(path)


__all__ = ["query_dir"]
