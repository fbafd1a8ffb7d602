"""Benchmark harnesses, the synthetic scale corpus and peer comparisons (never imported by the product)."""
