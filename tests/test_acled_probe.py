"""Do the ACLED types hold on snippets nobody fitted them to? (issue 11, item 4)

`tests/fixtures/acled_probe.jsonl` holds 186 snippets in the style of ACLED event notes and of wire reports
about them (most without a final period, with dates, places and fatalities): 156 ACLED events over all six
event types and the 25 sub-event types (22 battles, 28 explosions/remote violence, 22 violence against
civilians, 22 protests, 22 riots, 40 strategic developments) and 30 snippets that report no ACLED event
(statements, meetings, economics, sport, weather, disasters, disease, history). Each has the ACLED event and
sub-event type that ACLED's definitions give and the CAMEO root one would expect. They were written from the
definitions and committed (5a328ff) before the ACLED mapping was read or the coder run on them; never edit a
snippet to make it pass. Fixes go into the mapping, the cue synsets and general patterns, tested with other
sentences in tests/test_acled.py.

Scored the way `../shared/tools/score_gold.py` scores the CASE-2021 ACLED snippets: a snippet's type is the
most frequent ACLED event type among its non-negated events (ties: the first event's). Figures, printed with
``pytest -s`` and held to floors a little under what the coder reaches:
- event type accuracy: of the ACLED events, those whose snippet type is the expected event type;
- sub-event type accuracy: of the ACLED events, those whose type is right and whose most frequent sub-event
  type among the events of that type is the expected one;
- non-events typed: non-event snippets that get any ACLED type (lower is better).

Blind figures (first run, tree at 5a328ff): event type 0.750 (117/156), sub-event type 0.712, non-events typed
1/30 (a history sentence, "the 1994 genocide ... killed"). The misses were mostly snippets with no event at all
(25 of 39: group changes, bases, defused bombs, mob violence, abductions) and riots typed by the CAMEO code
of the act (arson as looting, petrol bombs as IEDs, a fight between party supporters as a battle).

After the fixes of that session (2026-12-01: crowds riot, state forces do not, stopped bombs are disrupted weapons
use, peacekeepers are armed, grievances are not conduct, a day number before March, mobs and bandits as actors,
grenades thrown in the passive, split "took X hostage / into custody", singular class members), with others'
pattern work landing at the same time: event type 0.833 (130/156), sub-event type 0.821, non-events typed 1/30.
Of the changes measured against the same tree, the ACLED typing gave +6 event types, actors +3, patterns and
word classes +4, and the March fix -1 (a snippet typed right only because its date was read as a march). What
is left is mostly no event at all: group changes (merger, new leader, split, recruitment), bases set up by
named groups, agreements coded as intents (030/036), agentless landmines read as an actor, "thousands
marched" with no actor.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from eventcoder.coder import code_text

PROBE = Path(__file__).parent / "fixtures" / "acled_probe.jsonl"
DATE = dt.date(2023, 6, 1)

# Floors: a little under the figures measured when they were set (see the module docstring).
FLOORS = {"event_type": 0.80, "sub_event_type": 0.79}
MAX_NON_EVENTS_TYPED = 2


def _probe() -> list[dict[str, Any]]:
    return [json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines() if line.strip()]


def snippet_type(rows: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """The snippet's ACLED event type (the most frequent among its non-negated events, ties to the first) and
    the most frequent sub-event type among the events of that type."""
    typed = [row for row in rows if not row.get("negated") and row.get("acled_event_type")]
    if not typed:
        return None, None
    event_type = collections.Counter(row["acled_event_type"] for row in typed).most_common(1)[0][0]
    subs = [row["acled_sub_event_type"] for row in typed if row["acled_event_type"] == event_type]
    return event_type, collections.Counter(subs).most_common(1)[0][0]


def measure(codebook: Any) -> tuple[dict[str, float], list[str]]:
    """The probe figures, and one line per miss (for reading with ``pytest -s``)."""
    n = type_ok = sub_ok = non_typed = 0
    confusion: collections.Counter[tuple[str | None, str | None]] = collections.Counter()
    misses: list[str] = []
    for item in _probe():
        rows = code_text(item["text"], codebook, date=DATE).rows
        got_type, got_sub = snippet_type(rows)
        codes = [(row["cameo_code"], row["acled_sub_event_type"]) for row in rows if not row.get("negated")]
        if item["event_type"] is None:
            if got_type is not None:
                non_typed += 1
                misses.append(f"NON-EVENT {item['id']} got {got_type}/{got_sub} {codes} | {item['text']}")
            continue
        n += 1
        confusion[(item["event_type"], got_type)] += 1
        if got_type != item["event_type"]:
            misses.append(
                f"TYPE {item['id']} want {item['event_type']}/{item['sub_event_type']} got "
                f"{got_type}/{got_sub} {codes} | {item['text']}"
            )
            continue
        type_ok += 1
        if got_sub == item["sub_event_type"]:
            sub_ok += 1
        else:
            misses.append(f"SUB {item['id']} want {item['sub_event_type']} got {got_sub} {codes} | {item['text']}")
    for (want, got), count in confusion.most_common():
        if want != got:
            misses.append(f"{count:4d}  {want} -> {got}")
    figures = {"event_type": type_ok / n, "sub_event_type": sub_ok / n, "non_events_typed": float(non_typed)}
    return figures, misses


@pytest.fixture(scope="module")
def probe_figures(codebook: Any) -> tuple[dict[str, float], list[str]]:
    return measure(codebook)


def test_probe_covers_every_acled_type() -> None:
    items = _probe()
    events = [item for item in items if item["event_type"] is not None]
    assert len(items) == 186 and len(events) == 156
    assert {item["event_type"] for item in events} == {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    assert len({item["sub_event_type"] for item in events}) == 25
    assert len({item["id"] for item in items}) == len(items)


def test_acled_probe_figures(probe_figures: tuple[dict[str, float], list[str]]) -> None:
    figures, misses = probe_figures
    print()
    print("\n".join(misses))
    print(" ".join(f"{key}={value:.3f}" for key, value in figures.items()))
    for key, floor in FLOORS.items():
        assert figures[key] >= floor, (key, figures[key], floor)
    assert figures["non_events_typed"] <= MAX_NON_EVENTS_TYPED
