"""The `newsgraph` command line: extract, load, link, validate, query, serve.

Exit codes: 0 success, 1 a failure in the data (rejected articles, SHACL
violations), 2 a usage or input error. Errors are one clear line, never a
traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path

import click

from newsgraph import __version__, backends
from newsgraph.config import Settings, from_environment
from newsgraph.store import StoreError

INPUT_FORMAT_NAMES = ("turtle", "trig", "ntriples", "nquads", "jsonld", "rdfxml", "n3")


class InputError(click.ClickException):
    """Bad input or usage: exit 2."""

    exit_code = 2


def one_line_errors(fn: Callable) -> Callable:
    """Turn the errors users can cause into one-line messages with the right exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from newsgraph.loader.extract.nlp import ModelMissing

        try:
            return fn(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except StoreError as err:
            raise InputError(str(err)) from err
        except ModelMissing as err:
            raise InputError(str(err)) from err
        except FileNotFoundError as err:
            raise InputError(f"{err.filename or err}: no such file or directory") from err
        except PermissionError as err:
            raise InputError(f"{err.filename or err}: permission denied") from err
        except OSError as err:  # a disk that filled, a device that went away
            where = f"{err.filename}: " if err.filename else ""
            raise InputError(f"{where}{err.strerror or err}") from err
        except KeyboardInterrupt:
            raise click.Abort() from None

    return wrapper


class _GlobalOptionsAnywhere(click.Group):
    """A group whose own options may also come after the subcommand:
    ``newsgraph load x.txt --config site.toml`` as well as ``newsgraph --config site.toml
    load x.txt``. They are moved in front of the subcommand before click parses."""

    GLOBAL = ("--base-iri", "--config")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _globals_first(args, self.GLOBAL))


def _globals_first(args: list[str], names: tuple[str, ...]) -> list[str]:
    moved: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":  # what follows is the subcommand's, verbatim
            rest.extend(args[i:])
            break
        if arg in names and i + 1 < len(args):
            moved.extend(args[i:i + 2])
            i += 2
            continue
        if arg.split("=", 1)[0] in names and "=" in arg:
            moved.append(arg)
        else:
            rest.append(arg)
        i += 1
    return moved + rest


@click.group(cls=_GlobalOptionsAnywhere,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option("--base-iri", help="Base for minted IRIs (default https://w3id.org/newsgraph/id/; "
              "env NEWSGRAPH_BASE_IRI).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Settings file (TOML; default ./newsgraph.toml if present; env "
              "NEWSGRAPH_CONFIG). Credentials are read from the environment only.")
@click.pass_context
def main(ctx: click.Context, base_iri: str | None, config_file: Path | None) -> None:
    """newsgraph: news articles as a linked-data graph of actors, statements and deployments.

    \b
    Typical use:
      newsgraph load samples/ --store newsgraph-store
      newsgraph serve --store newsgraph-store
      newsgraph query 'SELECT * WHERE { ?s a ng:Deployment } LIMIT 5'
    """
    try:
        ctx.obj = from_environment(config_file=config_file).with_overrides(base_iri=base_iri)
    except ValueError as err:
        raise InputError(str(err)) from err


def _settings(ctx: click.Context, **overrides: object) -> Settings:
    try:
        return ctx.obj.with_overrides(**overrides)
    except ValueError as err:
        raise InputError(str(err)) from err


STORE_OPTIONS = [
    click.option("--store", "store", metavar="DIR|URL",
                 help="Store directory (default ./newsgraph-store), or the URL of a SPARQL 1.1 "
                 "store such as http://host:7878 (env NEWSGRAPH_STORE)."),
    click.option("--query-url", metavar="URL",
                 help="A remote store's query endpoint (default STORE/query)."),
    click.option("--update-url", metavar="URL",
                 help="A remote store's update endpoint (default STORE/update)."),
    click.option("--gsp-url", metavar="URL",
                 help="A remote store's Graph Store Protocol endpoint (default STORE/store)."),
]


def store_options(fn: Callable) -> Callable:
    """The store to use, the same way in every command. A remote store's credentials
    come from NEWSGRAPH_STORE_USER/_PASSWORD or NEWSGRAPH_STORE_TOKEN only."""
    for option in reversed(STORE_OPTIONS):
        fn = option(fn)
    return fn


def _store_settings(ctx: click.Context, store: str | None, query_url: str | None,
                    update_url: str | None, gsp_url: str | None, **more: object) -> Settings:
    settings = _settings(ctx, store=store, query_url=query_url, update_url=update_url,
                         gsp_url=gsp_url, **more)
    if not settings.remote and (settings.query_url or settings.update_url or settings.gsp_url):
        raise InputError("--query-url, --update-url and --gsp-url are for a remote store: "
                         "give --store http(s)://… as well")
    return settings


TXT_META = [
    click.option("--id", "article_id", help="Article id for a single .txt input (default: "
                 "file name without extension)."),
    click.option("--url", help="Source URL for .txt inputs."),
    click.option("--outlet", help="Outlet name for .txt inputs."),
    click.option("--published", help="Publication date (YYYY-MM-DD) for .txt inputs."),
    click.option("--title", help="Headline for .txt inputs."),
    click.option("--offline", is_flag=True, help="Read pages and feeds from the web cache "
                 "only (under --cache-dir/web); fetch nothing."),
]


def txt_metadata(fn: Callable) -> Callable:
    for option in reversed(TXT_META):
        fn = option(fn)
    return fn


def _read(inputs: tuple[str, ...], settings: Settings, article_id, url, outlet, published,
          title, offline: bool = False):
    from newsgraph.loader.articles import TextMetadata
    from newsgraph.loader.fetch import Fetcher, FetchPolicy
    from newsgraph.loader.inputs import as_inputs, read_articles

    given = as_inputs(inputs)
    if article_id and (len(given) != 1 or not isinstance(given[0], Path)
                       or given[0].suffix.lower() not in (".txt", ".html", ".htm")):
        raise InputError("--id names one article: give it with exactly one .txt or .html "
                         "file")
    meta = TextMetadata(article_id, url, outlet, published, title)
    fetcher = Fetcher(FetchPolicy.from_settings(settings, offline=offline))
    return read_articles(given, meta, settings.max_article_chars, fetcher)


# -- extract ------------------------------------------------------------------------


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["trig", "nquads", "turtle", "jsonld"]),
              default="trig", show_default=True, help="Output syntax.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Output file (default: standard output).")
