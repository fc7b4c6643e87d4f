"""Constructions left open by the fifth probe (LEFTOVERS3), on the default codebook with fictional countries
(Freedonia FRD, Sylvania SYL, Ruritania RUR; the `fictional` fixture): the sentences exercise grammar and word
classes, not names. Each row is (sentence, CAMEO code or code prefix, source, target); a target "" means none."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2026, 3, 1)


def _triples(text: str, codebook: Any, title: str | None = None) -> set[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE, title=title).rows
    return {(row["cameo_code"], row["source_code"] or "", row["target_code"] or "") for row in rows}


def _has(found: set[tuple[str, str, str]], code: str, source: str, target: str) -> bool:
    return any(
        coded.startswith(code) and coded_source == source and coded_target == target
        for coded, coded_source, coded_target in found
    )


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # a patrol, convoy, checkpoint or peacekeepers "under fire" are shot at, with no armed-forces word
        ("A Freedonian patrol came under heavy fire near the border.", "190", "FRDUAG", "FRDMIL"),
        ("Freedonian peacekeepers came under fire in Ruritania.", "190", "RURUAG", "FRDMIL"),
        ("A Sylvanian checkpoint came under fire from Freedonian rebels.", "190", "FRDREB", "SYL"),
        ("Freedonian police patrols came under sustained fire in Sylvania.", "190", "SYLUAG", "FRDCOP"),
    ],
)
def test_leftovers3_detachments_under_fire_are_shot_at(
    sentence: str, code: str, source: str, target: str, fictional: Any
) -> None:
    found = _triples(sentence, fictional)
    assert _has(found, code, source, target), found


@pytest.mark.parametrize(
    "sentence",
    [
        "The Freedonian patrol plan came under fire from critics.",
        "The Sylvanian border post came under fire for long delays.",
        "The Freedonian convoy scheme came under fire over its cost.",
    ],
)
def test_leftovers3_detachments_criticised_are_not_shot_at(sentence: str, fictional: Any) -> None:
    found = _triples(sentence, fictional)
    assert not [row for row in found if row[0][:2] in ("18", "19", "20")], found


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # investigators and inspectors act for the organisation or state they serve
        ("Investigators from the United Nations accused Freedonia of torture.", "112", "IGOUNO", "FRD"),
        ("Inspectors from the International Atomic Energy Agency criticised Freedonia.", "111", "IGOIAE", "FRD"),
        ("Officials from Amnesty International condemned Sylvania.", "111", "NGOAMN", "SYL"),
        ("Sylvanian investigators accused Freedonian troops of war crimes.", "112", "SYLGOV", "FRDMIL"),
        ("Freedonian police investigators arrested two Sylvanian smugglers.", "173", "FRDCOP", "SYLCRM"),
    ],
)
def test_leftovers3_investigators_act_for_whom_they_serve(
    sentence: str, code: str, source: str, target: str, fictional: Any
) -> None:
    found = _triples(sentence, fictional)
    assert _has(found, code, source, target), found


def test_leftovers3_investigators_in_a_headline_are_a_subject(fictional: Any) -> None:
    found = _triples(
        "The report was released on Monday.", fictional, title="UN Investigators Accuse Sylvania Of Torture"
    )
    assert _has(found, "112", "IGOUNO", "SYL"), found


def _reactions(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    """Code `text` sentence by sentence as `coder.analyse_article` does and apply the reaction policy to each
    sentence's events with the acts of the sentences before (what the coder patch
    /tmp/brief7/LEFTOVERS3-coder.diff wires in): (code, source, target) of each event after the policy."""
    from eventcoder.coder import analyse_article
    from eventcoder.inputs import Article
    from eventcoder.slots import ACTS_OF_FORCE, a_reaction_targets_the_author_of_the_act_it_names, acts_reported

    article = Article("reactions", None, text, DATE, None, None, None, "<text>")
    act_nouns = codebook.synsets[ACTS_OF_FORCE]
    authors: list[Any] = []
    found: list[tuple[str, str, str]] = []
    for analysis in analyse_article(article, codebook):
        events = [
            a_reaction_targets_the_author_of_the_act_it_names(analysis.parse, match, authors, act_nouns)
            for match in analysis.events
        ]
        authors.extend(acts_reported(events))
        for match in events:
            targets = [target.code or "" for target in match.target.mentions] if match.target else [""]
            code = match.candidate.pattern.code
            found.extend((code, source.code or "", target) for source in match.source.mentions for target in targets)
    return found


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        # a reaction whose object names an act reported earlier targets the act's author
        ("Freedonian troops shelled a Sylvanian village. Sylvania condemned the attack.", "111", "SYL", "FRDMIL"),
        ("Freedonian police arrested ten Sylvanian activists. Sylvania denounced the arrests.", "111", "SYL", "FRDCOP"),
        (
            "Freedonian jets bombed a Sylvanian depot on Tuesday. Five soldiers were killed. The Sylvanian foreign"
            " ministry condemned Tuesday's deadly air strikes.",
            "111",
            "SYLGOV",
            "FRD",
        ),
        # the reactor's own acts are skipped: the most recent act by someone else is meant
        (
            "Freedonia shelled Sylvania. Sylvanian rebels then attacked Freedonian troops. Freedonia condemned the"
            " attacks.",
            "111",
            "FRD",
            "SYLREB",
        ),
    ],
)
def test_leftovers3_a_reaction_targets_the_author_of_the_act_it_names(
    text: str, code: str, source: str, target: str, fictional: Any
) -> None:
    found = _reactions(text, fictional)
    assert any(f[0].startswith(code) and f[1].startswith(source) and f[2] == target for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        # the object names no act, or the act is only threatened
        "Freedonia shelled Sylvania. Ruritania criticised the economic reforms.",
        "Freedonia threatened to shell Sylvania. Ruritania condemned the threats.",
        # a target of its own stays
        "Freedonia shelled Sylvania. Ruritania condemned Sylvanian president's remarks.",
    ],
)
def test_leftovers3_a_reaction_without_an_act_keeps_its_target(text: str, fictional: Any) -> None:
    found = _reactions(text, fictional)
    assert not [f for f in found if f[0][:2] == "11" and f[2].startswith("FRD")], found


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # parties that agree act on each other in what they agree to, when it names no target of a country
        ("Freedonia and Sylvania agreed to exchange prisoners.", "035", "FRDGOV", "SYLGOV"),
        ("Freedonia and Sylvania agreed to exchange prisoners.", "035", "SYLGOV", "FRDGOV"),
        ("Freedonia and Sylvania agreed to withdraw their troops from the border.", "035", "SYLGOV", "FRDGOV"),
        ("Freedonian and Sylvanian rebels agreed to release hostages.", "035", "FRDREB", "SYLREB"),
        ("Freedonia and Sylvania agreed on a prisoner swap.", "030", "FRDGOV", "SYLGOV"),
        # a third party they name stays the target
        ("Freedonia and Sylvania agreed to send troops to Ruritania.", "1", "FRDGOV", "RUR"),
    ],
)
def test_leftovers3_parties_that_agree_act_on_each_other(
    sentence: str, code: str, source: str, target: str, fictional: Any
) -> None:
    found = _triples(sentence, fictional)
    assert _has(found, code, source, target), found


def test_leftovers3_one_party_that_agrees_keeps_its_target(fictional: Any) -> None:
    found = _triples("Freedonia agreed to release Sylvanian prisoners.", fictional)
    assert _has(found, "035", "FRDGOV", "SYLCVL") or _has(found, "035", "FRDGOV", "SYL"), found


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # a word or two the writer quotes inside an event noun's phrase does not cut it from its support verb
        ("Freedonia carried out a 'massive strike' on Sylvania.", "190", "FRDGOV", "SYL"),
        ("Freedonia carried out a \u2018massive strike\u2019 on Sylvania.", "190", "FRDGOV", "SYL"),
    ],
)
def test_leftovers3_scare_quotes_inside_an_event_noun(
    sentence: str, code: str, source: str, target: str, fictional: Any
) -> None:
    found = _triples(sentence, fictional)
    assert _has(found, code, source, target), found


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # a headline's second verb after a comma: title case, or a unit without a final stop
        ("Freedonia Shells Border Town, Vows More Strikes", "Vows", True),
        ("Freedonia orders Sylvanian envoy out, suspends flights", "suspends", True),
        # a list, a verb with no object, a sentence in sentence case
        ("Freedonia bans rallies, strikes and marches", "strikes", False),
        ("Freedonia Bans Rallies, Strikes", "Strikes", False),
        ("Freedonia banned the rallies, strikes followed in Sylvania.", "strikes", False),
    ],
)
def test_leftovers3_headline_verbs_joined_by_commas(text: str, verb: str, expected: bool) -> None:
    from eventcoder.parse import parse_sentence
    from eventcoder.slots import headline_verb_after_a_comma

    parse = parse_sentence(text)
    assert headline_verb_after_a_comma(parse, parse.words.index(verb)) is expected


@pytest.mark.parametrize(
    ("text", "background"),
    [
        # a past-perfect relative clause, a relative clause describing what its antecedent does
        ("The village, which had been shelled by Freedonia in 2019, was rebuilt.", True),
        ("Sylvania, which had expelled two Freedonian diplomats, criticised Freedonia.", True),
        ("A Sylvanian militia, which kidnaps Freedonian traders for ransom, was disbanded.", True),
        # news: the main clause, a past relative clause, reported past perfect
        ("The village, which Freedonia shelled on Monday, was evacuated.", False),
        ("Freedonia said it had shelled Sylvanian positions.", False),
        ("Freedonian police routinely detain Sylvanian migrants.", False),
    ],
)
def test_leftovers3_background_is_no_news(text: str, background: bool, fictional: Any) -> None:
    from eventcoder.coder import analyse_article
    from eventcoder.inputs import Article
    from eventcoder.slots import background_is_no_news

    article = Article("background", None, text, DATE, None, None, None, "<text>")
    # the matched events, and those the events patch (/tmp/brief7/LEFTOVERS3-events.diff) drops as background
    candidates = [
        (analysis.parse, candidate)
        for analysis in analyse_article(article, fictional)
        for candidate in [match.candidate for match in analysis.events]
        + [dropped.candidate for dropped in analysis.dropped if dropped.reason.startswith("background")]
    ]
    found = [background_is_no_news(parse, candidate) for parse, candidate in candidates if candidate.pos == "V"]
    assert found and any(found) is background, [candidate.pattern.id for _, candidate in candidates]
