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


def _article_units(article: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    """The body text of a whole-article record (probe 5) and each body sentence's span in it: sentences are
    paragraphs of their own, or joined to the paragraph before with a space when the record says `join`."""
    body = ""
    spans: list[tuple[int, int]] = []
    for sentence in article["sentences"]:
        if body:
            body += " " if sentence.get("join") else "\n\n"
        spans.append((len(body), len(body) + len(sentence["text"])))
        body += sentence["text"]
    return body, spans


def coded_article_events(article: dict[str, Any], codebook: Any) -> list[list[tuple[str, str, str]]]:
    """Code a whole-article record (title and body, through `code_text`, so that segmentation, headlines,
    datelines and the article's discourse all count) and give the (code, source, target) of each coded event,
    not negated, per unit: the title first, then each body sentence of the record. An event belongs to the
    record's sentence that holds its trigger, however the coder segmented the text."""
    body, spans = _article_units(article)
    units: list[list[tuple[str, str, str]]] = [[] for _ in range(len(spans) + 1)]
    rows = code_text(body, codebook, date=dt.date.fromisoformat(article["date"]), title=article["title"]["text"]).rows
    for row in rows:
        if row.get("negated"):
            continue
        event = (row["cameo_code"], row["source_code"] or "", row["target_code"] or "")
        if row["sentence_index"] == 0 and row["sentence_text"] == article["title"]["text"]:
            units[0].append(event)
            continue
        at = body.find(row["sentence_text"]) + row["trigger_start"]
        index = next((number for number, (start, end) in enumerate(spans) if start <= at < end), len(spans) - 1)
        units[index + 1].append(event)
    return units


def measure_articles(articles: list[dict[str, Any]], codebook: Any) -> tuple[dict[str, float], list[str]]:
    """The figures of a whole-article probe (probe 5), and one line per miss.

    Per expected event (several per sentence possible): `type_recall` (a coded event of the sentence has the
    expected root), `code_recall` (the exact code), `source` and `target` (the country or IGO part of the
    expected actor among the sentence's events of that root, when the expected actor has one) and
    `dyad_recall` (one event with the root and both parts). Over all coded events: `precision`, the share whose
    root is an expected root or an `also` root of its sentence; `false_events`, the number of coded events
    in sentences that expect none whose root is not in their `also` list (background, analysis, quotes,
    hypotheticals, markets).
    """
    expected = found = exact = dyads = src_n = src_ok = tgt_n = tgt_ok = coded = wrong = false_events = 0
    misses: list[str] = []
    for article in articles:
        records = [article["title"], *article["sentences"]]
        for number, (record, events) in enumerate(zip(records, coded_article_events(article, codebook), strict=True)):
            label = f"{article['id']}#{number}"
            allowed = {event["code"][:2] for event in record["events"]} | {code[:2] for code in record["also"]}
            coded += len(events)
            bad = [event for event in events if event[0][:2] not in allowed]
            wrong += len(bad)
            if bad:
                if not record["events"]:
                    false_events += len(bad)
                misses.append(f"EXTRA {label}: {bad} | {record['text']}")
            for want in record["events"]:
                expected += 1
                code = want["code"]
                source, target = country_part(want["source"]), country_part(want["target"])
                same_root = [event for event in events if event[0][:2] == code[:2]]
                exact += any(event[0] == code for event in events)
                dyads += any(event[1].startswith(source) and event[2].startswith(target) for event in same_root)
                if not same_root:
                    misses.append(f"MISS {label} want {code}: got {events} | {record['text']}")
                    continue
                found += 1
                if not any(event[0] == code for event in events):
                    misses.append(f"CODE {label} want {code}: got {same_root} | {record['text']}")
                for part, index, key in ((source, 1, "source"), (target, 2, "target")):
                    if not part:
                        continue
                    ok = any(event[index].startswith(part) for event in same_root)
                    if key == "source":
                        src_n, src_ok = src_n + 1, src_ok + ok
                    else:
                        tgt_n, tgt_ok = tgt_n + 1, tgt_ok + ok
                    if not ok:
                        misses.append(f"ACTOR {label} {key} want {part}: got {same_root} | {record['text']}")
    figures = {
        "type_recall": found / expected,
        "code_recall": exact / expected,
        "source": src_ok / max(src_n, 1),
        "target": tgt_ok / max(tgt_n, 1),
        "dyad_recall": dyads / expected,
        "precision": 1 - wrong / max(coded, 1),
        "false_events": float(false_events),
    }
    return figures, misses
