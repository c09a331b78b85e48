"""Settings, read once from the environment (``MNKG_*``) and passed down explicitly."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The per-user data directory used when neither ``--data-dir`` nor MNKG_DATA_DIR is set."""
    return Path(user_data_dir("mnkg", appauthor=False))


class Settings(BaseSettings):
    """Every knob of the service in one place. Environment variables are ``MNKG_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="MNKG_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    """Where the release and the on-disk store live."""
    store: str | None = None
    """Store descriptor: None for the embedded store in ``data_dir``, or a SPARQL endpoint URL."""
    update_url: str | None = None
    """SPARQL Update endpoint of a remote store (defaults to ``store``)."""
    graph_store_url: str | None = None
    """SPARQL 1.1 Graph Store Protocol endpoint of a remote store, if it has one."""
    query_timeout: float = 5.0
    """Seconds a SPARQL query may run before it is stopped."""
    result_limit: int = 100_000
    """Most result rows (or triples) one query may return."""
    max_body_bytes: int = 1_000_000
    """Largest request body accepted."""
    workers: int = 2
    """Query worker processes of the embedded store."""
    write_token: str | None = None
    """Bearer token that enables SPARQL Update and Graph Store writes; None keeps them refused."""
    # --- storeops (issue 12.4-12.6) ---
    keep_generations: int = Field(default=3, ge=1)
    """Previous generations of the embedded store kept for ``mnkg rollback`` (every load,
    write and rollback makes a generation; docs/stores.md)."""
    cors_write_origins: tuple[str, ...] = ()
    """Origins (``https://host[:port]``) whose pages may send writes (PUT, DELETE, requests
    with ``Authorization``); every origin may read. JSON list in ``MNKG_CORS_WRITE_ORIGINS``."""
    request_read_timeout: float = Field(default=30.0, gt=0)
    """Seconds a client has to send a whole request (headers and body) once it connected or
    began a request; slower clients get a 408 and are disconnected (slowloris)."""
    max_url_bytes: int = Field(default=32_768, ge=1024)
    """Longest request target (path and query string) accepted: longer is a 414."""
    max_header_bytes: int = Field(default=65_536, ge=4096)
    """Most bytes of request headers accepted: more is a 431."""

    sparql_allowed_services: list[str] = Field(default_factory=list)
    """Endpoints ``SERVICE`` and ``LOAD`` may call (exact IRIs; default none). An allowed call
    also needs ``sparql_network``."""
    sparql_network: bool = False
    """Let the query and update workers keep the host's network (off: each runs in a network
    namespace of its own and can reach nothing, 127.0.0.1 included)."""
    worker_memory_mb: int = 3072
    """Address space (``RLIMIT_AS``) each query worker may use, in MB; 0 for no cap."""
    reserved_workers: int = 1
    """Query workers started on top of ``workers`` that ``/sparql`` may not take: kept for
    the domain API and named queries, so runaway SPARQL cannot starve them."""
    sparql_client_queries: int = 64
    """Queries one client (bearer token, else address) may have running or waiting on
    ``/sparql``; more get 429 with ``Retry-After``."""
    body_timeout: float = 30.0
    """Seconds a client may take to send a request body."""
    http_concurrency: int = 256
    """Connections and tasks uvicorn accepts at once (``limit_concurrency``); more get 503."""
    # --- throughput (issue 13.1) ---
    http_processes: int = Field(default=0, ge=0)
    """HTTP server processes of ``mnkg serve`` over the one read-only store, each with its own
    query workers and grammar check (0: one per usable core). The per-client query limit and
    ``http_concurrency`` are shared out between them, so their totals stay as set."""
    inline_lookup_rows: int = Field(default=1000, ge=0)
    """Point lookups (one triple pattern with an IRI subject) are answered in the server
    process when their answer has at most this many rows; larger ones, and every other query,
    go to a query worker (0: every query does). See docs/sparql.md."""

    @property
    def release_dir(self) -> Path:
        """The built release the store is loaded from."""
        return self.data_dir / "release"


__all__ = ["Settings", "default_data_dir"]
