"""``python -m analysis``: the command line for scripts and for checking counts.

Every subcommand prints rows (a JSON array of objects, or CSV with a header row). Errors are one line on stderr
with a non-zero exit status: 2 for bad usage, 1 for bad input. Subcommands live in :mod:`analysis.cli.commands`;
each module there defines ``register(subparsers)``.
"""
from __future__ import annotations

import argparse
import csv
import importlib
import io
import json
import pkgutil
import sys

from analysis.errors import InputError

__all__ = ["main", "build_parser", "write_rows"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def add_common(parser: argparse.ArgumentParser, *, files: bool = True) -> None:
    """Options every subcommand shares: input files, output format, lexicon additions."""
    if files:
        parser.add_argument("files", nargs="*", metavar="FILE",
                            help="speech files (a compilation file is split); the built-in corpus when omitted")
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default json)")
    parser.add_argument("--words", metavar="FILE", help="extra lexicon words, one per line")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analysis",
                     description="TifaLens: counts and comparisons of Chinese official speeches.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    import analysis.cli.commands as pkg
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        importlib.import_module(f"analysis.cli.commands.{info.name}").register(sub, add_common)
    return parser


def write_rows(rows: list[dict], *, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    buf = io.StringIO()
    fields: list[str] = []
    for r in rows:
        for k in r:
            if k not in fields:
                fields.append(k)
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                    for k, v in r.items()})
    out.write(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        rows = args.handler(args)
        write_rows(rows, fmt=args.format)
    except InputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    return 0
