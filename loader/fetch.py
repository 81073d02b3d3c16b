"""Fetching pages and feeds politely, once: robots.txt, one request per host at a time,
retries, limits, and an on-disk cache.

What a site's operators expect of a crawler (RFC 9309 for robots.txt; RFC 9110/9111
for Retry-After and conditional requests), so that pointing `load` at a feed or a
list of URLs never hammers a newsroom's server:

* a User-Agent that says who is asking and where to read about it;
* robots.txt obeyed for that agent (fetched once per host and kept; a 4xx means no
  rules, a 5xx or no answer means "stay away" until a later run), Crawl-delay too;
* one request at a time per host, at least ``delay`` seconds apart;
* timeouts; 429 and 503 retried after their Retry-After (up to a bound), other 5xx
  and broken connections after 1, 2, 4 … seconds; redirects followed up to a limit;
  a body over the size limit abandoned;
* every answer kept on disk: a page already fetched is not fetched again, and a
  feed is asked again with If-None-Match / If-Modified-Since, so an unchanged feed
  costs a 304. ``offline`` reads the cache only.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import tempfile
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# The name robots.txt groups are matched against.
ROBOTS_AGENT = "newsgraph"
# Longest Retry-After (or Crawl-delay) honoured; a server asking for more is given up
# on for this run, with its reason.
MAX_WAIT = 120.0
# A body must arrive within this many timeouts.
BODY_TIMEOUTS = 4
# RFC 9309: a robots.txt is not used from a cache for longer than a day.
ROBOTS_MAX_AGE = 24 * 3600.0


@dataclass(frozen=True)
class FetchPolicy:
    """How polite and how patient fetching is (from Settings)."""

    cache_dir: Path
    user_agent: str
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 30.0
    retries: int = 3
    max_bytes: int = 8 * 1024 * 1024
    max_redirects: int = 5
    offline: bool = False

    @classmethod
    def from_settings(cls, settings, offline: bool = False) -> FetchPolicy:
        return cls(settings.cache_dir, settings.user_agent, settings.fetch_delay,
                   settings.fetch_timeout, settings.fetch_retries, settings.fetch_max_bytes,
                   offline=offline)


@dataclass(frozen=True)
class Fetched:
    """An answer, from the network or the cache."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    body: bytes
    media_type: str  # "text/html", without parameters
    from_cache: bool = False


class FetchError(Exception):
    """A URL that could not be fetched; the message says why and what to do."""


@dataclass
class _Host:
    next_at: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_error: str | None = None


