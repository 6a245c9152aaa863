"""``speeches``: the speeches of the input with their size and masking figures."""
from analysis.cli.sources import load_input
from analysis.context.timeline import speech_year
from analysis.text.normalize import count_han, find_placeholders

#: The columns of the rows, in order.
FIELDS = ["id", "title", "chars", "han_chars", "placeholders", "subtitle", "date", "year", "source"]


def run(args) -> list[dict]:
    rows = []
    for sp in load_input(args):
        rows.append({"id": sp.id, "title": sp.title, "chars": len(sp.text) - sp.text.count("\n"),
                     "han_chars": count_han(sp.text), "placeholders": len(find_placeholders(sp.text)),
                     "subtitle": sp.subtitle, "date": sp.date, "year": speech_year(sp), "source": sp.source})
    return rows


def register(sub, add_common) -> None:
    p = sub.add_parser("speeches", help="list the speeches: id, title, chars, han_chars, placeholders")
    add_common(p)
    p.set_defaults(handler=run, fields=FIELDS)
