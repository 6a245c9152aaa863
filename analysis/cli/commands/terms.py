"""``terms``: the most frequent words of each speech."""
from analysis.errors import InputError, os_reason_zh
from analysis.ingest.loading import load_paths
from analysis.pipeline import segment_all, lexicon_with_words_file
from analysis.text.counts import term_table, top_terms
from analysis.text.stopwords import load_builtin, decode_stopword_file


def run(args) -> list[dict]:
    speeches = load_paths(args.files)
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
    segs = segment_all(speeches, lexicon=lexicon_with_words_file(args.words))
    table = top_terms(term_table(speeches, segs, stopwords=stop, min_len=args.min_len), top=args.top)
    return [{"speech": int(r.speech), "term": r.term, "count": int(r.count), "per_10k": float(r.per_10k),
             "tag": r.tag} for r in table.itertuples()]


def register(sub, add_common) -> None:
    p = sub.add_parser("terms", help="top words per speech: speech, term, count")
    add_common(p)
    p.add_argument("--stopwords", metavar="FILE",
                   help="stopword list, one word per line (default: the built-in general list)")
    p.add_argument("--no-stopwords", action="store_true", help="count every word")
    p.add_argument("--officialese", action="store_true", help="also drop the built-in officialese list")
    p.add_argument("--top", type=int, default=20, metavar="N", help="words per speech (default 20)")
    p.add_argument("--min-len", type=int, default=1, metavar="N", help="minimum word length in characters")
    p.set_defaults(handler=run)
