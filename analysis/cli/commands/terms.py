"""``terms``: the most frequent words of each speech."""
from analysis.errors import InputError, os_reason_zh
from analysis.cli.sources import disk_cache, load_input
from analysis.pipeline import count_table, lexicon_with_words_file
from analysis.text.stopwords import load_builtin, decode_stopword_file

#: The columns of the rows, in order.
FIELDS = ["speech", "term", "count", "per_10k", "tag"]


def run(args) -> list[dict]:
    speeches = load_input(args)
    if args.stopwords:
        try:
            with open(args.stopwords, "rb") as fh:
                stop = decode_stopword_file(fh.read(), name=args.stopwords)
        except OSError as exc:
            raise InputError(f"{args.stopwords}: cannot read ({exc.strerror or exc})",
                             zh=f"{args.stopwords}：无法读取（{os_reason_zh(exc)}）") from None
    else:
        stop = [] if args.no_stopwords else load_builtin("general")
    if args.officialese:
        stop = list(stop) + load_builtin("officialese")
    if args.top < 1:
        raise InputError("--top must be at least 1", zh="--top 至少为 1")
    # Counted speech by speech into a compact table (through the persistent cache), never all tokens at once.
    table = count_table(speeches, lexicon=lexicon_with_words_file(args.words), cache=disk_cache())
    return table.top(top=args.top, stopwords=stop, min_len=args.min_len)


def register(sub, add_common) -> None:
    p = sub.add_parser("terms", help="top words per speech: speech, term, count")
    add_common(p)
    p.add_argument("--stopwords", metavar="FILE",
                   help="stopword list, one word per line (default: the built-in general list)")
    p.add_argument("--no-stopwords", action="store_true", help="count every word")
    p.add_argument("--officialese", action="store_true", help="also drop the built-in officialese list")
    p.add_argument("--top", type=int, default=20, metavar="N", help="words per speech (default 20)")
    p.add_argument("--min-len", type=int, default=1, metavar="N", help="minimum word length in characters")
    p.set_defaults(handler=run, fields=FIELDS)
