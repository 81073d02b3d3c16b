"""newsgraph: news articles as a linked-data knowledge graph.

The core package holds what both the loader and the endpoint need — the
vocabulary, IRI minting, settings, store access and validation — plus the
command line that wires them together.
"""

__version__ = "0.1.0"
# How newsgraph names itself to the SPARQL servers it talks to.
USER_AGENT = f"newsgraph/{__version__} (+https://w3id.org/newsgraph)"
