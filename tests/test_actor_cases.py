"""The actor dictionaries resolve phrases to the right code on the right date (tests/data/*_cases.tsv)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from eventcoder.actors import Discourse, find_mentions
from eventcoder.codebook.compile import Codebook
from eventcoder.parse import parse_sentence

DATA = Path(__file__).resolve().parent / "data"


def _cases(name: str) -> list[tuple[str, str, str]]:
    path = DATA / name
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [(row["phrase"], row["date"], row["expected_code"]) for row in csv.DictReader(handle, delimiter="\t")]


CASES = _cases("actor_cases.tsv") + _cases("people_cases.tsv")


def resolve(phrase: str, date: str, codebook: Codebook) -> str | None:
    """The code of the first actor mention in a phrase on a date."""
    mentions = find_mentions(parse_sentence(phrase), codebook, dt.date.fromisoformat(date), Discourse())
    actors = [m for m in mentions if m.role in ("actor", "media")]
    return actors[0].code if actors else None


def test_actor_cases_table_is_large() -> None:
    assert len(CASES) >= 300


@pytest.mark.parametrize(("phrase", "date", "expected"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_actor_cases_resolve(phrase: str, date: str, expected: str, codebook: Codebook) -> None:
    assert resolve(phrase, date, codebook) == expected
