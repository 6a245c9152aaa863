"""Ingest: turning files and pasted text into speeches.

Formats (txt, md, html, docx, pdf) and encodings are detected from the bytes, compilations are split into
speeches, and title, date, place and speaker are guessed as editable metadata. Everything here ends in
:class:`analysis.ingest.corpus.Speech` objects with normalised text."""
