"""Speed and memory benchmarks of TifaLens: ``python -m benchmarks`` runs them all and prints one table."""
