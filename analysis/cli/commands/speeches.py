"""``speeches``: the speeches of the input with their size and masking figures."""
from analysis.ingest.loading import load_paths
from analysis.text.normalize import count_han, find_placeholders


def run(args) -> list[dict]:
    rows = []
    for sp in load_paths(args.files):
        rows.append({"id": sp.id, "title": sp.title, "chars": len(sp.text) - sp.text.count("\n"),
                     "han_chars": count_han(sp.text), "placeholders": len(find_placeholders(sp.text)),
                     "subtitle": sp.subtitle, "date": sp.date, "source": sp.source})
    return rows


def register(sub, add_common) -> None:
    p = sub.add_parser("speeches", help="list the speeches: id, title, chars, han_chars, placeholders")
    add_common(p)
    p.set_defaults(handler=run)
