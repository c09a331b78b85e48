"""The suite's shared fixtures: one release build and one HPO import per session, servers.

The fixtures live in ``tests/fixtures/`` (loaded here as pytest plugins) and the helpers in
``tests/helpers/``; both are importable because ``pythonpath = ["tests"]`` (pyproject.toml).
Tests that change a data directory copy it first (``copy_data_dir``); the session's own data
directories are only ever read.
"""

pytest_plugins = ["fixtures.release", "fixtures.servers"]
