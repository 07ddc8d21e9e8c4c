"""Benchmarks behind `bangfu bench`: pure functions returning JSON-ready values."""
