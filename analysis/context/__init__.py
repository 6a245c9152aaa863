"""Context: reading terms where they occur.

Concordances (KWIC) with literal or regular-expression queries, the spread of a term through a speech or a
series of dated speeches, and sentence-level co-occurrence networks."""
