"""``python -m mnkg.kg.cli``: the same as the ``mnkg`` command."""

from mnkg.kg.cli import main

if __name__ == "__main__":  # not when a spawned HTTP process re-imports it (mnkg serve)
    main()
