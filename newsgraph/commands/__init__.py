"""The `newsgraph` command line (``cli.py``) and the modules only it uses.

``crosschecks`` (checks across article graphs), ``importing`` (bulk import of
datasets), ``querying`` (SPARQL from the terminal), ``rdfinput`` (RDF files to
validate) and ``reports`` (validation reports) sit here, apart from what the
loader and the endpoint share, which is the ``newsgraph`` package itself.
"""
