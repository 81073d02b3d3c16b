"""HTTP transport to a SPARQL 1.1 server: queries, updates and Graph Store Protocol requests.

The remote store (remote.py) decides *what* to send to keep its graphs and
their merge right; this module only sends it, with the credentials, the
timeout and the User-Agent, and turns every way a request can fail into an
error that says what to do. rdflib keeps its ``SPARQLConnector`` apart from
its ``SPARQLStore`` for the same reason.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from SPARQLWrapper import DIGEST, JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions as sw_errors

from . import USER_AGENT
from .store import StoreError, StoreUnreachable


@dataclass(frozen=True)
class Endpoints:
    """Where a remote store answers queries, updates and the Graph Store Protocol."""

    query: str
    update: str
    gsp: str

    @classmethod
    def derive(cls, base: str, query: str | None = None, update: str | None = None,
               gsp: str | None = None) -> Endpoints:
        """The three URLs from a store URL, unless given: a URL ending in ``/sparql`` or
        ``/sparql-auth`` is Virtuoso's endpoint, which takes queries and updates, beside
        its Graph Store endpoint (``/sparql-graph-crud``, ``-auth`` likewise); any other
        is a server with Oxigraph's layout (``/query``, ``/update``, ``/store``)."""
        root = base.rstrip("/")
        for endpoint, crud in (("/sparql", "/sparql-graph-crud"),
                               ("/sparql-auth", "/sparql-graph-crud-auth")):
            if root.endswith(endpoint):
                store = root.removesuffix(endpoint) + crud
                return cls(query or root, update or root, gsp or store)
        return cls(query or f"{root}/query", update or f"{root}/update", gsp or f"{root}/store")


