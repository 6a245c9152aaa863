"""The political-terms lexicon that keeps units such as 四个意识 and 放管服 whole in segmentation."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from analysis.paths import data_path

__all__ = ["Lexicon", "load_lexicon", "parse_lexicon", "DEFAULT_LEXICON_PATH"]

DEFAULT_LEXICON_PATH = data_path("lexicon.txt")


@dataclass(frozen=True)
class Lexicon:
    """An immutable, hashable set of ``(term, tag)`` entries in file order (first tag wins)."""
    entries: tuple[tuple[str, str], ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(t for t, _ in self.entries)

    @property
    def digest(self) -> str:
        """Stable hash of the entries: the lexicon half of every segmentation cache key."""
        blob = "\n".join(f"{t}\t{g}" for t, g in self.entries)
        return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]

    def with_terms(self, terms, *, tag: str = "nz") -> "Lexicon":
        """A new lexicon with ``terms`` added (user words from the sidebar or the library)."""
        seen = {t for t, _ in self.entries}
        extra = []
        for t in terms:
            t = t.strip()
            if t and t not in seen and not any(c.isspace() for c in t):
                seen.add(t)
                extra.append((t, tag))
        return Lexicon(self.entries + tuple(extra))


def parse_lexicon(text: str) -> Lexicon:
    """Parse ``TERM [TAG]`` lines; ``#`` starts a comment line; blank lines are skipped."""
    entries: list[tuple[str, str]] = []
    seen: set[str] = set()
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        term = parts[0]
        tag = parts[1] if len(parts) > 1 and parts[1].isalpha() else "nz"
        if term not in seen:
            seen.add(term)
            entries.append((term, tag))
    return Lexicon(tuple(entries))


def load_lexicon(path: Path | str = DEFAULT_LEXICON_PATH) -> Lexicon:
    return parse_lexicon(Path(path).read_text(encoding="utf-8"))
