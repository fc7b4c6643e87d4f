"""Policy `force_suffered_by_its_subject` (slots.py) and places attacked by their means: violence a subject
comes under, is under, survives or escapes, or that a passive names as its means, is coded by its means with an
unidentified armed group as source (unless "from"/"by" names one) and the subject, else the place's country,
as target. Fictional countries (Freedonia FRD, Sylvania SYL) so the sentences exercise grammar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2021, 1, 1)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return sorted((r["cameo_code"], r["source_code"], r["target_code"] or "") for r in rows)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("A Freedonian army convoy came under missile attack near the border.", ("194", "FRDUAG", "FRDMIL")),
        ("Freedonian villages came under heavy artillery fire overnight.", ("194", "FRDUAG", "FRD")),
        ("A military base in Freedonia came under rocket fire.", ("194", "FRDUAG", "FRDMIL")),
        ("The Sylvanian garrison was under heavy shelling in Freedonia.", ("194", "FRDUAG", "SYLMIL")),
        ("The town of Alba in Freedonia was hit by shelling on Monday.", ("194", "FRDUAG", "FRD")),
        ("The village was shelled overnight in Freedonia.", ("194", "FRDUAG", "FRD")),
        ("The Freedonian president survived an assassination attempt on Sunday.", ("185", "FRDUAG", "FRDGOV")),
        (
            "The Freedonian president survived an assassination attempt by Sylvanian rebels.",
            ("185", "SYLREB", "FRDGOV"),
        ),
        ("Freedonian soldiers came under mortar fire from Sylvanian rebels.", ("194", "SYLREB", "FRDMIL")),
    ],
)
def test_violence_suffered_by_its_subject(text: str, event: tuple[str, str, str], fictional: Any) -> None:
    assert event in _events(text, fictional)


@pytest.mark.parametrize(
    "text",
    [
        "The new tax came under fire from the Freedonian opposition.",  # a figure of speech: bare "fire"
        "The Freedonian president survived the crisis.",
        "A village in Freedonia came under rocket fire after the wildfire spread.",  # a disaster in the sentence
        "The plan was criticized in Freedonia.",  # an agentless passive speech act: no author, no event
    ],
)
def test_no_violence_without_a_noun_of_force(text: str, fictional: Any) -> None:
    assert not [e for e in _events(text, fictional) if e[0][:2] in ("18", "19", "20")]
