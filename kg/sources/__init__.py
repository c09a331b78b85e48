"""The build's inputs: the ontology sources, the curated tables and their compiler, the
generators of the import modules and of the SSSOM mapping sets.
"""
