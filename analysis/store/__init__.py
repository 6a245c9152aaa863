"""Store: what is kept on disk between runs.

The user's library of saved speeches, stopword lists and words (SQLite), and the persistent cache of
segmentations and phrase matches keyed by content digest and lexicon digest."""
