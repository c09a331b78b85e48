"""MNKG: the motor neuron knowledge graph.

The distribution maps the repository's top-level folders onto subpackages of this one
import package: ``ontology/`` is :mod:`mnkg.ontology`, ``kg/`` is :mod:`mnkg.kg`,
``queries/`` is :mod:`mnkg.queries` and ``api/`` is :mod:`mnkg.api`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mnkg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
