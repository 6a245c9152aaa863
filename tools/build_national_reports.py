"""Rebuild ``data/national_work_reports.jsonl`` from the Wikisource scrape of the national government work reports.

    python tools/build_national_reports.py SOURCE.jsonl [OUT.jsonl]

SOURCE is ``government_work_reports.jsonl`` of aldohemsn/chinese-political-corpora (SHA-256 below; 72 lines: 52
reports and 20 NPC resolutions). The cleaning is :func:`analysis.ingest.national.build_records`; this script adds
who delivered each report where the source page does not say it, checks the source's checksum and prints a
summary. See data/SOURCES.md.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.ingest.national import NATIONAL_PATH, build_records  # noqa: E402

SOURCE_SHA256 = "1d4eb8102366f5645e2b423b9659ff83f95aaa01377c62be6177860e71f18023"

#: Who delivered the report to the NPC, for the years whose page has no title block naming them. Most reports were
#: delivered by the premier; in 1955 (First Five-Year Plan), 1956 (budget), 1958 (1958 plan), 1960 (agricultural
#: programme) and 1980 (1980–81 plans) the report on the State Council's behalf was given by a vice-premier.
#: Where an NPC resolution of the same session names the premier, build_records checks that the two agree.
DELIVERED_BY = {
    1954: "周恩来", 1955: "李富春", 1956: "李先念", 1957: "周恩来", 1958: "薄一波", 1959: "周恩来",
    1960: "谭震林", 1964: "周恩来", 1975: "周恩来", 1978: "华国锋", 1979: "华国锋", 1980: "姚依林",
    **{y: "赵紫阳" for y in range(1981, 1988)}, 1988: "李鹏", **{y: "李鹏" for y in range(1992, 1999)},
    **{y: "朱镕基" for y in range(1999, 2004)}, **{y: "温家宝" for y in range(2004, 2014)},
    **{y: "李克强" for y in range(2014, 2024)}, 2024: "李强", 2025: "李强",
}


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else NATIONAL_PATH
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCE_SHA256:
        print(f"warning: {source} has SHA-256 {digest}, not the documented {SOURCE_SHA256}", file=sys.stderr)
    rows = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    records = build_records(rows, delivered_by=DELIVERED_BY)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} reports ({records[0]['year']}–{records[-1]['year']}) of {len(rows)} source rows "
          f"→ {out} ({out.stat().st_size:,} bytes, SHA-256 {hashlib.sha256(out.read_bytes()).hexdigest()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
