"""Subcommands of ``python -m analysis``.

Each module here defines ``register(subparsers, add_common)``: it adds its subcommand(s), calls
``add_common(parser)`` for the shared options (FILE ..., --format, --words), and sets ``handler`` — a function
of the parsed ``argparse.Namespace`` that returns the rows (a list of dicts) to print — and ``fields``, the
columns of those rows in order (a list, or a function of the namespace when they depend on the arguments), so that
a CSV result with no rows still has its header.
"""
