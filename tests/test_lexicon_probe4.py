"""A fourth blind probe of the lexicon, in the register of wire-service copy (issue 11).

`tests/fixtures/lexicon_probe4.jsonl` holds 200 sentences like the body sentences of AFP, Reuters, AP and Xinhua
copy 1995-2026 (Israel-Palestine, Lebanon, Iraq, Iran, Afghanistan-Pakistan, India-Pakistan, the Koreas,
China-Taiwan, Russia-Ukraine, the Balkans, Sudan, Congo, Somalia, Nigeria, Colombia, Venezuela ...): datelines
dropped, 19-36 words, with attributions ("..., officials said"), appositives, relative clauses, compound subjects,
passives, actors named as groups ("Israeli police", "Serb protesters", "a Hamas spokesman") and second events.
Eight for each CAMEO root 01-20 and 40 non-events that share vocabulary with events (sports, markets, weather,
history and anniversaries, fiction and games, hypotheticals, business). Each record has its expected `code`,
`source` and `target` and `also`: the other codes a careful coder would code from the sentence. Codes and actors
were written from the CAMEO definitions and docs/actors.md and committed (b92a605) before the coder or any
pattern, synset or actor file was looked at; never edit a sentence to make it pass.

Figures: those of the other probes (tests/probe_scoring.py `measure`), plus `dyad_recall` (PETRARCH-2
validation style: the expected root with the country part of both source and target in one event) and
`precision` (coded events whose root is the expected root or in `also`, over all coded events).

Blind figures (2026-12-01, first run, tree at b92a605 plus others' work in progress): type recall 0.869, exact
code 0.694, source 0.971, target 0.853, false events 12 of 40 non-events, dyad recall 0.738, precision 0.673.
After the general fixes (word classes, patterns and target slots for the gaps the misses showed, each tested by
the cases below with sentences written for the class): type 0.944, code 0.863, source 0.980, target 0.935, 7 false
events, dyad recall 0.875, precision 0.727.
Left: numbers as counts ("killed at least 1,500 civilians" as 202), ", killing N" after an attack read as a second
event (1823, often with another source: dev does not support dropping it), "set fire to" read as no verb after a
place name, an inquiry noun with no support verb ("as part of an investigation into ..."), fiction, games, past
centuries and "If X were ever to ..." (the discard list and modality are engine matters), third-location meetings
(044), compound subjects with "from" ("Negotiators from X and from Y met"), and "its" in a "that" clause read as
the victim's ("X admitted that its soldiers had shelled a Y village" gives YMIL). Expected codes open to argument:
p4-075 and p4-076 are 106 (demand withdrawal) rather than 1056/100, p4-158 150 (a nuclear test) rather than 2042,
and the non-events p4-n17 (laying wreaths, CAMEO's own 017 example) and p4-n32 (fans burning effigies, 141).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from probe_scoring import assert_balanced, assert_floors, coded_events, measure, measure_wire, read_probe

from eventcoder.coder import code_text

PROBE = Path(__file__).parent / "fixtures" / "lexicon_probe4.jsonl"
DATE = dt.date(2025, 11, 20)

# Floors: a little under the figures after the general fixes (see the module docstring).
FLOORS = {"type_recall": 0.92, "code_recall": 0.83, "source": 0.95, "target": 0.89}
WIRE_FLOORS = {"dyad_recall": 0.84, "precision": 0.70}
MAX_FALSE_EVENTS = 8


def _probe() -> list[dict[str, Any]]:
    return read_probe(PROBE)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    return coded_events(text, codebook, DATE)


@pytest.fixture(scope="module")
def probe_figures(fictional: Any) -> tuple[dict[str, float], list[str]]:
    figures, misses = measure(_probe(), fictional, DATE)
    figures.update(measure_wire(_probe(), fictional, DATE))
    return figures, misses


def test_probe4_is_blind_and_balanced() -> None:
    assert_balanced(_probe())


def test_lexicon_probe4_figures(probe_figures: tuple[dict[str, float], list[str]]) -> None:
    assert_floors(*probe_figures, FLOORS | WIRE_FLOORS, MAX_FALSE_EVENTS)


# Word classes and patterns added after the blind run, each tested with sentences written for the class (not
# probe sentences).
CLASS_CASES = [
    # weapons tests: test-fired wherever they land; missiles launched into the sea strike no one
    ("Freedonia test-fired a ballistic missile into the sea on Monday.", "150"),
    ("Sylvania launched two short-range missiles into the sea off its east coast.", "150"),
    # warplanes and warships sent toward another country show force
    ("Sylvania sent 40 warplanes and six warships toward Freedonia on Monday.", "150"),
    # what an inquiry looks into, and who gathers evidence of it
    ("Freedonia opened an investigation into alleged war crimes by Sylvanian troops.", "094"),
    ("Sylvanian investigators are gathering evidence of war crimes committed by Freedonian troops.", "094"),
    ("Freedonian prosecutors are investigating the minister over a kickback scheme.", "091"),
    # a court finding someone guilty of war crimes convicts (116), it does not accuse
    ("A Sylvanian court found two former Freedonian soldiers guilty of war crimes on Friday.", "116"),
    # what an appeal asks for, after a long object
    ("Sylvania called on the rival Freedonian factions and their allies on Monday to return to talks.", "026"),
    ("Freedonia urged the leaders of Sylvania's army and the rebel militias to accept mediation by the bloc.", "028"),
    # what a rejection or a demand is about
    ("The Freedonian president rejected calls from Sylvania and its allies to step down.", "1231"),
    ("The Sylvanian rebels rejected the latest Freedonian proposal for a truce.", "127"),
    ("Freedonia demanded that Sylvania hand over the masterminds of the bombing.", "1013"),
    ("Sylvania demanded that Freedonia align its foreign policy with the bloc.", "1042"),
    # what an accusation alleges
    ("Freedonia accused Sylvania of an unprovoked act of war.", "1123"),
    ("Sylvania accused Freedonian soldiers of executing prisoners of war.", "1124"),
    # a corridor or supply route closed restricts movement
    ("Sylvania blocked the only land corridor to the Freedonian enclave.", "191"),
    # apps and platforms blocked restrict political freedoms
    ("The Freedonian government blocked access to the messaging app and several news websites.", "1721"),
    # weapons after a long quantity phrase; relief goods donated by an actor
    ("Sylvania has supplied Freedonia with hundreds of attack drones.", "072"),
    ("Tents and medical supplies donated by Sylvania were flown into Freedonia on Monday.", "073"),
    # police or troops sent to lead or join a multinational mission protect (074)
    ("Freedonia sent 300 soldiers to Sylvania to join a multinational stabilisation force.", "074"),
    # admitting a mistake; idioms of little hope
    ("The Sylvanian army admitted that its soldiers had mistakenly shelled a Freedonian village.", "015"),
    ("The Freedonian foreign minister said he saw little hope of a breakthrough in talks with Sylvania.", "012"),
    # a policy dropped bowing to protests accedes to them
    ("Sylvania scrapped the new fuel tax on Monday, bowing to weeks of protests.", "083"),
    # an envoy summoned to hear a protest: the summoner's official complaint
    ("Freedonia summoned the Sylvanian ambassador on Monday to protest against the shelling of its villages.", "114"),
    # joint offensives are joint military operations; deportations by the million are mass expulsions
    ("Freedonian and Sylvanian troops launched a joint offensive against the rebels.", "062"),
    ("Sylvania has deported more than a million Freedonians since January.", "201"),
    # marches and rallies for a change of leader or of policy
    (
        "Thousands of Freedonians marched through the capital on Saturday demanding the resignation of the president.",
        "1411",
    ),
    (
        "Thousands of Sylvanians rallied outside parliament for a third night on Sunday against a new media bill.",
        "1412",
    ),
]

NOT_CASES = [
    # games, weather and tests
    ("Freedonia beat Sylvania by six wickets in the cup final on Sunday.", "182"),
    ("Heavy snow blocked mountain roads in northern Freedonia on Monday.", "144"),
    ("Sylvania launched two short-range missiles into the sea off its east coast.", "194"),
    ("Freedonia detonated a hydrogen bomb in an underground test on Sunday.", "183"),
    ("Sylvania sent 40 warplanes and six warships toward Freedonia on Monday.", "072"),
    # sanctions and boycotts lifted are no sanctions or boycotts
    ("Sylvania will lift some of its economic sanctions on Freedonia.", "163"),
    ("Freedonian students lifted their boycott of the Sylvanian university on Monday.", "143"),
    # "alleged" after a preposition is an adjective; an inquiry is no accusation
    ("Freedonia opened an investigation into alleged war crimes by Sylvanian troops.", "1124"),
    ("The Sylvanian envoy said an inquiry would look into war crimes in the Freedonian border region.", "1124"),
    # a corridor reopened is no blockade
    ("Sylvania reopened the land corridor to the Freedonian enclave on Monday.", "191"),
    # firms compete, bands tour, companies buy stakes
    ("The Freedonian carmaker is attacking rivals in Sylvania with cheaper models.", "190"),
    ("The Sylvanian rock band toured six Freedonian cities this summer.", "042"),
    ("Freedonian conglomerate Acme agreed to buy a majority stake in a Sylvanian bank.", "030"),
    # a rally a leader speaks to, or one still planned, is no protest; "displaced a million" may be a war's doing
    ("The Freedonian president told a May Day rally in the capital that he would not resign.", "141"),
    ("Sylvania deployed riot police in the capital ahead of a planned anti-government rally.", "141"),
    ("Months of fighting in Sylvania have displaced at least a million people.", "201"),
    # a past invasion that dates the sentence is no new one
    ("The Freedonian president visited Sylvania for the first time since the invasion of Ruritania.", "192"),
    # an aircraft shot down or crashed strikes and kills no one itself
    ("A Freedonian rebel spokesman said the group had shot down a Sylvanian army helicopter, killing its crew.", "195"),
    ("A Sylvanian military helicopter crashed in the north on Monday, killing six soldiers.", "1823"),
    # earthquakes strike no one
    ("A powerful earthquake struck northern Freedonia on Monday, flattening hundreds of homes.", "190"),
]

# "struck rebel targets": the noun after a verb of striking and a modifier is no second strike by the modifier.
ONE_STRIKE_CASES = [
    ("Sylvanian warplanes struck rebel targets in the north on Monday.", "REB"),
    ("Sylvanian troops attacked rebel targets in the north on Monday.", "REB"),
]

# Targets: who is acted on, when the sentence names them only after the act's topic or as a place.
TARGET_CASES = [
    # what is shared is information; partners sharing it act on each other
    (
        "Freedonian and Sylvanian intelligence services have been sharing information on the movements of rebels.",
        "064",
        "SYL",
    ),
    # an inquiry into abuses by someone, or into war crimes in a country
    ("Sylvania opened an investigation into abuses by Freedonian troops.", "092", "FRD"),
    ("Sylvanian prosecutors opened an investigation into alleged war crimes committed in Freedonia.", "094", "FRD"),
    # sanctions "on" a country that one refuses to lift; chemical weapons fired "at" soldiers
    ("Sylvania refused to lift sanctions on Freedonia.", "1244", "FRD"),
    ("Sylvanian troops fired shells filled with chlorine gas at Freedonian soldiers.", "2041", "FRD"),
    # forces massed near one's border with another country
    ("Sylvania has massed troops near its border with Freedonia.", "154", "FRD"),
    # victims no dictionary names, in a named place
    ("Gunmen abducted 40 pupils from a school in northern Freedonia on Monday.", "181", "FRD"),
]

# "has yet to" an act: the act has not happened (negated, so left out of the events counted).
YET_CASES = [
    ("Freedonia has yet to free the Sylvanian prisoners.", "0841"),
]

# Fights that remain 19x after the changes above.
STILL_CASES = [
    ("Sylvania fired missiles at a Freedonian border town on Monday.", "194"),
    ("Sylvanian troops attacked Freedonian rivals in the north.", "190"),
    ("The Sylvanian foreign minister toured Freedonia this week.", "042"),
    ("Freedonia agreed to buy gas from Sylvania.", "0311"),
    ("Sylvania launched an invasion of Freedonia on Monday.", "192"),
    ("Sylvanian drones struck a Freedonian convoy, killing four soldiers.", "195"),
    ("The Freedonian embassy protested against the arrest of its citizens.", "111"),
]


@pytest.mark.parametrize(("text", "code"), CLASS_CASES + STILL_CASES)
def test_lexicon_probe4_classes_code(fictional: Any, text: str, code: str) -> None:
    assert code in {event[0] for event in _events(text, fictional)}


@pytest.mark.parametrize(("text", "code"), NOT_CASES)
def test_lexicon_probe4_classes_do_not_code(fictional: Any, text: str, code: str) -> None:
    assert code not in {event[0] for event in _events(text, fictional)}


@pytest.mark.parametrize(("text", "code"), YET_CASES)
def test_lexicon_probe4_yet_to_is_not_done(fictional: Any, text: str, code: str) -> None:
    rows = code_text(text, fictional, date=DATE).rows
    assert not any(row["cameo_code"] == code and not row.get("negated") for row in rows)


@pytest.mark.parametrize(("text", "code", "target"), TARGET_CASES)
def test_lexicon_probe4_targets(fictional: Any, text: str, code: str, target: str) -> None:
    assert any(event[0] == code and event[2].startswith(target) for event in _events(text, fictional))


@pytest.mark.parametrize(("text", "modifier"), ONE_STRIKE_CASES)
def test_lexicon_probe4_struck_targets_are_no_strike(fictional: Any, text: str, modifier: str) -> None:
    events = _events(text, fictional)
    assert events and not any(event[1].startswith(modifier) for event in events)
