"""newsgraph: news articles as a linked-data knowledge graph.

This package holds what both the loader and the endpoint need: the vocabulary
(``vocab``), IRI minting (``iri``), settings (``config``), the stores
(``store``, ``remote`` over ``connector``, one interface in ``backends``) and
validation. The command line and the modules only it uses are in
``newsgraph.commands``; ``newsgraph.loader`` and ``newsgraph.endpoint`` are
the top-level folders ``loader/`` and ``endpoint/``.
"""

__version__ = "0.1.0"
# How newsgraph names itself to the SPARQL servers it talks to.
USER_AGENT = f"newsgraph/{__version__} (+https://w3id.org/newsgraph)"
