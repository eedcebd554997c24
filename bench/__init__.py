"""Benchmarks of policykg: a synthetic corpus generator and the `policykg bench` runner."""
