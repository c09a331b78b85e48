"""Time ``mnkg build`` and ``mnkg import-hpo``: ``python -m benchmarks.import_timing``.

``--runs N`` (default 3) builds the curated release N times, then imports HPO N times, each
import into a fresh data directory holding a copy of the release (as a user's first import and
the test session's one import run). ``--release DIR`` skips the builds and imports over DIR.
Reports min / median / max of the wall seconds, the CPU seconds of the command's processes
(user + system, from the operating system's accounting of the reaped children) and the peak
memory, with the 1-minute load average before and after each run: on a shared machine the
CPU seconds are the figure that does not depend on the neighbours. Writes
``benchmarks/results/import-<UTC time>/results.json`` (docs/performance.md, "The build").
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python benchmarks/import_timing.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import machine
from benchmarks.procs import mnkg, run_measured

RESULTS = Path(__file__).resolve().parent / "results"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str]) -> dict[str, Any]:
    """One run of ``argv``: wall and CPU seconds, peak memory, load average around it."""
    load_before, cpu_before = os.getloadavg()[0], _children_cpu()
    measured = run_measured(argv)
    return {
        "wall_s": measured.seconds,
        "cpu_s": round(_children_cpu() - cpu_before, 2),
        "peak_rss_mb": measured.peak_rss_mb,
        "load_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "output_tail": measured.stdout.strip().splitlines()[-3:],
    }


def spread(runs: list[dict[str, Any]]) -> dict[str, list[float]]:
    """[min, median, max] of each figure over the runs."""
    return {
        key: [min(values), round(statistics.median(values), 2), max(values)]
        for key in ("wall_s", "cpu_s", "peak_rss_mb")
        for values in [[run[key] for run in runs]]
    }


def main(argv: list[str] | None = None) -> int:
    """Run the builds and imports, print and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--release", type=Path, help="import over this release, no build")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="mnkg-import-timing-"))
    out: dict[str, Any] = {"machine": machine.describe(), "runs": options.runs}
    try:
        release = options.release
        if release is None:
            release = work / "release"
            builds = [timed(mnkg("build", "--out", str(release))) for _ in range(options.runs)]
            out["build"] = {"runs": builds, "spread": spread(builds)}
        imports = []
        for number in range(options.runs):
            data_dir = work / f"data-{number}"
            shutil.copytree(release, data_dir / "release")
            imports.append(timed(mnkg("import-hpo", "--data-dir", str(data_dir))))
            shutil.rmtree(data_dir)
        out["import_hpo"] = {"runs": imports, "spread": spread(imports)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    folder = RESULTS / f"import-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    folder.mkdir(parents=True)
    (folder / "results.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    for step in ("build", "import_hpo"):
        if step in out:
            figures = out[step]["spread"]
            loads = [run["load_1min"] for run in out[step]["runs"]]
            print(
                f"{step}: wall {figures['wall_s']} s, cpu {figures['cpu_s']} s, "
                f"peak {figures['peak_rss_mb']} MB (min, median, max); load {loads}"
            )
    print(f"wrote {folder / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
