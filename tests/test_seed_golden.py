"""The seed article: every required event of the development gold, none of the forbidden ones, and a
pinned golden file of the full output (rewrite with `pytest --update-golden`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
GOLDEN = Path(__file__).resolve().parent / "golden" / "seed_events.tsv"
GOLDEN_COLUMNS = ("sentence_index", "cameo_code", "category", "source_code", "source_text", "target_code",
                  "target_text", "modality", "negated", "event_date", "rule_id")


def _gold(name: str) -> list[dict[str, Any]]:
    path = GOLD / name
    if not path.is_file():
        pytest.skip(f"development gold not present at {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _actor_ok(expected: dict[str, Any], country: str | None, sector: str | None) -> bool:
    if expected.get("optional") and country is None and sector is None:
        return True
    if "country" in expected and expected["country"] != country and not expected.get("optional_country"):
        return False
    return "sector" not in expected or expected["sector"] == sector


def _satisfies(row: dict[str, Any], expected: dict[str, Any]) -> bool:
    return (
        expected["sentence_contains"] in row["sentence_text"]
        and row["cameo_root"] in expected["cameo_roots"]
        and _actor_ok(expected["source"], row["source_country"], row["source_sector"])
        and (expected["target"].get("optional") or _actor_ok(expected["target"], row["target_country"],
                                                               row["target_sector"]))
    )


def test_seed_golden_required_events_found(seed_rows: list[dict[str, Any]]) -> None:
    expected = [item for item in _gold("seed_expected.jsonl") if item["required"]]
    missing = [item["key"] for item in expected if not any(_satisfies(row, item) for row in seed_rows)]
    assert missing == []


def test_seed_golden_event_dates(seed_rows: list[dict[str, Any]]) -> None:
    for item in _gold("seed_expected.jsonl"):
        if "event_date" in item:
            dates = {str(row["event_date"]) for row in seed_rows if _satisfies(row, item)}
            assert item["event_date"] in dates, item["key"]


def _forbidden(row: dict[str, Any], rule: dict[str, Any]) -> bool:
    if rule.get("any_event"):
        return True
    if "cameo_roots" in rule and row["cameo_root"] in rule["cameo_roots"]:
        return rule.get("source_country") in (None, row["source_country"])
    if "actor_countries" in rule:
        return row["source_country"] in rule["actor_countries"] or row["target_country"] in rule["actor_countries"]
    if "source_text_contains" in rule:
        return rule["source_text_contains"] in (row["source_text"] or "")
    return False


def test_seed_golden_forbidden_events_absent(seed_rows: list[dict[str, Any]]) -> None:
    hits = [
        (item["key"], row["rule_id"])
        for item in _gold("seed_forbidden.jsonl")
        for row in seed_rows
        if item["sentence_contains"] in row["sentence_text"] and _forbidden(row, item["forbid"])
    ]
    assert hits == []


def _render(rows: list[dict[str, Any]]) -> str:
    lines = ["\t".join(GOLDEN_COLUMNS)]
    ordered = sorted(rows, key=lambda r: (r["sentence_index"], r["trigger_start"], r["event_id"]))
    lines += ["\t".join("" if row[c] is None else str(row[c]) for c in GOLDEN_COLUMNS) for row in ordered]
    return "\n".join(lines) + "\n"


def test_seed_golden_output_unchanged(seed_rows: list[dict[str, Any]], request: pytest.FixtureRequest) -> None:
    rendered = _render(seed_rows)
    if request.config.getoption("--update-golden") or not GOLDEN.exists():
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")
