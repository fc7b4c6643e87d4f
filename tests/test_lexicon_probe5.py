"""A fifth blind probe of the lexicon: whole news articles, coded as a user codes them (issue 11).

`tests/fixtures/lexicon_probe5.jsonl` holds 30 short articles in the style of 2024-2026 wire copy (Ukraine, the
Sahel, Sudan, Lebanon, Myanmar, Haiti, the South China Sea, the Koreas, the Caucasus, the Caribbean, Congo,
Pakistan-Afghanistan, India-China, Serbia-Kosovo, the Horn of Africa, Iran, Yemen, Georgia, Syria,
Thailand-Cambodia, Nigeria, Guyana, Gaza, Taiwan, India-Pakistan, the Baltic): a headline without a period,
a dateline ("KYIV, Jan 14 (Reuters) -"), attributions, quotes, pronouns and "the group" referring back,
background ("Moscow launched its full-scale invasion of Ukraine in February 2022."), analysis, hypotheticals and
market asides, and often several events in one sentence. One record per article: `title` and `sentences`,
each with the `events` a careful CAMEO coder would code (`code`, `source`, `target`; null: not checked) and
`also`, the other codes acceptable for that sentence; a sentence with no `events` expects none. Each article is
coded whole through `code_text` (title and body), so segmentation, headlines, datelines and the article's
discourse count; an event belongs to the sentence that holds its trigger. Codes and actors were written from
the CAMEO definitions and docs/actors.md and committed (defc47f) before the coder or any pattern, synset or
actor file was looked at; never edit a sentence to make it pass.

Figures (tests/probe_scoring.py `measure_articles`): per expected event, type recall, exact code, source and
target (the country or IGO part among the sentence's events of the root) and dyad recall (root, source and
target in one event); over all coded events, precision (the root is expected or `also` for its sentence) and
false events (coded in a sentence that expects none, with a root not in its `also`).

Blind figures (2026-12-01, first run, tree at defc47f): type recall 0.780, exact code 0.564, source 0.916,
target 0.738, dyad recall 0.587, precision 0.859, 21 false events in the sentences that expect none.
After the general fixes (each class tested by the cases below with sentences written for it; dev tune and check
unchanged on all three files): type 0.835, code 0.628, source 0.933, target 0.768, dyad recall 0.651, precision
0.905, 14 false events. The classes: violence coded by its means (aircraft striking a village, bombs dropped,
"retaliated with air strikes", a suicide bomber is no aircraft, water cannon and tear gas are 175, "attack
helicopters" are weapons), headline forms ("fires missiles into sea", "X, Y sign deal"), a missile test someone
oversees, aid announced as a sum, idioms of denial, "called X dangerous/an act of war", "warned that X would
respond", fire "exchanged" with a word between (mutual), and what is no event: a war's or a year's toll, an
attack named as the cause of another ("in reprisal for"), attacks paused, "the seriously wounded", an order to
one's own forces, "powers to arrest", ceasefire talks, a reward; and the wire dateline as a unit of its own
(text/segment.py), so the filing place is no place of the first sentence's events.
Left (engine or actor files, not this brief's): a definite event noun that points back ("condemned the strikes",
"the launches") gets no target from the earlier sentence that reported the act (the largest target loss);
background in a relative clause ("Russia, which had deployed peacekeepers, ..."), past years ("in February
2022", "on Oct. 7, 2023") and habitual present ("bandits, who kidnap for ransom") still code; a short quoted
noun phrase ("carried out a 'massive strike'") is read as the speaker's words; comma-coordinated headline verbs
("orders X out, suspends Y") and "UN investigators accuse" fail the part-of-speech guess; "South Korea's Joint
Chiefs of Staff" is read as USAMIL; the complement of "agreed to" loses the compound's mutual targets.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from probe_scoring import ROOTS, coded_events, measure_articles, read_probe

PROBE = Path(__file__).parent / "fixtures" / "lexicon_probe5.jsonl"
DATE = dt.date(2025, 6, 1)

# Floors: a little under the figures after the general fixes (see the module docstring).
FLOORS = {
    "type_recall": 0.81,
    "code_recall": 0.60,
    "source": 0.91,
    "target": 0.74,
    "dyad_recall": 0.62,
    "precision": 0.88,
}
MAX_FALSE_EVENTS = 16


def _probe() -> list[dict[str, Any]]:
    return read_probe(PROBE)


@pytest.fixture(scope="module")
def probe_figures(codebook: Any) -> tuple[dict[str, float], list[str]]:
    return measure_articles(_probe(), codebook)


def test_probe5_is_blind_and_covers_every_root() -> None:
    articles = _probe()
    assert len(articles) == 30
    assert all(5 <= len(article["sentences"]) <= 12 for article in articles)
    codes = [
        event["code"]
        for article in articles
        for unit in [article["title"], *article["sentences"]]
        for event in unit["events"]
    ]
    assert {code[:2] for code in codes} == ROOTS


def test_lexicon_probe5_figures(probe_figures: tuple[dict[str, float], list[str]]) -> None:
    figures, misses = probe_figures
    print()
    print("\n".join(misses))
    print(" ".join(f"{key}={value:.3f}" for key, value in figures.items()))
    for key, floor in FLOORS.items():
        assert figures[key] >= floor, (key, figures[key], floor)
    assert figures["false_events"] <= MAX_FALSE_EVENTS


def _codes(text: str, codebook: Any) -> set[str]:
    return {event[0] for event in coded_events(text, codebook, DATE)}


# Word classes and patterns added after the blind run, each tested with sentences written for the class (not
# probe sentences).
CLASS_CASES = [
    # aircraft striking a village: violence is coded by its means (195), not as an attack on civilians (180)
    ("Sylvanian warplanes struck several villages in northern Freedonia on Sunday.", "195"),
    ("Sylvanian helicopters attacked a Freedonian village near the border.", "195"),
    ("Sylvanian militiamen attacked a Freedonian village near the border.", "180"),
    # bombs and grenades dropped on something are dropped from the air
    ("A Sylvanian fighter jet dropped two bombs on a market in Freedonia.", "195"),
    ("Freedonian drones dropped grenades on Sylvanian soldiers.", "195"),
    # answering with air strikes is striking from the air
    ("Freedonia retaliated with air strikes on Sylvanian positions.", "195"),
    ("Sylvania responded on Monday with air strikes on three rebel-held ports in Freedonia.", "195"),
    # headline style: missiles fired "into sea" are a launch, not an attack
    ("Freedonia fires ballistic missiles into sea", "150"),
    # aid announced is aid given
    ("Sylvania announced $50 million in humanitarian aid for Freedonian refugees.", "073"),
    ("Sylvania announced $400 million in new military aid to Freedonia.", "072"),
    ("Sylvania delivered two attack helicopters to the Freedonian army.", "072"),
    # idioms of denial
    ("The Sylvanian government said it had nothing to do with the explosion.", "016"),
    ("Freedonia said it played no role in the coup in Sylvania.", "016"),
    ("Sylvanian forces broke the ceasefire with Freedonia on Monday.", "196"),
    # a suicide bomber is no aircraft: what the bomber attacks or kills is a suicide bombing
    ("A suicide bomber attacked a market in Freedonia on Monday.", "1831"),
    ("A suicide bomber killed 12 people at a police academy in Freedonia.", "1831"),
    # riot-control means are repression; artillery stays artillery
    ("Freedonian riot police fired water cannon and tear gas at protesters in the capital.", "175"),
    ("Sylvanian troops fired artillery shells at Freedonian villages.", "194"),
    # calling another's act dangerous, aggressive or an act of war criticises it
    ("The Freedonian foreign ministry called the Sylvanian manoeuvres dangerous and aggressive.", "111"),
    ("Freedonia called the Sylvanian strikes an act of war.", "111"),
    # attacks paused are de-escalation; one massacre stays a mass killing
    ("The Freedonian rebels paused their attacks on Sylvanian towns.", "087"),
    ("Sylvanian troops killed hundreds of villagers in northern Freedonia on Monday.", "202"),
    ("Sylvania pledged $50 million to Freedonia.", "0331"),
    ("Sylvania backed Freedonia's bid to join the bloc.", "051"),
    ("Sylvanian soldiers badly wounded two Freedonian fishermen.", "182"),
    ("The Sylvanian soldiers wounded two Freedonian fishermen.", "182"),
    ("Freedonian rebels killed six Sylvanian soldiers on Monday.", "1823"),
    ("Freedonia ordered Sylvania to close its consulate.", "100"),
    ("Freedonian police arrested six Sylvanian activists.", "173"),
    # headline style: "sign deal", "signs pact with"
    ("Freedonia, Sylvania sign deal to end border dispute", "057"),
    ("Freedonia signs pact with Sylvania", "057"),
    # a missile test someone oversees or conducts ("oversee" is a support verb)
    ("The Freedonian leader oversaw a test of a new hypersonic missile engine on Saturday.", "150"),
    ("Freedonia conducted a test of a new ballistic missile.", "150"),
    # warning or vowing that one will respond or retaliate threatens
    ("The Freedonian foreign minister warned that Freedonia would respond appropriately.", "130"),
    ("Freedonia warned it would retaliate.", "130"),
    # fire exchanged with a word between is fighting between the parties
    ("Freedonian and Sylvanian forces exchanged heavy fire at several border crossings.", "190"),
    ("Freedonian troops traded artillery fire with Sylvanian forces on Monday.", "194"),
    ("Freedonian and Sylvanian troops exchanged artillery fire across the border overnight.", "194"),
    ("Freedonian and Sylvanian troops exchanged heavy gunfire near the border.", "193"),
    ("Freedonian and Sylvanian troops exchanged fire on the border.", "193"),
    ("Freedonia shelled Sylvanian towns in retaliation for Sylvanian air strikes.", "194"),
    ("Sylvanian air strikes hit Freedonian villages on Monday.", "195"),
    ("Freedonian rebels attacked a Sylvanian army base on Monday.", "190"),
]

NOT_CASES = [
    ("Sylvanian planes dropped leaflets over Freedonia urging soldiers to surrender.", "195"),
    ("Sylvania responded to the attack with a strongly worded statement.", "195"),
    ("Freedonia fires ballistic missiles into sea", "194"),
    # "attack helicopters" and "attack drones" are weapons, not attacks
    ("Sylvania delivered two attack helicopters to the Freedonian army.", "195"),
    ("Sylvania delivered two attack helicopters to the Freedonian army.", "190"),
    ("Freedonia bought six attack drones from Sylvania.", "190"),
    # ceasefire talks are no ceasefire to break
    ("The shelling aims to break Freedonian morale ahead of ceasefire negotiations.", "196"),
    ("The shelling aims to break Freedonian morale ahead of ceasefire negotiations.", "138"),
    # water cannon are no relief water
    ("Freedonian coast guard ships fired water cannon at a Sylvanian fishing boat.", "073"),
    # a decision that has nothing to do with something explains, it does not deny
    ("Freedonia said the decision had nothing to do with politics.", "016"),
    # the toll of a war, or of months, sums many acts: no one mass killing
    ("The war in Freedonia has killed tens of thousands of people since 2023.", "202"),
    ("Sylvanian air strikes have killed hundreds of civilians in Freedonia over the past year.", "202"),
    ("Freedonian riot police fired water cannon and tear gas at protesters in the capital.", "194"),
    ("A suicide bomber attacked a market in Freedonia on Monday.", "195"),
    ("The Freedonian rebels paused their attacks on Sylvanian towns.", "190"),
    # a reward for information is no aid; supporting a recovery is no endorsement
    ("Sylvania offered a $5 million reward for information on the Freedonian rebel leader.", "0331"),
    ("Sylvania eased sanctions on Freedonia to support the country's recovery.", "051"),
    # "the seriously wounded" are people; a war's toll is no killing; a command to one's own forces is no demand;
    # a power to arrest is no arrest; a test passed is no weapons test
    ("Freedonia and Sylvania agreed to exchange all seriously wounded prisoners of war.", "182"),
    ("Medics treated the wounded in Freedonia.", "182"),
    (
        "The Sylvanian army and Freedonian rebels have been at war since 2023, in a conflict that has killed thousands "
        "of people.",
        "1823",
    ),
    ("The Freedonian president ordered security forces to rescue the children.", "100"),
    ("The council gave the Freedonian mission powers to arrest gang members.", "173"),
    ("Freedonian students passed the test on Monday.", "150"),
    ("Freedonia promised that it would respond to the requests of the opposition.", "130"),
    ("The Freedonian minister vowed that the government would respond to the questions of lawmakers.", "130"),
    ("Freedonian and Sylvanian leaders exchanged views on trade.", "190"),
    # the attack an act answers ("in reprisal for", "in retaliation for") was reported where it happened
    ("Freedonian soldiers massacred 40 villagers in reprisal for militant attacks.", "190"),
    ("Freedonia shelled Sylvanian towns in retaliation for Sylvanian air strikes.", "195"),
    ("Freedonia shelled Sylvanian towns in retaliation for Sylvanian air strikes.", "190"),
    # aid announced stopped, ended or under review is no aid given
    ("Sylvania announced a suspension of humanitarian aid to Freedonia.", "073"),
    ("Sylvania announced an end to military aid for Freedonia.", "072"),
    ("Sylvania announced it would review its military aid to Freedonia.", "072"),
    ("The UN announced that humanitarian aid deliveries to Freedonia had been blocked.", "073"),
    ("Freedonia will play no role in the new Sylvanian government.", "016"),
]


@pytest.mark.parametrize(("text", "code"), CLASS_CASES)
def test_lexicon_probe5_classes_code(fictional: Any, text: str, code: str) -> None:
    assert code in _codes(text, fictional)


@pytest.mark.parametrize(("text", "code"), NOT_CASES)
def test_lexicon_probe5_classes_do_not_code(fictional: Any, text: str, code: str) -> None:
    assert code not in _codes(text, fictional)


def test_lexicon_probe5_exchanged_fire_is_mutual(fictional: Any) -> None:
    events = coded_events("Freedonian and Sylvanian forces exchanged heavy fire on the border.", fictional, DATE)
    assert {(event[1][:3], event[2][:3]) for event in events if event[0] == "190"} == {("FRD", "SYL"), ("SYL", "FRD")}
