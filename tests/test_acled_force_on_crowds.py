"""ACLED types of force on a crowd (acled.py): the trigger is its source's own act, not a riot act of the crowd
("police stormed a sit-in" is force on a protest), and force on a crowd by a non-state armed group with no
protest named is an attack on civilians. Fictional countries (Freedonia FRD) so the sentences exercise grammar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventcoder.acled import acled_cues

DATE = dt.date(2021, 1, 1)


def test_the_trigger_is_no_riot_act(codebook: Any) -> None:
    norms = "police stormed the square".split()
    assert "riot_acts" not in acled_cues("175", norms, 1, 2, codebook.acled_cues)
    # the same word outside the trigger is the crowd's act
    norms = "protesters stormed parliament and police dispersed them".split()
    assert "riot_acts" in acled_cues("175", norms, 5, 6, codebook.acled_cues)


def _types(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    from eventcoder.coder import code_text

    rows = code_text(text, codebook, date=DATE).rows
    return [(r["cameo_code"], r["acled_event_type"], r["acled_sub_event_type"]) for r in rows]


def test_police_storming_a_sit_in_is_force_on_a_protest(fictional: Any) -> None:
    types = _types("Freedonian police stormed a sit-in by students in the capital.", fictional)
    assert [t for t in types if t[0] == "175"] == [("175", "Protests", "Excessive force against protesters")]


def test_gunmen_firing_on_a_crowd_attack_civilians(fictional: Any) -> None:
    types = _types("Gunmen opened fire on a crowd of villagers in Freedonia.", fictional)
    assert {t for t in types if t[0] == "175"} == {("175", "Violence against civilians", "Attack")}
