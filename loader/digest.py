"""What decides whether an article must be extracted again: its digest.

The digest covers the article as read (id, text, title, url, outlet, date), the base
IRI its graph is minted under, and the extractor's version: the newsgraph release,
every file of the extraction code and its data (rules, lexicons, gazetteer) and the
spaCy pipeline. It is stored in the article's graph (``ng:extractionDigest``), in the
same write as the graph, so a reload compares what it would make with what is there
and skips an unchanged article without running the NLP pipeline. Any change to the
text, the metadata, the rules or the model changes the digest.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from .model import Article

_LOADER = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=4)
def extractor_version(model: str) -> str:
    """A short fingerprint of the release, the loader's code and data, the spaCy pipeline
    ``model`` (its installed version) and spaCy's version; no model is loaded."""
    from importlib import metadata

    from newsgraph import __version__

    versions = []
    for package in (model, "spacy"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("")
    h = hashlib.sha256("\0".join([__version__, model, *versions, ""]).encode())
    for path in sorted(_LOADER.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".txt", ".toml", ".ttl"):
            h.update(str(path.relative_to(_LOADER)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def article_digest(article: Article, base: str, version: str) -> str:
    """The digest stored with the article's graph (see the module's docstring)."""
    fields = [article.id, article.text, article.title, article.url, article.outlet,
              article.published.isoformat() if article.published else None, base, version]
    if article.author or article.language:
        # Only where a page gave them: the digests of articles read before stay the same.
        fields += [article.author, article.language]
    return "sha256:" + hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()
