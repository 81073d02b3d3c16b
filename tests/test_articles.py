"""Reading inputs: every kind of bad input is a named problem, the rest goes on."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsgraph.loader.articles import InputProblem, TextMetadata
from newsgraph.loader.inputs import read_articles
from newsgraph.loader.model import Article


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputProblem)])


def test_txt_with_metadata(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Kyiv said so.\n", encoding="utf-8")
    articles, problems = split(read_articles([f], TextMetadata(outlet="Desk",
                                                               published="2024-10-23")))
    assert not problems
    assert articles[0].id == "story" and articles[0].outlet == "Desk"
    assert articles[0].published == date(2024, 10, 23)


def test_jsonl_broken_line_is_named_and_the_rest_loads(tmp_path):
    f = tmp_path / "a.jsonl"
    good = {"id": "a1", "text": "Seoul said so."}
    f.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "id": "a2"}) + "\n")
    articles, problems = split(read_articles([f]))
    assert [a.id for a in articles] == ["a1", "a2"]
    assert len(problems) == 1 and problems[0].where.endswith("a.jsonl:2")
    assert "not valid JSON" in problems[0].message


def test_records_missing_fields_and_duplicates(tmp_path):
    f = tmp_path / "b.jsonl"
    lines = [{"id": "x", "text": "One."}, {"text": "No id."}, {"id": "y"},
             {"id": "x", "text": "Again."}, {"id": "z", "text": "Ok.", "published": "soon"}]
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    articles, problems = split(read_articles([f]))
    assert [a.id for a in articles] == ["x"]
    messages = " | ".join(p.message for p in problems)
    assert "lacks id" in messages and "lacks text" in messages
    assert "duplicate article id 'x'" in messages
    assert "not an ISO date" in messages


def test_empty_binary_and_non_utf8_files(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 said".encode("latin-1"))
    (tmp_path / "none.jsonl").write_text("")
    _, problems = split(read_articles(sorted(tmp_path.iterdir())))
    by_file = {p.where.rsplit("/", 1)[-1]: p.message for p in problems}
    assert "empty" in by_file["empty.txt"]
    assert "binary" in by_file["bin.txt"]
    assert "not UTF-8" in by_file["latin.txt"]
    assert "empty" in by_file["none.jsonl"]


def test_unknown_types_missing_files_and_empty_directories(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "empty").mkdir()
    _, problems = split(read_articles([tmp_path / "a.pdf", tmp_path / "nope.txt",
                                       tmp_path / "empty"]))
    assert "unknown input type '.pdf'" in problems[0].message
    assert "no such file" in problems[1].message
    assert "holds no articles, pages, feeds" in problems[2].message


def test_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("word " * 100)
    _, problems = split(read_articles([f], max_chars=50))
    assert "over the limit" in problems[0].message


def test_a_lone_surrogate_is_one_named_problem_and_the_rest_loads(tmp_path):
    # Valid JSON, but no UTF-8 text (nor spaCy, nor a store) can carry half a surrogate pair.
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "a1", "text": "The mayor said \\udcff no."}\n'
                 '{"id": "a2", "title": "\\ud800", "text": "The mayor said no."}\n'
                 + json.dumps({"id": "a3", "text": "The mayor said yes."}) + "\n")
    articles, problems = split(read_articles([f]))
    assert [a.id for a in articles] == ["a3"]
    assert [p.where.rsplit("/", 1)[-1] for p in problems] == ["s.jsonl:1", "s.jsonl:2"]
    assert "lone surrogate (U+DCFF) at character 15" in problems[0].message
    assert "field 'title'" in problems[1].message


def test_ids_that_are_not_strings_or_numbers_or_are_blank_are_refused(tmp_path):
    f = tmp_path / "ids.jsonl"
    ids = [["a"], {"x": 1}, True, "   ", "ok\u0000id", 7]
    f.write_text("\n".join(json.dumps({"id": i, "text": "The mayor said no."}) for i in ids)
                 + "\n")
    articles, problems = split(read_articles([f]))
    assert [a.id for a in articles] == ["7"]
    messages = [p.message for p in problems]
    assert "not list" in messages[0] and "not dict" in messages[1] and "not bool" in messages[2]
    assert "id is blank" in messages[3]
    assert "control character" in messages[4]


def test_a_url_with_a_control_character_is_refused(tmp_path):
    f = tmp_path / "u.jsonl"
    f.write_text(json.dumps({"id": "u1", "url": "https://example.org/a\u0000b",
                             "text": "The mayor said no."}) + "\n")
    articles, problems = split(read_articles([f]))
    assert not articles and "url 'https://example.org/a" in problems[0].message
    assert "control character" in problems[0].message


def test_characters_xml_cannot_carry_become_spaces_and_offsets_stay(tmp_path):
    f = tmp_path / "c.jsonl"
    text = "The mayor\u0000 said\u000b no.\uffff"
    f.write_text(json.dumps({"id": "c1", "title": "Roads\u0001", "text": text}) + "\n")
    [article], problems = split(read_articles([f]))
    assert not problems
    assert article.text == "The mayor  said  no. " and len(article.text) == len(text)
    assert article.title == "Roads "


def test_a_run_without_spaces_longer_than_prose_has_is_refused_by_name(tmp_path):
    # spaCy's tokenizer is quadratic in the affixes of one run: 200,000 brackets take hours.
    f = tmp_path / "r.jsonl"
    nested = "(" * 100_000 + "x" + ")" * 100_000
    long_url = "https://example.org/" + "a" * 2_000
    f.write_text(json.dumps({"id": "r1", "text": "The mayor said " + nested + " today."}) + "\n"
                 + json.dumps({"id": "r2", "text": "See " + long_url + " for the text."}) + "\n")
    articles, problems = split(read_articles([f]))
    assert [a.id for a in articles] == ["r2"]
    assert problems[0].where.endswith("r.jsonl:1")
    assert "200,001 characters without a space at character 15" in problems[0].message


def test_links_in_a_folder_are_not_followed_and_one_leading_outside_is_named(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("The mayor said the bridge would reopen.")
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("Nobody should load this text.")
    (folder / "inner.txt").symlink_to(folder / "a.txt")
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    (folder / "sub" / "up").symlink_to(outside, target_is_directory=True)
    (folder / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    articles, problems = split(read_articles([folder]))
    assert [a.id for a in articles] == ["a"]
    named = {Path(p.where).name: p.message for p in problems}
    assert set(named) == {"leak.txt", "up", "gone.txt"}
    assert "outside" in named["leak.txt"] and "not followed" in named["leak.txt"]
    assert "outside" in named["up"] and "does not exist" in named["gone.txt"]
    # Named on the command line, a link is read: its owner asked for it.
    [given], _ = split(read_articles([folder / "leak.txt"]))
    assert given.text.startswith("Nobody")


def test_metadata_beside_a_text_is_read_and_the_command_line_wins(tmp_path):
    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen.")
    (tmp_path / "a.json").write_text(json.dumps({
        "id": "story-7", "url": "https://example.org/7", "outlet": "Harbour Post",
        "published": "2024-05-02", "title": "Bridge to reopen", "notes": "ignored"}))
    (tmp_path / "b.txt").write_text("The council said the road would close.")
    (tmp_path / "c.txt").write_text("The port said the ferry would run.")
    (tmp_path / "c.json").write_text("{not json")
    articles, problems = split(read_articles([tmp_path]))
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"story-7", "b"}
    a = by_id["story-7"]
    assert (a.url, a.outlet, a.published, a.title) == (
        "https://example.org/7", "Harbour Post", date(2024, 5, 2), "Bridge to reopen")
    assert by_id["b"].title is None
    [problem] = problems
    assert problem.where.endswith("c.json") and "not readable JSON" in problem.message
    [given], _ = split(read_articles([tmp_path / "a.txt"], TextMetadata(outlet="Night Desk")))
    assert given.outlet == "Night Desk" and given.title == "Bridge to reopen"


HEADLINED = ("Harbour board to close the east pier\n\n"
             "The harbour board said on Monday that the east pier would close in May.\n")


def test_a_headline_line_is_the_title_and_the_body_starts_after_it(tmp_path):
    (tmp_path / "pier.txt").write_text(HEADLINED)
    [article], problems = split(read_articles([tmp_path / "pier.txt"]))
    assert not problems
    assert article.title == "Harbour board to close the east pier"
    assert article.text.startswith("The harbour board said")
    # What metadata says wins over the line; the line still leaves the body.
    (tmp_path / "pier.json").write_text(json.dumps({"title": "East pier closes"}))
    [article], _ = split(read_articles([tmp_path / "pier.txt"]))
    assert article.title == "East pier closes" and article.text.startswith("The harbour")
    [article], _ = split(read_articles([tmp_path / "pier.txt"], TextMetadata(title="Given")))
    assert article.title == "Given"


def test_a_first_line_that_reads_as_a_sentence_stays_in_the_body(tmp_path):
    for first in ("The harbour board said the pier would close.",
                  "“The pier will close,” the harbour board said.”",
                  "the pier closes in May",
                  "Board chair: the pier closes",  # no colon at the end, yet a headline
                  " ".join(["word"] * 30)):
        (tmp_path / "x.txt").write_text(first + "\n\nThe board met on Monday.\n")
        [article], _ = split(read_articles([tmp_path / "x.txt"]))
        headline = first[0].isupper() and first.endswith("closes")
        assert (article.title == first) is headline, first
        assert article.text.startswith(first) is not headline, first
    # A single paragraph, or no blank line after the first: no headline.
    for text in ("Pier to close\n", "Pier to close\nThe board met on Monday.\n"):
        (tmp_path / "y.txt").write_text(text)
        [article], _ = split(read_articles([tmp_path / "y.txt"]))
        assert article.title is None and article.text == text
