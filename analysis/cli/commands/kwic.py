"""``kwic``: every occurrence of a word, phrase or regular expression with its context."""
from analysis.errors import InputError
from analysis.cli.sources import load_input
from analysis.context.kwic import SEARCH_TIMEOUT, SORTS, kwic

#: The columns of the rows, in order.
FIELDS = ["speech", "offset", "left", "match", "right"]


def run(args) -> list[dict]:
    if args.width < 0:
        raise InputError("--width must not be negative", zh="--width 不能为负数")
    if not args.timeout > 0:
        raise InputError("--timeout must be a positive number of seconds", zh="--timeout 必须是正数（秒）")
    speeches = load_input(args)
    return [r.to_dict() for r in kwic(speeches, args.query, regex=args.regex, width=args.width, sort=args.sort,
                                      timeout=args.timeout)]


def register(sub, add_common) -> None:
    p = sub.add_parser("kwic", help="concordance of QUERY: speech, offset, left, match, right")
    p.add_argument("query", metavar="QUERY", help="word or phrase to find (a regular expression with --regex)")
    add_common(p)
    p.add_argument("--width", type=int, default=20, metavar="N", help="context characters on each side (default 20)")
    p.add_argument("--regex", action="store_true", help="QUERY is a regular expression")
    p.add_argument("--sort", choices=SORTS, default="position",
                   help="order: text position (default), left context read backwards, or right context")
    p.add_argument("--timeout", type=float, default=SEARCH_TIMEOUT, metavar="SECONDS",
                   help=f"stop a regular expression that runs longer than this (default {SEARCH_TIMEOUT:g})")
    p.set_defaults(handler=run, fields=FIELDS)