@dataclass
class Fetcher:
    """Fetches for one run (one command, or one round of `watch`). Not thread-safe:
    requests go one at a time, which also keeps one host to one at a time."""

    policy: FetchPolicy
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests_made: int = 0
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _session: object = None

    def fetch(self, url: str, revalidate: bool = False) -> Fetched:
        """The answer for ``url``: from the cache when there is one (asked again with a
        conditional request when ``revalidate``), else from the network. FetchError
        when robots.txt forbids it, it fails, or it is offline and not kept."""
        kept = self._cached(url)
        if kept is not None and (not revalidate or self.policy.offline):
            return kept[0]
        if self.policy.offline:
            raise FetchError(f"{url}: not in the cache ({self._cache_root()}) and --offline "
                             "was given; run once without --offline to fetch it")
        self._check_robots(url)
        headers = {}
        if kept is not None:
            meta = kept[1]
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = meta["last_modified"]
        response, body = self._get(url, headers)
        if response.status_code == 304 and kept is not None:
            return kept[0]
        if response.status_code != 200:
            raise FetchError(f"{url}: the server answered {response.status_code} "
                             f"{response.reason or ''}".rstrip())
        media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fetched = Fetched(url, response.url or url, body, media)
        self._keep(fetched, response.headers)
        return fetched

    # -- the network -----------------------------------------------------------------

    def _get(self, url: str, headers: dict[str, str]):
        import requests

        if self._session is None:
            session = requests.Session()
            session.headers["User-Agent"] = self.policy.user_agent
            session.max_redirects = self.policy.max_redirects
            self._session = session
        problem = ""
        for attempt in range(self.policy.retries + 1):
            self._wait_turn(url)
            try:
                self.requests_made += 1
                response = self._session.get(url, headers=headers, stream=True,
                                             timeout=self.policy.timeout)
                try:
                    if response.status_code in (429, 503) or response.status_code >= 500:
                        wait = retry_after(response.headers.get("Retry-After"))
                        problem = f"the server answered {response.status_code}"
                        if wait is not None and wait > MAX_WAIT:
                            raise FetchError(f"{url}: {problem} and asks to wait {wait:.0f} "
                                             f"s (more than {MAX_WAIT:.0f}); try later")
                        self._back_off(url, wait if wait is not None else 2.0 ** attempt)
                        continue
                    return response, self._read(url, response)
                finally:
                    response.close()
            except requests.TooManyRedirects:
                raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects "
                                 "(a redirect loop?)") from None
            except requests.Timeout:
                problem = f"no answer within {self.policy.timeout:g} s"
            except requests.ConnectionError as err:
                problem = f"cannot connect ({_reason(err)})"
            except requests.RequestException as err:
                raise FetchError(f"{url}: {_reason(err)}") from None
            self._back_off(url, 2.0 ** attempt)
        raise FetchError(f"{url}: {problem}, {self.policy.retries + 1} times; try later")

    def _read(self, url: str, response) -> bytes:
        if response.status_code != 200:
            return b""
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise FetchError(f"{url}: {int(declared):,} bytes, over the limit of "
                             f"{self.policy.max_bytes:,}")
        data = bytearray()
        # The timeout bounds each wait for bytes; a server dripping a byte at a time
        # would never meet it, so the whole body has a bound too.
        deadline = self.clock() + BODY_TIMEOUTS * self.policy.timeout
        # read1 returns what has arrived; iter_content would wait to fill each chunk.
        for chunk in iter(lambda: response.raw.read1(64 * 1024, decode_content=True), b""):
            data += chunk
            if len(data) > self.policy.max_bytes:
                raise FetchError(f"{url}: over the limit of {self.policy.max_bytes:,} bytes; "
                                 "not read")
            if self.clock() > deadline:
                raise FetchError(f"{url}: the body took over "
                                 f"{BODY_TIMEOUTS * self.policy.timeout:g} s to arrive; "
                                 "not read")
        return bytes(data)

    def _wait_turn(self, url: str) -> None:
        host = self._host(url)
        now = self.clock()
        if host.next_at > now:
            self.sleep(host.next_at - now)
        delay = self.policy.delay
        if host.robots is not None:
            delay = max(delay, min(float(host.robots.crawl_delay(ROBOTS_AGENT) or 0), MAX_WAIT))
        host.next_at = self.clock() + delay

    def _back_off(self, url: str, seconds: float) -> None:
        host = self._host(url)
        host.next_at = max(host.next_at, self.clock() + min(seconds, MAX_WAIT))

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        return self._hosts.setdefault(f"{parts.scheme}://{parts.netloc}".lower(), _Host())

    # -- robots.txt -------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        host = self._host(url)
        if host.robots is None and host.robots_error is None:
            self._load_robots(url, host)
        if host.robots_error is not None:
            raise FetchError(f"{url}: {host.robots_error}")
        if not host.robots.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(f"{url}: the site's robots.txt does not allow {ROBOTS_AGENT} "
                             "to fetch it; not fetched")

    def _load_robots(self, url: str, host: _Host) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        kept = self._cached(robots_url)
        if kept is not None and time.time() - kept[1].get("fetched_at", 0) < ROBOTS_MAX_AGE:
            parser.parse(kept[0].body.decode("utf-8", "replace").splitlines())
            host.robots = parser
            return
        try:
            response, body = self._get(robots_url, {})
        except FetchError as err:
            # RFC 9309: a robots.txt that cannot be reached means the site is closed.
            host.robots_error = f"its robots.txt could not be read ({err}); not fetched"
            return
        if 400 <= response.status_code < 500:
            body = b""  # no rules: everything is allowed
        elif response.status_code != 200:
            host.robots_error = (f"its robots.txt answered {response.status_code}; not "
                                 "fetched")
            return
        parser.parse(body.decode("utf-8", "replace").splitlines())
        host.robots = parser
        self._keep(Fetched(robots_url, robots_url, body, "text/plain"), {})

    # -- the cache --------------------------------------------------------------------

    def _cache_root(self) -> Path:
        return self.policy.cache_dir / "web"

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self._cache_root() / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def _cached(self, url: str) -> tuple[Fetched, dict] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
            return None  # another URL's digest prefix, or a body cut by a crash
        fetched = Fetched(url, meta.get("final_url") or url, body, meta.get("media_type", ""),
                          from_cache=True)
        return fetched, meta

    def _keep(self, fetched: Fetched, headers) -> None:
        meta_path, body_path = self._paths(fetched.url)
        meta = {"url": fetched.url, "final_url": fetched.final_url,
                "media_type": fetched.media_type, "etag": headers.get("ETag"),
                "last_modified": headers.get("Last-Modified"),
                "sha256": hashlib.sha256(fetched.body).hexdigest(),
                "fetched_at": time.time()}
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            _write_whole(body_path, fetched.body)
            _write_whole(meta_path, json.dumps(meta).encode("utf-8"))
        except OSError as err:
            raise FetchError(f"cannot write the web cache in {self._cache_root()}: "
                             f"{err.strerror or err}; give a writable --cache-dir") from None


def _write_whole(path: Path, data: bytes) -> None:
    # A crash mid-write leaves the old file or none, never half of the new one.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(err: Exception) -> str:
    text = str(err)
    return text if len(text) < 200 else text[:200] + "…"
