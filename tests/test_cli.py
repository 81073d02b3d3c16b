"""The command line, through click's runner and as a real subprocess."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from newsgraph.commands.cli import main

from .conftest import SAMPLES, run_cli

GOOD_TTL = """@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/newsgraph/id/actor/utopia> a ng:State ; rdfs:label "Utopia" .
"""
BAD_TTL = GOOD_TTL + '<https://w3id.org/newsgraph/id/actor/utopia> rdfs:label "Atlantis" .\n'


def test_help_explains_each_command_with_an_example():
    runner = CliRunner()
    for command in ("extract", "load", "validate", "query", "serve"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command


def test_extract_writes_one_named_graph_per_article(tmp_path):
    out = tmp_path / "out.trig"
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-f", "trig", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {f"https://w3id.org/newsgraph/id/article/sample-00{i}" for i in range(1, 5)} <= names


def test_extract_other_formats(tmp_path):
    for fmt in ("nquads", "turtle", "jsonld"):
        out = tmp_path / f"out.{fmt}"
        result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0 and out.stat().st_size > 1000, fmt


def test_extract_txt_with_metadata(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("“We are ready,” Lloyd Austin said on Monday.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--id", "s1", "--published",
                                       "2024-10-23", "--outlet", "Desk", "-f", "nquads"])
    assert result.exit_code == 0
    assert "article/s1" in result.output and '"2024-10-21"' in result.output


def test_serve_on_a_taken_port_fails_at_once_in_one_line(sample_store):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--store", str(sample_store),
                                           "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.strip() == (f"Error: port {port} on 127.0.0.1 is taken (is another "
                                     "server running?); choose another with --port")


def test_validate_exit_codes(tmp_path):
    good, bad, broken = tmp_path / "good.ttl", tmp_path / "bad.ttl", tmp_path / "broken.ttl"
    good.write_text(GOOD_TTL)
    bad.write_text(BAD_TTL)
    broken.write_text(GOOD_TTL + "<a> <b> .\n")
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(good)]).exit_code == 0
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1 and "rdfs:label" in result.output
    result = runner.invoke(main, ["validate", str(broken)])
    assert result.exit_code == 2 and "broken.ttl" in result.output and "line" in result.output
    assert runner.invoke(main, ["validate", str(tmp_path / "none.ttl")]).exit_code == 2
    unrelated = tmp_path / "other.ttl"
    unrelated.write_text("<https://example.org/a> <https://example.org/b> 1 .\n")
    result = runner.invoke(main, ["validate", str(unrelated)])
    assert result.exit_code == 2 and "nothing to check: no shape" in result.output
    result = runner.invoke(main, ["validate", str(bad), "--format", "json"])
    report = json.loads(result.output)
    assert report["conforms"] is False and report["graphs"][0]["results"][0]["message"]
    result = runner.invoke(main, ["validate", str(bad), "--format", "turtle"])
    assert "sh:ValidationReport" in result.output


def test_validate_engines_give_the_same_report(tmp_path):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text(GOOD_TTL)
    bad.write_text(BAD_TTL)
    runner = CliRunner()
    outputs = {}
    for engine in ("turbo", "pyshacl"):
        assert runner.invoke(main, ["validate", str(good), "--engine", engine]).exit_code == 0
        result = runner.invoke(main, ["validate", str(bad), "--engine", engine])
        assert result.exit_code == 1
        outputs[engine] = result.output
    assert outputs["turbo"] == outputs["pyshacl"]
    result = runner.invoke(main, ["validate", str(good), "--engine", "fastest"])
    assert result.exit_code == 2 and "--engine" in result.output
    # Shapes with a feature pyshacl-turbo lacks (SHACL-JS) are read by the reference.
    shapes, data = tmp_path / "js.ttl", tmp_path / "data.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:js [ a sh:JSConstraint ; sh:message "m" ;
    sh:jsLibrary [ sh:jsLibraryURL "http://example.org/f.js" ] ; sh:jsFunctionName "f" ] .
ex:T a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
""")
    data.write_text("<http://example.org/a> a <http://example.org/C> .\n")
    result = runner.invoke(main, ["validate", str(data), "--shapes", str(shapes)])
    assert result.exit_code == 1 and "Less than 1 values" in result.output, result.output