@txt_metadata
@click.pass_context
@one_line_errors
def extract(ctx, inputs, fmt, output, article_id, url, outlet, published, title, offline):
    """Extract actors, statements and deployments to RDF, without a store.

    INPUTS are .txt articles, .jsonl files of {"id","url","outlet","published","title","text"}
    records, saved web pages (.html), or directories of them. One named graph per
    article.

    \b
    Example:
      newsgraph extract articles.jsonl -f trig -o out.trig
    """
    from newsgraph.loader.export import write_graphs
    from newsgraph.loader.extract.extractor import Extractor
    from newsgraph.loader.pipeline import Timings, extract_graphs

    settings = _settings(ctx)
    items = _read(inputs, settings, article_id, url, outlet, published, title, offline)
    extractor = Extractor.load(settings.spacy_model)
    problems: list[str] = []
    skipped: list[str] = []  # read, but not articles (pages): no failure

    def graphs():
        for item in extract_graphs(items, extractor, settings.base_iri, Timings()):
            if isinstance(item, tuple):
                yield item[2]
            else:
                (skipped if item.skipped else problems).append(str(item))
                click.echo(f"skipped {item}", err=True)

    if output is None:
        count = write_graphs(graphs(), fmt, sys.stdout.buffer)
    else:
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("wb") as out:
                count = write_graphs(graphs(), fmt, out)
            # Written whole or not at all: a failed run leaves no truncated output.
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    click.echo(f"extracted {count} article(s)"
               + (f", {len(problems)} unreadable" if problems else "")
               + (f", {len(skipped)} not articles" if skipped else ""), err=True)
    if problems:
        ctx.exit(1)


# -- load ---------------------------------------------------------------------------


