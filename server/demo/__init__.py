"""The demo county generator and the demo users: synthetic data for `make run` and benches."""
