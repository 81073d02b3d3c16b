"""The newsgraph SHACL shapes, shipped as Turtle inside the package."""

from importlib.resources import files
from pathlib import Path


def path() -> Path:
    return Path(str(files(__name__).joinpath("newsgraph.ttl")))
