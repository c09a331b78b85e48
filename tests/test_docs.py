"""Every docstring example of the public facade (:mod:`mnkg.kg` and the modules its names come
from) runs as a test, as pyoxigraph's own docs do."""

from __future__ import annotations

import doctest
import importlib
import inspect
from types import ModuleType

import pytest

import mnkg.kg


def _facade_modules() -> list[ModuleType]:
    names = {"mnkg.kg"}
    for name in mnkg.kg.__all__:
        value = getattr(mnkg.kg, name)
        module = inspect.getmodule(value)
        if module is not None and module.__name__.startswith("mnkg."):
            names.add(module.__name__)
    return [importlib.import_module(n) for n in sorted(names)]


MODULES = _facade_modules()


@pytest.mark.parametrize("module", MODULES, ids=[m.__name__ for m in MODULES])
def test_docstring_examples_run(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0


def test_the_facade_has_examples() -> None:
    attempted = sum(doctest.testmod(m, verbose=False).attempted for m in MODULES)
    assert attempted >= 5
