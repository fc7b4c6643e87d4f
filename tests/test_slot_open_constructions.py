"""Slot, actor and ACLED constructions left open by earlier sessions (issue 11), on the default codebook with
fictional countries (Freedonia FRD, Sylvania SYL, Ruritania RUR): the sentences exercise grammar, not names.
Each row is (sentence, CAMEO code or root prefix, source, target); a target "" means no target."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2020, 1, 1)


def _rows(text: str, codebook: Any) -> list[dict[str, Any]]:
    return list(code_text(text, codebook, date=DATE).rows)


def _triples(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    return {(row["cameo_code"], row["source_code"] or "", row["target_code"] or "") for row in _rows(text, codebook)}


def _has(text: str, codebook: Any, code: str, source: str, target: str) -> bool:
    return any(
        found.startswith(code) and found_source == source and found_target == target
        for found, found_source, found_target in _triples(text, codebook)
    )


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # a support verb's indirect object may carry a participle with its own object
        ("Freedonia gave the Sylvanian troops holding the town an ultimatum.", "139", "FRDGOV", "SYLMIL"),
        ("Freedonia issued the Sylvanian soldiers guarding the border a stern warning.", "130", "FRDGOV", "SYLMIL"),
        # ... while a participle that is itself the support verb keeps its double object
        ("Freedonia responded by giving the Sylvanian troops an ultimatum.", "139", "FRDGOV", "SYLMIL"),
        ("Freedonia gave the Sylvanian government a one-week ultimatum.", "139", "FRDGOV", "SYLGOV"),
        # armed forces "under fire" are shot at: by whom "from" names, else by an unidentified armed group
        ("A Freedonian army convoy came under fire near the Sylvanian border.", "190", "SYLUAG", "FRDMIL"),
        ("Freedonian police came under heavy fire in Ruritania.", "190", "RURUAG", "FRDCOP"),
        ("Freedonian troops came under fire from Sylvanian rebels.", "190", "SYLREB", "FRDMIL"),
        # weapons thrown at someone: the weapon is the means, whom it is aimed at the target
        ("Grenades were hurled at Freedonian soldiers in Sylvania.", "193", "SYLUAG", "FRDMIL"),
        ("Two grenades were thrown at Sylvanian police officers in Ruritania.", "193", "RURUAG", "SYLCOP"),
        # a killing of at least a hundred, an expulsion of at least 100,000, however the figure is written, is mass
        # violence (the thresholds of the word patterns "killed hundreds", "expelled hundreds of thousands")
        ("Sylvanian troops killed at least 1,500 civilians in Ruritania.", "202", "SYLMIL", "RURCVL"),
        ("Some 400 Ruritanian villagers were killed by Sylvanian troops.", "202", "SYLMIL", "RURCVL"),
        ("Sylvanian troops killed twelve civilians in Ruritania.", "1823", "SYLMIL", "RURCVL"),
        ("Sylvanian troops killed up to 150 civilians in Ruritania.", "1823", "SYLMIL", "RURCVL"),
        ("Freedonia deported 250,000 Sylvanian workers.", "201", "FRDGOV", "SYLLAB"),
        ("Freedonia deported 250 Sylvanian workers.", "174", "FRDGOV", "SYLLAB"),
        # ... but not when the dead are combatants
        ("Freedonian troops killed 300 Sylvanian rebels.", "1823", "FRDMIL", "SYLREB"),
        # a country that fights is fought as its armed forces, never paired with itself
        ("Freedonia and Sylvanian rebels clashed near the border.", "190", "SYLREB", "FRDMIL"),
        ("Freedonia and Sylvanian rebels clashed near the border.", "190", "FRDGOV", "SYLREB"),
        ("Freedonia and Sylvania clashed on the border.", "190", "SYLGOV", "FRDMIL"),
        # a participial clause of killing after an attack is the attacker's: the agent of a passive, the author of
        # an event noun heading the clause; armed victims with no country of their own are the attacked side's
        ("A Freedonian army post was attacked by Sylvanian rebels, killing 12 soldiers.", "1823", "SYLREB", "FRDMIL"),
        ("An air strike by Sylvanian jets hit a Freedonian base, killing 15 soldiers.", "1823", "SYLGOV", "FRDMIL"),
        ("Sylvanian rebels launched an attack on a Freedonian post, killing 12 soldiers.", "1823", "SYLREB", "FRDMIL"),
        ("Sylvanian rebels ambushed a Freedonian patrol, killing 12 soldiers.", "1823", "SYLREB", "FRDMIL"),
        ("Sylvanian rebels killed 12 soldiers.", "1823", "SYLREB", "SYLMIL"),
        # a state agent with no country acts for whom "for"/"of" names
        ("A spokesman for the Pakistani army condemned India.", "111", "PAKMIL", "IND"),
        ("A spokesman for Pakistan condemned India.", "111", "PAKGOV", "IND"),
        ("Police of Pakistan arrested five Indian students.", "173", "PAKCOP", "INDEDU"),
        ("A spokesman for the Sylvanian rebels rejected the Freedonian offer.", "12", "SYLREB", "FRD"),
        # a meeting where neither side is at home is at a third location (044); at one side's home it stays 040
        ("The Freedonian foreign minister met his Sylvanian counterpart in Ruritania.", "044", "FRDGOV", "SYL"),
        ("Freedonia held talks with Sylvania in Ruritania.", "044", "FRDGOV", "SYL"),
        ("Freedonian and Ruritanian officials met in Sylvania.", "044", "RURGOV", "FRDGOV"),
        ("The Freedonian foreign minister met his Sylvanian counterpart in Freedonia.", "040", "FRDGOV", "SYL"),
        ("Freedonia held talks with Sylvania.", "040", "FRDGOV", "SYL"),
    ],
)
def test_slot_open_constructions_code_the_dyad(
    sentence: str, code: str, source: str, target: str, fictional: Any
) -> None:
    assert _has(sentence, fictional, code, source, target), _triples(sentence, fictional)


def test_slot_a_party_to_a_clash_is_not_its_own_counterpart(fictional: Any) -> None:
    rows = _triples("Freedonia and Sylvanian rebels clashed near the border.", fictional)
    assert ("190", "FRDGOV", "FRDMIL") not in rows
    assert all(row["acled_event_type"] == "Battles" for row in _rows("Freedonia and Sylvania clashed.", fictional))


@pytest.mark.parametrize(
    "sentence",
    [
        # "under fire" for or over something, or said of anyone but armed forces, is criticism
        "The Freedonian defence minister came under fire for the army's failures.",
        "The plan came under fire from Sylvanian officials.",
        "The Freedonian police chief came under fire over the killings.",
        # armed forces under fire from critics, watchdogs or lawmakers are criticised, not shot at
        "The Freedonian police came under fire from human rights groups after the crackdown.",
        "Sylvanian troops came under fire from lawmakers in the capital.",
    ],
)
def test_slot_under_fire_is_force_only_for_armed_forces(sentence: str, fictional: Any) -> None:
    assert not [row for row in _rows(sentence, fictional) if row["cameo_root"] in ("18", "19", "20")]
