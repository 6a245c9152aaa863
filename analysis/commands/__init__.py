"""Subcommands of ``python -m analysis``.

Each module here defines ``register(subparsers)`` that adds one or more subcommands; each subcommand's
handler takes the parsed ``argparse.Namespace`` and returns a list of dicts (the rows to print).
"""
