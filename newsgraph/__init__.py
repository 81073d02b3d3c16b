"""newsgraph: news articles as a linked-data knowledge graph.

This package holds what both the loader and the endpoint need: the vocabulary
(``vocab``), IRI minting (``iri``), settings (``config``), the stores
(``store``, ``remote`` over ``connector``, one interface in ``backends``) and
validation. The command line and the modules only it uses are in
``newsgraph.commands``; ``newsgraph.loader`` and ``newsgraph.endpoint`` are
the top-level folders ``loader/`` and ``endpoint/``.
"""

import time

__version__ = "0.1.0"
# When this process began to run newsgraph (its first import, a tenth of a second after
# the interpreter started): `serve` counts its "ready in" from here. The process's own
# start time would count what ran before an exec (a shell's `bash -c 'a && serve'`).
STARTED = time.monotonic()
# How newsgraph names itself to the SPARQL servers it talks to.
USER_AGENT = f"newsgraph/{__version__} (+https://w3id.org/newsgraph)"
