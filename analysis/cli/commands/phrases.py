"""``phrases``: occurrences of one kind of phrase per speech: speech, kind, phrase, canonical, class, count."""
from analysis.errors import InputError
from analysis.ingest.loading import load_paths
from analysis.phrases.document import analyse
from analysis.phrases.registry import KINDS, detect, detector
from analysis.pipeline import lexicon_with_words_file


def _detect(kind: str, speech, lexicon):
    try:
        detector(kind)
    except ModuleNotFoundError as exc:
        raise InputError(f"the {kind} detector is not available ({exc.name})",
                         zh=f"{kind} 识别器不可用（缺少 {exc.name}）") from None
    return detect(kind, analyse(speech.text, lexicon=lexicon))


def run(args) -> list[dict]:
    speeches = load_paths(args.files)
    lexicon = lexicon_with_words_file(args.words)
    rows: list[dict] = []
    for sp in speeches:
        groups: dict[tuple[str, str, str], dict] = {}
        for m in _detect(args.kind, sp, lexicon):
            key = (m.phrase, m.canonical, m.cls)
            row = groups.get(key)
            if row is None:
                row = groups[key] = {"speech": sp.id, "kind": m.kind, "phrase": m.phrase, "canonical": m.canonical,
                                     "class": m.cls, "count": 0, "gloss": m.gloss, "members": list(m.members),
                                     "first_offset": m.start}
            row["count"] += 1
        rows += sorted(groups.values(), key=lambda r: (-r["count"], r["first_offset"]))
    return rows


def register(sub, add_common) -> None:
    p = sub.add_parser("phrases", help="phrases of one kind per speech: speech, kind, phrase, canonical, class, count")
    p.add_argument("--kind", required=True, choices=KINDS, help="which detector to run")
    add_common(p)
    p.set_defaults(handler=run)
