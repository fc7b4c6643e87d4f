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


def test_actor_every_country_resolves_by_name_and_adjective(codebook: Codebook) -> None:
    from eventcoder.codebook.load import merge_layers
    from eventcoder.codebook.spec import ActorSpec
    from eventcoder.resources import default_codebook_dir

    merged = merge_layers([default_codebook_dir()])
    failures = []
    date = "2025-06-01"
    for item in merged.entries["actors"].values():
        spec = item.spec
        assert isinstance(spec, ActorSpec)
        if spec.type not in ("country", "territory") or not spec.code:
            continue
        for name in spec.names:
            if resolve(name, date, codebook) != spec.code:
                failures.append(f"name {name!r} -> {resolve(name, date, codebook)} (expected {spec.code})")
        for adjective in spec.adjectives:
            phrase = f"{adjective} officials"
            if resolve(phrase, date, codebook) != spec.code + "GOV":
                failures.append(f"{phrase!r} -> {resolve(phrase, date, codebook)} (expected {spec.code}GOV)")
    assert failures == []


def test_actor_every_capital_resolves_to_a_government(codebook: Codebook) -> None:
    failures = [
        f"{entry.name!r} -> {resolve(entry.name, '2025-06-01', codebook)} (expected {entry.code})"
        for entry in codebook.actors.values()
        if entry.type == "capital" and resolve(entry.name, "2025-06-01", codebook) != entry.code
    ]
    assert failures == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "general" is an adjective before a noun and in "in general" ...
        ("The general public protested in the capital.", []),
        ("Workers held a general strike on Monday.", ["LAB"]),
        ("In general, the talks went well.", []),
        ("General elections were held on Sunday.", []),
        # ... and the military title before a name, a verb, a possessive or a conjunction
        ("General Smith criticized the plan.", ["MIL"]),
        ("The general said the talks went well.", ["MIL"]),
        ("The general's car broke down.", ["MIL"]),
        ("The general and his driver left.", ["MIL"]),
    ],
)
def test_actor_titles_that_are_adjectives(sentence: str, expected: list[str], codebook: Codebook) -> None:
    """Policy `titles_that_are_adjectives`."""
    mentions = find_mentions(parse_sentence(sentence), codebook, dt.date(2020, 1, 1), Discourse())
    assert [m.code for m in mentions if m.role == "actor" and not m.pronoun] == expected


@pytest.mark.parametrize(
    ("sentence", "pronouns"),
    [
        ("Sylvania said it would send them home.", ["it", "them"]),
        ("Sylvania said it is unclear whether talks will resume.", []),  # "it is": no reference
    ],
)
def test_actor_object_pronouns(sentence: str, pronouns: list[str], fictional: Codebook) -> None:
    discourse = Discourse()
    earlier = parse_sentence("Freedonian officials met envoys.")
    discourse.remember(find_mentions(earlier, fictional, dt.date(2020, 1, 1), discourse))
    mentions = find_mentions(parse_sentence(sentence), fictional, dt.date(2020, 1, 1), discourse)
    assert [m.text for m in mentions if m.pronoun] == pronouns
