"""``phrases``: occurrences of one kind of phrase per speech: speech, kind, phrase, canonical, class, count, and
``source`` (which list or grammar rule counted it; the first occurrence's when a row's occurrences differ)."""
from analysis.errors import InputError
from analysis.cli.sources import load_input, processed
from analysis.phrases.document import analyse
from analysis.phrases.registry import KINDS, detect, detector
from analysis.pipeline import lexicon_with_words_file

#: The columns of the rows, in order.
FIELDS = ["speech", "kind", "phrase", "canonical", "class", "count", "gloss", "members", "first_offset", "source"]


def _detect(kind: str, speech, lexicon):
    try:
        detector(kind)
    except ModuleNotFoundError as exc:
        raise InputError(f"the {kind} detector is not available ({exc.name})",
                         zh=f"{kind} 识别器不可用（缺少 {exc.name}）") from None
    return detect(kind, analyse(speech.text, lexicon=lexicon))


def _available(kind: str) -> None:
    try:
        detector(kind)
    except ModuleNotFoundError as exc:
        raise InputError(f"the {kind} detector is not available ({exc.name})",
                         zh=f"{kind} 识别器不可用（缺少 {exc.name}）") from None


def run(args) -> list[dict]:
    speeches = load_input(args)
    lexicon = lexicon_with_words_file(args.words)
    _available(args.kind)
    # Through the persistent cache, like the dashboard: a speech detected once is read back afterwards.
    found = processed(speeches, lexicon=lexicon, kinds=(args.kind,))
    rows: list[dict] = []
    for sp in speeches:
        groups: dict[tuple[str, str, str], dict] = {}
        for m in found[sp.id].phrases[args.kind]:
            key = (m.phrase, m.canonical, m.cls)
            row = groups.get(key)
            if row is None:
                row = groups[key] = {"speech": sp.id, "kind": m.kind, "phrase": m.phrase, "canonical": m.canonical,
                                     "class": m.cls, "count": 0, "gloss": m.gloss, "members": list(m.members),
                                     "first_offset": m.start, "source": m.source}
            row["count"] += 1
        rows += sorted(groups.values(), key=lambda r: (-r["count"], r["first_offset"]))
    return rows


def register(sub, add_common) -> None:
    p = sub.add_parser("phrases", help="phrases of one kind per speech: speech, kind, phrase, canonical, class, count")
    p.add_argument("--kind", required=True, choices=KINDS, help="which detector to run")
    add_common(p)
    p.set_defaults(handler=run, fields=FIELDS)
