"""``/version`` says whether the query workers run without a network (issue 12 point 1)."""

from __future__ import annotations

import os

import httpx


def test_version_reports_the_workers_network_isolation(http: httpx.Client) -> None:
    store = http.get("/version").json()["store"]
    isolation = store["isolation"]
    assert isolation["network"] in {"isolated", "off"}
    if os.geteuid() == 0:  # root here and in CI: unshare(CLONE_NEWNET) is allowed
        assert isolation == {"network": "isolated", "reason": None}
    else:
        assert isolation["network"] == "off" and isolation["reason"]
