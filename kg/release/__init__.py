"""The release: the build pipeline that composes the steps of the other packages, the HPO import,
and what ``mnkg serve`` does before it serves.
"""
