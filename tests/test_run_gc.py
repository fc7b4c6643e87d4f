"""A coding run collects young garbage less often (`run.GC_YOUNG_THRESHOLD`) and gives the caller back its own
GC thresholds, whether the run completes or fails."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest

from eventcoder.run import GC_YOUNG_THRESHOLD, RunSummary, code_articles


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    records = [{"id": f"a{n}", "text": "Venezuela threatened Colombia with sanctions.", "date": "2025-11-02"}
               for n in range(3)]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_run_gc_threshold_is_raised_during_the_run_and_restored(tmp_path: Path, codebook: Any) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    code_articles([str(_corpus(tmp_path))], tmp_path / "ds", codebook,
                  on_progress=lambda summary: seen.append(gc.get_threshold()))
    assert seen and all(threshold == (max(before[0], GC_YOUNG_THRESHOLD), *before[1:]) for threshold in seen)
    assert gc.get_threshold() == before


def test_run_gc_threshold_is_restored_after_a_failed_run(tmp_path: Path, codebook: Any) -> None:
    before = gc.get_threshold()

    def fail(summary: RunSummary) -> None:
        raise RuntimeError("the caller broke")

    with pytest.raises(RuntimeError, match="the caller broke"):
        code_articles([str(_corpus(tmp_path))], tmp_path / "ds", codebook, on_progress=fail)
    assert gc.get_threshold() == before