def _shard(_ctx, _param, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise click.BadParameter(f"{value!r}: give I/N, shard I of N with 1 <= I <= N "
                                 "(e.g. 2/3)")
    return int(index), int(count)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@store_options
@click.option("--shapes", type=click.Path(path_type=Path, exists=True),
              help="SHACL shapes file or directory (default: the bundled shapes).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes extracting articles (one writer for the embedded store; "
              "each worker writes to a remote store itself).")
@click.option("-q", "--quiet", is_flag=True, help="Only the summary.")
@click.option("--force", is_flag=True,
              help="Extract every article again, even one the store holds as made from the "
              "same text by the same extractor.")
@click.option("--shard", callback=_shard, metavar="I/N",
              help="Load only the articles whose id falls in shard I of N, so that N "
              "loaders (on N machines) share one corpus and one remote store.")
@txt_metadata
@click.pass_context
@one_line_errors
def load(ctx, inputs, store, query_url, update_url, gsp_url, shapes, jobs, quiet, force,
         shard, article_id, url, outlet, published, title, offline):
    """Extract articles and load them into the store, one named graph each.

    Each article is validated against the shapes before it is written; one that
    fails is rejected and the others are loaded. Reloading an unchanged article
    changes nothing; a changed one replaces its graph whole. Exit 1 if any
    article was rejected or unreadable, 2 if the store went away (what was
    written stays whole; rerun to finish).

    \b
    Examples:
      newsgraph load samples/ --store newsgraph-store
      newsgraph load corpus.jsonl -j 2 --store http://127.0.0.1:7878
      newsgraph load corpus.jsonl --shard 2/3 --store http://store.example:7878
    """
    from collections import Counter

    from newsgraph.loader.digest import extractor_version
    from newsgraph.loader.extract.extractor import Extractor
    from newsgraph.loader.pipeline import load as run_load
    from newsgraph.loader.pipeline import load_parallel
    from newsgraph.validation import ShapesValidator

    settings = _store_settings(ctx, store, query_url, update_url, gsp_url)
    items = _read(inputs, settings, article_id, url, outlet, published, title, offline)
    if shard is not None:
        from newsgraph.loader.articles import in_shard

        items = in_shard(items, *shard)
    # Read here also with -j: shapes that do not load fail before a worker starts.
    validator = ShapesValidator.from_path(shapes)
    target = backends.open_writer(settings)
    terminal = sys.stderr.isatty()
    seen: Counter[str] = Counter()

    def run(on_outcome):
        def counted(outcome):
            seen[outcome.status] += 1
            on_outcome(outcome)

        try:
            if jobs > 1:
                return load_parallel(items, settings, shapes, target, jobs, counted,
                                     version=None if force else
                                     extractor_version(settings.spacy_model))
            return run_load(items, Extractor.load(settings.spacy_model), validator, target,
                            settings.base_iri, counted, skip_unchanged=not force)
        except StoreError as err:
            raise InputError(f"{err}\nthe load stopped after writing "
                             f"{seen['created'] + seen['replaced'] + seen['unchanged']} "
                             "article(s), each whole; run the same command again to load "
                             "the rest") from err

    from newsgraph.loader.inputs import as_inputs, count_records

    from .progress import Progress

    # Few articles: a line each. Many: a bar on a terminal, a line every five seconds
    # when the output is piped (a log, a CI job). Each problem gets its own lines.
    # A shard's share is not known before it is read: no bar for it.
    total = 0 if quiet or shard is not None else count_records(as_inputs(inputs))
    progress = Progress(total, sys.stderr, terminal=terminal) if total >= 10 else None

    def report(outcome):
        if outcome.status in ("rejected", "unreadable", "skipped"):
            for line in _problem_lines(outcome):
                if progress is not None:
                    progress.say(line)
                else:
                    click.echo(line, err=True)
        elif progress is None and not quiet and terminal:
            click.echo(f"{outcome.status}: {outcome.article_id}", err=True)
        if progress is not None:
            progress.step()

    try:
        summary = run(report)
    finally:
        if progress is not None:
            progress.close()
    t = summary.timings
    share = 100 * t.validate / t.total if t.total else 0.0
    rate = summary.words / summary.wall if summary.wall else 0.0
    click.echo(
        f"{_counts(summary)} into {settings.store_label}\n"
        f"time {summary.wall:.2f} s ({rate:,.0f} words/s, {jobs} job(s)); work in all "
        f"{t.total:.2f} s: extraction {t.extract:.2f} s, validation {t.validate:.2f} s "
        f"({share:.0f} %), store {t.store:.2f} s", err=True)
    if summary.claims is not None:
        c = summary.claims
        click.echo(f"claims: {c.written} written, {c.removed} removed "
                   f"({'all rebuilt: ' + c.why if c.whole else 'those of the articles written'}; "
                   f"{c.reports} report(s) read) in {c.seconds:.2f} s", err=True)
    if summary.failed:
        ctx.exit(1)


def _problem_lines(outcome) -> list[str]:
    return [f"{outcome.status}: {outcome.origin}"
            + (f" ({outcome.article_id})" if outcome.article_id else ""),
            *(f"    {reason}" for reason in outcome.reasons)]


def _counts(summary) -> str:
    skipped = summary.count("skipped")
    return (f"{summary.articles} article(s): {summary.count('created')} new, "
            f"{summary.count('replaced')} replaced, {summary.count('unchanged')} unchanged, "
            f"{summary.count('rejected')} rejected, {summary.count('unreadable')} unreadable"
            + (f", {skipped} skipped" if skipped else ""))


# -- watch --------------------------------------------------------------------------


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True,
              help="Time between the starts of two rounds: 90, 30s, 15m, 2h, 1d.")
