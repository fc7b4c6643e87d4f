"""`a_reaction_targets_the_author_of_the_act_it_names` wired into `coder.analyse_article`: a reaction with no
target whose object names an act reported earlier in the article targets the act's author (fictional countries,
the `fictional` fixture)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2026, 3, 1)


def _rows(text: str, codebook: Any) -> list[dict[str, Any]]:
    return list(code_text(text, codebook, date=DATE).rows)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Freedonian troops shelled a Sylvanian village. Sylvania condemned the attack.", "SYLGOV", "FRDMIL"),
        ("Freedonian police arrested ten Sylvanian activists. Sylvania denounced the arrests.", "SYLGOV", "FRDCOP"),
        (
            "Freedonia shelled Sylvania. Sylvanian rebels then attacked Freedonian troops. Freedonia condemned the"
            " attacks.",
            "FRDGOV",
            "SYLREB",
        ),
        # a target of the reactor's own country is none of its own: the act's author is the target
        (
            "Sylvanian troops shelled a Freedonian town. Freedonia condemned the attack and recalled its ambassador.",
            "FRDGOV",
            "SYLMIL",
        ),
        (
            "Sylvanian troops shelled a Freedonian town. Freedonia condemned the attack on Freedonian soldiers.",
            "FRDGOV",
            "SYLMIL",
        ),
    ],
)
def test_coder_a_reaction_targets_the_author_of_an_earlier_act(
    text: str, source: str, target: str, fictional: Any
) -> None:
    rows = [row for row in _rows(text, fictional) if row["cameo_root"] == "11"]
    assert [(row["source_code"], row["target_code"]) for row in rows] == [(source, target)], rows
    assert rows[0]["confidence"] <= 0.5  # a target from an earlier sentence is as sure as a context target


def test_coder_a_reaction_in_the_acts_own_sentence_or_without_an_act_is_unchanged(fictional: Any) -> None:
    rows = _rows("Freedonia shelled Sylvania. Ruritania criticised the economic reforms.", fictional)
    assert [(row["source_code"], row["target_code"]) for row in rows if row["cameo_root"] == "11"] == [("RURGOV", None)]
