"""The HPO bridge: HPO's classes and disease annotations as N-Quads, and their classification
under the ontology's sign classes.
"""
