"""A third blind probe of the lexicon, in the register of regional news (issue 11).

`tests/fixtures/lexicon_probe3.jsonl` holds 200 sentences like the leads and body sentences of regional and
international news 2010-2026 from the Sahel, the Horn of Africa, the Great Lakes, South and Southeast Asia, Latin
America, the Caucasus, the Balkans, the Middle East and the Pacific: short leads, long body sentences and feed
snippets without a final period (77 of them), with the idioms and phrasal verbs a local journalist uses
("rounded up", "slapped sanctions on", "walked out of talks", "inked a deal", "lashed out at"); eight for each
CAMEO root 01-20 and 40 non-events that share vocabulary with events (sports, markets, weather, history, fiction
and games, hypotheticals, business, airlines named after a country). Codes and actors were written from the
CAMEO definitions and docs/actors.md and committed (b38b364) before the coder or any pattern or synset file was
looked at; never edit a sentence to make it pass.

Scored like the second probe (tests/test_lexicon_probe2.py): type recall (an event of the expected root),
exact-code recall, source / target accuracy on the country (or IGO) part of the expected actor among events
of the found root, and non-event sentences that get any event.

Blind figures (2026-12-01, first run, tree at b38b364 plus others' work in progress): type recall 0.887, exact
code 0.688, source 0.965, target 0.854, false events 14 of 40 non-events.
After the general fixes (word classes and patterns for the gaps the misses showed, each tested by CLASS_CASES
below with sentences written for the class): type 0.963, code 0.787, source 0.967, target 0.898, 6 false events.
Left: numbers as counts ("executed 150"), past years and fiction ("besieged Vienna in 1683", "the film depicts"),
hypotheticals ("If X were to ...": the dev gold codes them), "survived an assassination attempt" with no named
attacker, and a support verb six or more words before its noun ("gave Niger's junta a one-week ultimatum") need
engine changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from probe_scoring import assert_balanced, assert_floors, coded_events, measure, read_probe

PROBE = Path(__file__).parent / "fixtures" / "lexicon_probe3.jsonl"
DATE = dt.date(2025, 11, 20)

# Floors: a little under the figures after the general fixes (see the module docstring).
FLOORS = {"type_recall": 0.94, "code_recall": 0.76, "source": 0.94, "target": 0.87}
MAX_FALSE_EVENTS = 8


def _probe() -> list[dict[str, Any]]:
    return read_probe(PROBE)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    return coded_events(text, codebook, DATE)


@pytest.fixture(scope="module")
def probe_figures(fictional: Any) -> tuple[dict[str, float], list[str]]:
    return measure(_probe(), fictional, DATE)


def test_probe3_is_blind_and_balanced() -> None:
    assert_balanced(_probe())


def test_lexicon_probe3_figures(probe_figures: tuple[dict[str, float], list[str]]) -> None:
    assert_floors(*probe_figures, FLOORS, MAX_FALSE_EVENTS)


# Word classes and patterns added after the blind run, each tested with sentences written for the class (not
# probe sentences).
CLASS_CASES = [
    # natural hazards do not hide the acts of actors
    ("Freedonian troops killed hundreds of villagers in a Sylvanian border district.", "202"),
    ("Sylvania cut off power to the Freedonian enclave on Monday.", "170"),
    ("Freedonia severed diplomatic ties with Sylvania on Monday.", "161"),
    ("Sylvania suspended all flights to Freedonia on Monday.", "163"),
    # sports words do not hide force
    ("Freedonian troops stormed a Sylvanian border post on Monday.", "190"),
    # chemical agents named by kind
    ("Sylvanian forces used chloropicrin against Freedonian trenches, doctors said.", "2041"),
    # a crowd throwing things riots; roads blocked a few words on
    ("Angry youths hurled stones at Sylvanian police in the capital.", "145"),
    ("Protesters blocked the main coastal highway in Sylvania on Monday.", "144"),
    # idioms of gloom
    ("The Freedonian finance minister painted a grim picture of the economy on Monday.", "012"),
    # talks that are the purpose of a journey: the journey is the visit
    ("The Sylvanian foreign minister arrived in Freedonia on Monday for talks with his counterpart.", "042"),
    # coordinated patrols are joint military activity
    ("Freedonia and Sylvania launched coordinated naval patrols along their maritime border.", "062"),
    # seeing eye to eye is accord
    ("Freedonia and Sylvania saw eye to eye on the need for a regional customs union.", "019"),
    # forces put on alert or moved, in the passive: the forces' own state acts
    ("Sylvanian police were placed on high alert ahead of the vote.", "151"),
    ("Freedonian troops were put on high alert along the border.", "152"),
    ("Sylvanian troops were deployed to the Freedonian border on Monday.", "154"),
    # trade that two parties agree to boost
    ("Freedonia and Sylvania agreed to boost cross-border trade.", "0311"),
    # car and roadside bombs set off, planted, or tearing through a place
    ("Sylvanian rebels detonated a car bomb outside a Freedonian army base.", "1832"),
    ("A car bomb ripped through a crowded market in the Sylvanian capital.", "1832"),
    ("Sylvanian rebels planted a roadside bomb near a Freedonian army post.", "1833"),
    # accusations and inquiries coded by what is alleged or examined
    ("Sylvania accused Freedonia of using chemical weapons against its troops.", "1124"),
    ("The Freedonian opposition accused the ruling party of rigging the presidential election.", "1121"),
    ("Sylvania opened an investigation into the deaths of protesters shot by police.", "092"),
    ("Freedonian prosecutors are investigating the minister over undeclared assets.", "091"),
    # acting "in defiance of" a norm: the clause's actor defies it (128)
    ("Sylvania held the vote in defiance of a Freedonian court ruling.", "128"),
    # a war named in a sports word's sentence still codes: words of play only, not names of sports
    ("Sylvanian troops attacked a Freedonian football stadium used as an army base.", "190"),
]

# Mutual acts of a compound subject ("X and Y restored relations"): each party is the other's target.
RECIPROCAL_CASES = [
    ("Freedonia and Sylvania restored diplomatic relations after a year-long rupture.", "050", "SYL"),
    ("Freedonia and Sylvania inked a mutual defence pact on Wednesday.", "057", "SYL"),
    ("Freedonian and Sylvanian navies began joint exercises off the coast.", "062", "SYL"),
    ("Freedonia and Sylvania stepped up cooperation against drug trafficking.", "060", "SYL"),
]

# The one who opens an inquiry is its source, not the author of the acts it examines ("... shot by police").
SOURCE_CASES = [
    ("Sylvania opened an investigation into the deaths of protesters shot by police.", "092", "SYL"),
]

NOT_CASES = [
    # games and matches
    ("Freedonia stormed past Sylvania 3-1 to reach the cup final.", "190"),
    ("In the chess final, the Freedonian grandmaster attacked relentlessly.", "190"),
    ("Sylvania's batsmen launched a blistering assault on the Freedonian bowlers.", "190"),
    # what storms and floods kill, cut or ground
    ("A typhoon lashed Sylvania and Freedonia, killing hundreds of people.", "202"),
    ("A typhoon lashed Sylvania and Freedonia, killing hundreds of people.", "1823"),
    ("A tropical storm battered Freedonia, cutting power to thousands of homes.", "170"),
    ("A sandstorm blanketed the Sylvanian capital, grounding flights at the airport.", "163"),
    ("Floods in Sylvania cut road links to the Freedonian border.", "161"),
    # an airline named after a country cancelling its flights takes a business decision
    ("Korean Air cancelled its flights to Freedonia because of a pilots' strike.", "163"),
    # "the need to" is no demand
    ("Freedonian officials said they agreed on the need to curb smuggling.", "100"),
    # forces sent home are no mobilisation; a bomb defused is no bombing
    ("Sylvanian troops were sent home after the exercise.", "154"),
    ("Freedonian police defused a car bomb in the capital.", "1832"),
    # defying a government with no norm named is no 128
    ("Crowds in Sylvania blocked streets in defiance of the Freedonian authorities.", "128"),
]


@pytest.mark.parametrize(("text", "code"), CLASS_CASES)
def test_lexicon_probe3_classes_code(fictional: Any, text: str, code: str) -> None:
    assert code in {event[0] for event in _events(text, fictional)}


@pytest.mark.parametrize(("text", "code"), NOT_CASES)
def test_lexicon_probe3_classes_do_not_code(fictional: Any, text: str, code: str) -> None:
    assert code not in {event[0] for event in _events(text, fictional)}


@pytest.mark.parametrize(("text", "code", "target"), RECIPROCAL_CASES)
def test_lexicon_probe3_mutual_acts_target_each_other(fictional: Any, text: str, code: str, target: str) -> None:
    assert any(event[0] == code and event[2].startswith(target) for event in _events(text, fictional))


@pytest.mark.parametrize(("text", "code", "source"), SOURCE_CASES)
def test_lexicon_probe3_sources(fictional: Any, text: str, code: str, source: str) -> None:
    assert any(event[0] == code and event[1].startswith(source) for event in _events(text, fictional))
