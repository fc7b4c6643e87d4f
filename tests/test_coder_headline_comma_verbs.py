"""`headline_verbs_joined_by_commas` (slots.headline_verb_after_a_comma, read by events._plausible and
slots.coordinated_verb): a headline's second verb after a comma is a verb with the headline's subject, not a noun
of a list (fictional countries, the `fictional` fixture)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2026, 3, 1)


def _title_triples(title: str, codebook: Any) -> set[tuple[str, str, str]]:
    rows = code_text("The statement came on Monday.", codebook, date=DATE, title=title).rows
    return {(row["cameo_code"][:3], row["source_code"] or "", row["target_code"] or "") for row in rows}


@pytest.mark.parametrize(
    ("title", "code", "source"),
    [
        ("Freedonia Shells Border Town, Vows More Strikes", "138", "FRDGOV"),
        ("Freedonia expels Sylvanian envoy, suspends flights", "163", "FRDGOV"),
        ("Sylvania Recalls Ambassador, Threatens Freedonia With Sanctions", "131", "SYLGOV"),
    ],
)
def test_headline_second_verb_after_a_comma(title: str, code: str, source: str, fictional: Any) -> None:
    found = _title_triples(title, fictional)
    assert any(found_code == code and found_source == source for found_code, found_source, _ in found), found


def test_headline_list_after_a_comma_is_no_verb(fictional: Any) -> None:
    found = _title_triples("Freedonia bans rallies, strikes and marches", fictional)
    assert not [row for row in found if row[0][:2] in ("18", "19", "20")], found
