"""Checks on RDF documents from strangers, made before any parser sees them.

Two features of RDF syntaxes make a parser do unbounded work, or work for
someone else:

* RDF/XML may declare XML entities. Entities that refer to other entities
  ("billion laughs") turn a kilobyte into a gigabyte; external entities read
  files or URLs. pyoxigraph's RDF/XML parser expands both: a 1.1 kB file wrote a
  1,000,000,000-character literal.
* JSON-LD may name its context by URL (``"@context": "https://…"`` or
  ``@import``), which a parser fetches: a request to any address, made by the
  server.

Plain entities that only abbreviate a namespace (``<!ENTITY ex
"http://example.org/">``, common in OWL files) are kept, as long as expanding them
cannot make the document much bigger than it is.
"""

from __future__ import annotations

import json
import re

# Expanding entities may make a document at most this much bigger (and by at least
# a megabyte): namespace abbreviations do not come near it.
MAX_EXPANSION_FACTOR = 4
MIN_EXPANSION_ALLOWANCE = 1_000_000

_DOCTYPE = re.compile(r"<!DOCTYPE\s+[^\s\[>]+\s*(?P<external>(?:SYSTEM|PUBLIC)\b)?")
_ENTITY = re.compile(r"<!ENTITY\s+(?P<parameter>%\s+)?(?P<name>[^\s%]+)\s+"
                     r"(?:(?P<external>SYSTEM|PUBLIC)\b|\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')")


class UnsafeRdf(ValueError):
    """A document refused before parsing; the message says why and what to send instead."""


def check_document(data: bytes, syntax: str) -> None:
    """Raise UnsafeRdf for RDF/XML with dangerous entities or JSON-LD with remote contexts.

    ``syntax`` is "rdfxml" or "jsonld"; other syntaxes have neither feature and pass.
    """
    if syntax == "rdfxml":
        check_rdf_xml(data)
    elif syntax == "jsonld":
        check_json_ld(data)


def check_rdf_xml(data: bytes) -> None:
    # latin-1 maps every byte to one character: markup is found whatever the encoding.
    text = data.decode("latin-1")
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return  # no DTD, no entities but XML's five
    if doctype.group("external"):
        raise UnsafeRdf("the RDF/XML document names an external DTD, which a parser would "
                        "fetch; remove the DOCTYPE's SYSTEM or PUBLIC identifier")
    # Every declaration anywhere is read (a "]" in a value would end a naive subset early),
    # and one this pattern cannot read is refused rather than passed unchecked.
    declared = list(_ENTITY.finditer(text))
    if len(declared) != text.count("<!ENTITY"):
        raise UnsafeRdf("the RDF/XML document declares entities this server cannot check; "
                        "write their values out")
    expansion = 0
    for entity in declared:
        name = entity.group("name")
        if entity.group("parameter"):
            raise UnsafeRdf(f"the RDF/XML document declares the parameter entity %{name}; "
                            "parameter entities are not accepted here")
        if entity.group("external"):
            raise UnsafeRdf(f"the RDF/XML document declares the external entity &{name}; "
                            "which a parser would read from a file or URL; write its value "
                            "out instead")
        value = entity.group("dq") if entity.group("dq") is not None else entity.group("sq")
        if "&" in value or "%" in value:
            raise UnsafeRdf(f"the RDF/XML entity &{name}; refers to other entities; nested "
                            "entities can expand a small file into gigabytes and are not "
                            "accepted here")
        expansion += text.count(f"&{name};") * len(value)
    allowance = max(MIN_EXPANSION_ALLOWANCE, MAX_EXPANSION_FACTOR * len(data))
    if expansion > allowance:
        raise UnsafeRdf(f"the RDF/XML document's entities would expand it by {expansion:,} "
                        f"characters, over the {allowance:,} accepted; write the values out")


def check_json_ld(data: bytes) -> None:
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return  # not JSON: the parser says where, and fetches nothing
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "@context" in node:
                _check_context(node["@context"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _check_context(context: object) -> None:
    contexts = context if isinstance(context, list) else [context]
    for item in contexts:
        if isinstance(item, str):
            raise UnsafeRdf(f"the JSON-LD document's @context {item[:100]!r} is remote, and "
                            "this server fetches nothing; put the context itself in the "
                            "document")
        if isinstance(item, dict) and "@import" in item:
            raise UnsafeRdf("the JSON-LD context uses @import, which would fetch a remote "
                            "context; put the context itself in the document")