@click.option("--rounds", type=click.IntRange(1), help="Stop after this many rounds "
              "(default: until Ctrl-C).")
@store_options
@click.option("--offline", is_flag=True, help="Read feeds and pages from the web cache only.")
@click.pass_context
@one_line_errors
def watch(ctx, feeds, every, rounds, store, query_url, update_url, gsp_url, offline):
    """Poll news feeds and load what is new, until stopped.

    FEEDS are feed URLs (RSS or Atom) or files listing one a line. Every round
    asks each feed again (a 304 when it has not changed), reads the pages of its
    items (once: they are kept in the web cache) and loads the new and changed
    articles; one line says what each round loaded. A feed that fails is asked
    again next round and never stops the others. Ctrl-C ends the round and stops.

    \b
    Example:
      newsgraph watch feeds.txt --every 15m --store newsgraph-store
    """
    import time
    from datetime import datetime

    from newsgraph.loader.articles import TextMetadata
    from newsgraph.loader.extract.extractor import Extractor
    from newsgraph.loader.fetch import Fetcher, FetchPolicy
    from newsgraph.loader.inputs import read_articles
    from newsgraph.loader.pipeline import load as run_load
    from newsgraph.validation import ShapesValidator

    from .watching import Stopper, feed_urls, parse_every

    try:
        seconds = parse_every(every)
        urls = feed_urls(feeds)
    except ValueError as err:
        raise InputError(str(err)) from err
    settings = _store_settings(ctx, store, query_url, update_url, gsp_url)
    extractor = Extractor.load(settings.spacy_model)
    validator = ShapesValidator.from_path(None)

    def say(line: str) -> None:
        click.echo(line, err=True)

    def report(outcome) -> None:
        if outcome.status in ("rejected", "unreadable", "skipped"):
            for line in _problem_lines(outcome):
                say(line)
        elif outcome.status in ("created", "replaced"):
            say(f"{'new' if outcome.status == 'created' else 'changed'}: "
                f"{outcome.article_id} ({outcome.origin})")

    say(f"watching {len(urls)} feed(s) every {every} into {settings.store_label}; Ctrl-C "
        "stops")
    done = 0
    with Stopper(say) as stopper:
        while not stopper.stopped.is_set():
            began = time.monotonic()
            done += 1
            fetcher = Fetcher(FetchPolicy.from_settings(settings, offline=offline))
            items = stopper.until_stopped(read_articles(urls, TextMetadata(),
                                                        settings.max_article_chars, fetcher))
            try:
                summary = run_load(items, extractor, validator,
                                   backends.open_writer(settings), settings.base_iri, report)
                say(f"round {done} at {datetime.now():%Y-%m-%d %H:%M:%S}: {_counts(summary)}, "
                    f"{fetcher.requests_made} request(s)")
            except StoreError as err:
                say(f"round {done}: the store failed ({err}); trying again next round")
            if rounds is not None and done >= rounds:
                break
            stopper.stopped.wait(max(0.0, seconds - (time.monotonic() - began)))
    say(f"stopped after {done} round(s)")


# -- claims -------------------------------------------------------------------------


@main.command()
@click.option("--deployer", metavar="NAME|QID", help="Only deployments by this actor (a name "
              "or part of one, any case; a Wikidata id; an IRI).")
@click.option("--destination", metavar="NAME|QID", help="Only deployments to this state, "
              "actor or place (as --deployer).")
@click.option("--since", metavar="YYYY-MM-DD", help="Only reports published on this day or "
              "later.")
