"""Deterministic IRIs for everything newsgraph mints.

The same input always yields the same IRI, and one real-world actor gets one
IRI across articles: actors and places are keyed by their normalised
canonical name, never by the article they were found in.
"""

import re
import unicodedata
from urllib.parse import quote

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """A readable, stable path segment for a name ("U.S. Army" -> "u-s-army")."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = folded.replace("'", "").replace("\u2019", "")
    text = _NON_SLUG.sub("-", folded).strip("-")
    if text:
        return text
    # Names in scripts with no Latin transliteration still need a stable IRI.
    return quote(name.strip(), safe="")


_NOT_IN_IRIS = frozenset(' <>"{}|\\^`')


def usable(value: str) -> bool:
    """Whether ``value`` can stand between <> in SPARQL or N-Triples: not empty, none of the
    characters RFC 3987 excludes, no control characters."""
    return bool(value.strip()) and not any(c in _NOT_IN_IRIS or ord(c) < 32 or ord(c) == 127
                                           for c in value)


def sparql_ref(value: str) -> str:
    """``<value>``, as SPARQL and N-Triples write an IRI; ValueError if it cannot stand there."""
    if not usable(value):
        raise ValueError(f"not an IRI usable in SPARQL: {value!r}")
    return f"<{value}>"


def _segment(value: str) -> str:
    return quote(value, safe="-._~")


def article(base: str, article_id: str) -> str:
    return f"{base}article/{_segment(article_id)}"


def actor(base: str, canonical_name: str) -> str:
    return f"{base}actor/{slug(canonical_name)}"


def place(base: str, canonical_name: str) -> str:
    return f"{base}place/{slug(canonical_name)}"


def outlet(base: str, name: str) -> str:
    return f"{base}outlet/{slug(name)}"


def statement(base: str, article_id: str, start: int, end: int, nth: int = 0) -> str:
    # The n-th speaker of the same words ("X and Y said that ...") gets a suffix.
    suffix = f"-{nth}" if nth else ""
    return f"{article(base, article_id)}/statement/{start}-{end}{suffix}"


def deployment(base: str, article_id: str, start: int, end: int, index: int) -> str:
    # Several figures can share one evidence span ("10,000 to 12,000").
    return f"{article(base, article_id)}/deployment/{start}-{end}-{index}"


def evidence(resource_iri: str) -> str:
    # A hash IRI keeps the selector inside its resource's document and avoids
    # blank nodes, which would break per-triple bookkeeping of the merged graph.
    return f"{resource_iri}#evidence"


def default_graph(base: str) -> str:
    # Where an engine that keeps every triple in a named graph (Virtuoso) holds the
    # merged default graph; requests to it make this graph their default graph.
    return f"{base}graph/default"


def reconciled_links(base: str) -> str:
    # The named graph of reconciled links: about actors across articles, so it
    # belongs to no article's graph, and reloading an article never drops it.
    return f"{base}graph/reconciled-links"


def dataset(base: str) -> str:
    """The whole dataset, as its VoID description names it."""
    return f"{base}dataset"


def wikidata_linkset(base: str) -> str:
    """The VoID linkset of every owl:sameAs link to Wikidata (gazetteer and reconciled)."""
    return f"{base}dataset/wikidata-links"