@dataclass(frozen=True)
class Credentials:
    """Basic (user and password) or bearer (token), from the environment only."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def header(self) -> str | None:
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None and self.password is not None:
            pair = f"{self.user}:{self.password}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None

    def __repr__(self) -> str:  # never print a secret
        return "Credentials(***)"


class QueryReply(NamedTuple):
    """An answer off the wire: Turtle for CONSTRUCT and DESCRIBE, SPARQL JSON otherwise."""

    body: bytes
    is_graph: bool
    kind: str | None = None  # the query form: SELECT, ASK, CONSTRUCT or DESCRIBE


_DEADLOCK_RETRIES = 6


class SparqlConnector:
    """Sends SPARQL 1.1 Protocol and Graph Store Protocol requests to one server."""

    def __init__(self, endpoints: Endpoints, credentials: Credentials = Credentials(),
                 *, timeout: float = 60.0) -> None:
        self.endpoints = endpoints
        self.credentials = credentials
        self.timeout = timeout
        # What the engine calls itself (its Server header), read off the first answer.
        self.server: str | None = None
        # Sent once a server asks for Digest (Virtuoso's -auth endpoints) instead of the
        # Basic header sent up front.
        self.digest = False

    def query(self, text: str, *, default_graphs=(), named_graphs=(),
              max_bytes: int | None = None, prologue: str = "") -> QueryReply:
        """POST a query. A query the engine rejects as malformed raises SyntaxError with
        its message; ``max_bytes`` caps the answer read (ValueError past it). ``prologue``
        goes before the text (an engine's own pragmas), which alone says the query form."""
        client = self._client(self.endpoints.query)
        client.setQuery(text)
        kind = client.queryType
        is_graph = kind in ("CONSTRUCT", "DESCRIBE")
        if prologue:
            client.setQuery(prologue + text)
            client.queryType = kind
        client.setReturnFormat(TURTLE if is_graph else JSON)
        for g in default_graphs or ():
            client.addDefaultGraph(g)
        for g in named_graphs or ():
            client.addNamedGraph(g)
        return QueryReply(self._send(client, max_bytes), is_graph, kind)

    def update(self, text: str) -> None:
        client = self._client(self.endpoints.update)
        client.setQuery(text)
        self._send(client, None)

    def put_graph(self, graph_iri: str, body: bytes, media_type: str) -> None:
        """Replace one graph whole (Graph Store Protocol PUT)."""
        url = f"{self.endpoints.gsp}?{urllib.parse.urlencode({'graph': graph_iri})}"
        self._open(self._request(url, "PUT", body, {"Content-Type": media_type}), url)

    def post_graph(self, graph_iri: str, body: bytes, media_type: str) -> None:
        """Add triples to one graph (Graph Store Protocol POST)."""
        url = f"{self.endpoints.gsp}?{urllib.parse.urlencode({'graph': graph_iri})}"
        self._open(self._request(url, "POST", body, {"Content-Type": media_type}), url)

    def post_dataset(self, path: Path, media_type: str) -> None:
        """Send a dataset file to the Graph Store endpoint, streamed from disk: the
        engine's own bulk loader reads it."""
        url = self.endpoints.gsp
        request = self._request(url, "POST", None, {"Content-Type": media_type})
        with path.open("rb") as body:
            request.data = body
            request.add_header("Content-Length", str(path.stat().st_size))
            self._open(request, url)

    def _client(self, url: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url, agent=USER_AGENT)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setOnlyConneg(True)  # no format=/output= parameters some engines refuse
        client.setTimeout(max(1, round(self.timeout)))
        if self.digest:
            client.setHTTPAuth(DIGEST)
            client.setCredentials(self.credentials.user, self.credentials.password)
        else:
            header = self.credentials.header()
            if header is not None:
                client.addCustomHttpHeader("Authorization", header)
        return client

    def _send(self, client: SPARQLWrapper, max_bytes: int | None) -> bytes:
        for attempt in range(_DEADLOCK_RETRIES):
            try:
                return self._send_once(client, max_bytes)
            except StoreError as err:
                # Engines with locks (Virtuoso) end one of two concurrent writers'
                # transactions as deadlocked (SQLSTATE 40001) and ask for it again.
                if "40001" not in str(err) or attempt == _DEADLOCK_RETRIES - 1:
                    raise
                time.sleep(0.2 * 2 ** attempt)
        raise AssertionError("unreachable")

    def _send_once(self, client: SPARQLWrapper, max_bytes: int | None) -> bytes:
        url = client.endpoint
        try:
            response = client.query().response
            body = response.read() if max_bytes is None else response.read(max_bytes + 1)
            self.server = self.server or response.headers.get("Server")
        except sw_errors.QueryBadFormed as err:
            raise SyntaxError(_engine_message(err)) from None
        except sw_errors.Unauthorized as err:
            # SPARQLWrapper drops the response; the HTTPError it came from has its headers.
            cause = err.__context__
            challenge = cause.headers.get("WWW-Authenticate", "") \
                if isinstance(cause, urllib.error.HTTPError) else ""
            # Virtuoso answers Basic credentials with a bare 401: anything but a Basic
            # challenge may want Digest.
            if "basic" not in challenge.lower() and self._try_digest():
                client.setHTTPAuth(DIGEST)
                client.setCredentials(self.credentials.user, self.credentials.password)
                client.customHttpHeaders.pop("Authorization", None)
                return self._send_once(client, max_bytes)
            raise StoreError(_refused(url, 401)) from None
        except sw_errors.EndPointNotFound:
            raise StoreError(f"no SPARQL endpoint at {url} (HTTP 404); give the engine's "
                             "URLs with --query-url, --update-url and --gsp-url") from None
        except sw_errors.SPARQLWrapperException as err:
            raise StoreError(f"the store at {url} failed: {_engine_message(err)}") from None
        except urllib.error.HTTPError as err:
            raise StoreError(_http_failure(url, err)) from None
        except OSError as err:  # URLError and timeouts are OSErrors
            raise StoreUnreachable(_unreachable(url, err)) from None
        if max_bytes is not None and len(body) > max_bytes:
            raise ValueError(f"the answer is larger than the limit of {max_bytes:,} bytes")
        return body

    def _request(self, url: str, method: str, body: bytes | None,
                 headers: dict[str, str]) -> urllib.request.Request:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"User-Agent": USER_AGENT, **headers})
        header = None if self.digest else self.credentials.header()
        if header is not None:
            request.add_header("Authorization", header)
        return request

    def _open(self, request: urllib.request.Request, url: str, attempt: int = 0) -> None:
        try:
            with self._opener().open(request, timeout=self.timeout) as response:
                response.read()
                self.server = self.server or response.headers.get("Server")
        except urllib.error.HTTPError as err:
            again = not hasattr(request.data, "read")  # a streamed body cannot be resent
            if err.code == 401 and "basic" not in err.headers.get("WWW-Authenticate", "").lower() \
                    and self._try_digest() and again:
                request.remove_header("Authorization")
                return self._open(request, url, attempt)
            failure = _http_failure(url, err)
            if "40001" in failure and again and attempt < _DEADLOCK_RETRIES - 1:
                # A transaction ended as deadlocked (Virtuoso's Graph Store, beside other
                # writers): asked again, as for queries and updates.
                time.sleep(0.2 * 2 ** attempt)
                return self._open(request, url, attempt + 1)
            raise StoreError(failure) from None
        except OSError as err:  # URLError and timeouts are OSErrors
            raise StoreUnreachable(_unreachable(url, err)) from None

    def _try_digest(self) -> bool:
        """Switch to Digest after a refusal, once, where there is a user and password."""
        if self.digest or self.credentials.user is None or self.credentials.password is None:
            return False
        self.digest = True
        return True

    def _opener(self) -> urllib.request.OpenerDirector:
        if not self.digest:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in (self.endpoints.query, self.endpoints.update, self.endpoints.gsp):
            passwords.add_password(None, url, self.credentials.user, self.credentials.password)
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))


def _engine_message(err: Exception) -> str:
    text = str(err)
    # SPARQLWrapper prefixes its own class description; keep the engine's words.
    marker = "Response:\n"
    if marker in text:
        text = text.split(marker, 1)[1]
    text = text.strip().removeprefix("b'").removeprefix('b"').rstrip("'\"")
    return " ".join(text.replace("\\n", " ").split())[:500]


def _refused(url: str, status: int) -> str:
    return (f"the store at {url} refused the request (HTTP {status}): set its credentials in "
            "the environment, NEWSGRAPH_STORE_USER and NEWSGRAPH_STORE_PASSWORD (basic) or "
            "NEWSGRAPH_STORE_TOKEN (bearer)")


def _http_failure(url: str, err: urllib.error.HTTPError) -> str:
    if err.code in (401, 403):
        return _refused(url, err.code)
    try:
        detail = " ".join(err.read(500).decode("utf-8", "replace").split())
    except OSError:
        detail = ""
    return f"the store at {url} answered HTTP {err.code}" + (f": {detail}" if detail else "")


def _unreachable(url: str, err: Exception) -> str:
    reason = getattr(err, "reason", None) or err
    return (f"cannot reach the store at {url} ({reason}); is the engine running, and is the "
            "URL right?")
