"""The SPARQL 1.1 endpoint and Linked Data front end (Flask)."""

from .app import create_app

__all__ = ["create_app"]
