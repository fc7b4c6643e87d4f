"""A second blind probe of the lexicon, harder and closer to wire news (issue 11).

`tests/fixtures/lexicon_probe2.jsonl` holds 160 sentences in the style of 2025-2026 Reuters/AP/AFP copy, eight
for each CAMEO root 01-20: long (21-35 words), with attributions ("..., the ministry said on Tuesday"),
passives, nominalisations, reported speech, appositions, coordinated actors and relative clauses, using the
verbs and nouns a journalist would use rather than the CAMEO name of the code; and 40 non-events that share
vocabulary with events (a football "attack", lightning "strikes", markets that "crash", business "deals",
sanctions in a hypothetical, history, films and games). Real and fictional actors (Freedonia, Sylvania,
Ruritania) are mixed. Codes and actors were written from the CAMEO definitions and docs/actors.md and
committed (66166ae) before the coder or any pattern file was looked at; never edit a sentence to make it pass.

Scored like the first probe (tests/test_lexicon_probe.py): type recall (an event of the expected root),
exact-code recall, source / target accuracy on the country (or IGO) part of the expected actor among events
of the found root, and non-event sentences that get any event.

Blind figures (2026-11-30, first run, tree at 66166ae plus others' work in progress): type recall 0.812, exact
code 0.644, source 0.976, target 0.825, false events 9 of 40 non-events.
After the general fixes (word classes and patterns, each tested by CLASS_CASES below): type 0.906, code 0.787,
source 0.979, target 0.822 (more events found, some without a target), 8 false events.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from probe_scoring import assert_balanced, assert_floors, coded_events, measure, read_probe

PROBE = Path(__file__).parent / "fixtures" / "lexicon_probe2.jsonl"
DATE = dt.date(2025, 11, 20)

# Floors: a little under the figures measured when they were set (see the module docstring).
FLOORS = {"type_recall": 0.87, "code_recall": 0.76, "source": 0.95, "target": 0.79}
MAX_FALSE_EVENTS = 10


def _probe() -> list[dict[str, Any]]:
    return read_probe(PROBE)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    return coded_events(text, codebook, DATE)


@pytest.fixture(scope="module")
def probe_figures(fictional: Any) -> tuple[dict[str, float], list[str]]:
    return measure(_probe(), fictional, DATE)


def test_probe2_is_blind_and_balanced() -> None:
    assert_balanced(_probe())


def test_lexicon_probe2_figures(probe_figures: tuple[dict[str, float], list[str]]) -> None:
    assert_floors(*probe_figures, FLOORS, MAX_FALSE_EVENTS)


# Word classes and patterns added after the blind run, each tested with sentences written for the class (not
# probe sentences).
CLASS_CASES = [
    # 014: weighing whether to act
    ("The Freedonian government is considering whether to close its embassy in Sylvania, a spokesman said.", "014"),
    # accusations coded by what is alleged
    ("Sylvania accused Freedonia of carrying out summary executions of detained protesters.", "1122"),
    ("Freedonia accused Sylvania of massing troops along the frontier.", "1123"),
    ("Sylvania accused Freedonian troops of executing prisoners of war near the river.", "1124"),
    ("Ruritania accused Sylvanian agents of sabotage at a power station.", "1125"),
    # chemical agents named by kind
    ("Freedonian troops used phosgene against Sylvanian positions, doctors said.", "2041"),
    # a ceasefire named with its age or kind
    ("Freedonian troops violated the fragile, week-old truce by shelling Sylvanian villages.", "196"),
    # readiness named after the forces
    ("Sylvania put all of its armed forces on full combat readiness on Monday.", "152"),
    # information about weapons handed over is information, not weapons
    ("Sylvanian police handed over information about weapons smugglers to Freedonia.", "064"),
    # people wanted for a crime are suspects
    ("Freedonia handed over a man wanted for murder to the Sylvanian authorities.", "063"),
    # trade flows with a named partner, and financial instruments of economic cooperation
    ("Ruritania restarted oil exports to Freedonia after a year-long dispute.", "061"),
    ("Freedonia and Sylvania expanded their currency swap line on Monday.", "061"),
    # drones launched at a target
    ("Sylvania launched dozens of attack drones at Freedonian cities overnight.", "195"),
    # the deployment of forces as a noun
    ("The Freedonian president ordered the deployment of two armoured brigades to the border.", "154"),
    # weapons deliveries halted
    ("Freedonia halted shipments of artillery shells to Ruritania on Friday.", "1622"),
    # defending one's relations with another actor
    ("Sylvania defended its growing partnership with Ruritania at the regional summit.", "052"),
    # joint drills described by kind
    ("Freedonian and Ruritanian commandos held joint mountain warfare drills near the border.", "062"),
    # vessels given back are property
    ("Sylvania handed back two impounded Freedonian fishing boats on Monday.", "0842"),
    # a demand to stop attacks named by their means; a demand naming a ceasefire is 107
    ("Freedonia demanded that Sylvania stop its missile attacks on border towns.", "1056"),
    ("Ruritania demanded an immediate ceasefire and an end to the shelling of Freedonian towns.", "107"),
    # concluding negotiations is holding them
    ("Freedonia and Sylvania concluded a fresh round of negotiations in Geneva on Friday.", "046"),
    # the parties of "clashes between X and Y"
    ("Heavy fighting between Freedonian troops and Sylvanian rebels broke out near the river on Monday.", "190"),
    # the nominalisation of imposing sanctions
    ("Freedonia's announcement of new sanctions on Sylvania's central bank surprised investors.", "163"),
    # gathering evidence is investigating; "a team of X" acts as X
    ("A team of Freedonian prosecutors began collecting evidence in the border town on Monday.", "090"),
]

NOT_CASES = [
    # economic news without a partner is no dyadic event
    ("Ruritania increased exports by ten percent last year, the statistics office said.", "061"),
    # drones sent to watch are not an attack
    ("Freedonia launched surveillance drones over the border area on Sunday.", "195"),
    # handing over evidence about arms is neither disarming nor military aid
    ("Sylvanian police handed over information about weapons smugglers to Freedonia.", "0873"),
    ("Sylvanian police handed over information about weapons smugglers to Freedonia.", "072"),
    # a team storming to a win plays a game
    ("Freedonia stormed to a 3-1 victory over Sylvania in the Davis Cup semi-final.", "190"),
]


@pytest.mark.parametrize(("text", "code"), CLASS_CASES)
def test_lexicon_probe2_classes_code(fictional: Any, text: str, code: str) -> None:
    assert code in {event[0] for event in _events(text, fictional)}


@pytest.mark.parametrize(("text", "code"), NOT_CASES)
def test_lexicon_probe2_classes_do_not_code(fictional: Any, text: str, code: str) -> None:
    assert code not in {event[0] for event in _events(text, fictional)}
