"""How the blind lexicon probes are scored (tests/test_lexicon_probe*.py): one implementation for all of them.

A probe is a JSONL file of sentences, each with its expected CAMEO `code` (null for a non-event) and expected
`source` and `target` actor codes. The figures: type recall (an event of the expected root), exact-code recall,
source / target accuracy on the country (or IGO) part of the expected actor among the events of the found
root, and the number of non-event sentences that get any event.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from eventcoder.coder import code_text

# Sector and group codes that name no country: an expected actor coded by one of these checks nothing.
SECTORS_WITHOUT_COUNTRY = frozenset(
    {"REB", "CVL", "COP", "OPP", "LAB", "NGO", "MED", "MIL", "GOV", "JUD", "UAG", "UAF"}
)
ROOTS = frozenset(f"{n:02d}" for n in range(1, 21))


def read_probe(path: Path) -> list[dict[str, Any]]:
    """The probe's records."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def country_part(code: str | None, sectors: Collection[str] = SECTORS_WITHOUT_COUNTRY) -> str:
    """The country (or IGO) part of an expected actor code; empty for a sector or group without one."""
    code = code or ""
    if code.startswith("IGO"):
        return code[:6] if len(code) >= 6 else "IGO"
    if len(code) >= 3 and code[:3] not in sectors:
        return code[:3]
    return ""


def coded_events(text: str, codebook: Any, date: dt.date) -> list[tuple[str, str, str]]:
    """(code, source, target) of each event coded from `text` and not negated."""
    rows = code_text(text, codebook, date=date).rows
    return [
        (row["cameo_code"], row["source_code"] or "", row["target_code"] or "")
        for row in rows
        if not row.get("negated")
    ]


def measure(
    items: list[dict[str, Any]], codebook: Any, date: dt.date, sectors: Collection[str] = SECTORS_WITHOUT_COUNTRY
) -> tuple[dict[str, float], list[str]]:
    """The probe figures, and one line per miss (for reading with ``pytest -s``)."""
    found = exact = src_n = src_ok = tgt_n = tgt_ok = false_events = events_total = 0
    misses: list[str] = []
    for item in items:
        events = coded_events(item["text"], codebook, date)
        if item["code"] is None:
            if events:
                false_events += 1
                misses.append(f"FALSE {item['id']}: {events} | {item['text']}")
            continue
        events_total += 1
        want = item["code"]
        same_root = [ev for ev in events if ev[0][:2] == want[:2]]
        exact += any(ev[0] == want for ev in events)
        if not same_root:
            misses.append(f"MISS {item['id']} want {want}: got {events} | {item['text']}")
            continue
        found += 1
        if not any(ev[0] == want for ev in events):
            misses.append(f"CODE {item['id']} want {want}: got {events} | {item['text']}")
        for key, index in (("source", 1), ("target", 2)):
            expected = country_part(item[key], sectors)
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


def assert_balanced(items: list[dict[str, Any]], per_root: int = 8, non_events: int = 40) -> None:
    """Every CAMEO root has `per_root` sentences, and `non_events` sentences expect no event."""
    events = [item for item in items if item["code"] is not None]
    assert len(events) == per_root * len(ROOTS) and len(items) - len(events) == non_events
    assert {item["code"][:2] for item in events} == ROOTS
    for root in ROOTS:
        assert sum(item["code"][:2] == root for item in events) == per_root


def assert_floors(figures: dict[str, float], misses: list[str], floors: dict[str, float], max_false: int) -> None:
    """Print the misses and the figures (``pytest -s``), then hold the figures to their floors."""
    print()
    print("\n".join(misses))
    print(" ".join(f"{key}={value:.3f}" for key, value in figures.items()))
    for key, floor in floors.items():
        assert figures[key] >= floor, (key, figures[key], floor)
    assert figures["false_events"] <= max_false


def measure_wire(items: list[dict[str, Any]], codebook: Any, date: dt.date) -> dict[str, float]:
    """Two figures for wire copy, where a sentence may hold several events (probe 4).

    `dyad_recall`, in the style of PETRARCH-2's validation: an event sentence counts as found only when one
    event has the expected root AND the country (or IGO) part of both the expected source and the expected
    target (a part the expected actor does not have is not checked). `precision`: the share of all coded
    events (non-event sentences included) whose root is the expected root or the root of a code in the
    record's `also` list.
    """
    found = events_total = coded = wrong = 0
    for item in items:
        events = coded_events(item["text"], codebook, date)
        allowed = {code[:2] for code in ([item["code"]] if item["code"] else []) + item.get("also", [])}
        coded += len(events)
        wrong += sum(ev[0][:2] not in allowed for ev in events)
        if item["code"] is None:
            continue
        events_total += 1
        source, target = country_part(item["source"]), country_part(item["target"])
        found += any(
            ev[0][:2] == item["code"][:2] and ev[1].startswith(source) and ev[2].startswith(target) for ev in events
        )
    return {"dyad_recall": found / events_total, "precision": 1 - wrong / max(coded, 1)}
