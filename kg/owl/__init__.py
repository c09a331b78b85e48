"""OWL reasoning: HermiT through owlready2, and the Ubergraph-style materialisation of what it
concluded.
"""
