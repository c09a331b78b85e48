"""The HTTP layer: a thin FastAPI app over :mod:`mnkg.kg`."""

__all__: list[str] = []
