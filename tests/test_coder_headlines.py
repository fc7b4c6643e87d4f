"""Title events that repeat a body event are marked and counted once; self-dyads are not targets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from dataset_fixtures import make_event, write_fixture_dataset

from eventcoder.coder import RECORD_COLUMNS, code_text, headline_repeats_a_body_event
from eventcoder.query import open_dataset

DAY = dt.date(2025, 6, 1)


def _events(codebook: Any, text: str, title: str | None = None) -> list[tuple[str, str, str, bool]]:
    rows = code_text(text, codebook, date=DAY, title=title).rows
    return [(row["cameo_root"], row["source_code"], row["target_code"] or "", row["headline_repeat"]) for row in rows]


def test_coder_headline_repeating_the_body_is_marked(codebook: Any) -> None:
    events = _events(
        codebook,
        "Ecuador's president criticized Peru on Tuesday over the border dispute.",
        title="Ecuador criticizes Peru over border",
    )
    assert ("11", "ECUGOV", "PER", True) in events
    assert ("11", "ECUGOV", "PER", False) in events


def test_coder_headline_not_in_the_body_is_kept(codebook: Any) -> None:
    events = _events(codebook, "The talks will resume next month.", title="Ecuador criticizes Peru over border")
    assert events == [("11", "ECUGOV", "PER", False)]


@pytest.mark.parametrize(
    ("title_target", "body_target", "expected"),
    [("PER", "PER", True), (None, "PER", True), ("PER", "CHL", False), ("PER", None, False)],
)
def test_coder_headline_repeat_policy(title_target: str | None, body_target: str | None, expected: bool) -> None:
    def record(target: str | None) -> tuple[Any, ...]:
        columns = {"cameo_root": "11", "source_code": "ECUGOV", "target_code": target}
        return tuple(columns.get(name) for name in RECORD_COLUMNS)

    assert headline_repeats_a_body_event(record(title_target), [record(body_target)]) is expected


def test_coder_default_view_counts_a_headline_event_once(tmp_path: Path) -> None:
    rows = [make_event(0, sentence_index=0, headline_repeat=True), make_event(1, sentence_index=3)]
    dataset = write_fixture_dataset(tmp_path / "headlines", rows)
    connection = open_dataset(dataset)
    assert connection.execute("SELECT count(*) FROM events").fetchone() == (1,)
    assert connection.execute("SELECT count(*) FROM events_all").fetchone() == (2,)


def test_coder_seed_ultimatum_is_one_row_in_the_default_view(seed_rows: list[dict[str, Any]]) -> None:
    counted = [
        row
        for row in seed_rows
        if row["cameo_code"] == "139" and row["modality"] in ("asserted", "reported") and not row["headline_repeat"]
    ]
    assert len({(row["source_code"], row["target_code"]) for row in counted}) == len(counted) == 1


def test_coder_seed_has_no_usagov_self_dyad(seed_rows: list[dict[str, Any]]) -> None:
    assert not [row for row in seed_rows if row["source_code"] == "USAGOV" and row["target_code"] == "USAGOV"]


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Peruvian officials praised the Peruvian government's handling of the floods.", ("PERGOV", "")),
        ("The Peruvian government accused Chile of spying.", ("PERGOV", "CHL")),
    ],
)
def test_coder_self_dyad_is_not_a_target(codebook: Any, sentence: str, pair: tuple[str, str]) -> None:
    pairs = {(source, target) for _, source, target, _ in _events(codebook, sentence)}
    assert ("PERGOV", "PERGOV") not in pairs
    assert pair in pairs or not pairs
