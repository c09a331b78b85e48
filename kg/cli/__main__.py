"""``python -m mnkg.kg.cli``: the same as the ``mnkg`` command."""

from mnkg.kg.cli import main

main()
