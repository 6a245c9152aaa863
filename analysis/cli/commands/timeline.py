"""``timeline``: the rate of each TERM in each speech by year (per 10,000 Han characters)."""
from pathlib import Path

from analysis.cli.sources import add_corpus_option, load_input
from analysis.context.timeline import TIMELINE_COLUMNS, term_timeline
from analysis.errors import InputError
from analysis.ingest.loading import SUPPORTED_EXTENSIONS


def run(args) -> list[dict]:
    # TERM and FILE arguments share the positional list: an argument naming an existing file or folder is a FILE.
    files = [a for a in args.items if Path(a).exists()]
    terms = [a for a in args.items if not Path(a).exists()]
    for t in terms:   # a missing file is an error, not a term that is never found
        if "/" in t or "\\" in t or t.lower().endswith(SUPPORTED_EXTENSIONS):
            raise InputError(f"{t}: no such file", zh=f"{t}：文件不存在")
    if not terms:
        raise InputError("timeline needs at least one TERM", zh="timeline 至少需要一个检索词（TERM）")
    if any(not t.strip() for t in terms):
        raise InputError("a TERM must not be empty", zh="检索词不能为空")
    return term_timeline(load_input(args, files=files), terms, regex=args.regex)


def register(sub, add_common) -> None:
    p = sub.add_parser("timeline", help="each TERM in each speech by year: term, speech, year, count, per_10k")
    p.add_argument("items", nargs="+", metavar="TERM|FILE",
                   help="terms to count (as the kwic subcommand finds them); arguments that name an existing file "
                        "or folder are speech files added to the corpus")
    add_corpus_option(p)
    add_common(p, files=False)
    p.add_argument("--regex", action="store_true", help="each TERM is a regular expression")
    p.set_defaults(fields=TIMELINE_COLUMNS, handler=run, more_positionals="items")
