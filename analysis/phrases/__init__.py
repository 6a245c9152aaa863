"""Phrases: the phrase detectors and their registry.

Every detector is one module with one function, ``detect(doc, *, found) -> list[PhraseMatch]``, over one
analysed document (normalised text, the session's tokens, the lexicon); the registry lists each kind with
its labels and classes. A new detector is one new module plus one registry entry."""
