"""Plots of a dataset (PNG or SVG, by the output's extension), drawn with matplotlib's Agg backend.

Four kinds: a timeline (events per day, week, month, quarter or year), the most active dyads, events per
category, and a map of geocoded events on Natural Earth country outlines. Every plot names what it counts in
a caption: the dataset, the run(s) that wrote it and the date range of its events.

matplotlib is the optional extra `eventcoder[plot]`; it is imported only when a plot is drawn.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import duckdb
import yaml

from eventcoder.dataset import list_runs
from eventcoder.errors import DatasetError, OutputError, QueryError
from eventcoder.query import connect
from eventcoder.resources import default_codebook_dir, sql_dir

PlotKind = Literal["timeline", "dyads", "categories", "map"]
PLOT_KINDS: tuple[str, ...] = ("timeline", "dyads", "categories", "map")
PLOT_INTERVALS: tuple[str, ...] = ("auto", "day", "week", "month", "quarter", "year")
PLOT_GROUPINGS: tuple[str, ...] = ("quad_class", "category")
MAP_SIZES: tuple[str, ...] = ("events", "fatalities")
PLOT_COUNTS: tuple[str, ...] = ("events", "reports")
"""events: real-world events (view events_unique, as the named queries count by default); reports: every report."""
PLOT_SUFFIXES: tuple[str, ...] = (".png", ".svg")
TOP_DYADS = 15
TOP_SERIES = 7
"""Categories beyond the seven largest are drawn together as 'other', so every colour stays distinct."""
OTHER = "other"
NAME_WIDTH = 26
MAP_LABELS = 10
WORLD_OUTLINE = Path(__file__).resolve().parent / "data" / "world_110m.geojson"

PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
"""Okabe and Ito's colour-blind-safe palette (without black), in order of use; 'other' is grey."""
OTHER_COLOUR = "#999999"

QUAD_CLASSES: dict[str, tuple[str, str]] = {
    "1": ("Verbal cooperation", "#56B4E9"),
    "2": ("Material cooperation", "#0072B2"),
    "3": ("Verbal conflict", "#E69F00"),
    "4": ("Material conflict", "#D55E00"),
}
"""QuadClass value -> (legend label, colour): Okabe-Ito blues for cooperation, orange and vermillion for
conflict, told apart by people with any common colour-vision deficiency."""

AUTO_INTERVALS: tuple[tuple[int, str], ...] = ((45, "day"), (270, "week"), (4 * 366, "month"),
                                               (12 * 366, "quarter"))
"""(longest span in days, interval) for `auto`: the finest interval that keeps a timeline to about 50 bars;
longer spans are counted per year."""


@dataclass(frozen=True, slots=True)
class Span:
    """The first and last event date and the number of events a plot counts, and whether those are
    real-world events (`events`: view events_unique) or reports (`reports`: view events)."""

    first: dt.date | None
    last: dt.date | None
    events: int
    count: str = "events"


@dataclass(frozen=True, slots=True)
class PlotData:
    """Event counts per bar (x) and stack segment (series), in drawing order, with display labels."""

    x: tuple[str, ...]
    series: tuple[str, ...]
    counts: dict[tuple[str, str], int]
    labels: dict[str, str]
    interval: str
    span: Span


@dataclass(frozen=True, slots=True)
class MapPoint:
    """The events at one place (coordinates rounded to 0.01 degree) and the series most of them belong to."""

    lat: float
    lon: float
    series: str
    events: int
    fatalities: int
    place: str | None


@dataclass(frozen=True, slots=True)
class MapData:
    """The points of a map, the series in legend order, and how many of the counted events have coordinates."""

    points: tuple[MapPoint, ...]
    series: tuple[str, ...]
    labels: dict[str, str]
    located: int
    span: Span


