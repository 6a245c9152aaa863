"""``similarity``: how alike each pair of speeches is (TF-IDF cosine) and how much text they share."""
from analysis.errors import InputError
from analysis.ingest.loading import load_paths
from analysis.pipeline import segment_all, lexicon_with_words_file
from analysis.compare.reuse import reuse_pairs
from analysis.compare.similarity import FEATURES, matrix_pairs, similarity_matrix
from analysis.text.stopwords import load_builtin


def run(args) -> list[dict]:
    speeches = load_paths(args.files)
    if len(speeches) < 2:
        raise InputError("similarity compares speeches: give at least two (a compilation file counts as several)",
                         zh="相似度分析是比较讲话：至少需要两篇（一个合集文件算作多篇）")
    if args.min_chars < 4:
        raise InputError("--min-chars must be at least 4", zh="--min-chars 至少为 4")
    segs = None
    if args.features == "word":
        segs = segment_all(speeches, lexicon=lexicon_with_words_file(args.words))
    matrix = similarity_matrix(speeches, features=args.features, segs=segs, stopwords=load_builtin("general"))
    reuse = {(r["a"], r["b"]): r for r in reuse_pairs(speeches, min_chars=args.min_chars)}
    return [{**p, "reuse_a": reuse[(p["a"], p["b"])]["reuse_a"], "reuse_b": reuse[(p["a"], p["b"])]["reuse_b"]}
            for p in matrix_pairs(matrix)]


def register(sub, add_common) -> None:
    p = sub.add_parser("similarity",
                       help="each pair of speeches: a, b, similarity (0-1), reuse_a, reuse_b (shared-text shares)")
    add_common(p)
    p.add_argument("--features", choices=FEATURES, default="word",
                   help="TF-IDF features: words and word pairs (default) or Han character 2-3-grams")
    p.add_argument("--min-chars", type=int, default=16, metavar="N",
                   help="shortest shared passage counted as reuse, in Han characters (default 16)")
    p.set_defaults(handler=run)
