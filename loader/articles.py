"""Read articles from .txt and .jsonl files, and check any article's text and metadata.

Problems with one input are reported and the rest goes on: a reader yields
``Article`` objects and ``InputProblem`` objects in input order.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .model import Article

FIELDS = ("id", "url", "outlet", "published", "title", "text")
# Valid JSON may escape half of a surrogate pair ("\udcff"); no UTF-8 text can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters XML 1.0 cannot carry (NUL, most C0 controls, U+FFFE, U+FFFF): they would make
# SPARQL XML results and RDF/XML pages malformed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# spaCy's tokenizer strips affixes from a whitespace-free run one at a time, searching the
# whole run each time: 20,000 nested brackets take three minutes, 200,000 hours. No word,
# URL or number of prose comes near this length; a longer run is a data dump or markup.
MAX_RUN_CHARS = 5_000
_RUN = re.compile(r"\S+")
# A .txt that opens with a headline: one short line, a blank line, then the story
# ("Navy to send two frigates to the Baltic\n\nThe navy said on Monday that ...").
# A headline has no full stop, comma, colon or semicolon at its end (a lead sentence
# does, even inside its closing quote), starts with a capital, a digit or a quote
# mark, and has at most HEADLINE_WORDS words.
_HEADLINE = re.compile(r"\A[ \t]*(?P<line>[^\n]+?)[ \t]*\n[ \t]*\n\s*(?=\S)")
HEADLINE_WORDS = 25
_HEADLINE_END = re.compile(r"[.,;:][\"'”’)\]]*\Z")
_HEADLINE_START = re.compile(r"\A[\"'“‘(\[]?[A-Z0-9]")


@dataclass(frozen=True)
class InputProblem:
    where: str  # "file.jsonl:12" or a path
    message: str
    # Read whole, but not an article to load (a web page that is an index, or in another
    # language; a story already read from another source): said, and not a failure.
    skipped: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @property
    def status(self) -> str:
        """The load outcome this input has."""
        return "skipped" if self.skipped else "unreadable"


@dataclass(frozen=True)
class TextMetadata:
    """Metadata for .txt inputs, from the command line."""

    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None

    def given(self) -> dict[str, str]:
        """The fields the command line gave, which win over what the input says."""
        return {k: v for k, v in (("id", self.id), ("url", self.url), ("outlet", self.outlet),
                                  ("published", self.published), ("title", self.title))
                if v is not None}


def parse_date(value: object) -> date | None:
    """An ISO date, or the date part of an ISO timestamp; ValueError otherwise."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a string like 2024-10-23, got {value!r}")
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            raise ValueError(f"published {value!r} is not an ISO date like 2024-10-23") from None


def _decode(data: bytes, where: str) -> str | InputProblem:
    if b"\x00" in data[:4096]:
        return InputProblem(where, "looks like a binary file, not UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return InputProblem(where, f"not UTF-8 text (invalid byte at offset {err.start}); "
                            "convert it with e.g. `iconv -t UTF-8`")


def _surrogate(value: str, name: str, where: str) -> InputProblem | None:
    found = _SURROGATE.search(value)
    if found is None:
        return None
    return InputProblem(where, f"{name} holds a lone surrogate (U+{ord(found.group()):04X}) at "
                        f"character {found.start():,}, which no UTF-8 text can carry; fix the "
                        "encoding of the source")


def _long_run(text: str, where: str) -> InputProblem | None:
    for run in _RUN.finditer(text):
        if run.end() - run.start() > MAX_RUN_CHARS:
            return InputProblem(where, f"article text holds {run.end() - run.start():,} "
                                f"characters without a space at character {run.start():,}, "
                                f"over the limit of {MAX_RUN_CHARS:,}: that is not prose (a "
                                "data dump or markup?); remove it and load again")
    return None