def _check_options(kind: str, interval: str, by: str, out: Path, dyad: str | None, size: str, count: str) -> None:
    if kind not in PLOT_KINDS:
        raise QueryError(f"unknown plot kind '{kind}' (known: {', '.join(PLOT_KINDS)})")
    if interval not in PLOT_INTERVALS:
        raise QueryError(f"unknown interval '{interval}' (known: {', '.join(PLOT_INTERVALS)})")
    if by not in PLOT_GROUPINGS:
        raise QueryError(f"unknown grouping '{by}' (known: {', '.join(PLOT_GROUPINGS)})")
    if count not in PLOT_COUNTS:
        raise QueryError(f"unknown count '{count}' (known: {', '.join(PLOT_COUNTS)})")
    if size not in MAP_SIZES:
        raise QueryError(f"unknown point size '{size}' (known: {', '.join(MAP_SIZES)})")
    if out.suffix.lower() not in PLOT_SUFFIXES:
        raise OutputError(f"cannot plot to {out}: the file name must end in .png or .svg")
    if dyad is not None and len([part for part in dyad.split("-") if part]) != 2:
        raise QueryError(f"dyad must be two country codes joined by '-', like USA-VEN, got '{dyad}'")


def choose_interval(first: dt.date | None, last: dt.date | None) -> str:
    """The interval `auto` stands for: the finest one whose bars over first..last stay about 50 or fewer."""
    if first is None or last is None:
        return "week"
    days = (last - first).days
    return next((interval for limit, interval in AUTO_INTERVALS if days <= limit), "year")


def next_period(start: dt.date, interval: str) -> dt.date:
    """The first day of the period after the one starting at `start`."""
    if interval in ("day", "week"):
        return start + dt.timedelta(days=1 if interval == "day" else 7)
    months = {"month": 1, "quarter": 3, "year": 12}[interval]
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _fill_periods(periods: Sequence[str], interval: str) -> tuple[str, ...]:
    """Every period from the first to the last, so periods without events show as gaps."""
    if not periods:
        return ()
    day, last = dt.date.fromisoformat(min(periods)), dt.date.fromisoformat(max(periods))
    filled = []
    while day <= last:
        filled.append(day.isoformat())
        day = next_period(day, interval)
    return tuple(filled)


def _scope_params(country: str | None, dyad: str | None, since: dt.date | None, until: dt.date | None,
                  count: str) -> dict[str, Any]:
    return {"country": country, "dyad": dyad, "since": since, "until": until, "count": count}


def _fetch(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    sql = (sql_dir() / "plot" / name).read_text(encoding="utf-8")
    try:
        return con.execute(sql, dict(params)).fetchall()
    except duckdb.Error as error:
        raise QueryError(f"cannot count events for the plot: {error}") from error


def plot_span(con: duckdb.DuckDBPyConnection, *, country: str | None = None, dyad: str | None = None,
              since: dt.date | None = None, until: dt.date | None = None, count: str = "events") -> Span:
    """The date range and number of the events (or reports) a plot with this scope counts."""
    ((first, last, events),) = _fetch(con, "span.sql", _scope_params(country, dyad, since, until, count))
    return Span(first=first, last=last, events=int(events), count=count)


def _short(name: str) -> str:
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1].rstrip() + "…"


