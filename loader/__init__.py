"""Articles to RDF (``newsgraph.loader``): read, extract, map, validate, store.

What is here, in the order the data flows:

- ``articles``: read ``.txt`` and ``.jsonl`` inputs into ``model.Article`` records;
- ``nlp`` (the spaCy pipeline) and ``extractor``, which runs the extraction steps
  ``actors``, ``speakers``, ``statements``, ``deployments`` and ``dates`` over an
  article and returns the plain objects of ``model`` with text offsets; the steps
  read the ``gazetteer`` (built into ``data/gazetteer.json``) and ``lexicon``;
- ``mapping``: the one module that turns an extraction into RDF;
- ``pipeline``: the load, validating each article's graph and writing it to a store;
  ``export`` writes graphs to a file instead (``newsgraph extract``);
- linking to Wikidata after a load (``newsgraph link``): ``wikidata`` (candidates,
  cache, polite client), ``reconcile`` (the decision), ``linkset`` (what needs a
  link, and the linkset graph) and ``linking`` (the command's work).
"""
