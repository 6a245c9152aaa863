"""Command line: ``python -m analysis COMMAND``, one module per subcommand under ``commands``.

Subcommands, flags, output fields and exit codes (0 ok, 1 bad input, 2 usage) are a public contract."""
