"""The SPARQL 1.1 endpoint and Linked Data front end (Flask)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app"]


def __getattr__(name: str):
    # Imported on first use: query executors import newsgraph.endpoint.executor in a
    # fresh process, and must not pay for Flask and the whole app (1.1 s) to start.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
