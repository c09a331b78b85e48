"""A remote SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, QLever, ...) behind the Store interface.

:class:`RemoteStore` (``client.py``) reads and writes over HTTP; ``results.py`` normalises what
servers answer; ``loading.py`` splits a release into requests.
"""

from mnkg.kg.store.remote.client import RemoteStore, redact
from mnkg.kg.store.remote.results import RemoteRefused

__all__ = ["RemoteRefused", "RemoteStore", "redact"]
