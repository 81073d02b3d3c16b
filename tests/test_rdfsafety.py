"""Documents refused before any parser sees them: nested and external XML entities, remote
JSON-LD contexts; namespace abbreviations and inline contexts pass."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.commands.cli import main
from newsgraph.rdfsafety import UnsafeRdf, check_document

from .conftest import bait_server

RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'


def laughs(levels: int = 9) -> bytes:
    """The classic: each entity is ten of the one before; 1.1 kB that expands to 10^levels."""
    entities = ['<!ENTITY l0 "ha">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{chr(10).join(entities)}\n]>\n'
            f'<rdf:RDF {RDF}><rdf:Description rdf:about="http://example.org/a">'
            f'<rdf:value>&l{levels};</rdf:value></rdf:Description></rdf:RDF>\n').encode()


ABBREVIATED = (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> ]>'
               f'\n<rdf:RDF {RDF}><rdf:Description rdf:about="&ex;a"><rdf:value>1</rdf:value>'
               '</rdf:Description></rdf:RDF>\n').encode()


@pytest.mark.parametrize(("document", "syntax", "why"), [
    (laughs(), "rdfxml", "refers to other entities"),
    (b'<!DOCTYPE r [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]><r>&x;</r>', "rdfxml",
     "external entity"),
    (b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd"><r/>', "rdfxml", "external DTD"),
    (b'<!DOCTYPE r [ <!ENTITY % p "x"> ]><r/>', "rdfxml", "parameter entity"),
    # A "]" inside a value must not hide the declarations after it.
    (b'<!DOCTYPE r [ <!ENTITY a "]"> <!ENTITY b "&a;&a;"> ]><r>&b;</r>', "rdfxml",
     "refers to other entities"),
    (b'<!DOCTYPE r [ <!ENTITY big "' + b"x" * 200_000 + b'"> ]><r>' + b"&big;" * 40 + b"</r>",
     "rdfxml", "would expand it"),
    (b'{"@context": "https://example.org/context.jsonld", "@id": "https://example.org/a"}',
     "jsonld", "remote"),
    (b'[{"@graph": [{"@context": [{"@import": "https://example.org/c"}], "@id": "x"}]}]',
     "jsonld", "@import"),
])
def test_dangerous_documents_are_refused_with_the_reason(document, syntax, why):
    with pytest.raises(UnsafeRdf, match=why):
        check_document(document, syntax)


def test_namespace_entities_and_inline_contexts_pass():
    check_document(ABBREVIATED, "rdfxml")
    check_document(b'{"@context": {"@vocab": "https://example.org/"}, "@id": "https://e.org/a",'
                   b' "name": "x"}', "jsonld")
    check_document(b"<< not even turtle", "turtle")


def test_validate_refuses_entities_and_fetches_no_context(tmp_path):
    context_body = b'{"@context": {"name": "https://example.org/name"}}'
    with bait_server(context_body, "application/ld+json") as (port, fetched):
        remote = tmp_path / "remote.jsonld"
        context = f"http://127.0.0.1:{port}/c.jsonld"
        remote.write_text(json.dumps({"@context": context, "@id": "https://example.org/a",
                                      "name": "A"}))
        bomb = tmp_path / "bomb.rdf"
        bomb.write_bytes(laughs())
        plain = tmp_path / "plain.rdf"
        plain.write_bytes(ABBREVIATED)
        runner = CliRunner()
        result = runner.invoke(main, ["validate", str(remote)])
        assert result.exit_code == 2 and "remote.jsonld" in result.output
        assert "fetches nothing" in result.output and fetched == []
        result = runner.invoke(main, ["validate", str(bomb)])
        assert result.exit_code == 2 and "bomb.rdf" in result.output
        assert "refers to other entities" in result.output
        # Read, not refused: it is just not newsgraph data.
        read = runner.invoke(main, ["validate", str(plain)]).output
        assert "refers to other entities" not in read and "nothing to check" in read
