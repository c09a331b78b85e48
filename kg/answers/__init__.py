"""The domain answers, read with SPARQL from any store: terms, search, conditions,
localization, mappings, named queries and release information. Never imports rdflib,
owlready2 or pyshacl: the serving path stays light.
"""
