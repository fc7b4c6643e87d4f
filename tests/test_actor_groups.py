"""Group actors, unidentified perpetrators and the context country of country-less agents (issue 12), checked
on sentences written for these tests with two fictional countries layered over the default codebook."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.actors import Discourse, find_mentions
from eventcoder.codebook.compile import Codebook, load_codebook
from eventcoder.coder import code_text
from eventcoder.parse import parse_sentence

DAY = dt.date(2025, 6, 1)
FICTIONAL = """\
format_version: 1
kind: actors
entries:
  - {id: frd, name: Freedonia, type: country, code: FRD, country: FRD, names: [Freedonia],
     adjectives: [Freedonian], nationals: [Freedonians]}
  - {id: syl, name: Sylvania, type: country, code: SYL, country: SYL, names: [Sylvania],
     adjectives: [Sylvanian], nationals: [Sylvanians]}
  - {id: frd-capital, name: Fredville, type: capital, code: FRDGOV, country: FRD, names: [Fredville]}
  - {id: red-hand, name: Red Hand, type: armed_group, code: FRDREB, country: FRD, names: [Red Hand]}
"""
PLACES = """\
format_version: 1
kind: places
entries:
  - {id: place.frd.marsh, name: Marsh Province, type: province, country: FRD, names: [Marsh Province]}
  - {id: place.syl.hill, name: Hilltown, type: city, country: SYL, names: [Hilltown]}
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory: pytest.TempPathFactory) -> Codebook:
    layer = tmp_path_factory.mktemp("fictional")
    (layer / "actors.yaml").write_text(FICTIONAL, encoding="utf-8")
    (layer / "places.yaml").write_text(PLACES, encoding="utf-8")
    return load_codebook([layer], use_cache=False)


def _actors(codebook: Codebook, sentence: str, discourse: Discourse | None = None) -> dict[str, tuple[str, bool]]:
    mentions = find_mentions(parse_sentence(sentence), codebook, DAY, discourse or Discourse())
    return {m.text: (m.code or "", m.inferred) for m in mentions if m.role == "actor"}


@pytest.mark.parametrize(
    ("sentence", "phrase", "code"),
    [
        # a named armed group keeps its code whatever noun follows it
        ("Red Hand fighters crossed the river.", "Red Hand fighters", "FRDREB"),
        ("Red Hand drones hit a depot.", "Red Hand drones", "FRDREB"),
        # "X rebels" keep X's country; a group word adds its code after the role
        ("Freedonian rebels blocked the road.", "Freedonian rebels", "FRDREB"),
        ("Freedonian Kurdish refugees crossed the river.", "Freedonian Kurdish refugees", "FRDREFKUR"),
        # a minority is not its kin state: the country comes from where it is
        ("Ethnic Sylvanian militias in Marsh Province blocked the road.", "Sylvanian militias", "FRDMILSYL"),
        ("Sunni tribesmen in Freedonia blocked the road.", "Sunni tribesmen", "FRDCVLSUN"),
    ],
)
def test_actor_groups_compose(fictional: Codebook, sentence: str, phrase: str, code: str) -> None:
    assert _actors(fictional, sentence)[phrase][0] == code


def test_actor_groups_adjective_alone_is_not_an_actor(fictional: Codebook) -> None:
    assert "Kurdish" not in _actors(fictional, "The Kurdish autonomy plan was discussed in Fredville.")


@pytest.mark.parametrize(
    ("sentence", "phrase", "code"),
    [
        ("Gunmen killed four farmers in Marsh Province.", "Gunmen", "FRDUAG"),
        ("Unidentified attackers burned a school in Hilltown.", "Unidentified attackers", "SYLUAG"),
        ("A suicide bomber struck a market in Marsh Province.", "suicide bomber", "FRDUAG"),
        ("Sylvanian gunmen crossed the border.", "Sylvanian gunmen", "SYLUAG"),
    ],
)
def test_actor_unidentified_perpetrators_take_the_place_country(
    fictional: Codebook, sentence: str, phrase: str, code: str
) -> None:
    assert _actors(fictional, sentence)[phrase][0] == code


