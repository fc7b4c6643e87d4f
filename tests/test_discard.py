"""Discard phrases (`kind: discard`): imported from PETRARCH discard lists, applied by the coder, counted in
the run summary and manifest, and reported by `explain`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.codebook.compile import Codebook, codebook_layers, compile_codebook, load_codebook
from eventcoder.codebook.load import merge_layers
from eventcoder.codebook.petrarch import detect_kind, parse_discard_dictionary
from eventcoder.codebook.petrarch_layer import import_petrarch
from eventcoder.codebook.spec import DiscardSpec
from eventcoder.coder import code_text
from eventcoder.discard import compile_discards
from eventcoder.errors import CodebookError
from eventcoder.explain import explain_text

FIXTURES = Path(__file__).parent / "fixtures"
DISCARDS = FIXTURES / "petrarch_fictional" / "fictional.discards.txt"
DAY = dt.date(2025, 6, 1)
POLITICAL = "Venezuela accused Colombia of war crimes."


@pytest.fixture(scope="module")
def layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("discard-layer")
    _, _, check = import_petrarch([DISCARDS], out)
    assert check.passes
    return out


@pytest.fixture(scope="module")
def discarding(layer: Path) -> Codebook:
    """The layer on the defaults, compiled into the session's codebook cache, which the CLI runs below read."""
    return load_codebook([layer])


def test_discard_list_lines_become_entries_with_scope_stem_and_line_ids() -> None:
    result = parse_discard_dictionary(DISCARDS.read_text(encoding="utf-8"), DISCARDS.name)
    by_phrase = {entry["phrase"]: entry for entry in result.entries}
    assert by_phrase["grand fenwick cup"] == {
        "id": "petrarch-fictional-discards-txt-3",
        "phrase": "grand fenwick cup",
        "scope": "story",
        "stem": True,
    }
    assert by_phrase["tournament"]["scope"] == "sentence" and by_phrase["tournament"]["stem"] is True
    assert by_phrase["group c"]["stem"] is False  # a trailing `_` is an exact word
    assert "lottery" not in by_phrase  # inside an XML comment
    assert [(item.line, item.reason.split(" (")[0]) for item in result.skipped] == [(11, "not a discard phrase")]
    assert result.converted == (3, 4, 5, 6, 7, 8, 9)
    assert detect_kind("Phoenix.discards.txt", "") == "discard"


def test_a_discard_phrase_stops_its_sentence_only(discarding: Codebook) -> None:
    coded = code_text(f"The chess olympiad opened in Caracas. {POLITICAL}", discarding, date=DAY)
    assert (coded.sentences, coded.discarded, coded.story_discarded) == (2, 1, False)
    assert [(row["cameo_code"], row["source_code"], row["target_code"]) for row in coded.rows] == [
        ("1124", "VENGOV", "COL")
    ]


def test_a_stem_matches_longer_words_and_an_exact_word_does_not(discarding: Codebook) -> None:
    assert code_text(f"{POLITICAL[:-1]} during the tournaments.", discarding, date=DAY).discarded == 1
    assert code_text(f"{POLITICAL[:-1]} at the Group C session.", discarding, date=DAY).discarded == 1
    assert code_text(f"{POLITICAL[:-1]} before the group convened.", discarding, date=DAY).discarded == 0


def test_a_story_level_phrase_stops_the_whole_article_title_included(discarding: Codebook) -> None:
    coded = code_text(POLITICAL, discarding, date=DAY, title="Sylvania wins the Grand Fenwick Cup")
    assert (coded.sentences, coded.discarded, coded.story_discarded, coded.rows) == (2, 2, True, [])


def test_without_discard_phrases_the_same_text_is_coded(codebook: Codebook) -> None:
    coded = code_text(POLITICAL, codebook, date=DAY, title="Sylvania wins the Grand Fenwick Cup")
    assert coded.discarded == 0 and coded.rows


def test_explain_names_the_phrase_that_stopped_a_sentence(discarding: Codebook) -> None:
    text = explain_text(f"{POLITICAL} Gold medal winners paraded.", discarding, date=DAY)
    assert (
        "  discarded: discard phrase 'gold medal' (last word as a stem) [petrarch-fictional-discards-txt-7] "
        "at tokens 0-1; this sentence is not coded"
    ) in text
    story = explain_text(POLITICAL, discarding, date=DAY, title="Zenda regatta postponed")
    assert story.count("story-level discard phrase 'zenda regatta'") == 2
    assert "of sentence [0]; the whole article is not coded" in story


def test_discarded_sentences_and_articles_are_counted_in_summary_and_manifest(layer: Path, tmp_path: Path) -> None:
    articles = tmp_path / "in.jsonl"
    rows = [
        {"id": "a1", "text": f"{POLITICAL} The chess olympiad opened.", "date": "2025-06-01"},
        {"id": "a2", "title": "Zenda regatta", "text": POLITICAL, "date": "2025-06-01"},
    ]
    articles.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["code", str(articles), "-o", str(out), "--codebook", str(layer)])
    assert result.exit_code == 0, result.output
    assert "discarded: 3 sentences, 1 whole articles" in result.output
    (manifest_path,) = (out / "_runs").glob("*.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert (manifest["sentences_discarded"], manifest["articles_discarded"], manifest["events_written"]) == (3, 1, 1)


def test_a_bad_discard_entry_is_a_codebook_problem(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(
        yaml.safe_dump(
            {"format_version": 1, "kind": "discard", "entries": [{"id": "x", "phrase": "cup", "scope": "league"}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as error:
        compile_codebook(merge_layers(codebook_layers([tmp_path])))
    assert [(problem.location, problem.code) for problem in error.value.problems] == [
        ("entries -> 0 -> scope", "EC104")
    ]


def test_an_empty_discard_layer_keeps_the_default_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text("format_version: 1\nkind: discard\nentries: []\n", encoding="utf-8")
    assert merge_layers(codebook_layers([tmp_path])).fingerprint == merge_layers(codebook_layers()).fingerprint


def test_the_first_phrase_in_the_sentence_wins_then_the_longest() -> None:
    discards = compile_discards(
        DiscardSpec(id=key, phrase=phrase) for key, phrase in (("a", "world"), ("b", "world cup"), ("c", "cup"))
    )
    found = discards.find(("the", "world", "cup", "final"))
    assert found is not None and (found[0].id, found[1]) == ("b", 1)
    assert discards.find(("worldly", "cups")) is None


def test_codebook_stats_counts_discard_phrases_by_scope(layer: Path) -> None:
    stats = CliRunner().invoke(cli, ["codebook", "stats", "--codebook", str(layer)])
    assert stats.exit_code == 0, stats.output
    counts = dict(line.rsplit(None, 1) for line in stats.output.splitlines() if line.startswith("discard"))
    assert counts == {"discards (sentence)": "5", "discards (story)": "2"}
