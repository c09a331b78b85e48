"""The MNKG library: build, reason, validate, audit, store and query.

This package never imports FastAPI; the HTTP layer lives in :mod:`mnkg.api`.
"""

__all__: list[str] = []