def check_text(text: object, where: str, max_chars: int) -> str | InputProblem:
    if not isinstance(text, str):
        return InputProblem(where, "field 'text' must be a string")
    if not text.strip():
        return InputProblem(where, "article text is empty")
    if len(text) > max_chars:
        return InputProblem(where, f"article text has {len(text):,} characters, over the "
                            f"limit of {max_chars:,}; split it or raise the limit")
    problem = _surrogate(text, "article text", where) or _long_run(text, where)
    if problem is not None:
        return problem
    # One space for one character: every offset into the text stays where it was.
    return _NOT_XML.sub(" ", text)


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, body) of a .txt's text: a first line that reads as a headline and is
    followed by a blank line is the title, and the body starts after the blank line;
    otherwise (None, text). Offsets of what is extracted are counted in the body."""
    found = _HEADLINE.match(text)
    if not found:
        return None, text
    line = found.group("line")
    if (len(line.split()) > HEADLINE_WORDS or _HEADLINE_END.search(line)
            or not _HEADLINE_START.match(line)):
        return None, text
    return line, text[found.end():]


def read_txt(path: Path, meta: TextMetadata, max_chars: int) -> Iterator[Article | InputProblem]:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputProblem(where, f"cannot read: {err.strerror or err}")
        return
    text = _decode(data, where)
    if isinstance(text, InputProblem):
        yield text
        return
    checked = check_text(text, where, max_chars)
    if isinstance(checked, InputProblem):
        yield checked
        return
    side = _sidecar(path)
    if isinstance(side, InputProblem):
        yield side
        return
    headline, body = split_headline(checked)
    # The command line's metadata wins over the file beside the text, which wins over
    # the headline line.
    record = {"id": path.stem, **({"title": headline} if headline else {}), **side,
              **meta.given()}
    yield make_article(record, body, where)


def read_jsonl(path: Path, max_chars: int) -> Iterator[Article | InputProblem]:
    try:
        handle = path.open("rb")
    except OSError as err:
        yield InputProblem(str(path), f"cannot read: {err.strerror or err}")
        return
    seen_any = False
    with handle:
        # Streamed line by line: a corpus file is never held in memory whole.
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            seen_any = True
            line = _decode(raw, where)
            if isinstance(line, InputProblem):
                yield line
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputProblem(where, f"not valid JSON ({err.msg} at column {err.colno}); "
                                   "line skipped")
                continue
            yield _record(record, where, max_chars)
    if not seen_any:
        yield InputProblem(str(path), "file is empty: no JSON lines")


def _record(record: object, where: str, max_chars: int) -> Article | InputProblem:
    if not isinstance(record, dict):
        return InputProblem(where, "a JSON line must be an object with id and text")
    missing = [k for k in ("id", "text") if record.get(k) in (None, "")]
    if missing:
        return InputProblem(where, f"record lacks {' and '.join(missing)}")
    text = check_text(record["text"], where, max_chars)
    if isinstance(text, InputProblem):
        return text
    return make_article(record, text, where)


def make_article(record: dict, text: str, where: str) -> Article | InputProblem:
    """The article of a checked text and its metadata fields, each checked."""
    identifier = record["id"]
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int)):
        return InputProblem(where, f"id must be a string or a number, not "
                            f"{type(identifier).__name__} {json.dumps(identifier)[:40]}")
    identifier = str(identifier).strip()
    if not identifier:
        return InputProblem(where, "id is blank; give each record a non-empty id")
    for key, value in (("id", identifier), ("url", record.get("url"))):
        if isinstance(value, str) and _NOT_XML.search(value):
            return InputProblem(where, f"{key} {value[:60]!r} holds a control character; give "
                                "one of printable characters")
    for key in ("url", "outlet", "title", "author", "language"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return InputProblem(where, f"field {key!r} must be a string or null")
    for key in ("id", "url", "outlet", "title", "author", "language"):
        problem = _surrogate(str(record.get(key) or ""), f"field {key!r}", where)
        if problem is not None:
            return problem
    try:
        published = parse_date(record.get("published"))
    except ValueError as err:
        return InputProblem(where, str(err))
    return Article(id=identifier, text=text, url=record.get("url") or None,
                   outlet=_printable(record.get("outlet")), published=published,
                   title=_printable(record.get("title")),
                   author=_printable(record.get("author")),
                   language=_printable(record.get("language")), origin=where)


def _sidecar(path: Path) -> dict | InputProblem:
    """Metadata from ``NAME.json`` beside ``NAME.txt`` (id, url, outlet, published, title),
    as the corpus keeps it; {} when there is none."""
    side = path.with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return InputProblem(str(side), f"the metadata beside {path.name} is not readable "
                            f"JSON ({err}); fix it or remove it")
    if not isinstance(data, dict):
        return InputProblem(str(side), "metadata must be a JSON object of id, url, outlet, "
                            "published and title")
    return {key: data[key] for key in FIELDS if key != "text" and data.get(key) is not None}


def _printable(value: str | None) -> str | None:
    return _NOT_XML.sub(" ", value) if value else None


def shard_of(key: str, count: int) -> int:
    """Which of ``count`` shards (1-based) a key falls in: the same on every machine and
    every run, and even across shards whatever the ids look like."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(items: Iterable[Article | InputProblem], index: int,
             count: int) -> Iterator[Article | InputProblem]:
    """Those of the items whose article id falls in shard ``index`` of ``count``; a problem
    by where it is, so that each is reported by one loader only."""
    for item in items:
        key = item.id if isinstance(item, Article) else item.where
        if shard_of(key, count) == index:
            yield item
