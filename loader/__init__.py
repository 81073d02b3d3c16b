"""Articles to RDF (``newsgraph.loader``): read, extract, map, validate, store.

What is here, in the order the data flows:

- ``articles``: read ``.txt`` and ``.jsonl`` inputs into ``model.Article`` records;
- ``extract/``: the spaCy pipeline (``nlp``) and the extraction steps that
  ``extractor`` runs in order over an article (``actors``, ``speakers``,
  ``statements``, ``deployments``, ``dates``), reading the one word table,
  ``lexicon``, and the ``Matcher`` patterns of ``patterns``; it returns the
  plain objects of ``model`` with text offsets;
- ``gazetteer``: well-known states, organisations and people with Wikidata ids
  (built into ``data/gazetteer.json``), read by extraction and by linking;
- ``mapping``: the one module that turns an extraction into RDF;
- ``pipeline``: the load, validating each article's graph and writing it to a store;
  ``export`` writes graphs to a file instead (``newsgraph extract``);
- ``link/``: linking to Wikidata after a load (``newsgraph link``): ``wikidata``
  (candidates, cache, polite client), ``reconcile`` (the decision), ``linkset``
  (what needs a link, and the linkset graph) and ``linking`` (the command's work).
"""
