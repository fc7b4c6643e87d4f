"""Policy `crowd_numbers_name_people` (actors.py): a number standing for a crowd ("Thousands marched") is the
civilians of the context country, and the verb after it is read as a verb; before "of" the number only counts
what follows. Fictional countries (Freedonia FRD, Sylvania SYL) so the sentences exercise grammar."""

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
        ("Thousands marched in the capital of Freedonia against the new tax.", ("14", "FRDCVL", "FRD")),
        ("Hundreds protested in Sylvania on Sunday.", ("14", "SYLCVL", "SYL")),
        ("On Friday, tens of thousands rallied in Freedonia.", ("14", "FRDCVL", "FRD")),
        ("Freedonian police detained dozens in the capital.", ("173", "FRDCOP", "FRDCVL")),
    ],
)
def test_a_crowd_number_is_the_country_s_civilians(text: str, event: tuple[str, str, str], fictional: Any) -> None:
    # the root, source and target: which protest code the patterns give is theirs to say
    code, source, target = event
    assert (code, source, target) in [(c[: len(code)], s, t) for c, s, t in _events(text, fictional)]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Sylvanian troops killed dozens of soldiers in Freedonia.", "FRDMIL"),
        ("Freedonian police seized thousands of rifles in Sylvania.", ""),
    ],
)
def test_before_of_a_number_only_counts(text: str, target: str, fictional: Any) -> None:
    assert [t for _, _, t in _events(text, fictional)] == [target]


def test_an_elliptical_passive_is_no_subject(fictional: Any) -> None:
    # "and dozens wounded" means "dozens were wounded": the crowd did not wound anyone
    events = _events("Six people were killed and dozens wounded in Freedonia.", fictional)
    assert all(source != "FRDCVL" for _, source, _ in events)
