"""Policy `occurring_events_have_an_unnamed_author` (eventcoder/occurrences.py): an event noun that is the subject
of a verb of occurrence, with no author named, gets an unnamed author of the place's country. Sentences written
for these tests, with fictional countries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text


def _events(text: str, codebook: Any) -> set[tuple[str, str, str | None]]:
    rows = code_text(text, codebook, date=dt.date(2020, 1, 1)).rows
    return {(row["cameo_code"], row["source_code"], row["acled_event_type"]) for row in rows}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clashes broke out in Freedonia on Monday.", ("190", "FRDUAG", "Battles")),
        ("Heavy fighting erupted near the border of Sylvania.", ("190", "SYLUAG", "Battles")),
        ("An airstrike was carried out on a village in Ruritania.", ("195", "RURUAG", "Explosions/Remote violence")),
        (
            "The air strikes left scores of fighters dead in Sylvania.",
            ("195", "SYLUAG", "Explosions/Remote violence"),
        ),
        ("A peaceful protest was held in Freedonia on Friday.", ("141", "FRDOPP", "Protests")),
        ("Violent protests erupted in Sylvania on Tuesday.", ("145", "SYLOPP", "Riots")),
        ("A curfew was imposed in Freedonia after the unrest.", ("1723", "FRDCOP", "Strategic developments")),
    ],
)
def test_an_event_that_occurred_has_an_unnamed_author(
    text: str, expected: tuple[str, str, str], fictional: Any
) -> None:
    assert expected in _events(text, fictional)


@pytest.mark.parametrize(
    "text",
    [
        # no event noun: a meeting is no protest
        "A meeting was held in Freedonia on Friday.",
        # an accident is no attack
        "An explosion occurred at a chemical plant in Freedonia.",
        # coercion needs a country for its police
        "A curfew was imposed after the unrest.",
        # a participle describes the noun, it reports nothing ("be" must come first for a passive)
        "The curfew imposed on Freedonia in 1991 lasted for a decade.",
    ],
)
def test_no_author_is_invented(text: str, fictional: Any) -> None:
    assert _events(text, fictional) == set()


def test_a_named_author_is_kept(fictional: Any) -> None:
    events = _events("Freedonian troops launched an airstrike on a village in Sylvania.", fictional)
    assert {source for _, source, _ in events} == {"FRDMIL"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # protesters the actor lexicon does not know are protesters of the place's country
        ("Hundreds of pensioners staged a demonstration in Freedonia on Sunday.", ("141", "FRDOPP", "Protests")),
        ("About 400 supporters of the movement rallied in Sylvania.", ("141", "SYLOPP", "Protests")),
    ],
)
def test_a_protest_with_no_known_actor_is_staged_by_protesters(
    text: str, expected: tuple[str, str, str], fictional: Any
) -> None:
    assert expected in _events(text, fictional)


def test_a_named_protester_is_kept(fictional: Any) -> None:
    events = _events("Freedonian students staged a demonstration in Sylvania.", fictional)
    assert "FRDOPP" not in {source for _, source, _ in events}
    assert events
