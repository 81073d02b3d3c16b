"""What every route reads from the running app: its settings and its store."""

from flask import current_app

from newsgraph.config import Settings
from newsgraph.store import StoreReader

STORE_KEY = "newsgraph.store"
SETTINGS_KEY = "NEWSGRAPH"


def store() -> StoreReader:
    return current_app.extensions[STORE_KEY]


def settings() -> Settings:
    return current_app.config[SETTINGS_KEY]