@click.option("--rebuild", is_flag=True, help="Rebuild every claim graph first: after writes "
              "that went around newsgraph (an update sent to a remote store's own endpoint).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "md", "csv", "json"]),
              default="text", show_default=True, help="text for a terminal, md for a brief, "
              "csv for a spreadsheet, json for a program.")
@store_options
@click.pass_context
@one_line_errors
def claims(ctx, deployer, destination, since, rebuild, fmt, store, query_url, update_url,
           gsp_url):
    """Who deploys how many where, by whose account: the deployments of all articles
    grouped by deployer and destination.

    For each group: every figure with its source, status, outlet and date; the
    range each source gives; who confirms, reports, plans and denies; and a
    verdict, CONTESTED when a denial stands beside a confirmation or report, or
    when two sources' figures at about the same date differ by more than half.
    Newest first.

    \b
    Examples:
      newsgraph claims --deployer "North Korea" --since 2024-10-01
      newsgraph claims -f csv > claims.csv
    """
    from datetime import date

    from newsgraph.claims.grouping import claims as group
    from newsgraph.claims.grouping import select
    from newsgraph.claims.render import FORMATS
    from newsgraph.claims.reports import read_reports
    from newsgraph.loader.gazetteer import Gazetteer

    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        raise InputError(f"--since {since!r}: give a date as YYYY-MM-DD") from None
    settings = _store_settings(ctx, store, query_url, update_url, gsp_url)
    if rebuild:
        from newsgraph.claims.rebuild import rebuild as rebuild_claims

        target = backends.open_writer(settings, create=False)
        try:
            done = rebuild_claims(target, settings.base_iri, Gazetteer.load())
        finally:
            target.close()
        click.echo(f"claims: {done.written} written, {done.removed} removed (all rebuilt; "
                   f"{done.reports} report(s) read) in {done.seconds:.2f} s", err=True)
    reader = backends.open_reader(settings)
    reports = read_reports(reader, settings.base_iri, Gazetteer.load())
    found = group(select(reports, deployer, destination, day))
    click.echo(FORMATS[fmt](found), nl=False)


# -- link ---------------------------------------------------------------------------


@main.command()
@store_options
@click.option("--wikidata-endpoint", metavar="URL",
              help="Wikidata SPARQL endpoint (default https://query.wikidata.org/sparql; "
              "env NEWSGRAPH_WIKIDATA_ENDPOINT).")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where answers are cached (default ~/.cache/newsgraph; "
              "env NEWSGRAPH_CACHE_DIR).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=None,
              help="Lowest score a link is accepted at (default 0.85, calibrated in "
              "bench/linking.py).")
@click.option("--offline", is_flag=True, help="Use only cached answers; make no request.")
@click.option("--refresh", is_flag=True, help="Ask again for names already in the cache.")
@click.option("-v", "--verbose", is_flag=True, help="Print every decision, linked or not.")
@click.pass_context
@one_line_errors
def link(ctx, store, query_url, update_url, gsp_url, wikidata_endpoint, cache_dir, threshold,
         offline, refresh, verbose):
    """Link actors and places the gazetteer did not link to Wikidata items.

    Looks their names up on a Wikidata SPARQL endpoint, keeps items of a
    fitting class, ranks them by name and by the articles' context (role,
    countries) and links only above the threshold. Links go to the store's
    linkset graph with ng:linkMethod "reconciled" and ng:linkScore; answers
    are cached, so a rerun makes no request.

    \b
    Example:
      newsgraph link --store newsgraph-store -v
    """
    from newsgraph.loader.link.linking import link_store
    from newsgraph.loader.link.reconcile import THRESHOLD
    from newsgraph.loader.link.wikidata import WikidataUnavailable

    settings = _store_settings(ctx, store, query_url, update_url, gsp_url,
                               wikidata_endpoint=wikidata_endpoint, cache_dir=cache_dir)
    if offline and refresh:
        raise InputError("give --offline or --refresh, not both")
    if not settings.wikidata_endpoint.startswith(("http://", "https://")):
        raise InputError(f"--wikidata-endpoint {settings.wikidata_endpoint!r}: give the "
                         "endpoint's http(s) URL")
    target = backends.open_writer(settings, create=False)
    limit = THRESHOLD if threshold is None else threshold
    try:
        report = link_store(target, settings, threshold=limit, offline=offline, refresh=refresh)
    except WikidataUnavailable as err:
        raise InputError(f"{err}. Nothing was changed in {settings.store_label}.") from err
    except OSError as err:  # the cache directory
        raise InputError(f"cannot use the cache in {settings.cache_dir}: {err}") from err
    for d in report.decisions:
        if d.qid is not None or verbose:
            outcome = f"wd:{d.qid}" if d.qid else "not linked"
            detail = f" ({d.label})" if d.qid else f": {d.reason}"
            click.echo(f"{d.subject.kind:12} {d.subject.label} -> {outcome} "
                       f"score {d.score:.2f}{detail}")
    lk = report.lookups
    unlinked = len(report.decisions) - len(report.linked)
    click.echo(f"{len(report.decisions)} actor(s) and place(s) without a gazetteer link; "
               f"{lk.names} name(s) looked up: {lk.cached} from the cache, {lk.requests} "
               f"request(s), {lk.retries} retried", err=True)
    click.echo(f"linked {len(report.linked)} (score >= {limit:.2f}), left {unlinked} "
               f"unlinked; linkset graph {report.linkset}", err=True)
    counts = ", ".join(f"{n} {method}" for method, n in sorted(report.counts.items()))
    click.echo(f"linked to Wikidata in the store: {counts or 'none'}", err=True)


