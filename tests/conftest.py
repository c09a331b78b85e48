"""The suite's shared fixtures: one release build and one HPO import per session, servers.

The fixtures live in ``tests/fixtures/`` (loaded here as pytest plugins) and the helpers in
``tests/helpers/``; both are importable because ``pythonpath = ["tests"]`` (pyproject.toml).
Tests that change a data directory copy it first (``copy_data_dir``); the session's own data
directories are only ever read.
"""

import os
import tempfile

pytest_plugins = ["fixtures.release", "fixtures.servers"]

# `mnkg serve` records where it serves (kg/cli/options.py); the suite's servers must never
# write the developer's own ~/.config/mnkg/served.json.
os.environ.setdefault(
    "MNKG_SERVED_FILE", os.path.join(tempfile.mkdtemp(prefix="mnkg-tests-"), "served.json")
)
