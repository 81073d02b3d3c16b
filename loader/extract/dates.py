"""Resolve relative dates ("on Wednesday", "yesterday") against the publication date."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Span

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def resolve(expression: str, published: date) -> date | None:
    """The date an expression names, seen from an article published on ``published``.

    News uses a bare weekday for the most recent such day, publication day included.
    """
    words = expression.lower().replace(",", " ").split()
    if "today" in words or "tonight" in words:
        return published
    if "yesterday" in words:
        return published - timedelta(days=1)
    for word in words:
        if word in WEEKDAYS:
            back = (published.weekday() - WEEKDAYS.index(word)) % 7
            if "last" in words and back == 0:
                back = 7
            return published - timedelta(days=back)
    return None


def date_in(sentence: Span, published: date | None, near: int | None = None) -> date | None:
    """The first resolvable DATE entity of a sentence, nearest to ``near`` when given."""
    if published is None:
        return None
    ents = [e for e in sentence.ents if e.label_ == "DATE"]
    if near is not None:
        ents.sort(key=lambda e: abs(e.start_char - near))
    for ent in ents:
        found = resolve(ent.text, published)
        if found is not None:
            return found
    return None