# -- validate -----------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@store_options
@click.option("--shapes", type=click.Path(path_type=Path),
              help="SHACL shapes file or directory (default: the bundled shapes).")
@click.option("--input-format", type=click.Choice(sorted(INPUT_FORMAT_NAMES)),
              help="Syntax of the files, when their extension does not say (.ttl .trig .nt "
              ".nq .jsonld .rdf).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text",
              show_default=True, help="Report format.")
@click.option("--severity", type=click.Choice(["info", "warning", "violation"],
                                              case_sensitive=False),
              default="info", show_default=True,
              help="Report, and fail on, results of this severity or worse.")
@click.option("--max-results", type=click.IntRange(1, None),
              help="Show at most this many results (all still count for the exit code).")
@click.option("--engine", type=click.Choice(["turbo", "pyshacl"]), default="turbo",
              show_default=True,
              help="SHACL engine: pyshacl-turbo (Rust; a graph it rejects is reported by "
                   "pySHACL) or pySHACL alone, the reference.")
@click.pass_context
@one_line_errors
def validate(ctx, files, store, query_url, update_url, gsp_url, shapes, input_format, fmt,
             severity, max_results, engine):
    """Validate RDF files or a store (the default store without arguments) against the
    SHACL shapes.

    Datasets (TriG, N-Quads) are validated one named graph at a time, as the
    loader does; results about extracted statements and deployments name the
    article and the span of text they came from. Exit 0 conforms, 1
    violations, 2 usage or input error, or nothing to check (no shape targets
    any node of the input).

    \b
    Examples:
      newsgraph validate
      newsgraph validate out.trig
      newsgraph validate data.txt --input-format turtle --max-results 20
      newsgraph validate --store newsgraph-store --format json
      newsgraph validate out.trig --engine pyshacl
    """
    from rdflib import Graph

    from newsgraph.validation import Report, ShapesValidator

    from .crosschecks import cross_article_findings
    from .rdfinput import RdfInputError, read_graphs
    from .reports import at_least, render, source_of

    if files and store:
        raise InputError("give RDF files to validate, or --store PATH|URL, not both")
    if input_format and not files:
        raise InputError("--input-format is for files; a store needs none")
    try:
        validator = ShapesValidator.from_path(shapes, engine)
    except FileNotFoundError as err:
        raise InputError(str(err)) from err
    except Exception as err:  # a shapes file that does not parse
        raise InputError(f"cannot read shapes {shapes}: {err}") from err
    from_store = not files
    if from_store:
        settings = _store_settings(ctx, store, query_url, update_url, gsp_url)
        reader = backends.open_reader(settings)
        graphs = store_graphs(reader)
    else:
        try:
            graphs = list(read_graphs(files, input_format))
        except RdfInputError as err:
            raise InputError(str(err)) from err
    level = severity.capitalize()
    reports, sources = [], {}
    targeted = False
    for name, graph in graphs:
        targeted = targeted or validator.targets_anything(graph)
        report = validator.validate(graph)
        if report.conforms and fmt != "turtle":
            # Thousands of conforming graphs need not keep their report graphs in memory.
            report = Report(True, (), Graph())
        reports.append((name, report))
        sources[name] = {f.focus: found for f in report.findings
                         if (found := source_of(graph, f.focus)) is not None}
    if not targeted:
        where = f"the store {settings.store_label}" if from_store else ", ".join(
            str(f) for f in files)
        shapes_name = shapes or "newsgraph's shapes"
        raise InputError(f"nothing to check: no shape of {shapes_name} targets any node in "
                         f"{where}" + (" (it holds no graphs; load articles first)"
                                       if not reports else
                                       " (no ng:Article, ng:Statement, actor … in it); "
                                       "is this newsgraph data, or are these the right "
                                       "shapes?"))
    if from_store:
        # Each article graph above; what can only go wrong between articles, once.
        across = tuple(cross_article_findings(reader, ctx.obj.base_iri))
        reports.append(("(across articles)", Report(not across, across, Graph())))
    click.echo(render(reports, fmt, sources, level, max_results), nl=False)
    ctx.exit(1 if any(at_least(r.findings, level) for _, r in reports) else 0)


