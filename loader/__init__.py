"""Articles to RDF: read, extract, map, validate, store — one module a step."""
