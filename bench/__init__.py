"""Benchmarks of the workbench (run `python bench/run.py`)."""
