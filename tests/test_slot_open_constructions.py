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
    ],
)
def test_slot_open_constructions_code_the_dyad(
    sentence: str, code: str, source: str, target: str, fictional: Any
) -> None:
    assert _has(sentence, fictional, code, source, target), _triples(sentence, fictional)


@pytest.mark.parametrize(
    "sentence",
    [
        # "under fire" for or over something, or said of anyone but armed forces, is criticism
        "The Freedonian defence minister came under fire for the army's failures.",
        "The plan came under fire from Sylvanian officials.",
        "The Freedonian police chief came under fire over the killings.",
    ],
)
def test_slot_under_fire_is_force_only_for_armed_forces(sentence: str, fictional: Any) -> None:
    assert not [row for row in _rows(sentence, fictional) if row["cameo_root"] in ("18", "19", "20")]
