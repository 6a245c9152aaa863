"""Batch ingest of large corpora into a Parquet store, and queries over that store.

Hundreds of thousands of speeches do not fit the dashboard's in-memory path, so :mod:`analysis.batch.ingest`
splits the input (files, folders, JSON-lines corpora) into partitions and runs them on a Dask cluster (a
LocalCluster by default, or any running scheduler); every partition runs the same single-speech pipeline as the
dashboard (segmentation with the lexicon, every phrase detector, the same count tables) and writes its rows to the
store of :mod:`analysis.batch.store` — Parquet datasets of speeches, term counts, a term dictionary and phrase
occurrences — under a temporary name that is renamed only when complete. :mod:`analysis.batch.query` answers
counts, top terms, keyness, timelines and phrase tables with DuckDB over those files, for a subcorpus chosen by
metadata, without loading the speeches into memory; :mod:`analysis.batch.cli` is the ``--store`` side of the
command line.
"""
