"""What every route reads from the running app: its settings and its query pool."""

from flask import current_app

from newsgraph.config import Settings

from .executor import Runner

POOL_KEY = "newsgraph.pool"
SETTINGS_KEY = "NEWSGRAPH"


def pool() -> Runner:
    return current_app.extensions[POOL_KEY]


def settings() -> Settings:
    return current_app.config[SETTINGS_KEY]