def country_names(path: Path | None = None) -> dict[str, str]:
    """ISO alpha-3 code -> the country's common short name ('Russia', 'DR Congo'), as the default codebook's
    country entries name them."""
    path = path or default_codebook_dir() / "actors" / "countries.yaml"
    try:
        with path.open(encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return {str(entry["code"]): str(entry["name"]) for entry in document["entries"]}
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise DatasetError(f"cannot read the country names {path}: {error}") from error


def actor_name(name: str | None, country: str | None, sector: str | None, roles: Mapping[str, str],
               countries: Mapping[str, str]) -> str | None:
    """An actor's display name: its specific name (a person, group, IGO or country) if the events give one,
    else its country and role ('Sudan civilians', 'Russia military'), or either alone."""
    if name:
        return name
    place = countries.get(country, country) if country else None
    role = roles.get(sector, sector) if sector else None
    if place and role:
        return f"{place} {role.lower()}"
    return place or role


def display_names(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """(kind, key) -> display name: ('actor', code) by `actor_name`, ('category', id) the category's name."""
    rows = _fetch(con, "names.sql", {})
    roles = {key: name for kind, key, name, _, _ in rows if kind == "role" and name}
    countries = country_names()
    names = {}
    for kind, key, name, country, sector in rows:
        label = actor_name(name, country, sector, roles, countries) if kind == "actor" else name
        if kind != "role" and key and label:
            names[(kind, key)] = label
    return names


def actor_label(code: str, names: Mapping[tuple[str, str], str]) -> str:
    """'USAGOV (Donald Trump)': the code with its display name beside it, or the code alone."""
    name = names.get(("actor", code))
    return f"{code} ({_short(name)})" if name and name != code else code


def category_label(category: str, names: Mapping[tuple[str, str], str]) -> str:
    """A category's display name ('none' reads 'no category', the folded tail 'other')."""
    if category == "none":
        return "no category"
    return names.get(("category", category), category)


def group_tail(totals: Mapping[str, int], keep: int = TOP_SERIES) -> dict[str, str]:
    """Series -> the series it is drawn as: the `keep` largest stay (ties by name), the rest become 'other'
    (only when there are at least two of them, so 'other' never stands for a single series)."""
    ranked = sorted(totals, key=lambda s: (-totals[s], s))
    if len(ranked) <= keep + 1:
        return {s: s for s in ranked}
    return {s: (s if index < keep else OTHER) for index, s in enumerate(ranked)}


def _series_order(merged: Mapping[str, int], by: str) -> tuple[str, ...]:
    if by == "quad_class":
        return tuple(sorted(merged))
    named = sorted((s for s in merged if s != OTHER), key=lambda s: (-merged[s], s))
    return (*named, OTHER) if OTHER in merged else tuple(named)


def fold_series(totals: Mapping[str, int], by: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Series -> the series it is drawn as (`group_tail` for categories), and the drawn series in legend
    order: QuadClasses by number, categories by size with 'other' last."""
    drawn_as = group_tail(totals) if by == "category" else {s: s for s in totals}
    merged: dict[str, int] = {}
    for name, n in totals.items():
        merged[drawn_as[name]] = merged.get(drawn_as[name], 0) + n
    return drawn_as, _series_order(merged, by)


def _series_labels(series: Sequence[str], by: str, names: Mapping[tuple[str, str], str]) -> dict[str, str]:
    if by == "quad_class":
        return {s: f"{s} {QUAD_CLASSES[s][0]}" if s in QUAD_CLASSES else s for s in series}
    return {s: category_label(s, names) for s in series}


def plot_data(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    *,
    country: str | None = None,
    dyad: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    interval: str = "auto",
    by: str = "quad_class",
    count: str = "events",
) -> PlotData:
    """Count the events behind a bar plot: timeline bars in date order, dyads and categories by size.

    `auto` resolves to an interval from the events' date span (`choose_interval`); with `by="category"`
    the categories after the seven largest are folded into 'other' (`group_tail`).
    """
    span = plot_span(con, country=country, dyad=dyad, since=since, until=until, count=count)
    if interval == "auto":
        interval = choose_interval(span.first, span.last)
    params = {"kind": kind, "by": by, "interval": interval, **_scope_params(country, dyad, since, until, count)}
    rows = [(str(x), str(name), int(n)) for x, name, n in _fetch(con, "series.sql", params)]
    series_totals: dict[str, int] = {}
    for _, name, n in rows:
        series_totals[name] = series_totals.get(name, 0) + n
    drawn_as, series = fold_series(series_totals, by)
    counts: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = {}
    for x, name, n in rows:
        key = (x, drawn_as[name])
        counts[key] = counts.get(key, 0) + n
        totals[x] = totals.get(x, 0) + n
    if kind == "timeline":
        xs = _fill_periods(sorted(totals), interval)
    else:
        ranked = sorted(totals, key=lambda x: (-totals[x], x))
        xs = tuple(ranked[:TOP_DYADS] if kind == "dyads" else ranked)
    names = display_names(con) if kind != "timeline" or by == "category" else {}
    labels = _series_labels(series, by, names)
    if kind == "dyads":
        for x in xs:
            source, _, target = x.partition(" -> ")
            labels[x] = f"{actor_label(source, names)} → {actor_label(target, names)}"
    elif kind == "categories":
        labels.update({x: category_label(x, names) for x in xs})
    return PlotData(x=xs, series=series, counts=counts, labels=labels, interval=interval, span=span)


def dominant_series(counts: Mapping[str, int], order: Sequence[str]) -> str:
    """The series with the most events at a place; a tie goes to the series first in legend order."""
    return min(counts, key=lambda s: (-counts[s], order.index(s) if s in order else len(order), s))


def map_data(
    con: duckdb.DuckDBPyConnection,
    *,
    country: str | None = None,
    dyad: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str = "quad_class",
    count: str = "events",
) -> MapData:
    """The geocoded events behind a map: one point per place (coordinates rounded to 0.01 degree) with its
    events and stated fatalities, coloured by its most frequent series (`dominant_series`); categories after
    the seven largest are folded into 'other'. Points come largest first, so smaller ones are drawn on top."""
    span = plot_span(con, country=country, dyad=dyad, since=since, until=until, count=count)
    rows = [(float(lat), float(lon), str(series), int(events), int(fatalities), place)
            for lat, lon, series, events, fatalities, place
            in _fetch(con, "map.sql", {"by": by, **_scope_params(country, dyad, since, until, count)})]
    series_totals: dict[str, int] = {}
    for _, _, name, events, _, _ in rows:
        series_totals[name] = series_totals.get(name, 0) + events
    drawn_as, order = fold_series(series_totals, by)
    places: dict[tuple[float, float], list[tuple[str, int, int, str | None]]] = {}
    for lat, lon, name, events, fatalities, place in rows:
        places.setdefault((lat, lon), []).append((drawn_as[name], events, fatalities, place))
    points = []
    for (lat, lon), parts in places.items():
        by_series: dict[str, int] = {}
        for name, events, _, _ in parts:
            by_series[name] = by_series.get(name, 0) + events
        points.append(MapPoint(
            lat=lat, lon=lon, series=dominant_series(by_series, order),
            events=sum(part[1] for part in parts), fatalities=sum(part[2] for part in parts),
            place=min((part[3] for part in parts if part[3]), default=None),
        ))
    points.sort(key=lambda p: (-p.events, p.lat, p.lon))
    drawn = {p.series for p in points}
    series = tuple(s for s in order if s in drawn)
    names = display_names(con) if by == "category" else {}
    return MapData(points=tuple(points), series=series, labels=_series_labels(series, by, names),
                   located=sum(p.events for p in points), span=span)


def map_extent(points: Sequence[MapPoint]) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the points with a margin of a fifth of their spread (at least two
    degrees), widened to at least 3:2 so a single place still shows its region; the world without points."""
    if not points:
        return (-180.0, 180.0, -60.0, 85.0)
    west, east = min(p.lon for p in points), max(p.lon for p in points)
    south, north = min(p.lat for p in points), max(p.lat for p in points)
    pad = max(2.0, 0.2 * max(east - west, north - south))
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    if east - west < 1.5 * (north - south):
        widen = (1.5 * (north - south) - (east - west)) / 2
        west, east = west - widen, east + widen
    return (max(west, -180.0), min(east, 180.0), max(south, -90.0), min(north, 90.0))


def map_aspect(south: float, north: float) -> float:
    """The height/width ratio of a degree that makes a plate carrée map true to scale at its middle latitude."""
    return 1 / math.cos(math.radians(max(-70.0, min(70.0, (south + north) / 2))))


def map_figure_size(extent: tuple[float, float, float, float]) -> tuple[float, float]:
    """A figure size whose map area has the extent's shape (8 inches wide, 3 to 8 high), plus room for the
    title, caption and the legends on the right."""
    west, east, south, north = extent
    height = 8.0 * (north - south) * map_aspect(south, north) / max(east - west, 1e-6)
    return (11.0, min(8.0, max(3.0, height)) + 1.4)


def label_points(points: Sequence[MapPoint], values: Sequence[int],
                 extent: tuple[float, float, float, float]) -> list[MapPoint]:
    """The named points that get a label: the largest first, at most MAP_LABELS, skipping any within a
    twentieth of the map's width and height of one already labelled, so labels do not overlap."""
    west, east, south, north = extent
    chosen: list[MapPoint] = []
    for _, point in sorted(zip(values, points, strict=True), key=lambda item: (-item[0], item[1].lat, item[1].lon)):
        crowded = any(abs(point.lon - other.lon) < (east - west) / 20
                      and abs(point.lat - other.lat) < (north - south) / 20 for other in chosen)
        if point.place and not crowded:
            chosen.append(point)
        if len(chosen) == MAP_LABELS:
            break
    return chosen


def world_rings(path: Path = WORLD_OUTLINE) -> list[list[tuple[float, float]]]:
    """Every ring (outer and hole) of the shipped Natural Earth 1:110m country outlines, as (lon, lat)."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DatasetError(f"cannot read the world outline {path}: {error}") from error
    return [
        [(float(x), float(y)) for x, y in ring]
        for feature in collection["features"]
        for polygon in feature["geometry"]["coordinates"]
        for ring in polygon
    ]


def dataset_runs(dataset_dir: Path) -> list[str]:
    """The ids of the runs that wrote the dataset, oldest first (none for a folder without manifests)."""
    try:
        return [str(run.get("run_id", "?")) for run in list_runs(dataset_dir)]
    except (DatasetError, OSError, ValueError):
        return []


def caption(dataset: str, runs: Sequence[str], span: Span, note: str = "") -> str:
    """The line under a plot: the dataset, its run(s), the date range and the number of events counted."""
    if not runs:
        run_text = "no run manifest"
    elif len(runs) <= 2:
        run_text = ("run " if len(runs) == 1 else "runs ") + ", ".join(runs)
    else:
        run_text = f"{len(runs)} runs, {runs[0]} to {runs[-1]}"
    dates = f"events {span.first.isoformat()} to {span.last.isoformat()}" if span.first and span.last else "no events"
    counted = (f"{span.events} events counted (view events_unique: the reports of one real-world event count once)"
               if span.count == "events" else
               f"{span.events} reports counted (view events: asserted or reported, not negated, headline repeats "
               "left out)")
    parts = [f"Dataset: {dataset}", run_text, dates, counted]
    if note:
        parts.append(note)
    return "\n".join(textwrap.wrap(" · ".join(parts), width=150))


def _title(kind: str, interval: str, by: str, country: str | None, dyad: str | None,
           since: dt.date | None, until: dt.date | None, size: str = "events") -> str:
    grouping = "QuadClass" if by == "quad_class" else "category"
    heading = {
        "timeline": f"Events per {interval} by {grouping}",
        "dyads": f"Most active dyads by {grouping}",
        "categories": f"Events by category and {grouping}" if by == "quad_class" else "Events by category",
        "map": f"Where events took place, by {grouping}"
               + (" (area: fatalities)" if size == "fatalities" else " (area: events)"),
    }[kind]
    scope = [part for part in (country, dyad) if part]
    if since or until:
        scope.append(f"{since.isoformat() if since else '...'} to {until.isoformat() if until else '...'}")
    return f"{heading} ({', '.join(scope)})" if scope else heading


def _colours(series: Sequence[str], by: str) -> dict[str, str]:
    if by == "quad_class":
        return {s: QUAD_CLASSES[s][1] if s in QUAD_CLASSES else OTHER_COLOUR for s in series}
    named = [s for s in series if s != OTHER]
    colours = {s: PALETTE[index % len(PALETTE)] for index, s in enumerate(named)}
    return {**colours, OTHER: OTHER_COLOUR} if OTHER in series else colours


def _draw_note(ax: Any, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color="0.3",
            bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "0.7"})


def _draw_timeline(ax: Any, data: PlotData, colours: Mapping[str, str]) -> None:
    import matplotlib.dates as mdates

    starts = [dt.date.fromisoformat(x) for x in data.x]
    widths = [0.85 * (next_period(day, data.interval) - day).days for day in starts]
    base = [0] * len(starts)
    for series in data.series:
        values = [data.counts.get((x, series), 0) for x in data.x]
        ax.bar(starts, values, width=widths, bottom=base, align="edge", label=data.labels[series],
               color=colours[series], linewidth=0)
        base = [b + v for b, v in zip(base, values, strict=True)]
    if starts:
        end = next_period(starts[-1], data.interval)
        pad = dt.timedelta(days=max(1, (end - starts[0]).days // 40))
        ax.set_xlim(starts[0] - pad, end + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel({"day": "Day", "week": "Week (bars start on Monday)", "month": "Month", "quarter": "Quarter",
                   "year": "Year"}[data.interval])
    ax.set_ylabel(f"Events per {data.interval}")


def _draw_bars(ax: Any, data: PlotData, kind: str, colours: Mapping[str, str]) -> None:
    positions = list(range(len(data.x)))
    base = [0] * len(data.x)
    for series in data.series:
        values = [data.counts.get((x, series), 0) for x in data.x]
        ax.barh(positions, values, left=base, label=data.labels[series], color=colours[series])
        base = [b + v for b, v in zip(base, values, strict=True)]
    ax.set_yticks(positions, labels=[data.labels.get(x, x) for x in data.x])
    ax.invert_yaxis()
    ax.set_xlabel("Events")
    ax.set_ylabel("Source → target" if kind == "dyads" else "Category")


def _degrees(value: float, positive: str, negative: str) -> str:
    hemisphere = positive if value >= 0 else negative
    return f"{abs(value):g}°{hemisphere}" if value else "0°"


def _draw_map(fig: Any, ax: Any, data: MapData, size: str, by: str, colours: Mapping[str, str]) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath
    from matplotlib.ticker import FuncFormatter

    rings = world_rings()
    vertices = [point for ring in rings for point in ring]
    codes = [code for ring in rings
             for code in (MplPath.MOVETO, *[MplPath.LINETO] * (len(ring) - 2), MplPath.CLOSEPOLY)]
    ax.add_patch(PathPatch(MplPath(vertices, codes), facecolor="#eeeeea", edgecolor="#a0a0a0", linewidth=0.5,
                           zorder=1))
    ax.set_facecolor("#eef4f8")
    west, east, south, north = map_extent(data.points)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(map_aspect(south, north))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _degrees(v, "E", "W")))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _degrees(v, "N", "S")))
    ax.grid(color="white", linewidth=0.6, zorder=0)
    if not data.points:
        _draw_note(ax, "no geocoded events" if data.span.events else "no events")
        return
    values = [p.fatalities if size == "fatalities" else p.events for p in data.points]
    largest = max(max(values), 1)

    def area(value: float) -> float:
        return 16 + 584 * value / largest

    ax.scatter([p.lon for p in data.points], [p.lat for p in data.points], s=[area(v) for v in values],
               c=[colours[p.series] for p in data.points], alpha=0.85, edgecolors="white", linewidths=0.6,
               zorder=3)
    for point in label_points(data.points, values, (west, east, south, north)):
        ax.annotate(_short(point.place or ""), (point.lon, point.lat), xytext=(5, 5), textcoords="offset points",
                    fontsize=7, color="0.15", zorder=4)
    series_handles = [Line2D([], [], linestyle="", marker="o", markersize=8, color=colours[s], label=data.labels[s])
                      for s in data.series]
    fig.legend(handles=series_handles, loc="outside right upper", frameon=False, fontsize="small",
               title="Most frequent " + ("QuadClass" if by == "quad_class" else "category") + "\nat a place")
    steps = sorted({largest, max(1, round(largest / 2)), 1}) if largest > 1 else [1]
    size_handles = [Line2D([], [], linestyle="", marker="o", markersize=math.sqrt(area(v)), color="0.6",
                           markeredgecolor="white", label=str(v)) for v in steps]
    fig.legend(handles=size_handles, loc="outside right lower", frameon=False, fontsize="small", labelspacing=1.5,
               title="Fatalities at a place" if size == "fatalities" else "Events at a place")


def plot_dataset(
    dataset_dir: str | os.PathLike[str],
    kind: str,
    out_path: str | os.PathLike[str],
    *,
    country: str | None = None,
    dyad: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    interval: str = "auto",
    by: str = "quad_class",
    size: str = "events",
    count: str = "events",
) -> Path:
    """Draw a plot of the dataset's events and write it as PNG or SVG (by the extension).

    kind: timeline (stacked bars per day, week, month, quarter or year; `auto` picks from the date span),
    dyads (the most active directed actor pairs, names beside codes), categories, or map (geocoded events on
    Natural Earth outlines, zoomed to them, point area by event count or stated fatalities (`size`)). Bars
    and points are coloured by QuadClass or category (`by`); `count` says whether real-world events
    (events_unique, the default) or reports (the view events) are counted, and the caption says so with the
    dataset, run ids and date range. An empty selection gives a
    plot with a note. Raises `OutputError` if matplotlib (the `eventcoder[plot]` extra) is not installed.
    """
    out = Path(out_path)
    _check_options(kind, interval, by, out, dyad, size, count)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError as error:
        raise OutputError("plotting needs matplotlib: install it with pip install 'eventcoder[plot]'") from error
    con = connect(dataset_dir)
    try:
        data: PlotData | MapData = (
            map_data(con, country=country, dyad=dyad, since=since, until=until, by=by, count=count) if kind == "map"
            else plot_data(con, kind, country=country, dyad=dyad, since=since, until=until, interval=interval,
                           by=by, count=count)
        )
    finally:
        con.close()
    note = (f"{data.located} of {data.span.events} {count} have coordinates · outlines: Natural Earth 1:110m "
            "(public domain)") if isinstance(data, MapData) else ""
    text = caption(os.fspath(dataset_dir), dataset_runs(Path(dataset_dir)), data.span, note)
    if isinstance(data, MapData):
        figsize = map_figure_size(map_extent(data.points))
    else:
        figsize = (11.0, 5.0 if kind == "timeline" else max(4.0, 0.4 * len(data.x) + 2.0))
    fig = plt.figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    try:
        colours = _colours(data.series, by)
        ax.set_title(_title(kind, data.interval if isinstance(data, PlotData) else interval, by, country, dyad,
                            since, until, size))
        if isinstance(data, MapData):
            _draw_map(fig, ax, data, size, by, colours)
        else:
            if kind == "timeline":
                _draw_timeline(ax, data, colours)
            else:
                _draw_bars(ax, data, kind, colours)
            (ax.yaxis if kind == "timeline" else ax.xaxis).set_major_locator(MaxNLocator(integer=True))
            ax.spines[["top", "right"]].set_visible(False)
            if not data.series:
                _draw_note(ax, "no events")
            elif not (kind == "categories" and by == "category"):  # bars named by category need no key
                fig.legend(loc="outside right upper", frameon=False, fontsize="small",
                           title="QuadClass" if by == "quad_class" else "Category")
        fig.supxlabel(text, x=0.01, ha="left", fontsize="x-small", color="0.35")
        fig.savefig(out, format=out.suffix.lower().lstrip("."), dpi=110)
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error}") from error
    finally:
        plt.close(fig)
    return out
