"""Quality control: SHACL validation, the claims audit (with its explanations and the claims
graph) and the checks of every external link.
"""
