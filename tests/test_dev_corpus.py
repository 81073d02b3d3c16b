"""The extractor on the real dev corpus, scored by ../shared/eval/score.py.

REPORTED holds the figures written in the README for all 44 dev articles; a
change that drops any of them by more than 0.02 fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import DEV, SHARED, run_cli

REPORTED = {
    "actors_f1": 0.903,
    "statements_f1": 0.913,
    "attribution_f1": 0.862,
    "deployments_f1": 0.801,
    "linking_acc": 0.979,
}
TOLERANCE = 0.02
SCORE = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not SCORE.exists() or not DEV.is_dir(),
                                reason="../shared/eval and ../shared/corpus/dev are not here")


def test_dev_scores_hold(tmp_path):
    articles, out, report = tmp_path / "in.jsonl", tmp_path / "out.trig", tmp_path / "s.json"
    subprocess.run([sys.executable, str(SCORE), "--make-input", "--gold-dir", str(DEV), "-o",
                    str(articles)], check=True, capture_output=True)
    done = run_cli("extract", str(articles), "-f", "trig", "-o", str(out))
    assert done.returncode == 0, done.stderr
    scored = subprocess.run([sys.executable, str(SCORE), "--gold-dir", str(DEV), "--pred",
                             str(out), "--json", str(report)], capture_output=True, text=True)
    assert scored.returncode == 0, scored.stderr
    line = scored.stdout.strip().splitlines()[-1]
    figures = dict(pair.split("=") for pair in line.removeprefix("score: ").split())
    for name, reported in REPORTED.items():
        assert float(figures[name]) >= reported - TOLERANCE, (name, line)
    data = json.loads(report.read_text())
    assert not data.get("missing_articles"), data.get("missing_articles")


def test_every_evidence_offset_is_valid(tmp_path, extractor):
    from newsgraph.loader.inputs import read_articles

    texts = sorted(DEV.glob("*.txt"))
    for extraction in extractor.pipe(list(read_articles(texts))):
        text = extraction.article.text
        for st in extraction.statements:
            assert text[st.start:st.end] == st.quote
        for d in extraction.deployments:
            assert 0 <= d.start < d.end <= len(text)


def test_loader_output_for_the_dev_corpus_passes_the_shapes(extractor, validator):
    from newsgraph.loader.inputs import read_articles
    from newsgraph.loader.mapping import to_graph

    from .conftest import BASE

    for extraction in extractor.pipe(list(read_articles(sorted(DEV.glob("*.txt"))))):
        report = validator.validate(to_graph(extraction, BASE))
        assert report.conforms, (extraction.article.id, report.findings[:3])
