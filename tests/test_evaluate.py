"""`eventcoder eval` on small gold files in both supported formats (our own and the PLOVER records)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.codebook.compile import Codebook
from eventcoder.evaluate import LabelReport, evaluate, in_split, plover_category, read_gold, text_label

OWN_FORMAT = [
    {"id": "g1", "date": "2025-11-30", "text": "Venezuela rejected the proposal from Colombia.",
     "events": [{"cameo_root": "12", "source": {"country": "VEN"}, "target": {"country": "COL"}}]},
    {"id": "g2", "date": "2025-11-30", "text": "Peru condemned Chile over the border incident.",
     "events": [{"plover": "DISAPPROVE", "source": {"country": "PER"}, "target": {"country": "CHL"}}]},
    {"id": "g3", "date": "2025-11-30", "text": "Fuel prices rose by ten percent in November.", "events": []},
]
PLOVER_FORMAT = [
    {"id": "p1", "date": "2000-01-01", "text": "Greece threatened Turkey with sanctions.",
     "gold": {"event": "THREATEN", "source": [{"code": "GRC"}], "target": [{"code": "TUR"}]}},
]


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "category"),
    [("010", None), ("0211", "DEMAND"), ("1041", "DEMAND"), ("081", "CONCEDE"), ("087", "RETREAT"),
     ("139", "THREATEN"), ("190", "FIGHT"), ("202", "ASSAULT"), ("183", "ASSAULT")],
)
def test_evaluate_plover_category_of_codes(code: str, category: str | None) -> None:
    assert plover_category(code) == category


def test_evaluate_own_format(tmp_path: Path, codebook: Codebook) -> None:
    report = evaluate(_write(tmp_path / "own.jsonl", OWN_FORMAT), codebook)
    metrics = report.metrics()
    assert report.records == 3 and report.total.gold == 2
    assert metrics["recall_type_source_target"] == 1.0
    assert report.misses == []


def test_evaluate_plover_format(tmp_path: Path, codebook: Codebook) -> None:
    report = evaluate(_write(tmp_path / "plover.jsonl", PLOVER_FORMAT), codebook)
    assert report.metrics()["recall_type_source_target"] == 1.0
    assert report.by_category["THREATEN"].gold == 1


def test_evaluate_cli_reports_figures_and_errors(tmp_path: Path) -> None:
    gold = _write(tmp_path / "own.jsonl", OWN_FORMAT)
    result = CliRunner().invoke(cli, ["eval", str(gold)])
    assert result.exit_code == 0
    assert "recall_type" in result.output and "misses (0):" in result.output


def test_evaluate_missing_gold_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert result.output == f"Error: gold file does not exist: {tmp_path / 'nope.jsonl'}\n"


def test_evaluate_bad_record_is_an_error(tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {gold}:1: not a gold record")


ACLED_FORMAT = [
    {"id": "a1", "date": "2024-03-02", "text": "Police arrested the opposition leader in Caracas on Monday.",
     "gold": {"acled_event_type": "Strategic developments", "acled_sub_event_type": "Arrests"}},
    {"id": "a2", "date": "2024-03-02", "text": "Heavy rain flooded the lower town on Monday.",
     "gold": {"acled_event_type": None, "acled_sub_event_type": None}},
]
PENTA_FORMAT = [
    {"id": "c1", "date": "2024-03-02", "text": "Peru condemned Chile over the border incident.",
     "gold": {"pentaclass": 3}},
    {"id": "c2", "date": "2024-03-02", "text": "Fuel prices rose by ten percent in November.",
     "gold": {"pentaclass": 2}},
]


def test_evaluate_text_label_is_the_most_frequent_first_wins_ties() -> None:
    assert text_label(["Battles", "Riots", "Riots"]) == "Riots"
    assert text_label(["Battles", "Riots"]) == "Battles"
    assert text_label([]) == "(none)"


def test_evaluate_pentaclass_format_counts_accuracy_coverage_and_confusion(tmp_path: Path, codebook: Codebook) -> None:
    report = evaluate(_write(tmp_path / "penta.jsonl", PENTA_FORMAT), codebook)
    assert isinstance(report, LabelReport) and report.kind == "pentaclass"
    assert report.records == 2 and report.correct == 1 and report.covered == 1
    assert report.confusion == {("3", "3"): 1, ("2", "(none)"): 1}
    assert report.metrics() == {"accuracy": 0.5, "coverage": 0.5}
    assert "2 -> (none)" in report.format()


def test_evaluate_acled_format_sets_texts_without_an_acled_event_apart(tmp_path: Path, codebook: Codebook) -> None:
    report = evaluate(_write(tmp_path / "acled.jsonl", ACLED_FORMAT), codebook)
    assert isinstance(report, LabelReport) and report.kind == "acled"
    assert report.records == 1 and report.non_events == 1 and report.non_events_labelled == 0
    assert "non_events_labelled" in report.metrics()


def test_evaluate_split_takes_two_disjoint_halves(tmp_path: Path, codebook: Codebook) -> None:
    records = [dict(OWN_FORMAT[2], id=f"r{i}") for i in range(40)]
    gold = _write(tmp_path / "many.jsonl", records)
    tune = [r.id for r in read_gold(gold, "tune")]
    check = [r.id for r in read_gold(gold, "check")]
    assert tune and check and not set(tune) & set(check)
    assert sorted(tune + check) == sorted(r.id for r in read_gold(gold))
    assert all(in_split(i, "tune") for i in tune)


def test_evaluate_cli_split_and_label_format(tmp_path: Path) -> None:
    gold = _write(tmp_path / "penta.jsonl", PENTA_FORMAT)
    result = CliRunner().invoke(cli, ["eval", str(gold), "--split", "all", "--no-errors"])
    assert result.exit_code == 0, result.output
    assert "PentaClass" in result.output and "confusion (gold -> coded):" in result.output
