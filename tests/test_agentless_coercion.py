"""Policy `agentless_coercion_is_done_by_the_police` (slots.py): an agentless passive of state coercion (171,
172, 173, 174, 175) is done by the police of the place's country, else of the country the article names most;
with fictional countries (Freedonia FRD, Sylvania SYL, Ruritania RUR) so the sentences exercise grammar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2020, 1, 1)


def _rows(text: str, codebook: Any) -> list[dict[str, Any]]:
    return code_text(text, codebook, date=DATE).rows


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        # the place the sentence names gives the police their country ...
        ("Three men were arrested in Freedonia.", "173", "FRDCOP", "FRDCVL"),
        ("Two Sylvanian students were detained in Freedonia on Monday.", "173", "FRDCOP", "SYLEDU"),
        ("The opposition leader was deported from Ruritania.", "174", "RURCOP", "OPP"),
        # ... else the country the article has named most, this sentence included
        ("Freedonia held elections last week. Two journalists were arrested on Friday.", "173", "FRDCOP", "MED"),
        ("Sylvanian journalists were detained.", "173", "SYLCOP", "SYLMED"),
        # passives with what is acted on before the verb (17_agentless_passives.yaml)
        ("Weapons and ammunition were seized in Freedonia.", "1711", "FRDCOP", ""),
        ("A large cache of weapons has been found near the border of Sylvania.", "1711", "SYLCOP", ""),
        ("Protesters were dispersed with tear gas in Freedonia.", "175", "FRDCOP", "FRDOPP"),
    ],
)
def test_agentless_coercion_is_done_by_the_police(
    text: str, code: str, source: str, target: str, fictional: Any
) -> None:
    rows = _rows(text, fictional)
    assert [(r["cameo_code"], r["source_code"], r["target_code"] or "") for r in rows] == [(code, source, target)]
    (row,) = rows
    assert row["source_text"] == ""  # nobody in the sentence: the police are inferred
    assert row["source_sector"] == "COP"


def test_inferred_police_lower_the_confidence(fictional: Any) -> None:
    (inferred,) = _rows("Two Sylvanian students were detained in Freedonia.", fictional)
    (named,) = _rows("Two Sylvanian students were detained by Freedonian police.", fictional)
    assert inferred["confidence"] < named["confidence"]


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Two Sylvanian students were detained in Freedonia.", "Strategic developments", "Arrests"),
        ("Two rifles and a pistol were confiscated in Freedonia.", "Strategic developments", "Disrupted weapons use"),
        ("Protesters were dispersed in Freedonia.", "Protests", "Protest with intervention"),
    ],
)
def test_acled_types(text: str, event_type: str, sub_event_type: str, fictional: Any) -> None:
    (row,) = _rows(text, fictional)
    assert (row["acled_event_type"], row["acled_sub_event_type"]) == (event_type, sub_event_type)


def test_a_named_agent_is_the_source(fictional: Any) -> None:
    rows = _rows("Sylvanian protesters were dispersed by Freedonian police.", fictional)
    assert [(r["cameo_code"], r["source_code"], r["source_text"]) for r in rows] == [
        ("175", "FRDCOP", "Freedonian police")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # no country anywhere in the article: no event
        "Three men were arrested.",
        # the subject is no actor: no arrest, no ban, no charge
        "Prices were arrested in Freedonia.",
        "Such marriages are banned in Freedonia.",
        "The battery was charged in Freedonia.",
        # an agent, named or not, is no agentless passive
        "The project was seized by enthusiasm in Freedonia.",
        # a relative clause describes its antecedent; it reports no arrest
        "A journalist who had been jailed in Freedonia was freed.",
        # weather and disasters are not coercion
        "Heavy rain was expected in Freedonia and two villages were flooded.",
        "The fog was dispersed in Freedonia.",
        "Seeds were scattered across Freedonia.",
        "The crowd dispersed peacefully in Freedonia.",
        # weapons found to be something are not found weapons
        "The missiles were found to be defective in Freedonia.",
    ],
)
def test_no_police_are_invented(text: str, fictional: Any) -> None:
    assert [r for r in _rows(text, fictional) if r["source_sector"] == "COP"] == []


def test_other_agentless_passives_still_give_no_event(fictional: Any) -> None:
    assert _rows("Sylvania was criticized in Freedonia.", fictional) == []
