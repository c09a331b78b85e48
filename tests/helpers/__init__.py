"""Helpers the tests import: vocabulary lookups, HPO fixture data, a small release."""