def store_graphs(store: backends.GraphStore):
    from rdflib import Graph, URIRef

    for name in store.graph_names():
        graph = Graph(identifier=URIRef(name))
        graph.parse(data=store.graph_ntriples(name), format="nt")
        yield name, graph


# -- query --------------------------------------------------------------------------


@main.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the query from a file.")
@store_options
@click.option("--endpoint", help="Query any SPARQL endpoint URL instead of a store.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output for SELECT and ASK; CONSTRUCT prints Turtle.")
@click.pass_context
@one_line_errors
def query(ctx, query, query_file, store, query_url, update_url, gsp_url, endpoint, fmt):
    """Run a SPARQL query on the store or on an endpoint.

    The ng:, rdfs:, owl:, skos:, schema:, dcterms:, oa:, prov: and wd: prefixes
    are predeclared.

    \b
    Examples:
      newsgraph query 'SELECT ?name WHERE { ?a a ng:Person ; rdfs:label ?name }'
      newsgraph query -f deployments.rq --endpoint http://127.0.0.1:5000/sparql
    """
    from newsgraph.services import ServiceRefused, check_services

    from .querying import QueryFailed, run_on_endpoint, run_on_store

    if bool(query) == bool(query_file):
        raise InputError("give a QUERY or -f FILE (one of them)")
    if query_file is not None:
        try:
            text = query_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"query file {query_file} does not exist") from None
        except UnicodeDecodeError:
            raise InputError(f"query file {query_file} is not UTF-8 text") from None
    else:
        text = query
    if endpoint and store:
        raise InputError("give --store or --endpoint, not both")
    try:
        if endpoint:
            output = run_on_endpoint(endpoint, text, fmt)
        else:
            settings = _store_settings(ctx, store, query_url, update_url, gsp_url)
            check_services(text, settings.service_allowlist)
            output = run_on_store(backends.open_reader(settings), text, fmt)
    except (QueryFailed, ServiceRefused) as err:
        raise InputError(str(err)) from err
    click.echo(output, nl=not output.endswith("\n"))


# -- serve --------------------------------------------------------------------------


@main.command()
@store_options
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default 5000).")
@click.option("--workers", "http_workers", type=click.IntRange(1, 64),
              help="HTTP worker processes (default 2).")
@click.option("--threads", "workers_threads", type=click.IntRange(1, 64),
              help="Request threads per worker (default 32).")
@click.option("--query-workers", type=click.IntRange(1, 64),
              help="Query executor processes per worker (default 4).")
@click.option("--timeout", "query_timeout", type=click.FloatRange(0.1, 3600),
              help="Seconds a query may run before it is stopped and answered 503 "
              "(default 30).")
@click.option("--max-result-bytes", type=click.IntRange(1000, None),
              help="Largest serialised result of a client's query; larger ones are refused "
              "(default 100 MB). The server's own pages are not held to it.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="An endpoint queries may call with SERVICE; repeat for several. Replaces "
              "the default, Wikidata's query service (env NEWSGRAPH_SERVICE_ALLOWLIST).")
@click.option("--no-service", is_flag=True, help="Refuse every SERVICE call.")
@click.option("--enable-update", is_flag=True,
              help="Accept SPARQL Update and Graph Store writes from clients that send "
              "'Authorization: Bearer TOKEN', TOKEN from env NEWSGRAPH_UPDATE_TOKEN.")