@pytest.mark.slow
def test_load_query_and_validate_the_store_as_subprocesses(tmp_path):
    store = tmp_path / "store"
    done = run_cli("load", str(SAMPLES), "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert "4 new" in done.stderr and "validation" in done.stderr
    again = run_cli("load", str(SAMPLES), "--store", str(store))
    assert again.returncode == 0 and "4 unchanged" in again.stderr
    # Not extracted again: no extraction time at all, with workers too.
    assert "extraction 0.00 s" in again.stderr
    parallel = run_cli("load", str(SAMPLES), "--store", str(store), "-j", "2")
    assert "4 unchanged" in parallel.stderr and "extraction 0.00 s" in parallel.stderr
    forced = run_cli("load", str(SAMPLES), "--store", str(store), "--force")
    assert "4 unchanged" in forced.stderr and "extraction 0.00 s" not in forced.stderr
    q = "SELECT ?name WHERE { ?a a ng:Person ; rdfs:label ?name } ORDER BY ?name"
    table = run_cli("query", q, "--store", str(store))
    assert table.returncode == 0 and "Lloyd Austin" in table.stdout and "row" in table.stdout
    as_csv = run_cli("query", q, "--store", str(store), "--format", "csv")
    assert as_csv.stdout.splitlines()[0] == "name"
    as_json = run_cli("query", "ASK { ?s a ng:Deployment }", "--store", str(store),
                      "--format", "json")
    assert json.loads(as_json.stdout)["boolean"] is True
    checked = run_cli("validate", "--store", str(store))
    assert checked.returncode == 0, checked.stdout


def test_load_rejects_bad_input_with_exit_1_and_keeps_the_good(tmp_path):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text('{"id": "ok", "text": "Germany sent 300 troops to Lithuania."}\n'
                      '{"id": "broken"\n{"text": "no id"}\n')
    store = tmp_path / "store"
    done = run_cli("load", str(inputs), "--store", str(store))
    assert done.returncode == 1
    assert "in.jsonl:2" in done.stderr and "in.jsonl:3" in done.stderr
    assert "1 new" in done.stderr and "Traceback" not in done.stderr


def test_query_errors_are_one_line(tmp_path):
    missing = run_cli("query", "-f", str(tmp_path / "nope.rq"), "--store", str(tmp_path))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    no_store = run_cli("query", "ASK {}", "--store", str(tmp_path / "none"))
    assert no_store.returncode == 2 and "no store at" in no_store.stderr
    unreachable = run_cli("query", "ASK {}", "--endpoint", "http://127.0.0.1:9/sparql")
    assert unreachable.returncode == 2 and "cannot reach endpoint" in unreachable.stderr
    for done in (missing, no_store, unreachable):
        assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_query_through_an_endpoint(server):
    done = run_cli("query", "SELECT ?l WHERE { ?a a ng:State ; rdfs:label ?l } ORDER BY ?l",
                   "--endpoint", server.sparql)
    assert done.returncode == 0, done.stderr
    assert "Germany" in done.stdout
    turtle = run_cli("query", "CONSTRUCT WHERE { ?a a ng:State }", "--endpoint", server.sparql)
    assert "ontology#State" in turtle.stdout or "ng:State" in turtle.stdout


def test_serve_on_a_missing_store_says_so(tmp_path):
    done = run_cli("serve", "--store", str(tmp_path / "none"), "--port", "5999", timeout=60)
    assert done.returncode == 2 and "no store at" in done.stderr


STATEMENT_WITHOUT_SPEAKER = """
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
<https://w3id.org/newsgraph/id/article/t> a ng:Article ;
  <http://purl.org/dc/terms/identifier> "t" ; <https://schema.org/articleBody> "Hello world." .
<https://w3id.org/newsgraph/id/article/t/statement/0-5> a ng:Statement ; ng:quote "Hello" ;
  ng:statementKind ng:Direct ; ng:source <https://w3id.org/newsgraph/id/article/t> ;
  ng:evidence <https://w3id.org/newsgraph/id/article/t/statement/0-5#evidence> .
<https://w3id.org/newsgraph/id/article/t/statement/0-5#evidence> a oa:TextPositionSelector ;
  oa:start 0 ; oa:end 5 ; oa:exact "Hello" .
"""


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"),
                                         (".rdf", "xml"), (".trig", "trig"), (".nq", "nquads")])
def test_validate_reads_every_common_syntax(tmp_path, suffix, fmt):
    from rdflib import Graph, URIRef

    g = Graph().parse(data=STATEMENT_WITHOUT_SPEAKER, format="turtle")
    path = tmp_path / f"data{suffix}"
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        graph = ds.graph(URIRef("https://w3id.org/newsgraph/id/article/t"))
        for triple in g:
            graph.add(triple)
        ds.serialize(path, format=fmt)
    else:
        g.serialize(path, format=fmt)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "needs exactly one ng:speaker" in result.output
    # The result names the article and the span of text it came from.
    assert 'characters 0-5 "Hello"' in result.output


def test_validate_input_format_severity_and_max_results(tmp_path):
    odd = tmp_path / "data.txt"
    odd.write_text(STATEMENT_WITHOUT_SPEAKER + BAD_TTL)
    runner = CliRunner()
    unknown = runner.invoke(main, ["validate", str(odd)])
    assert unknown.exit_code == 2 and "--input-format" in unknown.output
    full = runner.invoke(main, ["validate", str(odd), "--input-format", "turtle"])
    assert full.exit_code == 1
    capped = runner.invoke(main, ["validate", str(odd), "--input-format", "turtle",
                                  "--max-results", "1"])
    assert capped.exit_code == 1 and "more result(s) (--max-results 1)" in capped.output
    assert capped.output.count("Violation:") == 1
    as_json = json.loads(runner.invoke(main, ["validate", str(odd), "--input-format", "turtle",
                                              "--format", "json"]).output)
    sourced = [r for g in as_json["graphs"] for r in g["results"] if r["source"]]
    assert sourced and sourced[0]["source"] == {
        "article": "https://w3id.org/newsgraph/id/article/t", "start": 0, "end": 5,
        "exact": "Hello"}
    # Our shapes report violations only: nothing is left at a stricter floor than that.
    assert runner.invoke(main, ["validate", str(odd), "--input-format", "turtle",
                                "--severity", "violation"]).exit_code == 1


