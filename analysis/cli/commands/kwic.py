"""``kwic``: every occurrence of a word, phrase or regular expression with its context."""
from analysis.errors import InputError
from analysis.ingest.loading import load_paths
from analysis.context.kwic import SORTS, kwic


def run(args) -> list[dict]:
    if args.width < 0:
        raise InputError("--width must not be negative", zh="--width 不能为负数")
    speeches = load_paths(args.files)
    return [r.to_dict() for r in kwic(speeches, args.query, regex=args.regex, width=args.width, sort=args.sort)]


def register(sub, add_common) -> None:
    p = sub.add_parser("kwic", help="concordance of QUERY: speech, offset, left, match, right")
    p.add_argument("query", metavar="QUERY", help="word or phrase to find (a regular expression with --regex)")
    add_common(p)
    p.add_argument("--width", type=int, default=20, metavar="N", help="context characters on each side (default 20)")
    p.add_argument("--regex", action="store_true", help="QUERY is a regular expression")
    p.add_argument("--sort", choices=SORTS, default="position",
                   help="order: text position (default), left context read backwards, or right context")
    p.set_defaults(handler=run)
