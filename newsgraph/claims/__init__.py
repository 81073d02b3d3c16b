"""Deployment claims across articles: reports read from the store (reports.py), grouped
by deployer and destination with their verdicts (grouping.py), and written out for
people and programs (render.py)."""
