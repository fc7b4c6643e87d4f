"""Plots: files written in both formats for every kind, the counts and labels behind them, the map, the
caption, and option checks."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from dataset_fixtures import make_event, write_fixture_dataset

from eventcoder import plot
from eventcoder.cli import cli
from eventcoder.errors import OutputError, QueryError
from eventcoder.query import connect

# Fictional places in two clusters (Freedonian coast, Sylvanian highlands), far from any real event.
PLACES = (("Port Fredo", 10.5, -66.9), ("Marsh Town", 10.6, -71.6), ("Hill Fort", 7.9, -72.5))
CATEGORIES = ("threat", "demand", "airspace_restriction", "c4", "c5", "c6", "c7", "c8", "c9")


@pytest.fixture
def geo_dataset(tmp_path: Path) -> Path:
    """Eighteen months of events at three places (with fatalities at some) in nine categories, plus two
    events without coordinates."""
    rows = []
    for index in range(54):
        name, lat, lon = PLACES[0] if index % 2 else PLACES[index % 3]
        rows.append(make_event(index, cameo_code=("139", "195", "035")[index % 3], latitude=lat, longitude=lon,
                               event_date=dt.date(2024, 7, 1) + dt.timedelta(days=10 * index),
                               location_text=name, category=CATEGORIES[index % len(CATEGORIES)],
                               fatalities=3 if index % 3 == 1 else None))
    rows += [make_event(60 + index, event_date=dt.date(2025, 1, 10 + index)) for index in range(2)]
    return write_fixture_dataset(tmp_path / "geo", rows)


@pytest.mark.parametrize("kind", plot.PLOT_KINDS)
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_writes_non_empty_file(crisis_dataset: Path, tmp_path: Path, kind: str, suffix: str) -> None:
    out = plot.plot_dataset(crisis_dataset, kind, tmp_path / f"plot{suffix}")
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data


@pytest.mark.parametrize("kind", plot.PLOT_KINDS)
@pytest.mark.parametrize("by", plot.PLOT_GROUPINGS)
def test_plot_every_kind_on_geocoded_dataset(geo_dataset: Path, tmp_path: Path, kind: str, by: str) -> None:
    out = plot.plot_dataset(geo_dataset, kind, tmp_path / f"{kind}-{by}.svg", by=by, size="fatalities")
    assert b"<svg" in out.read_bytes()


@pytest.mark.parametrize("interval", plot.PLOT_INTERVALS)
def test_plot_timeline_every_interval(geo_dataset: Path, tmp_path: Path, interval: str) -> None:
    out = plot.plot_dataset(geo_dataset, "timeline", tmp_path / f"{interval}.png", interval=interval)
    assert out.read_bytes().startswith(b"\x89PNG")


def test_plot_timeline_by_category_with_filters(crisis_dataset: Path, tmp_path: Path) -> None:
    out = plot.plot_dataset(crisis_dataset, "timeline", tmp_path / "t.png", dyad="USA-VEN", interval="day",
                            since=dt.date(2025, 11, 15), until=dt.date(2025, 11, 18), by="category")
    assert out.stat().st_size > 0


@pytest.mark.parametrize("kind", plot.PLOT_KINDS)
def test_plot_empty_dataset_draws_a_note(empty_dataset: Path, tmp_path: Path, kind: str) -> None:
    svg = plot.plot_dataset(empty_dataset, kind, tmp_path / "e.svg").read_text(encoding="utf-8")
    assert "<!-- no events -->" in svg


def test_plot_map_without_coordinates_says_so(crisis_dataset: Path, tmp_path: Path) -> None:
    svg = plot.plot_dataset(crisis_dataset, "map", tmp_path / "m.svg", count="reports").read_text(encoding="utf-8")
    assert "no geocoded events" in svg
    assert "0 of 12 reports have coordinates" in svg


def test_plot_data_fills_days_without_events(crisis_dataset: Path) -> None:
    data = plot.plot_data(connect(crisis_dataset), "timeline", interval="day", until=dt.date(2025, 11, 30),
                          count="reports")
    assert data.x == tuple(f"2025-11-{day}" for day in range(14, 20))
    assert data.series == ("1", "3", "4")
    assert data.counts[("2025-11-16", "3")] == 3


def test_plot_data_counts_events_not_reports_by_default(crisis_dataset: Path) -> None:
    events = plot.plot_data(connect(crisis_dataset), "timeline", interval="day")
    reports = plot.plot_data(connect(crisis_dataset), "timeline", interval="day", count="reports")
    assert events.counts[("2025-11-16", "3")] == 2  # two reports of one ultimatum on one day, and a demand
    assert (events.span.count, reports.span.count) == ("events", "reports")
    assert events.span.events < reports.span.events == 12


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        ("week", ("2024-12-30", "2025-01-06", "2025-01-13", "2025-01-20")),
        ("month", ("2024-11-01", "2024-12-01", "2025-01-01")),
        ("quarter", ("2024-10-01", "2025-01-01")),
        ("year", ("2024-01-01", "2025-01-01")),
    ],
)
def test_plot_data_periods_start_on_the_interval(tmp_path: Path, interval: str, expected: tuple[str, ...]) -> None:
    days = (dt.date(2024, 11, 30), dt.date(2025, 1, 3), dt.date(2025, 1, 20))
    dataset = write_fixture_dataset(tmp_path / "d", [make_event(i, event_date=day) for i, day in enumerate(days)])
    data = plot.plot_data(connect(dataset), "timeline", interval=interval)
    if interval == "week":
        assert data.x[:2] == ("2024-11-25", "2024-12-02") and data.x[-4:] == expected
    else:
        assert data.x == expected
    assert sum(data.counts.values()) == 3


@pytest.mark.parametrize(
    ("first", "last", "interval"),
    [
        (dt.date(2025, 1, 1), dt.date(2025, 1, 1), "day"),
        (dt.date(2025, 1, 1), dt.date(2025, 2, 14), "day"),
        (dt.date(2025, 1, 1), dt.date(2025, 2, 16), "week"),
        (dt.date(2025, 1, 1), dt.date(2025, 9, 1), "week"),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "month"),
        (dt.date(2020, 1, 1), dt.date(2025, 12, 31), "quarter"),
        (dt.date(1990, 1, 1), dt.date(2025, 12, 31), "year"),
        (None, None, "week"),
    ],
)
def test_plot_choose_interval_from_span(first: dt.date | None, last: dt.date | None, interval: str) -> None:
    assert plot.choose_interval(first, last) == interval


def test_plot_data_auto_interval(geo_dataset: Path) -> None:
    data = plot.plot_data(connect(geo_dataset), "timeline")
    assert data.interval == "month"
    assert data.x[0] == "2024-07-01" and data.x[-1] == "2025-12-01" and len(data.x) == 18
    assert data.span == plot.Span(dt.date(2024, 7, 1), dt.date(2025, 12, 13), 56)


@pytest.mark.parametrize(
    ("start", "interval", "following"),
    [
        (dt.date(2025, 1, 31), "day", dt.date(2025, 2, 1)),
        (dt.date(2025, 12, 29), "week", dt.date(2026, 1, 5)),
        (dt.date(2025, 12, 1), "month", dt.date(2026, 1, 1)),
        (dt.date(2025, 10, 1), "quarter", dt.date(2026, 1, 1)),
        (dt.date(2025, 1, 1), "year", dt.date(2026, 1, 1)),
    ],
)
def test_plot_next_period(start: dt.date, interval: str, following: dt.date) -> None:
    assert plot.next_period(start, interval) == following


def test_plot_data_ranks_dyads_with_names(crisis_dataset: Path) -> None:
    data = plot.plot_data(connect(crisis_dataset), "dyads")
    assert data.x[0] == "USAGOV -> VENGOV"
    assert data.labels["USAGOV -> VENGOV"] == "USAGOV (Donald Trump) → VENGOV (Nicolas Maduro)"
    assert data.labels["USAMIL -> VENREB"] == "USAMIL (US military) → VENREB (Venezuela rebels)"


def test_plot_data_categories_named(crisis_dataset: Path) -> None:
    data = plot.plot_data(connect(crisis_dataset), "categories", by="category")
    assert data.labels["airspace_restriction"] == "Airspace restriction"
    assert data.labels["threat"] == "Threat"


def test_plot_data_folds_small_categories_into_other(geo_dataset: Path) -> None:
    data = plot.plot_data(connect(geo_dataset), "timeline", by="category")
    assert len(data.series) == plot.TOP_SERIES + 1 and data.series[-1] == plot.OTHER
    assert sum(data.counts.values()) == 56


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        ({"a": 5, "b": 1}, {"a": "a", "b": "b"}),
        ({f"s{i}": 10 - i for i in range(8)}, {f"s{i}": f"s{i}" for i in range(8)}),
        ({f"s{i}": 10 - i for i in range(9)}, {**{f"s{i}": f"s{i}" for i in range(7)}, "s7": "other", "s8": "other"}),
    ],
)
def test_plot_group_tail(totals: dict[str, int], expected: dict[str, str]) -> None:
    assert plot.group_tail(totals) == expected


def test_plot_colours_are_distinct(geo_dataset: Path) -> None:
    data = plot.plot_data(connect(geo_dataset), "timeline", by="category")
    colours = plot._colours(data.series, "category")
    assert len(set(colours.values())) == len(data.series)
    assert colours[plot.OTHER] == plot.OTHER_COLOUR


def test_plot_map_data_one_point_per_place(geo_dataset: Path) -> None:
    data = plot.map_data(connect(geo_dataset))
    assert [(p.place, p.events) for p in data.points] == [("Port Fredo", 36), ("Hill Fort", 9), ("Marsh Town", 9)]
    assert (data.located, data.span.events) == (54, 56)
    assert data.points[0].fatalities == 27
    assert data.series == ("1", "3", "4")


def test_plot_map_dominant_series_ties_by_legend_order() -> None:
    assert plot.dominant_series({"3": 2, "4": 2, "1": 1}, ("1", "3", "4")) == "3"


def test_plot_map_extent_zooms_to_the_points(geo_dataset: Path) -> None:
    west, east, south, north = plot.map_extent(plot.map_data(connect(geo_dataset)).points)
    assert west < -72.5 and east > -66.9 and south < 7.9 and north > 10.6
    assert east - west < 20 and north - south < 10
    assert plot.map_extent(()) == (-180.0, 180.0, -60.0, 85.0)


def test_plot_world_outline_is_natural_earth() -> None:
    collection = json.loads(plot.WORLD_OUTLINE.read_text(encoding="utf-8"))
    assert "Natural Earth" in collection["source"]
    codes = {feature["properties"]["iso_a3"] for feature in collection["features"]}
    assert {"VEN", "USA", "UKR", "SDN"} <= codes and len(collection["features"]) == 177
    assert len(plot.world_rings()) > 250


def test_plot_caption_names_dataset_runs_and_dates(crisis_dataset: Path, tmp_path: Path) -> None:
    runs = crisis_dataset / "_runs"
    runs.mkdir()
    (runs / "r1.json").write_text(json.dumps({"run_id": "20251120T000000Z-abc123"}), encoding="utf-8")
    svg = plot.plot_dataset(crisis_dataset, "timeline", tmp_path / "c.svg").read_text(encoding="utf-8")
    text = " ".join(re.findall(r"<!-- (.*?) -->", svg))
    assert f"Dataset: {crisis_dataset}" in text
    assert "run 20251120T000000Z-abc123" in text
    assert "events 2025-11-14 to 2025-12-02" in text


@pytest.mark.parametrize(
    ("runs", "expected"),
    [
        ([], "no run manifest"),
        (["r1"], "run r1"),
        (["r1", "r2"], "runs r1, r2"),
        (["r1", "r2", "r3"], "3 runs, r1 to r3"),
    ],
)
def test_plot_caption_runs(runs: list[str], expected: str) -> None:
    assert expected in plot.caption("d", runs, plot.Span(None, None, 0))


def test_plot_cli_map_with_options(geo_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = CliRunner().invoke(cli, ["plot", str(geo_dataset), "--kind", "map", "--by", "category", "--size",
                                      "fatalities", "--since", "2024-09-01", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, f"wrote {out}\n")
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("kind", plot.PLOT_KINDS)
def test_plot_cli_empty_dataset_writes_a_plot(empty_dataset: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "e.png"
    result = CliRunner().invoke(cli, ["plot", str(empty_dataset), "--kind", kind, "--interval", "month", "-o",
                                      str(out)])
    assert (result.exit_code, result.output) == (0, f"wrote {out}\n")
    assert out.read_bytes().startswith(b"\x89PNG")


def test_plot_cli_counts_reports_on_request(crisis_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.svg"
    result = CliRunner().invoke(cli, ["plot", str(crisis_dataset), "--count", "reports", "-o", str(out)])
    text = " ".join(re.findall(r"<!-- (.*?) -->", out.read_text(encoding="utf-8")))
    assert result.exit_code == 0 and "12 reports counted (view events:" in text


def test_plot_cli_timeline_quarter(geo_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    result = CliRunner().invoke(cli, ["plot", str(geo_dataset), "--interval", "quarter", "-o", str(out)])
    assert result.exit_code == 0 and "Events per quarter" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"kind": "pie"}, QueryError, "unknown plot kind 'pie' (known: timeline, dyads, categories, map)"),
        ({"interval": "fortnight"}, QueryError,
         "unknown interval 'fortnight' (known: auto, day, week, month, quarter, year)"),
        ({"by": "actor"}, QueryError, "unknown grouping 'actor' (known: quad_class, category)"),
        ({"size": "area"}, QueryError, "unknown point size 'area' (known: events, fatalities)"),
        ({"count": "rows"}, QueryError, "unknown count 'rows' (known: events, reports)"),
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


@pytest.mark.parametrize(
    ("name", "country", "sector", "expected"),
    [
        ("Rapid Support Forces", "SDN", "REB", "Rapid Support Forces"),
        (None, "RUS", "MIL", "Russia military"),
        (None, "COD", None, "DR Congo"),
        (None, None, "CRM", "Criminals"),
        (None, "XXX", "ZZZ", "XXX zzz"),
        (None, None, None, None),
    ],
)
def test_plot_actor_name(name: str | None, country: str | None, sector: str | None, expected: str | None) -> None:
    roles = {"MIL": "Military", "CRM": "Criminals", "REB": "Rebels"}
    assert plot.actor_name(name, country, sector, roles, plot.country_names()) == expected


def test_plot_dyad_names_come_from_named_entries_not_agents_or_places(tmp_path: Path) -> None:
    rows = [
        make_event(0, source_code="FRDMIL", source_country="FRD", source_sector="MIL", source_actor="army",
                   source_entry="agent.military", target_code="SYL", target_country="SYL", target_sector=None,
                   target_actor="Port Fredo", target_entry="place.syl.port_fredo"),
        make_event(1, source_code="FRDMIL", source_country="FRD", source_sector="MIL",
                   source_actor="Freedonian Guard", source_entry="group.guard", target_code="SYL",
                   target_country="SYL", target_sector=None, target_actor="Sylvania", target_entry="syl"),
    ]
    dataset = write_fixture_dataset(tmp_path / "d", rows)
    names = plot.display_names(connect(dataset))
    assert names[("actor", "FRDMIL")] == "Freedonian Guard"
    assert names[("actor", "SYL")] == "Sylvania"


def test_plot_label_points_skip_crowded_places() -> None:
    points = [plot.MapPoint(10.0, 10.0, "4", 5, 0, "Big"), plot.MapPoint(10.1, 10.1, "4", 3, 0, "Near"),
              plot.MapPoint(20.0, 30.0, "4", 1, 0, "Far"), plot.MapPoint(25.0, 35.0, "4", 1, 0, None)]
    chosen = plot.label_points(points, [p.events for p in points], (0.0, 40.0, 0.0, 30.0))
    assert [p.place for p in chosen] == ["Big", "Far"]


def test_plot_map_figure_fits_the_extent() -> None:
    assert plot.map_figure_size((-180.0, 180.0, -60.0, 85.0)) == pytest.approx((11.0, 4.7), abs=0.05)
    wide, tall = plot.map_figure_size((0.0, 40.0, 0.0, 10.0)), plot.map_figure_size((0.0, 10.0, 0.0, 40.0))
    assert wide[1] < tall[1] <= 8.0 + 1.4
