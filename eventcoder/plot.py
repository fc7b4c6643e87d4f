"""Plots of a dataset (PNG or SVG, by the output's extension), drawn with matplotlib's Agg backend.

matplotlib is the optional extra `eventcoder[plot]`; it is imported only when a plot is drawn.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import duckdb

from eventcoder.errors import OutputError, QueryError
from eventcoder.query import connect
from eventcoder.resources import sql_dir

PlotKind = Literal["timeline", "dyads", "categories"]
PLOT_KINDS: tuple[str, ...] = ("timeline", "dyads", "categories")
PLOT_INTERVALS: tuple[str, ...] = ("day", "week")
PLOT_GROUPINGS: tuple[str, ...] = ("quad_class", "category")
PLOT_SUFFIXES: tuple[str, ...] = (".png", ".svg")
TOP_DYADS = 15

QUAD_CLASSES: dict[str, tuple[str, str]] = {
    "1": ("Verbal cooperation", "#9ecf8e"),
    "2": ("Material cooperation", "#2e7d32"),
    "3": ("Verbal conflict", "#f4a259"),
    "4": ("Material conflict", "#c62828"),
}
"""QuadClass value -> (legend label, colour): greens for cooperation, orange and red for conflict."""


@dataclass(frozen=True, slots=True)
class PlotData:
    """Event counts per bar (x) and stack segment (series), in drawing order."""

    x: tuple[str, ...]
    series: tuple[str, ...]
    counts: dict[tuple[str, str], int]


def _check_options(kind: str, interval: str, by: str, out: Path, dyad: str | None) -> None:
    if kind not in PLOT_KINDS:
        raise QueryError(f"unknown plot kind '{kind}' (known: {', '.join(PLOT_KINDS)})")
    if interval not in PLOT_INTERVALS:
        raise QueryError(f"unknown interval '{interval}' (known: {', '.join(PLOT_INTERVALS)})")
    if by not in PLOT_GROUPINGS:
        raise QueryError(f"unknown grouping '{by}' (known: {', '.join(PLOT_GROUPINGS)})")
    if out.suffix.lower() not in PLOT_SUFFIXES:
        raise OutputError(f"cannot plot to {out}: the file name must end in .png or .svg")
    if dyad is not None and len([part for part in dyad.split("-") if part]) != 2:
        raise QueryError(f"dyad must be two country codes joined by '-', like USA-VEN, got '{dyad}'")


def _fill_periods(periods: Sequence[str], interval: str) -> tuple[str, ...]:
    """Every period from the first to the last, so days or weeks without events show as gaps."""
    if not periods:
        return ()
    step = dt.timedelta(days=7 if interval == "week" else 1)
    day, last = dt.date.fromisoformat(min(periods)), dt.date.fromisoformat(max(periods))
    filled = []
    while day <= last:
        filled.append(day.isoformat())
        day += step
    return tuple(filled)


def plot_data(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    *,
    country: str | None = None,
    dyad: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    interval: str = "week",
    by: str = "quad_class",
) -> PlotData:
    """Count the events behind a plot: timeline bars in date order, dyads and categories by size."""
    sql = (sql_dir() / "plot" / "series.sql").read_text(encoding="utf-8")
    params = {"kind": kind, "by": by, "country": country, "dyad": dyad, "since": since, "until": until,
              "interval": interval}
    try:
        rows = con.execute(sql, params).fetchall()
    except duckdb.Error as error:
        raise QueryError(f"cannot count events for the plot: {error}") from error
    counts = {(str(x), str(series)): int(n) for x, series, n in rows}
    totals: dict[str, int] = {}
    for (x, _), n in counts.items():
        totals[x] = totals.get(x, 0) + n
    if kind == "timeline":
        xs = _fill_periods(sorted(totals), interval)
    else:
        ranked = sorted(totals, key=lambda x: (-totals[x], x))
        xs = tuple(ranked[:TOP_DYADS] if kind == "dyads" else ranked)
    series = tuple(sorted({s for _, s in counts}))
    return PlotData(x=xs, series=series, counts=counts)


def _title(kind: str, interval: str, by: str, country: str | None, dyad: str | None,
           since: dt.date | None, until: dt.date | None) -> str:
    grouping = "QuadClass" if by == "quad_class" else "category"
    heading = {
        "timeline": f"Events per {interval} by {grouping}",
        "dyads": f"Most active dyads by {grouping}",
        "categories": f"Events by category and {grouping}" if by == "quad_class" else "Events by category",
    }[kind]
    scope = [part for part in (country, dyad) if part]
    if since or until:
        scope.append(f"{since.isoformat() if since else '...'} to {until.isoformat() if until else '...'}")
    return f"{heading} ({', '.join(scope)})" if scope else heading


def plot_dataset(
    dataset_dir: str | os.PathLike[str],
    kind: str,
    out_path: str | os.PathLike[str],
    *,
    country: str | None = None,
    dyad: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    interval: str = "week",
    by: str = "quad_class",
) -> Path:
    """Draw a stacked bar chart of the dataset's events and write it as PNG or SVG (by extension).

    kind: timeline (events per day or week), dyads (the most active directed actor pairs) or categories;
    each bar is stacked by QuadClass or by category (`by`). Only the default analysis view `events` is
    counted. Raises `OutputError` if matplotlib (the `eventcoder[plot]` extra) is not installed.
    """
    out = Path(out_path)
    _check_options(kind, interval, by, out, dyad)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError as error:
        raise OutputError("plotting needs matplotlib: install it with pip install 'eventcoder[plot]'") from error
    con = connect(dataset_dir)
    try:
        data = plot_data(con, kind, country=country, dyad=dyad, since=since, until=until, interval=interval,
                         by=by)
    finally:
        con.close()

    horizontal = kind in ("dyads", "categories")
    height = max(4.0, 0.4 * len(data.x) + 1.5) if horizontal else 5.0
    fig, ax = plt.subplots(figsize=(10, height))
    try:
        positions = list(range(len(data.x)))
        base = [0] * len(data.x)
        colours: Any = plt.get_cmap("tab20")
        for index, series in enumerate(data.series):
            values = [data.counts.get((x, series), 0) for x in data.x]
            if by == "quad_class" and series in QUAD_CLASSES:
                label, colour = QUAD_CLASSES[series]
                label = f"{series} {label}"
            else:
                label, colour = series, colours(index % 20)
            if horizontal:
                ax.barh(positions, values, left=base, label=label, color=colour)
            else:
                ax.bar(positions, values, bottom=base, label=label, color=colour)
            base = [b + v for b, v in zip(base, values, strict=True)]
        ax.set_title(_title(kind, interval, by, country, dyad, since, until))
        count_label = "Events"
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
        if horizontal:
            ax.set_yticks(positions, labels=list(data.x))
            ax.invert_yaxis()
            ax.set_xlabel(count_label)
            ax.set_ylabel("Source -> target" if kind == "dyads" else "Category")
        else:
            ax.set_xticks(positions, labels=list(data.x), rotation=45, ha="right")
            ax.set_xlabel("Week starting" if interval == "week" else "Day")
            ax.set_ylabel(count_label)
        if data.series:
            ax.legend(title="QuadClass" if by == "quad_class" else "Category", fontsize="small")
        else:
            ax.text(0.5, 0.5, "no events", transform=ax.transAxes, ha="center", va="center")
        fig.tight_layout()
        fig.savefig(out, format=out.suffix.lower().lstrip("."))
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error}") from error
    finally:
        plt.close(fig)
    return out
