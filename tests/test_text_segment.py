"""Sentence segmentation: boundaries, abbreviations, the heading rule, and linear time on long lines."""

from __future__ import annotations

import time

import pytest

from eventcoder.text.segment import MAX_SENTENCE_CHARS, looks_like_heading, segment, split_sentences
from eventcoder.text.tokenize import tokenize


def _texts(paragraph: str) -> list[str]:
    return [paragraph[start:end] for start, end in split_sentences(paragraph)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Freedonia protested. Sylvania replied.", ["Freedonia protested.", "Sylvania replied."]),
        ("Mr. Firefly met Dr. Trentino. They argued.", ["Mr. Firefly met Dr. Trentino.", "They argued."]),
        ("J. Firefly spoke. The talks ended.", ["J. Firefly spoke.", "The talks ended."]),
        ("Premier K.P. Sharma Oli spoke. The talks ended.", ["Premier K.P. Sharma Oli spoke.", "The talks ended."]),
        ('He said "no." Then he left!', ['He said "no."', "Then he left!"]),
        ("The U.S. envoy arrived. Talks began", ["The U.S. envoy arrived.", "Talks began"]),
        ("Wait... What happened?! Nothing.", ["Wait...", "What happened?!", "Nothing."]),
    ],
)
def test_segment_splits_sentences(paragraph: str, expected: list[str]) -> None:
    assert _texts(paragraph) == expected


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("An Offer Refused, Talks Collapse", True),
        ("Escalating Pressure and Military Actions", True),
        ("The Drug Crisis Connection and US Defense", True),
        ("Freedonian troops shelled Sylvanian border posts", False),  # not title case: a snippet
        ("Police fire tear gas at protesters in the capital", False),
        ("Freedonia Says It Will Retaliate", False),  # a finite verb
        ("Talks collapsed.", False),  # final punctuation
        ("Freedonia Warns Sylvania Over Border Dispute in a Long Headline That Goes On and On", False),  # long
    ],
)
def test_segment_heading_rule(line: str, heading: bool) -> None:
    assert looks_like_heading(line, followed_by_text=True) is heading


def test_segment_last_line_without_period_is_a_sentence() -> None:
    units = segment("Title", "Freedonia Recalls Its Envoy\nSylvania Expels Freedonian Diplomats")
    assert [(unit.text, unit.kind) for unit in units[1:]] == [
        ("Freedonia Recalls Its Envoy", "heading"),
        ("Sylvania Expels Freedonian Diplomats", "sentence"),
    ]


def test_segment_cuts_text_without_breaks_at_whitespace() -> None:
    line = "word " * 3000
    spans = split_sentences(line)
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert "".join(line[start:end] + " " for start, end in spans).split() == line.split()
    assert all(not line[start].isspace() for start, _ in spans)


def test_segment_cuts_text_without_whitespace() -> None:
    line = "x" * (MAX_SENTENCE_CHARS * 2 + 5)
    assert split_sentences(line) == [(0, 2000), (2000, 4000), (4000, 4005)]


@pytest.mark.parametrize("unit", ["word ", ".", "a. ", "Mr. X ", "a.", "!? ", " ", "\u00a0x", "U.S. "], ids=repr)
def test_segment_and_tokenize_are_linear(unit: str) -> None:
    """One million characters of any repeated unit segment and tokenise in well under the old quadratic
    cost (a 50,000-character line used to take seconds)."""
    line = unit * (1_000_000 // len(unit))
    began = time.perf_counter()
    units = segment(None, line)
    for sentence in units[:50]:
        tokenize(sentence.text)
    assert time.perf_counter() - began < 5.0
    assert all(len(sentence.text) <= MAX_SENTENCE_CHARS for sentence in units)


@pytest.mark.parametrize(
    ("body", "dateline", "first"),
    [
        (
            "SYLVAN CITY, Jan 14 (Reuters) - Sylvania fired drones. It was late.",
            "SYLVAN CITY, Jan 14 (Reuters) -",
            "Sylvania fired drones.",
        ),
        (
            "PORT-AU-PRINCE, Freedonia (AP) — Gangs stormed a town.",
            "PORT-AU-PRINCE, Freedonia (AP) —",
            "Gangs stormed a town.",
        ),
        ("OLD TOWN/NEW TOWN, May 7 (AFP) -- Troops clashed.", "OLD TOWN/NEW TOWN, May 7 (AFP) --", "Troops clashed."),
        ("LOUISVILLE, Ky. (AP) - Seven people were hurt.", "LOUISVILLE, Ky. (AP) -", "Seven people were hurt."),
        ("FREEDONIA CITY - Attacks were launched.", "FREEDONIA CITY -", "Attacks were launched."),
    ],
)
def test_segment_dateline_is_a_unit_of_its_own(body: str, dateline: str, first: str) -> None:
    units = segment("Title", body)
    assert [(unit.kind, unit.text) for unit in units[1:3]] == [("dateline", dateline), ("sentence", first)]
    assert body[units[2].start :].startswith(first)


@pytest.mark.parametrize(
    "body",
    [
        "US-China talks resumed on Monday.",
        "NATO said it would act.",
        "EU - Sylvania summit opens in the capital.",
        "The UN - which has 193 members - met.",
        "Sylvania won.\nFREEDONIA CITY - a later line is no dateline.",
    ],
)
def test_segment_no_dateline(body: str) -> None:
    assert all(unit.kind != "dateline" for unit in segment("Title", body))
