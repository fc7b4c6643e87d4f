"""`scare_quotes_are_no_speech` (parse.py): a quoted phrase of at most three words inside the writer's own
sentence is no speech, so its words are matched; speech stays quoted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text
from eventcoder.parse import parse_sentence

DATE = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "word", "quoted"),
    [
        ('Freedonia carried out a "massive strike" on Sylvania.', "strike", False),
        ('Sylvania called it a "cowardly attack".', "attack", False),
        # speech: after a colon, opening the sentence, or longer than three words
        ('Sylvania said: "We will attack."', "attack", True),
        ('"We will attack," the minister said.', "attack", True),
        ('Freedonia said "we threaten Sylvania".', "threaten", True),
        ('The minister vowed to "crush" the rebels.', "crush", True),
        ('The minister said they would "launch an attack on the capital" soon.', "attack", True),
    ],
)
def test_parse_scare_quotes(text: str, word: str, quoted: bool) -> None:
    parse = parse_sentence(text)
    assert parse.quoted[parse.words.index(word)] is quoted


def test_coder_matches_the_words_of_a_scare_quote(fictional: Any) -> None:
    rows = code_text('Freedonia carried out a "massive strike" on Sylvania.', fictional, date=DATE).rows
    assert [(row["cameo_code"], row["source_code"], row["target_code"]) for row in rows] == [("190", "FRDGOV", "SYL")]
