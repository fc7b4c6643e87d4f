"""`eventcoder explain` lists the triggers that never became candidates, each with the check it failed.
Matcher cases run on the fictional Freedonia codebook with a few patterns of their own."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from eventcoder.codebook.compile import Codebook, compile_codebook
from eventcoder.codebook.load import merge_layers
from eventcoder.explain import explain_text

FREEDONIA = Path(__file__).resolve().parent / "fixtures" / "freedonia"
DATE = dt.date(1933, 12, 1)
PATTERNS = """\
format_version: 1
kind: patterns
entries:
  - id: threaten.with_arms
    code: "130"
    trigger: {verbs: [warn]}
    requires: [{words: [tanks, guns], within: 4}]
  - id: threaten.not_jokingly
    code: "130"
    trigger: {verbs: [menace]}
    excludes: [{words: [jokingly], where: before, within: 2}]
  - id: threaten.noun
    code: "130"
    trigger: {nouns: [ultimatum]}
"""
ACTORS = """\
format_version: 1
kind: actors
entries:
  - {id: menace-league, name: Menace League, type: group, code: SYLMIL, country: SYL, names: [Menace League]}
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory: pytest.TempPathFactory) -> Codebook:
    layer = tmp_path_factory.mktemp("explain") / "codebook"
    shutil.copytree(FREEDONIA, layer)
    (layer / "explain_patterns.yaml").write_text(PATTERNS, encoding="utf-8")
    (layer / "explain_actors.yaml").write_text(ACTORS, encoding="utf-8")
    return compile_codebook(merge_layers([layer]))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('Freedonia said "we threaten Sylvania".', "threaten.verb [130] 'threaten': inside a quotation"),
        ("Freedonia banned the Menace League.", "threaten.not_jokingly [130] 'Menace': inside the actor name"),
        ("Freedonia has the threatened army.", "threaten.verb [130] 'threatened': not read as a verb after 'the'"),
        ("Freedonia warned Sylvania.", "threaten.with_arms [130] 'warned': requires #1 not met: tanks, guns after"),
        ("Freedonia jokingly menaced Sylvania.", "threaten.not_jokingly [130] 'menaced': excludes #1 holds: jokingly"),
    ],
)
def test_explain_lists_unused_triggers_with_reason(fictional: Codebook, text: str, line: str) -> None:
    report = explain_text(text, fictional, date=DATE)
    assert "triggers not used:" in report
    assert line in report, report


def test_explain_keeps_dropped_candidates_apart(fictional: Codebook) -> None:
    # a candidate without a source is dropped later on; it is not a trigger left unused
    report = explain_text("An ultimatum was delivered.", fictional, date=DATE)
    assert "threaten.noun [130]: no source actor found" in report
    assert "triggers not used:" not in report


def test_explain_hides_part_of_speech_guess_where_another_pattern_read_the_word(fictional: Codebook) -> None:
    report = explain_text("Freedonia threatened Sylvania.", fictional, date=DATE)
    assert "threaten.verb" in report and "triggers not used:" not in report
