"""`countries_own_the_institutions_they_name` (actors.py): an institution the dictionary ties to one country,
named with another country's possessive or adjective, is that country's institution of the same sector. The
institutions are real dictionary entries (their names are generic: a joint chiefs of staff, a treasury); the
countries they are given are fictional (the `fictional` fixture: Freedonia FRD, Sylvania SYL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2026, 3, 1)


def _triples(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return {(row["cameo_code"], row["source_code"] or "", row["target_code"] or "") for row in rows}


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Sylvania's Joint Chiefs of Staff condemned Freedonia.", "SYLMIL"),
        ("The Sylvanian Joint Chiefs of Staff condemned Freedonia.", "SYLMIL"),
        ("Sylvania's Treasury imposed sanctions on Freedonia.", "SYLGOV"),
        # the dictionary's own country, a person's possessive or no country keep the dictionary's code
        ("America's Joint Chiefs of Staff condemned Freedonia.", "USAMIL"),
        ("The Joint Chiefs of Staff condemned Freedonia.", "USAMIL"),
    ],
)
def test_countries_own_the_institutions_they_name(sentence: str, source: str, fictional: Any) -> None:
    found = _triples(sentence, fictional)
    assert any(found_source == source and target.startswith("FRD") for _, found_source, target in found), found