@click.pass_context
@one_line_errors
def serve(ctx, store, query_url, update_url, gsp_url, host, port, http_workers, workers_threads,
          query_workers, query_timeout, max_result_bytes, allow_service, no_service, enable_update):
    """Serve the SPARQL endpoint and home page under gunicorn.

    \b
    Example:
      newsgraph serve --store newsgraph-store --port 5000
      curl 'http://127.0.0.1:5000/sparql?query=ASK%7B%7D'
    """
    from newsgraph import STARTED
    from newsgraph.endpoint.server import serve as run

    if no_service and allow_service:
        raise InputError("give --allow-service or --no-service, not both")
    allowlist = () if no_service else (allow_service or None)
    for url in allowlist or ():
        if not url.startswith(("http://", "https://")):
            raise InputError(f"--allow-service {url!r}: give the endpoint's http(s) URL")
    if enable_update and not ctx.obj.update_token:
        raise InputError("--enable-update needs a token: set NEWSGRAPH_UPDATE_TOKEN in the "
                         "environment (it is never taken from the command line)")
    settings = _store_settings(ctx, store, query_url, update_url, gsp_url, host=host, port=port,
                               enable_update=enable_update or None, http_workers=http_workers,
                               workers_threads=workers_threads, query_workers=query_workers,
                               query_timeout=query_timeout, max_result_bytes=max_result_bytes,
                               service_allowlist=allowlist)
    # Fail here with a clear message rather than in a worker that cannot boot.
    backends.check(settings)
    _check_port(settings.host, settings.port)
    home = f"http://{settings.host}:{settings.port}/"
    click.echo(f"starting: {settings.store_label} on {home} …", err=True)
    run(settings, announce=f"open {home} in a browser (SPARQL endpoint {home}sparql)",
        started=STARTED)


def _check_port(host: str, port: int) -> None:
    """InputError at once when the address is taken: gunicorn would retry for five seconds
    and then print a screen of log lines."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise InputError(f"--host {host!r}: not an address this machine has ({err.strerror})"
                         ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As gunicorn binds: SO_REUSEADDR, so a port left in TIME_WAIT is free, and only
        # another listening socket makes the bind fail.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise InputError(f"port {port} on {host} is taken (is another server "
                                 "running?); choose another with --port") from None
            raise InputError(f"cannot listen on {host}:{port}: {err.strerror or err}"
                             ) from None


# -- import -------------------------------------------------------------------------


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@store_options
@click.pass_context
@one_line_errors
def import_(ctx, files, store, query_url, update_url, gsp_url):
    """Bulk-load RDF datasets (.trig, .nq) made earlier, through the store's own loader.

    Each named graph in a file replaces the store's graph of that name and joins
    the merged default graph. A file is parsed whole first: one that does not
    parse changes nothing. No SHACL check runs here; run `newsgraph validate
    --store` after.

    \b
    Examples:
      newsgraph extract corpus.jsonl -f nquads -o corpus.nq
      newsgraph import corpus.nq --store newsgraph-store
    """
    from .importing import DatasetFileError, import_dataset, scan

    settings = _store_settings(ctx, store, query_url, update_url, gsp_url)
    scans = []
    for path in files:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        try:
            scans.append(scan(path))  # every file parses before the store is touched
        except DatasetFileError as err:
            raise InputError(str(err)) from err
    from newsgraph.claims.pending import Run
    from newsgraph.claims.rebuild import rebuild
    from newsgraph.loader.gazetteer import Gazetteer

    target = backends.open_writer(settings)
    try:
        run = Run(target, settings.base_iri).begin()
        imported: list[str] = []
        try:
            for scanned in scans:
                summary = import_dataset(target, scanned)
                imported += scanned.graphs
                click.echo(f"{scanned.path}: {summary.quads:,} quad(s) in "
                           f"{summary.graphs:,} graph(s), {summary.replaced:,} of them "
                           f"replaced, into {settings.store_label}", err=True)
            # The claims follow the articles imported, as after a load.
            rebuilt = rebuild(target, settings.base_iri, Gazetteer.load(), imported, run)
        except BaseException:
            run.stop()
            raise
        run.end()
        click.echo(f"claims: {rebuilt.written} written, {rebuilt.removed} removed", err=True)
    finally:
        target.close()
