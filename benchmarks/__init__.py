"""MNKG benchmarks: build, load, latency and throughput, against rdflib and raw pyoxigraph.

Run ``python -m benchmarks [--hpo] [--quick]`` from the repository root (docs/performance.md).
Not part of the test suite.
"""
