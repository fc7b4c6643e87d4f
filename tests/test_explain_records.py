"""`eventcoder explain` shows the records `code` writes: each event's place settled by the countries the whole
text names (a country named after the place's sentence counts too), and a title's event marked where it repeats
the body's."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import code_text
from eventcoder.explain import explain_text

DATE = dt.date(2025, 11, 20)


def _event_lines(report: str) -> list[str]:
    return [line for line in report.splitlines() if re.match(r"    \d{3,4} ", line)]


@pytest.mark.parametrize(
    ("reaction", "country"),
    [
        ("Venezuela condemned the attack.", "VEN"),
        ("Peru condemned the attack.", "PER"),
        ("Officials condemned the attack.", "PER"),  # no country named: the larger Trujillo
    ],
)
def test_explain_places_an_event_as_code_does(codebook: Codebook, reaction: str, country: str) -> None:
    text = f"Soldiers shelled the town of Trujillo on Monday. {reaction}"
    rows = [row for row in code_text(text, codebook, date=DATE).rows if row["location_text"] is not None]
    lines = [line for line in _event_lines(explain_text(text, codebook, date=DATE)) if " place=" in line]
    assert len(rows) == len(lines) >= 1
    for row, line in zip(rows, lines, strict=True):
        assert f" place={row['location_text']} ({row['location_country']}, " in line
        if row["geonames_id"] is None:  # a division: no geonames id to show
            assert "geonames_id" not in line
        else:
            assert f"geonames_id {row['geonames_id']}" in line
    assert all(f"({country}, " in line for line in lines), lines


def test_explain_shows_no_place_where_code_writes_none(codebook: Codebook) -> None:
    lines = _event_lines(explain_text("Chile condemned Peru.", codebook, date=DATE))
    assert lines and not any(" place=" in line for line in lines)


def test_explain_marks_a_title_event_the_body_repeats(codebook: Codebook) -> None:
    title = "Chile condemns Peru"
    repeated = explain_text("Chile condemned Peru on Monday.", codebook, date=DATE, title=title)
    alone = explain_text("Peru held talks with Bolivia on Monday.", codebook, date=DATE, title=title)
    coded = code_text("Chile condemned Peru on Monday.", codebook, date=DATE, title=title).rows
    assert [row["headline_repeat"] for row in coded] == [True, False]
    assert [line.endswith(" headline_repeat") for line in _event_lines(repeated)] == [True, False]
    assert not any(line.endswith(" headline_repeat") for line in _event_lines(alone))
