"""Benchmarks for `consolidate`: a synthetic-corpus generator and a timing harness.

Not part of the installed package; run from a checkout (see benchmarks/README.md).
"""
