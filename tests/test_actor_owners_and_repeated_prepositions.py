"""Actor resolution across a possessive pronoun and a repeated preposition (issue 11 leftovers), with fictional
countries (Freedonia FRD, Sylvania SYL): the sentences exercise grammar, not names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2020, 1, 1)


def _triples(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    return {
        (row["cameo_code"][:3], row["source_code"] or "", row["target_code"] or "")
        for row in code_text(text, codebook, date=DATE).rows
    }


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # an agent after "its"/"their" is the antecedent's, not the victim's country named later in the sentence
        ("Freedonia admitted that its soldiers had shelled a Sylvanian village.", "194", "FRDMIL", "SYL"),
        ("Freedonia said that its troops had attacked a Sylvanian convoy.", "190", "FRDMIL", "SYL"),
        ("The Freedonian rebels said their fighters had attacked a Sylvanian convoy.", "190", "FRDREB", "SYL"),
        # "from X and from Y" is one compound, as "from X and Y" is
        ("Negotiators from Freedonia and from Sylvania met in Geneva.", "044", "FRDGOV", "SYLGOV"),
        ("Negotiators from Freedonia and from Sylvania met in Geneva.", "044", "SYLGOV", "FRDGOV"),
        ("Troops from Freedonia and from Sylvania clashed near the border.", "190", "SYLMIL", "FRDMIL"),
    ],
)
def test_actor_owner_and_repeated_preposition(
    sentence: str, code: str, source: str, target: str, fictional: Any
) -> None:
    assert (code, source, target) in _triples(sentence, fictional), _triples(sentence, fictional)
