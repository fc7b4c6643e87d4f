"""Slot rules that follow the syntax (issue 12 item 4), on the default patterns with fictional countries
(Freedonia FRD, Sylvania SYL, Ruritania RUR) so that the sentences exercise grammar, not actor names.
Each row is (sentence, CAMEO code, source, target); a target "" means no target."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2020, 1, 1)


def _rows(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    return [
        (row["cameo_code"], row["source_code"] or "", row["target_code"] or "")
        for row in code_text(text, codebook, date=DATE).rows
    ]


def _root_pairs(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    return {(code[:2], source, target) for code, source, target in _rows(text, codebook)}


@pytest.mark.parametrize(
    ("sentence", "root", "source", "target"),
    [
        # coordinated verbs share their subject, never the first verb's object
        ("Freedonia accused Sylvania of spying and urged Ruritania to act.", "02", "FRDGOV", "RUR"),
        ("Freedonia criticized Sylvania and called on Ruritania to act.", "02", "FRDGOV", "RUR"),
        ("Freedonia condemned Sylvania and then threatened Ruritania.", "13", "FRDGOV", "RUR"),
        # ... also through the support verb of an event noun
        ("Freedonia condemned Sylvania and imposed sanctions on Ruritania.", "16", "FRDGOV", "RUR"),
        # ... and a passive first verb hands on its subject
        ("Freedonia was criticized by Sylvania and threatened Ruritania.", "13", "FRDGOV", "RUR"),
        # the subject of a support verb is the source of its event noun
        ("Freedonia held talks with Sylvania.", "04", "FRDGOV", "SYL"),
        ("Freedonian troops carried out strikes on Sylvania.", "19", "FRDMIL", "SYL"),
        ("Freedonia undertook mediation between Sylvania and Ruritania.", "04", "FRDGOV", "SYL"),
        # targets in the prepositional phrases of the event noun
        ("Freedonia signed a deal with Sylvania.", "05", "FRDGOV", "SYL"),
        ("Freedonia held talks in Geneva with Sylvania.", "04", "FRDGOV", "SYL"),
        # the source's own possessive opening a prepositional phrase is not its target: the phrase goes on
        ("Freedonia reneged on its commitment to Sylvania.", "12", "FRDGOV", "SYL"),
        # the perpetrator of an attack is the source of what the attack did
        ("An attack by Sylvanian troops killed five Ruritanian soldiers.", "18", "SYLMIL", "RURMIL"),
        ("Five Freedonian soldiers were killed by Sylvanian troops.", "18", "SYLMIL", "FRDMIL"),
        # ... and its victims are its target, never its source
        (
            "After a Sylvanian attack in Geneva killed 26 tourists, Freedonia condemned Ruritania.",
            "18",
            "SYLGOV",
            "CHECVL",
        ),
        # a ", whose ..." clause is skipped by the main clause's subject rule
        ("Freedonia, whose troops attacked Sylvania, criticized Ruritania.", "11", "FRDGOV", "RUR"),
        # a compound subject of a reciprocal verb: each party is the other's target, never its own
        ("Freedonia and Sylvania signed a peace deal.", "05", "FRDGOV", "SYLGOV"),
        ("Freedonia and Sylvania signed a peace deal.", "05", "SYLGOV", "FRDGOV"),
        # a coordinated verb after a verb that is no event shares the clause's subject; an object pronoun is the
        # first verb's object
        ("Freedonia summoned the Sylvanian ambassador and criticized him.", "11", "FRDGOV", "SYLGOV"),
        # ... and a fronted subordinate clause is not that clause
        (
            "After Sylvania attacked Ruritania, Freedonia summoned the Sylvanian ambassador and criticized him.",
            "11",
            "FRDGOV",
            "SYLGOV",
        ),
        # an event noun takes the subject of its relative clause when the clause's verb is its support verb
        ("The sanctions that Freedonia imposed on Sylvania took effect on Monday.", "16", "FRDGOV", "SYL"),
        ("The talks Freedonia held with Sylvania ended without agreement.", "04", "FRDGOV", "SYL"),
        # ... and the author of what a verb acts on is the verb's counterpart
        ("Sylvania condemned the attack that Freedonia launched on Ruritania.", "11", "SYLGOV", "FRD"),
        # a relative clause's head is its verb's object and the subject of the verb after the clause
        ("The Freedonian rebels that Sylvania attacked last week have surrendered.", "19", "SYLGOV", "FRDREB"),
        ("The Freedonian rebels that Sylvania attacked last week have surrendered.", "08", "FRDREB", ""),
        # the object of a verb of saying is the subject of its complement: one compound
        ("Freedonia said Sylvania and Ruritania agreed to a ceasefire.", "03", "SYLGOV", "RURGOV"),
        # an actor joined to an agent by "-led" leads it
        ("Sylvanian-led forces attacked Freedonia.", "19", "SYLMIL", "FRD"),
        # the author of the act a protest or a condemnation is against is its target, not the act's patient
        (
            "Freedonian students protested against the arrest of activists by Sylvanian police.",
            "14",
            "FRDEDU",
            "SYLCOP",
        ),
        ("Freedonian students protested against the alleged abuses by the Sylvanian army.", "14", "FRDEDU", "SYLMIL"),
        ("Freedonia welcomed the release of prisoners by Sylvania.", "05", "FRDGOV", "SYL"),
        # a threat is aimed at whom its condition names
        ("Sylvania threatened to stop talks if Freedonia goes ahead with the deployment.", "13", "SYLGOV", "FRD"),
        ("Freedonia warned that it would retaliate if Sylvania attacked.", "13", "FRDGOV", "SYL"),
        (
            "Freedonia threatened sanctions unless the Sylvanian government frees the prisoners.",
            "13",
            "FRDGOV",
            "SYLGOV",
        ),
        # object pronouns (them, it) are the most recent compatible actor
        ("Freedonia expelled two Sylvanian diplomats, accusing them of spying.", "11", "FRDGOV", "SYLGOV"),
        ("Freedonia accused Sylvania of spying and demanded that it withdraw its troops.", "10", "FRDGOV", "SYL"),
        # an apposition after an unknown name says who the subject is
        ("Jane Roe, the Sylvanian foreign minister, condemned Freedonia.", "11", "SYLGOV", "FRD"),
        # ", which Y invaded" has its own subject; the antecedent is its object
        ("Ruritania, which Sylvania invaded last year, appealed to Freedonia for help.", "19", "SYLGOV", "RUR"),
        ("Ruritania, which Sylvania invaded last year, appealed to Freedonia for help.", "02", "RURGOV", "FRD"),
        ("The Sylvanian rebels, whom Freedonian troops attacked on Monday, surrendered.", "19", "FRDMIL", "SYLREB"),
        ("The Sylvanian rebels, whom Freedonian troops attacked on Monday, surrendered.", "08", "SYLREB", ""),
        # a gerund after "by" has the subject of its own clause, not the first clause's
        (
            "Freedonia attacked Sylvanian positions and Sylvania responded by shelling Freedonian villages.",
            "19",
            "SYLGOV",
            "FRD",
        ),
        # a definite description carries its referent into the next sentence
        ("The Sylvanian government attacked Freedonia. Ruritania condemned the government.", "11", "RURGOV", "SYLGOV"),
    ],
)
def test_slots_follow_the_syntax(fictional: Any, sentence: str, root: str, source: str, target: str) -> None:
    pairs = _root_pairs(sentence, fictional)
    assert (root, source, target) in pairs, pairs


@pytest.mark.parametrize(
    ("sentence", "root", "actor"),
    [
        # the first verb's object is not the subject of the coordinated verb
        ("Freedonia accused Sylvania of spying and urged Ruritania to act.", "02", "SYLGOV"),
        ("Freedonia condemned Sylvania and then threatened Ruritania.", "13", "SYLGOV"),
        # victims are never the source, and a fronted clause's actors are not the main subject's compound
        ("After a Sylvanian attack in Geneva killed 26 tourists, Freedonia condemned Ruritania.", "11", "CHECVL"),
        ("Freedonia, whose troops attacked Sylvania, criticized Ruritania.", "11", "SYLGOV"),
        ("Freedonia and Sylvania signed a peace deal.", "05", "FRD"),
        # no target carried over from another sentence
        ("Freedonia attacked Sylvania. Ruritania threatened to resume attacks on shipping.", "13", "SYL"),
        ("Freedonia condemned Sylvania. Ruritania vowed to retaliate.", "13", "SYL"),
        # a sponsor is not the group it backs
        ("Freedonian troops attacked Sylvanian-backed rebels.", "19", "SYL"),
        ("Freedonian troops attacked Sylvanian-backed rebels.", "19", "SYLGOV"),
        # the patient of the act is not the target when its author is named
        ("Freedonian students protested against the arrest of activists by Sylvanian police.", "14", "OPP"),
        # the subject of a relative clause is not the subject of the verb after it
        ("The Freedonian rebels that Sylvania attacked last week have surrendered.", "08", "SYLGOV"),
    ],
)
def test_slots_roles_not_taken(fictional: Any, sentence: str, root: str, actor: str) -> None:
    rows = _rows(sentence, fictional)
    assert not any(code[:2] == root and actor in (source, target) for code, source, target in rows), rows


def test_slots_attackers_possessive_is_the_source_of_the_killing(fictional: Any) -> None:
    rows = _rows("Sylvania's attack on Ruritania killed five soldiers.", fictional)
    assert any(code[:2] == "18" and source == "SYLGOV" for code, source, _ in rows), rows


def test_slots_attack_noun_is_not_a_verb_after_a_modifier(fictional: Any) -> None:
    # "a Sylvanian attack" is a noun: Sylvania attacked nobody named in the fronted clause
    rows = _rows("After a Sylvanian attack in Geneva killed 26 tourists, Freedonia condemned Ruritania.", fictional)
    assert ("111", "FRDGOV", "RUR") in rows
    assert all(source != "FRDGOV" or code[:2] != "19" for code, source, _ in rows), rows


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an agentless passive of force was done by an unidentified armed group of the place's country
        ("Five Freedonian soldiers were killed in Sylvania.", [("18", "SYLUAG", "FRDMIL")]),
        ("Five Freedonian soldiers were killed.", [("18", "FRDUAG", "FRDMIL")]),
        # an explosion with no named author that kills was set off by such a group too
        ("An explosion killed five people in Sylvania.", [("18", "SYLUAG", "SYLCVL"), ("18", "SYLUAG", "SYLCVL")]),
        # ... not when the sentence names a disaster or an accident
        ("Five Freedonian soldiers were killed in a bus crash.", []),
        # ... and other agentless passives name no source
        ("Three Sylvanian diplomats were criticized.", []),
    ],
)
def test_slots_agentless_passives(fictional: Any, sentence: str, expected: list[tuple[str, str, str]]) -> None:
    rows = [(code[:2], source, target) for code, source, target in _rows(sentence, fictional)]
    assert rows == expected


def test_slots_an_object_and_the_next_clauses_subject_are_no_compound(fictional: Any) -> None:
    """Policy `a_new_clause_starts_after_an_object`: "X criticized Y and Z denied ..." is two clauses."""
    rows = _root_pairs("Freedonia criticized Sylvania and Ruritania denied the claims.", fictional)
    assert ("11", "FRDGOV", "SYL") in rows
    assert ("11", "FRDGOV", "RUR") not in rows
    assert ("01", "RURGOV", "") in rows and ("01", "SYLGOV", "") not in rows


@pytest.mark.parametrize(
    "sentence",
    [
        "Freedonia criticizes Sylvania and Ruritania denies the claims.",
        "Freedonia has criticized Sylvania and Ruritania has denied the claims.",
        "Freedonia will criticize Sylvania and Ruritania will deny the claims.",
        "Freedonia has condemned Sylvania and Ruritania has not yet responded.",
    ],
)
def test_slots_clauses_split_in_every_tense(fictional: Any, sentence: str) -> None:
    """`a_new_clause_starts_after_an_object` with present, perfect and modal verbs on either side."""
    rows = _root_pairs(sentence, fictional)
    assert ("11", "FRDGOV", "SYL") in rows
    assert ("11", "FRDGOV", "RUR") not in rows


@pytest.mark.parametrize(
    "sentence",
    [
        "Freedonia criticized Sylvania and Ruritania over the border incident.",  # an object compound
        "Freedonia criticized the Sylvanian and Ruritanian governments.",  # adjectives of one noun
    ],
)
def test_slots_object_compounds_stay_whole(fictional: Any, sentence: str) -> None:
    rows = _root_pairs(sentence, fictional)
    assert {target[:3] for root, source, target in rows if root == "11" and source == "FRDGOV"} == {"SYL", "RUR"}


def test_slots_subject_compounds_stay_whole(fictional: Any) -> None:
    rows = _root_pairs("Freedonia and Ruritania denied the claims.", fictional)
    assert {("01", "FRDGOV", ""), ("01", "RURGOV", "")} <= rows
