"""``keyness``: the keywords of each speech against all the others (log-likelihood G² and Log Ratio)."""
from analysis.errors import InputError, os_reason_zh
from collections import Counter

from analysis.cli.sources import load_input, load_reference, segmentations
from analysis.compare.centre import keyness_against
from analysis.compare.keyness import CORRECTIONS, counts_by_speech, keyness_by_speech
from analysis.pipeline import lexicon_with_words_file
from analysis.text.counts import term_table
from analysis.text.stopwords import load_builtin, decode_stopword_file

#: The columns of the rows, in order.
FIELDS = ["speech", "term", "count", "rest_count", "g2", "p", "log_ratio"]


def _stopwords(args) -> list[str]:
    if not args.stopwords:
        return load_builtin("general")
    try:
        with open(args.stopwords, "rb") as fh:
            return decode_stopword_file(fh.read(), name=args.stopwords)
    except OSError as exc:
        raise InputError(f"{args.stopwords}: cannot read ({exc.strerror or exc})",
                         zh=f"{args.stopwords}：无法读取（{os_reason_zh(exc)}）") from None


def run(args) -> list[dict]:
    if args.top < 1:
        raise InputError("--top must be at least 1", zh="--top 至少为 1")
    if args.min_freq < 1:
        raise InputError("--min-freq must be at least 1", zh="--min-freq 至少为 1")
    speeches = load_input(args)
    if args.versions_once:
        speeches = _versions_once(speeches)
    if args.reference:
        return _against_reference(args, speeches)
    if len(speeches) < 2:
        raise InputError("keyness compares speeches: give at least two (a compilation file counts as several)",
                         zh="关键词分析是比较讲话：至少需要两篇（一个合集文件算作多篇）")
    stop = _stopwords(args)
    segs = segmentations(speeches, lexicon=lexicon_with_words_file(args.words))
    counts = counts_by_speech(term_table(speeches, segs, stopwords=stop))
    for sp in speeches:
        counts.setdefault(sp.id, {})
    # Rates are relative to every word of a speech, so dropping stopwords does not inflate them.
    totals = {sp.id: max(len(segs[sp.id].words()), 1) for sp in speeches}
    table = keyness_by_speech(counts, totals=totals, min_freq=args.min_freq, correction=args.correction)
    return _rows(args, table)


def _versions_once(speeches):
    """The speeches with each group of versions (reuse of half the text both ways) reduced to its longest
    version; the national reports are left as they are."""
    from analysis.compare.reuse import reuse_pairs
    from analysis.compare.versions import count_once, version_groups
    from analysis.ingest.national import NATIONAL_SOURCE
    from analysis.text.normalize import count_han
    local = [sp for sp in speeches if sp.source != NATIONAL_SOURCE]
    groups = version_groups(reuse_pairs(local))
    keep = set(count_once([sp.id for sp in speeches], groups, sizes={sp.id: count_han(sp.text) for sp in local}))
    return [sp for sp in speeches if sp.id in keep]


def _against_reference(args, speeches) -> list[dict]:
    """Each speech against the pooled reference corpus (its counts are ``rest_count``)."""
    if not speeches:
        raise InputError("no speech to compare with the reference", zh="没有要与参照语料比较的讲话")
    stop = _stopwords(args)
    ref = load_reference(args.reference, first_id=len(speeches) + 1)
    segs = segmentations(speeches + ref, lexicon=lexicon_with_words_file(args.words))
    counts = counts_by_speech(term_table(speeches + ref, segs, stopwords=stop))
    reference = Counter()
    for r in ref:
        reference.update(counts.get(r.id, {}))
    totals = {i: max(len(seg.words()), 1) for i, seg in segs.items()}
    table = keyness_against({sp.id: counts.get(sp.id, {}) for sp in speeches}, reference, totals=totals,
                            reference_total=sum(totals[r.id] for r in ref), min_freq=args.min_freq,
                            correction=args.correction)
    return _rows(args, table)


def _rows(args, table) -> list[dict]:
    if args.sign != "both":
        table = table[table["sign"] == ("+" if args.sign == "positive" else "-")]
    table = table.sort_values(["speech", "g2", "term"], ascending=[True, False, True]).groupby("speech").head(args.top)
    return [{"speech": int(r.speech), "term": r.term, "count": int(r.count), "rest_count": int(r.rest_count),
             "g2": round(float(r.g2), 4), "p": float(r.p), "log_ratio": round(float(r.log_ratio), 4)}
            for r in table.itertuples()]


def register(sub, add_common) -> None:
    p = sub.add_parser("keyness", help="keywords of each speech vs the rest: speech, term, count, g2, p, log_ratio")
    add_common(p)
    p.add_argument("--stopwords", metavar="FILE",
                   help="stopword list, one word per line (default: the built-in general list)")
    p.add_argument("--min-freq", type=int, default=3, metavar="N",
                   help="minimum count of a term in all speeches together (default 3)")
    p.add_argument("--top", type=int, default=20, metavar="N", help="keywords per speech (default 20)")
    p.add_argument("--correction", choices=CORRECTIONS, default="bh",
                   help="multiple-comparison correction applied to p: Benjamini-Hochberg (default), "
                        "Bonferroni or none")
    p.add_argument("--sign", choices=("positive", "negative", "both"), default="positive",
                   help="positive keywords (overused, the default), negative ones (underused) or both")
    p.add_argument("--versions-once", action="store_true",
                   help="count each group of versions of one text once: keep its longest version (speeches that "
                        "share at least half their text with each other, as in the similarity subcommand)")
    p.add_argument("--reference", choices=("national",), default=None,
                   help="compare each speech with this built-in corpus (national: the 52 national government work "
                        "reports) instead of with the other speeches; rest_count is then the reference's count")
    p.set_defaults(handler=run, fields=FIELDS)
