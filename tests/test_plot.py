"""Plots: files written in both formats, the counts behind them, and option checks."""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eventcoder import plot
from eventcoder.errors import OutputError, QueryError
from eventcoder.query import connect


@pytest.mark.parametrize("kind", plot.PLOT_KINDS)
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_writes_non_empty_file(crisis_dataset: Path, tmp_path: Path, kind: str, suffix: str) -> None:
    out = plot.plot_dataset(crisis_dataset, kind, tmp_path / f"plot{suffix}")
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data


def test_plot_timeline_by_category_with_filters(crisis_dataset: Path, tmp_path: Path) -> None:
    out = plot.plot_dataset(crisis_dataset, "timeline", tmp_path / "t.png", dyad="USA-VEN", interval="day",
                            since=dt.date(2025, 11, 15), until=dt.date(2025, 11, 18), by="category")
    assert out.stat().st_size > 0


def test_plot_empty_dataset(empty_dataset: Path, tmp_path: Path) -> None:
    assert plot.plot_dataset(empty_dataset, "timeline", tmp_path / "e.png").stat().st_size > 0


def test_plot_data_fills_days_without_events(crisis_dataset: Path) -> None:
    data = plot.plot_data(connect(crisis_dataset), "timeline", interval="day", until=dt.date(2025, 11, 30))
    assert data.x == tuple(f"2025-11-{day}" for day in range(14, 20))
    assert data.series == ("1", "3", "4")
    assert data.counts[("2025-11-16", "3")] == 3


def test_plot_data_ranks_dyads(crisis_dataset: Path) -> None:
    data = plot.plot_data(connect(crisis_dataset), "dyads")
    assert data.x[0] == "USAGOV -> VENGOV"


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"kind": "pie"}, QueryError, "unknown plot kind 'pie' (known: timeline, dyads, categories)"),
        ({"interval": "month"}, QueryError, "unknown interval 'month' (known: day, week)"),
        ({"by": "actor"}, QueryError, "unknown grouping 'actor' (known: quad_class, category)"),
        ({"dyad": "USA"}, QueryError, "dyad must be two country codes joined by '-', like USA-VEN, got 'USA'"),
        ({"out": "plot.pdf"}, OutputError, "the file name must end in .png or .svg"),
    ],
)
def test_plot_rejects_bad_options(
    crisis_dataset: Path, tmp_path: Path, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    kind = options.pop("kind", "timeline")
    out = tmp_path / options.pop("out", "plot.png")
    with pytest.raises(error) as caught:
        plot.plot_dataset(crisis_dataset, kind, out, **options)
    assert message in str(caught.value)


def test_plot_without_matplotlib_is_a_clear_error(
    crisis_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    message = r"plotting needs matplotlib: install it with pip install 'eventcoder\[plot\]'"
    with pytest.raises(OutputError, match=message):
        plot.plot_dataset(crisis_dataset, "timeline", tmp_path / "p.png")
