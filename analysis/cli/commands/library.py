"""``library``: the saved library: list, add files, delete a speech, export everything."""
import sys

from analysis.errors import InputError
from analysis.ingest.loading import load_paths, SPLIT_MODES
from analysis.store.library import content_hash, open_library

ACTIONS = ("list", "add", "delete", "export")
#: The columns of the rows of each action, in order.
FIELDS = {"list": ["id", "title", "date", "place", "speaker", "chars", "han_chars", "source", "added_at"],
          "add": ["id", "title", "status", "date", "place", "speaker", "source"],
          "delete": ["id", "title", "source", "status"],
          "export": ["path", "speeches", "stopword_lists", "lexicon_terms", "bytes"]}


def run(args) -> list[dict]:
    lib = open_library(args.data_dir)
    targets = args.targets
    if lib.read_only and args.action in ("list", "export"):
        # Listed and exported all the same; the user learns why changes would be refused (one line, stderr).
        sys.stderr.write(f"note: {lib.read_only_reason}\n")
    if args.action == "list":
        if targets:
            raise InputError("library list takes no arguments", zh="library list 不接受参数")
        return [{k: r[k] for k in FIELDS["list"]} for r in lib.list_speeches()]
    if args.action == "add":
        if not targets:
            raise InputError("library add needs at least one FILE", zh="library add 至少需要一个文件（FILE）")
        # Every file is read before anything is saved, and the save is one transaction: all or nothing.
        speeches = load_paths(targets, split=args.split)
        known = {r["hash"] for r in lib.list_speeches()}
        statuses = ["already saved" if content_hash(sp.text) in known else "added" for sp in speeches]
        ids = lib.add_speeches(speeches)
        seen: set[int] = set()
        rows = []
        for sp, lib_id, status in zip(speeches, ids, statuses):
            if lib_id in seen:
                status = "already saved"
            seen.add(lib_id)
            rows.append({"id": lib_id, "title": sp.title, "status": status, "date": sp.date, "place": sp.place,
                         "speaker": sp.speaker, "source": sp.source})
        return rows
    if args.action == "delete":
        if not targets:
            raise InputError("library delete needs at least one ID", zh="library delete 至少需要一个编号（ID）")
        ids = []
        for t in targets:
            if not t.isdigit():
                raise InputError(f"{t!r} is not a speech id (see: library list)",
                                 zh=f"{t!r} 不是讲话编号（见 library list）")
            ids.append(int(t))
        lib.get_speeches(ids)  # every id must exist before any is deleted
        return [dict(lib.delete_speech(i), status="deleted") for i in ids]
    if len(targets) != 1:
        raise InputError("library export needs exactly one PATH (.zip or .json)",
                         zh="library export 需要且只需要一个路径（PATH，.zip 或 .json）")
    return [lib.export(targets[0])]


def register(sub, add_common) -> None:
    p = sub.add_parser("library", help="saved speeches: list | add FILE... | delete ID... | export PATH")
    add_common(p, files=False)
    p.add_argument("action", choices=ACTIONS, help="what to do")
    p.add_argument("targets", nargs="*", metavar="ARG", help="files to add, ids to delete, or the export path")
    p.add_argument("--data-dir", metavar="DIR",
                   help="library folder (default: $TIFALENS_DATA_DIR, else $XDG_DATA_HOME/tifalens or "
                        "~/.local/share/tifalens)")
    p.add_argument("--split", choices=SPLIT_MODES, default="auto",
                   help="how added files are split: auto (第N篇 headings), none, pieces (一、 二、 titles)")
    p.set_defaults(handler=run, fields=lambda args: FIELDS[args.action])
