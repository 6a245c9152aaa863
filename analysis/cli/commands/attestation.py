"""``attestation``: the first and last year each word or phrase is used, in how many speeches, how often."""
from analysis.cli.sources import load_input, processed
from analysis.context.timeline import ATTESTATION_COLUMNS, INVENTORY_KINDS, attestation, inventory, speech_year
from analysis.errors import InputError
from analysis.pipeline import lexicon_with_words_file


def inventories(speeches, *, kinds, words_file=None) -> dict:
    """The inventory of each dated speech, from the persistent cache when it is there."""
    dated = [sp for sp in speeches if speech_year(sp) is not None]
    if not dated:
        raise InputError("no speech has a date (a year is needed to place it in the series)",
                         zh="没有标注日期的讲话（需要年份才能排入时间序列）")
    phrase_kinds = tuple(k for k in kinds if k != "word")
    done = processed(dated, lexicon=lexicon_with_words_file(words_file), kinds=phrase_kinds)
    return {i: inventory(p.segmentation, p.phrases) for i, p in done.items()}


def kinds_of(args) -> tuple[str, ...]:
    return (args.kind,) if args.kind else INVENTORY_KINDS


def run(args) -> list[dict]:
    if args.min_reports < 1:
        raise InputError("--min-reports must be at least 1", zh="--min-reports 至少为 1")
    speeches = load_input(args)
    kinds = kinds_of(args)
    return attestation(speeches, inventories(speeches, kinds=kinds, words_file=args.words), kinds=kinds,
                       min_reports=args.min_reports)


def add_kind_option(p) -> None:
    p.add_argument("--kind", choices=INVENTORY_KINDS, default=None,
                   help="only words, idioms (and set phrases), quoted slogans, numbered formulas or recurrent "
                        "phrases (default: all)")


def register(sub, add_common) -> None:
    p = sub.add_parser("attestation",
                       help="first and last year of each term: term, kind, first_year, last_year, reports, count")
    add_common(p)
    add_kind_option(p)
    p.add_argument("--min-reports", type=int, default=1, metavar="N",
                   help="only terms used in at least N speeches (default 1)")
    p.set_defaults(fields=ATTESTATION_COLUMNS, handler=run)
