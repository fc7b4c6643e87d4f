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
import json
from pathlib import Path
from typing import Any

import pytest

from eventcoder.coder import code_text

PROBE = Path(__file__).parent / "fixtures" / "lexicon_probe.jsonl"
DATE = dt.date(2025, 6, 1)

# Floors: a little under the figures measured when they were set (see the module docstring).
# Set 2026-11-30 at type 0.869, code 0.800, source 0.923, target 0.887, no false events (from 0.794 / 0.713 /
# 0.945 / 0.896 / 0 when the probe was first run; 0.806 / 0.719 with the same tree but the pattern files before
# the fixes of that day).
FLOORS = {"type_recall": 0.84, "code_recall": 0.77, "source": 0.90, "target": 0.85}
MAX_FALSE_EVENTS = 2


def _probe() -> list[dict[str, Any]]:
    return [json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _country(code: str) -> str:
    """The country (or IGO) part of an expected actor code; empty for a sector or group without one."""
    code = code or ""
    if code.startswith("IGO"):
        return code[:6] if len(code) >= 6 else "IGO"
    if len(code) >= 3 and code[:3] not in {"REB", "CVL", "COP", "OPP", "LAB", "NGO", "MED", "MIL", "GOV", "JUD"}:
        return code[:3]
    return ""


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return [
        (row["cameo_code"], row["source_code"] or "", row["target_code"] or "")
        for row in rows
        if not row.get("negated")
    ]


def measure(codebook: Any) -> tuple[dict[str, float], list[str]]:
    """The probe figures, and one line per miss (for reading with ``pytest -s``)."""
    found = exact = src_n = src_ok = tgt_n = tgt_ok = false_events = 0
    events_total = 0
    misses: list[str] = []
    for item in _probe():
        events = _events(item["text"], codebook)
        if item["code"] is None:
            if events:
                false_events += 1
                misses.append(f"FALSE {item['id']}: {events} | {item['text']}")
            continue
        events_total += 1
        want = item["code"]
        same_root = [ev for ev in events if ev[0][:2] == want[:2]]
        if any(ev[0] == want for ev in events):
            exact += 1
        if not same_root:
            misses.append(f"MISS {item['id']} want {want}: got {events} | {item['text']}")
            continue
        found += 1
        if not any(ev[0] == want for ev in events):
            misses.append(f"CODE {item['id']} want {want}: got {events} | {item['text']}")
        for key, index in (("source", 1), ("target", 2)):
            expected = _country(item[key])
            if not expected:
                continue
            ok = any(ev[index].startswith(expected) for ev in same_root)
            if key == "source":
                src_n, src_ok = src_n + 1, src_ok + ok
            else:
                tgt_n, tgt_ok = tgt_n + 1, tgt_ok + ok
            if not ok:
                misses.append(f"ACTOR {item['id']} {key} want {expected}: got {same_root} | {item['text']}")
    figures = {
        "type_recall": found / events_total,
        "code_recall": exact / events_total,
        "source": src_ok / max(src_n, 1),
        "target": tgt_ok / max(tgt_n, 1),
        "false_events": float(false_events),
    }
    return figures, misses


@pytest.fixture(scope="module")
def probe_figures(fictional: Any) -> tuple[dict[str, float], list[str]]:
    return measure(fictional)


def test_probe_is_blind_and_balanced() -> None:
    items = _probe()
    events = [item for item in items if item["code"] is not None]
    assert len(events) == 160 and len(items) - len(events) == 40
    roots = {f"{n:02d}" for n in range(1, 21)}
    assert {item["code"][:2] for item in events} == roots
    for root in roots:
        assert sum(item["code"][:2] == root for item in events) == 8


def test_lexicon_probe_figures(probe_figures: tuple[dict[str, float], list[str]]) -> None:
    figures, misses = probe_figures
    print()
    print("\n".join(misses))
    print(" ".join(f"{key}={value:.3f}" for key, value in figures.items()))
    for key, floor in FLOORS.items():
        assert figures[key] >= floor, (key, figures[key], floor)
    assert figures["false_events"] <= MAX_FALSE_EVENTS
