"""``new``: what a year's speech says for the first time, says again after an absence, or no longer says."""
from analysis.cli.commands.attestation import kinds_of, add_kind_option, inventories
from analysis.cli.sources import load_input
from analysis.context.timeline import NEW_COLUMNS, speech_year, whats_new
from analysis.errors import InputError


def run(args) -> list[dict]:
    speeches = load_input(args)
    years = sorted({y for sp in speeches if (y := speech_year(sp)) is not None})
    if args.year not in years:
        near = ", ".join(str(y) for y in sorted(years, key=lambda y: abs(y - args.year))[:3])
        raise InputError(f"no speech of {args.year} (nearest years with one: {near or 'none'})",
                         zh=f"没有 {args.year} 年的讲话（最近的有讲话的年份：{near or '无'}）")
    kinds = kinds_of(args)
    return whats_new(speeches, inventories(speeches, kinds=kinds, words_file=args.words), year=args.year,
                     kinds=kinds)


def register(sub, add_common) -> None:
    p = sub.add_parser("new", help="terms new, returned or dropped in a year: term, kind, status, count, "
                                   "previous_count")
    p.add_argument("--year", type=int, required=True, metavar="YEAR", help="the year to look at")
    add_common(p)
    add_kind_option(p)
    p.set_defaults(fields=NEW_COLUMNS, handler=run)
