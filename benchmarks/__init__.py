"""Benchmarks of Magazine Reader: import speed, search, window; run them with `python -m benchmarks.run`."""