@pytest.mark.parametrize(
    ("sentence", "phrase", "code", "inferred"),
    [
        # the one place of the sentence, then the one country it names
        ("The army shelled villages in Marsh Province.", "army", "FRDMIL", True),
        ("Police detained Sylvanian students on Monday.", "Police", "SYLCOP", True),
        # a country word of the phrase is no inference
        ("Freedonian police detained students.", "Freedonian police", "FRDCOP", False),
        # armed groups do not take the country of the state the sentence names: it is often their opponent
        ("Freedonia bombed militants overnight.", "militants", "UAG", False),
        # a counterpart after a preposition does not locate the agent
        ("The coast guard clashed with Sylvania.", "coast guard", "MIL", False),
    ],
)
def test_actor_context_country(fictional: Codebook, sentence: str, phrase: str, code: str, inferred: bool) -> None:
    assert _actors(fictional, sentence)[phrase] == (code, inferred)


def test_actor_context_country_from_the_article(fictional: Codebook) -> None:
    discourse = Discourse()
    for sentence in ("Freedonia held elections on Sunday.", "Sylvania praised Freedonia's vote."):
        discourse.remember(find_mentions(parse_sentence(sentence), fictional, DAY, discourse))
    assert _actors(fictional, "Security forces arrested ten people.", discourse)["Security forces"] == ("FRDCOP", True)


def test_actor_context_country_lowers_confidence(fictional: Codebook) -> None:
    rows = code_text(
        "Police in Fredville arrested Sylvanian students. The army attacked Sylvania.", fictional, date=DAY
    )
    named = [row for row in rows.rows if row["source_text"] == "Police"]
    inferred = [row for row in rows.rows if row["source_text"] == "army"]
    assert named and inferred
    assert named[0]["source_code"] == "FRDCOP" and inferred[0]["source_code"] == "FRDMIL"
    assert inferred[0]["confidence"] < 0.9 * 0.9


def test_actor_unidentified_perpetrators_keep_violent_events(codebook: Any) -> None:
    rows = code_text("Gunmen killed five villagers in Borno State on Tuesday.", codebook, date=DAY).rows
    assert [(row["cameo_root"], row["source_code"], row["source_sector"]) for row in rows][:1] == [
        ("18", "NGAUAG", "UAG")
    ]


@pytest.mark.parametrize(
    ("sentence", "phrase", "code"),
    [
        ("A roadside bomb killed two soldiers in Marsh Province.", "roadside bomb", "FRDUAG"),
        ("Officials said that mortar rounds landed near a school in Hilltown.", "mortar rounds", "SYLUAG"),
    ],
)
def test_actor_weapons_heading_a_clause_stand_for_their_perpetrator(
    fictional: Codebook, sentence: str, phrase: str, code: str
) -> None:
    assert _actors(fictional, sentence)[phrase][0] == code


@pytest.mark.parametrize(
    "sentence",
    [
        "Freedonian troops fired rockets at Hilltown.",  # the weapon is the object of a named actor
        "The Red Hand planted a bomb in Marsh Province.",
        "An explosion at a factory in Marsh Province killed three workers.",  # blasts may be accidents
        "Sylvania tested a missile on Monday.",
    ],
)
def test_actor_weapons_with_a_named_user_are_not_actors(fictional: Codebook, sentence: str) -> None:
    assert not [code for code, _ in _actors(fictional, sentence).values() if code.endswith("UAG")]


def test_actor_a_city_is_not_a_government_seat(codebook: Any) -> None:
    mentions = find_mentions(parse_sentence("Drones struck Port Sudan on Sunday."), codebook, DAY, Discourse())
    assert [(m.text, m.role, m.country) for m in mentions if m.text == "Port Sudan"] == [("Port Sudan", "place", "SDN")]


@pytest.mark.parametrize("phrase", ["military solution", "Sylvanian military cooperation", "a military option"])
def test_actor_agent_before_an_activity_noun_is_no_actor(fictional: Codebook, phrase: str) -> None:
    assert _actors(fictional, f"Freedonia rejected {phrase} on Monday.").keys() == {"Freedonia"}
