"""Compare: measures between speeches or groups of speeches.

Keyness (log-likelihood G², p with corrections, Log Ratio), TF-IDF similarity, and text reuse found by
character alignment with the differences between two versions of a speech."""
