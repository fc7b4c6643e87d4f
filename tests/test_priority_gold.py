"""The priority gold set (threats and ultimatums, demands, sanctions, airspace restrictions, rejections,
accusations and uses of force, plus sentences that must yield nothing) is scored like any gold file; the floors
sit a little below the figures the coder reaches, so a regression fails here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventcoder.evaluate import evaluate

GOLD = Path(__file__).resolve().parent / "data" / "priority_gold.jsonl"

FLOORS = {
    "recall_type": 0.95,
    "recall_type_source": 0.93,
    "recall_type_source_target": 0.85,
    "precision_type": 0.94,
}


@pytest.fixture(scope="module")
def metrics(codebook: Any) -> dict[str, float]:
    return evaluate(GOLD, codebook).metrics()


@pytest.mark.parametrize(("name", "floor"), sorted(FLOORS.items()))
def test_priority_gold_meets_floor(metrics: dict[str, float], name: str, floor: float) -> None:
    assert metrics[name] >= floor, f"{name} {metrics[name]:.3f} fell below {floor}"


def test_priority_gold_keeps_event_density(metrics: dict[str, float]) -> None:
    # 158 sentences, about 30 of which must yield no event: the coder should not code many more events than gold
    assert metrics["events_per_sentence"] <= 1.05
