"""Intent cues of issue 11 (readiness, willingness, invitation, commitment) and the intent code of a mediation
offer, with sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text, intentions_are_offers_or_threats


def test_an_announced_mediation_is_an_intent_to_mediate() -> None:
    # CAMEO 039 "Express intent to mediate" is the intent of 045 "Mediate"; 036 is the intent to meet or negotiate
    assert intentions_are_offers_or_threats("045", "intended") == ("039", "asserted")
    assert intentions_are_offers_or_threats("046", "intended") == ("036", "asserted")


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Kenya expressed readiness to mediate between Uganda and Sudan.", "039"),
        ("Kenya expressed willingness to mediate between Uganda and Sudan.", "039"),
        ("The Kenyan president accepted an invitation to visit Uganda.", "036"),
        ("Kenya is committed to withdrawing its troops from Somalia.", "0356"),
    ],
)
def test_intent_cues_make_the_act_an_offer(codebook: Any, sentence: str, code: str) -> None:
    rows = code_text(sentence, codebook, date=dt.date(2020, 1, 1)).rows
    assert code in {row["cameo_code"] for row in rows}
    assert all(row["modality"] == "asserted" for row in rows if row["cameo_code"] == code)
