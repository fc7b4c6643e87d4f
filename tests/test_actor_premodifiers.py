"""Policies `possessors_own_the_modified_agent` and `coordinated_agents_keep_their_modifiers` (actors.py): an
agent noun keeps its owner or its coordinated partner across its own modifiers; with fictional countries
(Freedonia FRD, Sylvania SYL) so the sentences exercise grammar, not names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2021, 1, 1)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return sorted((r["cameo_code"], r["source_code"], r["target_code"] or "") for r in rows)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Freedonia's transitional authorities banned the opposition party.", "FRDGOV"),
        ("Sylvania's self-declared government arrested three journalists.", "SYLGOV"),
        ("Freedonia's provisional military council arrested three journalists.", "FRDMIL"),
        ("Freedonia's current leadership condemned Sylvania.", "FRDGOV"),
        # a body that governs is the government, whatever its origin
        ("Freedonia's ruling military junta arrested three journalists.", "FRDGOV"),
        ("The military regime in Freedonia arrested three journalists.", "FRDGOV"),
    ],
)
def test_a_possessive_country_owns_a_modified_agent(text: str, source: str, fictional: Any) -> None:
    assert {source_code for _, source_code, _ in _events(text, fictional)} == {source}


@pytest.mark.parametrize(
    "text",
    [
        # a verb between the possessive and the next agent: two clauses, no owner
        "Freedonia's decision angered rebels in Sylvania.",
        # an adverb is no modifier
        "Freedonia's troops quickly arrested protesters in Sylvania.",
    ],
)
def test_no_owner_across_a_verb(text: str, fictional: Any) -> None:
    assert "FRDREB" not in {s for _, s, _ in _events(text, fictional)}
    assert "FRDOPP" not in {t for _, _, t in _events(text, fictional)}


def test_coordinated_agents_keep_their_modifiers(fictional: Any) -> None:
    events = _events("The government and communist rebels signed a peace deal in Freedonia.", fictional)
    assert events == [("057", "FRDGOV", "FRDREB"), ("057", "FRDREB", "FRDGOV")]


def test_a_verb_before_the_agent_starts_a_new_clause(fictional: Any) -> None:
    # "and detained" is a second verb of the same subject, not a compound with the protesters
    events = _events("Freedonian police attacked Sylvania and detained protesters.", fictional)
    assert all(source == "FRDCOP" for _, source, _ in events)
