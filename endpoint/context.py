"""What every route reads from the running app: its settings and its store."""

from flask import current_app

from newsgraph.config import Settings
from newsgraph.store import EmbeddedStore

STORE_KEY = "newsgraph.store"
SETTINGS_KEY = "NEWSGRAPH"


def store() -> EmbeddedStore:
    return current_app.extensions[STORE_KEY]


def settings() -> Settings:
    return current_app.config[SETTINGS_KEY]