@pytest.mark.slow
def test_bad_records_among_good_ones_are_named_and_the_parallel_load_goes_on(tmp_path):
    good = [{"id": f"g{i}", "text": f"The mayor of Town {i} said the bridge would reopen."}
            for i in range(20)]
    bad = [{"id": "b1", "text": "The mayor said \udcff no."},
           {"id": "b2", "text": "The mayor said " + "[" * 100_000 + "]" * 100_000},
           {"id": "b3", "text": "word " * 250_000}]
    inputs = tmp_path / "mixed.jsonl"
    records = good[:7] + bad[:1] + good[7:14] + bad[1:] + good[14:]
    inputs.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    done = run_cli("load", str(inputs), "-j", "2", "--store", str(tmp_path / "s"), "-q",
                   env={"NEWSGRAPH_CONFIG": ""}, timeout=240)
    assert done.returncode == 1, done.stderr
    assert "20 new" in done.stderr and "3 unreadable" in done.stderr, done.stderr
    assert "mixed.jsonl:8" in done.stderr and "lone surrogate" in done.stderr
    assert "mixed.jsonl:16" in done.stderr and "without a space" in done.stderr
    assert "mixed.jsonl:17" in done.stderr and "over the limit of 1,000,000" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_store_that_fills_up_stops_the_load_at_once_and_counts_what_it_wrote(tmp_path, jobs):
    import re
    import resource
    import subprocess

    from .conftest import NEWSGRAPH

    records = [{"id": f"t{i}", "text": f"The mayor of Town {i} said the bridge over the river "
                "would reopen in spring. Officials of the council said repairs cost more."}
               for i in range(120)]
    inputs = tmp_path / "many.jsonl"
    inputs.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    store = tmp_path / "store"
    command = [str(NEWSGRAPH), "load", str(inputs), "--store", str(store), "-j", jobs]

    def small_files() -> None:
        # A file may not grow past 100 kB: the store's log hits it as a full disk would.
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    full = subprocess.run(command, capture_output=True, text=True, timeout=240,
                          preexec_fn=small_files)
    assert full.returncode == 2, full.stderr
    assert "cannot be written" in full.stderr and "File too large" in full.stderr
    assert "run the same command again" in full.stderr
    assert "rejected:" not in full.stderr and "Traceback" not in full.stderr
    written = int(re.search(r"after writing (\d+) article", full.stderr).group(1))
    assert 0 < written < 120
    again = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stderr
    assert f"{120 - written} new, 0 replaced, {written} unchanged" in again.stderr


def test_global_options_may_follow_the_subcommand(tmp_path):
    article = tmp_path / "memo.txt"
    article.write_text("The minister said the talks would resume.\n")
    config = tmp_path / "site.toml"
    config.write_text('base_iri = "https://news.example.org/id/"\n')
    runner = CliRunner()
    after = runner.invoke(main, ["extract", str(article), "-f", "nquads", "--config", str(config)])
    assert after.exit_code == 0 and "<https://news.example.org/id/article/memo>" in after.output
    joined = runner.invoke(main, ["extract", str(article), "--base-iri=https://b.example/id/",
                                  "-f", "nquads"])
    assert joined.exit_code == 0 and "<https://b.example/id/article/memo>" in joined.output


def test_moving_global_options_stops_at_a_double_dash():
    from newsgraph.commands.cli import _globals_first

    names = ("--base-iri", "--config")
    assert _globals_first(["query", "ASK {}", "--config", "c.toml"], names) == [
        "--config", "c.toml", "query", "ASK {}"]
    assert _globals_first(["query", "--", "--config"], names) == ["query", "--", "--config"]


@pytest.mark.slow
def test_a_piped_load_of_many_articles_reports_progress_in_lines(tmp_path):
    records = tmp_path / "many.jsonl"
    records.write_text("".join(json.dumps({"id": f"m{n}", "text": f"The mayor of town {n} said "
                                           "the bridge would reopen."}) + "\n"
                               for n in range(12)))
    done = run_cli("load", str(records), "--store", str(tmp_path / "s"))
    assert done.returncode == 0, done.stderr
    assert "progress: 12/12 articles (100 %)" in done.stderr
    assert "\r" not in done.stderr  # no bar drawn into a log
    quiet = run_cli("load", str(records), "--store", str(tmp_path / "s"), "-q")
    assert "progress:" not in quiet.stderr


def test_validate_without_arguments_validates_the_default_store(tmp_path, sample_store,
                                                                  monkeypatch):
    import shutil

    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    missing = runner.invoke(main, ["validate"])
    assert missing.exit_code == 2 and "newsgraph-store" in missing.output
    shutil.copytree(sample_store, tmp_path / "newsgraph-store")
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "conform" in result.output
