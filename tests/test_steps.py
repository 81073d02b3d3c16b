"""The extractor's declared steps: each reads only what came before it, adds only what it
declares, and runs alone on a made-up sentence."""

from __future__ import annotations

from dataclasses import fields

import pytest

from newsgraph.loader.extract.extractor import INPUTS, STEPS, Step, Work, run_steps
from newsgraph.loader.model import Article

TEXT = ("Norway has sent 300 soldiers to Latvia, the defence ministry said on Monday.\n\n"
        "\u201cThey will stay as long as they are needed,\u201d Defence Minister Ingrid Dahl said.")


def work_for(extractor, text: str = TEXT) -> Work:
    doc = extractor.nlp(text)
    return Work(Article(id="t", text=text), doc, doc.text, extractor.find_actors,
                extractor.patterns)


def steps_up_to(name: str) -> tuple[Step, ...]:
    names = [s.name for s in STEPS]
    return STEPS[:names.index(name) + 1]


def test_each_step_reads_only_what_the_input_or_an_earlier_step_gave():
    available = set(INPUTS)
    known = {f.name for f in fields(Work)}
    for step in STEPS:
        assert set(step.reads) <= available, (step.name, set(step.reads) - available)
        assert set(step.adds) <= known, step.name
        available |= set(step.adds)
    assert len({s.name for s in STEPS}) == len(STEPS)


def test_a_step_that_adds_what_it_did_not_declare_is_stopped(extractor):
    rogue = Step("rogue", (), ("quotes",), lambda work: {"deployments": []})
    with pytest.raises(RuntimeError, match="rogue added \\['deployments'\\]"):
        run_steps(work_for(extractor), (rogue,))


def test_the_quotes_step_alone_finds_the_quotation(extractor):
    work = run_steps(work_for(extractor), steps_up_to("quotes"))
    assert [TEXT[q.start:q.end] for q in work.quotes] == [
        "They will stay as long as they are needed,"]
    assert work.index is None and work.statements == []


def test_the_steps_up_to_statements_attribute_both_kinds_of_speech(extractor):
    work = run_steps(work_for(extractor), steps_up_to("statements"))
    speakers = {s.kind: work.index.actors[s.speaker].name for s in work.statements}
    assert speakers["direct"] == "Ingrid Dahl"
    assert work.deployments == []


def test_the_deployment_step_adds_the_deployment(extractor):
    work = run_steps(work_for(extractor), steps_up_to("deployments"))
    (deployment,) = work.deployments
    assert (deployment.deployer, deployment.destination, deployment.count) == (
        "Norway", "Latvia", 300)
