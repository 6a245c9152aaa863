"""The political-terms lexicon that keeps units such as 四个意识 and 放管服 whole in segmentation, and the split
rules (``全面/部署``) that cut a token the segmenter keeps whole."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from analysis.paths import data_path

__all__ = ["Lexicon", "load_lexicon", "parse_lexicon", "split_rule", "SPLIT_MARK", "DEFAULT_LEXICON_PATH"]

#: The character that marks a split in a word list: ``全面/部署`` cuts the token 全面部署 into 全面 and 部署.
SPLIT_MARK = "/"


def split_rule(entry: str) -> tuple[str, tuple[str, ...]] | None:
    """``(word, parts)`` for a split entry such as ``全面/部署`` (two or more non-empty parts, no spaces);
    ``None`` for anything else."""
    if SPLIT_MARK not in entry or any(c.isspace() for c in entry):
        return None
    parts = tuple(p for p in entry.split(SPLIT_MARK) if p)
    if len(parts) < 2:
        return None
    return "".join(parts), parts

DEFAULT_LEXICON_PATH = data_path("lexicon.txt")


@dataclass(frozen=True)
class Lexicon:
    """An immutable, hashable set of ``(term, tag)`` entries in file order (first tag wins), and split rules
    ``(word, parts)``: wherever the segmenter gives the token ``word``, the tokens are ``parts`` instead."""
    entries: tuple[tuple[str, str], ...] = ()
    splits: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(t for t, _ in self.entries)

    @property
    def digest(self) -> str:
        """Stable hash of the entries: the lexicon half of every segmentation cache key."""
        blob = "\n".join(f"{t}\t{g}" for t, g in self.entries)
        if self.splits:     # lexicons without split rules keep the digests (and caches) they always had
            blob += "\n#splits\n" + "\n".join(SPLIT_MARK.join(parts) for _, parts in self.splits)
        return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]

    @property
    def dictionary(self) -> "Lexicon":
        """The same words without the split rules: what the segmenter's dictionary is built from."""
        return Lexicon(self.entries) if self.splits else self

    def with_terms(self, terms, *, tag: str = "nz") -> "Lexicon":
        """A new lexicon with ``terms`` added (user words from the sidebar or the library); an entry such as
        ``全面/部署`` adds a split rule instead (a later rule for the same word replaces the earlier one)."""
        seen = {t for t, _ in self.entries}
        extra = []
        splits = dict(self.splits)
        for t in terms:
            t = t.strip()
            rule = split_rule(t)
            if rule is not None:
                splits.pop(rule[0], None)
                splits[rule[0]] = rule[1]
            elif t and t not in seen and SPLIT_MARK not in t and not any(c.isspace() for c in t):
                seen.add(t)
                extra.append((t, tag))
        return Lexicon(self.entries + tuple(extra), tuple(splits.items()))

    def with_lexicon(self, other: "Lexicon") -> "Lexicon":
        """A new lexicon with the words and split rules of ``other`` added."""
        return self.with_terms(other.terms).with_terms(SPLIT_MARK.join(parts) for _, parts in other.splits)


def parse_lexicon(text: str) -> Lexicon:
    """Parse ``TERM [TAG]`` lines and ``PART/PART`` split lines; ``#`` starts a comment line; blank lines are
    skipped."""
    entries: list[tuple[str, str]] = []
    seen: set[str] = set()
    split_lines: list[str] = []
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        term = parts[0]
        if SPLIT_MARK in term:
            split_lines.append(term)
            continue
        tag = parts[1] if len(parts) > 1 and parts[1].isalpha() else "nz"
        if term not in seen:
            seen.add(term)
            entries.append((term, tag))
    return Lexicon(tuple(entries)).with_terms(split_lines)


def load_lexicon(path: Path | str = DEFAULT_LEXICON_PATH) -> Lexicon:
    return parse_lexicon(Path(path).read_text(encoding="utf-8"))
