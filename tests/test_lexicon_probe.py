"""Does the lexicon hold on sentences nobody fitted it to? (issue 11)

`tests/fixtures/lexicon_probe.jsonl` holds 160 wire-style sentences, eight for each CAMEO root 01-20, each
with the code the CAMEO definition gives and the expected source and target actor codes, and 40 ordinary
sentences (sports, business, weather, culture) that report no political event. They were written from the
CAMEO definitions and committed before the coder was ever run on them; never edit a sentence to make it
pass. Fixes go into general patterns and word classes, tested by other sentences in tests/test_lexicon_*.

The figures are printed (``pytest -s``) and held to floors a little under what the lexicon reaches, so a
regression fails this test:
- type recall: an event of the expected root;
- exact-code recall: an event with exactly the expected code;
- source / target accuracy: of the sentences whose root was found, those where an event of that root has the
  expected country (or IGO) part of the actor code; actors without a country part (rebels, civilians,
  unnamed gunmen) are not checked;
- false events: non-event sentences that get any event.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from probe_scoring import assert_balanced, assert_floors, coded_events, measure, read_probe

PROBE = Path(__file__).parent / "fixtures" / "lexicon_probe.jsonl"
DATE = dt.date(2025, 6, 1)
# The sector list this probe has been scored with since its floors were set (without UAG and UAF).
PROBE1_SECTORS = frozenset({"REB", "CVL", "COP", "OPP", "LAB", "NGO", "MED", "MIL", "GOV", "JUD"})

# Floors: a little under the figures measured when they were set (see the module docstring).
# Set 2026-11-30 at type 0.869, code 0.800, source 0.923, target 0.887, no false events (from 0.794 / 0.713 /
# 0.945 / 0.896 / 0 when the probe was first run; 0.806 / 0.719 with the same tree but the pattern files before
# the fixes of that day).
FLOORS = {"type_recall": 0.84, "code_recall": 0.77, "source": 0.90, "target": 0.85}
MAX_FALSE_EVENTS = 2


def _probe() -> list[dict[str, Any]]:
    return read_probe(PROBE)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    return coded_events(text, codebook, DATE)


@pytest.fixture(scope="module")
def probe_figures(fictional: Any) -> tuple[dict[str, float], list[str]]:
    return measure(_probe(), fictional, DATE, sectors=PROBE1_SECTORS)


def test_probe_is_blind_and_balanced() -> None:
    assert_balanced(_probe())


def test_lexicon_probe_figures(probe_figures: tuple[dict[str, float], list[str]]) -> None:
    assert_floors(*probe_figures, FLOORS, MAX_FALSE_EVENTS)
