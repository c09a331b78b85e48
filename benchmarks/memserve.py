"""The MNKG app over workers that copy the on-disk store into memory (``in_memory=True``).

``mnkg serve`` has no option for it, so the benchmark starts the same app this way to measure
memory against disk (docs/sparql.md, "Memory or disk for the workers").
"""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn

from mnkg.api.app import create_app
from mnkg.kg.settings import Settings
from mnkg.kg.store.oxigraph import OxigraphStore


def main() -> None:
    """Serve ``--data-dir`` on 127.0.0.1:``--port`` with in-memory workers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir)
    store = OxigraphStore(args.data_dir, settings=settings, in_memory=True)
    try:
        store.start()
        app = create_app(settings=settings, store=store)
        uvicorn.run(app, host="127.0.0.1", port=args.port, access_log=False, log_level="warning")
    finally:
        store.close()


if __name__ == "__main__":
    main()
