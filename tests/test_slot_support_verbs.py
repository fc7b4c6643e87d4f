"""Policy `support_verb_across_the_object` (slots.py): a support verb governs its event noun across the noun's
own phrase and, between them, an indirect object or time words; not across a verb. Fictional countries
(Freedonia FRD, Sylvania SYL) so the sentences exercise grammar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2021, 1, 1)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return sorted((r["cameo_code"][:2], r["source_code"], r["target_code"] or "") for r in rows)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Freedonia gave the Sylvanian government a one-week ultimatum.", ("13", "FRDGOV", "SYLGOV")),
        ("Freedonia issued on Monday a stern warning to Sylvania.", ("13", "FRDGOV", "SYL")),
        ("The Freedonian president delivered on Tuesday a warning to Sylvania.", ("13", "FRDGOV", "SYL")),
        ("Freedonia gave the rebels a final ultimatum.", ("13", "FRDGOV", "REB")),
    ],
)
def test_a_support_verb_reaches_across_its_indirect_object(
    text: str, event: tuple[str, str, str], fictional: Any
) -> None:
    assert event in _events(text, fictional)


def test_not_across_a_verb(fictional: Any) -> None:
    # the warning is the object of "condemning", not of "issued": Freedonia issued no warning
    events = _events("Freedonia issued a statement condemning a warning by Sylvania.", fictional)
    assert ("13", "FRDGOV", "SYL") not in events
