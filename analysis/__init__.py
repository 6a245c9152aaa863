"""TifaLens analysis library: pure functions over plain data, no UI imports.

The same code serves the dashboard, the command line (``python -m analysis``) and notebooks.
"""
