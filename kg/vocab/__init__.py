"""Vocabularies: the one CURIE converter, resolution of external codes, SSSOM mapping sets,
OBO files and the verified external releases the project reads.
"""
