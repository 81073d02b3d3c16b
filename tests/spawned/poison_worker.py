"""A batch function for load_parallel's worker processes that dies on one article.

It lives outside the tests package: spawned workers import it by name from this
folder, which the test puts on sys.path (putting the checkout itself there would
shadow the installed newsgraph package).
"""

from __future__ import annotations

import os

from newsgraph.loader.pipeline import Prepared, Timings

POISON = "the text that stops the worker"


def dies_on_poison(settings, shapes, chunk):
    """Stop the process where the real batch function would be killed (out of memory)."""
    if any(POISON in article.text for article in chunk):
        os._exit(9)
    graph = "https://example.org/graph/"
    return ([Prepared(None, a.id, a.origin, graph + a.id,
                      f"<https://example.org/{a.id}> <https://example.org/p> \"x\" .\n", 2)
             for a in chunk], Timings())
