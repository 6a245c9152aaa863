"""``similarity``: how alike each pair of speeches is (TF-IDF cosine) and how much text they share."""
from analysis.errors import InputError
from analysis.cli.sources import load_input, load_reference, segmentations
from analysis.compare.centre import reuse_against
from analysis.pipeline import lexicon_with_words_file
from analysis.compare.reuse import reuse_pairs
from analysis.compare.similarity import FEATURES, matrix_pairs, similarity_matrix
from analysis.text.stopwords import load_builtin

#: The columns of the rows, in order.
FIELDS = ["a", "b", "similarity", "reuse_a", "reuse_b"]


def run(args) -> list[dict]:
    speeches = load_input(args)
    if args.reference:
        return _against_reference(args, speeches)
    if len(speeches) < 2:
        raise InputError("similarity compares speeches: give at least two (a compilation file counts as several)",
                         zh="相似度分析是比较讲话：至少需要两篇（一个合集文件算作多篇）")
    if args.min_chars < 4:
        raise InputError("--min-chars must be at least 4", zh="--min-chars 至少为 4")
    segs = None
    if args.features == "word":
        segs = segmentations(speeches, lexicon=lexicon_with_words_file(args.words))
    matrix = similarity_matrix(speeches, features=args.features, segs=segs, stopwords=load_builtin("general"))
    reuse = {(r["a"], r["b"]): r for r in reuse_pairs(speeches, min_chars=args.min_chars)}
    return [{**p, "reuse_a": reuse[(p["a"], p["b"])]["reuse_a"], "reuse_b": reuse[(p["a"], p["b"])]["reuse_b"]}
            for p in matrix_pairs(matrix)]


def _against_reference(args, speeches) -> list[dict]:
    """Each speech against each reference speech of its year or earlier (all of them when it is undated); ``b`` is
    the reference's id in its own corpus (as ``speeches --corpus national`` lists it)."""
    if not speeches:
        raise InputError("no speech to compare with the reference", zh="没有要与参照语料比较的讲话")
    if args.min_chars < 4:
        raise InputError("--min-chars must be at least 4", zh="--min-chars 至少为 4")
    ref = load_reference(args.reference, first_id=len(speeches) + 1)
    segs = None
    if args.features == "word":
        segs = segmentations(speeches + ref, lexicon=lexicon_with_words_file(args.words))
    matrix = similarity_matrix(speeches + ref, features=args.features, segs=segs, stopwords=load_builtin("general"))
    offset = len(speeches)
    rows = []
    for sp in speeches:
        reuse, _passages = reuse_against(sp, ref, min_chars=args.min_chars)
        for r in reuse:
            rows.append({"a": sp.id, "b": r["b"] - offset, "similarity": round(float(matrix.loc[sp.id, r["b"]]), 4),
                         "reuse_a": r["reuse_a"], "reuse_b": r["reuse_b"], "b_year": r["b_year"],
                         "passages": r["passages"]})
    return rows


def register(sub, add_common) -> None:
    p = sub.add_parser("similarity",
                       help="each pair of speeches: a, b, similarity (0-1), reuse_a, reuse_b (shared-text shares)")
    add_common(p)
    p.add_argument("--features", choices=FEATURES, default="word",
                   help="TF-IDF features: words and word pairs (default) or Han character 2-3-grams")
    p.add_argument("--min-chars", type=int, default=16, metavar="N",
                   help="shortest shared passage counted as reuse, in Han characters (default 16)")
    p.add_argument("--reference", choices=("national",), default=None,
                   help="compare each speech with each speech of this built-in corpus of its own year or earlier "
                        "(national: the national government work reports) instead of with each other; adds b_year "
                        "and passages")
    p.set_defaults(handler=run, fields=lambda args: FIELDS + (["b_year", "passages"] if args.reference else []))
