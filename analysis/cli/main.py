"""``python -m analysis``: the command line for scripts and for checking counts.

Every subcommand prints rows (a JSON array of objects, or CSV with a header row). Errors are one line on stderr
with a non-zero exit status: 2 for bad usage, 1 for bad input. Subcommands live in :mod:`analysis.cli.commands`;
each module there defines ``register(subparsers)``.
"""
from __future__ import annotations

import argparse
import csv
import errno
import importlib
import io
import json
import os
import pkgutil
import sqlite3
import sys

from analysis.cli.sources import add_corpus_option
from analysis.errors import InputError
from analysis.progress import StderrProgress, reporting

__all__ = ["main", "build_parser", "write_rows"]


class _Parser(argparse.ArgumentParser):
    """One-line errors; a subcommand's options may come before, between or after its positional arguments
    (``kwic 发展 FILE --regex`` and ``kwic 发展 --regex FILE`` alike), as with ``parse_intermixed_args``."""
    _intermixing = False

    def error(self, message: str):  # one line, exit 2, no usage dump
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)

    def parse_known_args(self, args=None, namespace=None):
        if self._intermixing or self._subparsers is not None:   # the top level keeps plain parsing (subcommands)
            return super().parse_known_args(args, namespace)
        self._intermixing = True          # parse_known_intermixed_args calls back into parse_known_args
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def add_common(parser: argparse.ArgumentParser, *, files: bool = True) -> None:
    """Options every subcommand shares: input files and built-in corpus, output format, lexicon additions."""
    if files:
        parser.add_argument("files", nargs="*", metavar="FILE",
                            help="speech files (a compilation file is split); the built-in corpus when omitted")
        add_corpus_option(parser)
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default json)")
    parser.add_argument("--words", metavar="FILE",
                        help="extra lexicon words, one per line; a line such as 全面/部署 splits that word there")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analysis",
                     description="TifaLens: counts and comparisons of Chinese official speeches.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    import analysis.cli.commands as pkg
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        importlib.import_module(f"analysis.cli.commands.{info.name}").register(sub, add_common)
    return parser


def write_rows(rows: list[dict], *, fmt: str, out=None, fields: list[str] | None = None) -> None:
    """Print ``rows`` as JSON or as CSV. The CSV header is ``fields`` (a subcommand's declared columns, so an empty
    result still has its header) followed by any other key the rows carry."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    buf = io.StringIO()
    fields = list(fields or [])
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
    argv = sys.argv[1:] if argv is None else list(argv)
    if any(a == "--store" or a.startswith("--store=") for a in argv) or os.environ.get("TIFALENS_STORE"):
        from analysis.batch.cli import main as store_main   # queries of a corpus store (DuckDB over Parquet)
        if (status := store_main(argv)) is not None:
            return status
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    # A subcommand whose positional list may continue after an option (timeline TERM --corpus national FILE)
    # names that list in ``more_positionals``; anything else left over is an error, as parse_args would say.
    more = getattr(args, "more_positionals", None)
    if extra and (more is None or any(e.startswith("-") for e in extra)):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:
        setattr(args, more, getattr(args, more) + extra)
    progress = StderrProgress(sys.stderr)   # long runs show how far they are, on stderr only
    try:
        with reporting(progress):
            rows = args.handler(args)
        progress.close()
        fields = getattr(args, "fields", None)     # set by each subcommand: a list, or a function of args
        write_rows(rows, fmt=args.format, fields=fields(args) if callable(fields) else fields)
    except InputError as exc:
        progress.close()
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:   # a disk that fails where no InputError says why yet: still one line
        progress.close()
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"error: {where}{'the disk is full' if exc.errno == errno.ENOSPC else exc.strerror or exc}"
                         "\n")
        return 1
    except sqlite3.Error as exc:
        progress.close()
        sys.stderr.write(f"error: database error ({exc})\n")
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
