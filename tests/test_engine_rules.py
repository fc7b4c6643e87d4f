"""General engine rules on the real codebook: voice, compounds, attribution, clauses, negation, modality,
intent, complements and actor composition. Each row is (sentence, expected code, source, target)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2000, 1, 1)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str, bool, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return [
        (row["cameo_code"], row["source_code"] or "", row["target_code"] or "", row["negated"], row["modality"])
        for row in rows
    ]


def _pairs(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    return {(code, source, target) for code, source, target, _, _ in _events(text, codebook)}


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # passive voice: the by-agent is the source, the subject the target
        ("Iranian dissidents were arrested by Turkish police.", "173", "TURCOP", "IRNOPP"),
        # compound subject: both conjuncts act
        ("Jordan and Egypt condemned Israel.", "111", "JORGOV", "ISR"),
        ("Jordan and Egypt condemned Israel.", "111", "EGYGOV", "ISR"),
        # an attribution tail is never the source
        ("Syria condemned Israel, the Egyptian government said.", "111", "SYRGOV", "ISR"),
        # a relative clause between subject and verb is skipped
        ("Syria, which borders Turkey, condemned Israel.", "111", "SYRGOV", "ISR"),
        # an appositive between subject and verb is skipped
        ("Pakistan, a key U.S. ally, criticized India.", "111", "PAKGOV", "IND"),
        # "members of X" acts as X
        ("Thousands of Nigerians protested against Britain.", "141", "NGA", "GBR"),
        # the subject of a complement clause after "demanded that" is the target
        ("China demanded on Tuesday that Japan withdraw its troops.", "106", "CHNGOV", "JPN"),
        # a statement that another actor must act is a demand
        ("Russia said on Tuesday that Sudan must return the helicopter.", "100", "RUSGOV", "SDN"),
    ],
)
def test_events_slot_rules(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _pairs(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # an act announced with "will" is the intent it expresses: aid -> 033x, a ban -> threat 13x
        ("Finland will give Tanzania a grant of 50 million dollars.", "0331", "FINGOV", "TZA"),
        # ... and a measure announced for a place targets the place's country
        ("Israel will impose a curfew in Hebron.", "1323", "ISRGOV", "PSE"),
        # "said they would" reports a future act, not a hypothesis
        ("France said it would impose sanctions on Iran.", "1312", "FRAGOV", "IRN"),
        # an offer codes the event it offers; a refusal or threat codes itself
        ("Greece agreed to share information with Turkey.", "0314", "GRCGOV", "TUR"),
        ("Kenya refused to impose sanctions on Somalia.", "120", "KENGOV", ""),
        ("Ethnic Albanians have sworn to fight Macedonia.", "1384", "MKDCVLALB", "MKD"),
        # withdrawing peacekeepers unless a condition is met is announced as a threat
        ("Nigeria announced that it will withdraw its peacekeeping force from Chad.", "136", "NGAGOV", "TCD"),
    ],
)
def test_events_intent_and_complements(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _pairs(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "code", "negated", "modality"),
    [
        ("Iran did not condemn Iraq.", "111", True, "asserted"),
        ("Iran could condemn Iraq.", "111", False, "hypothetical"),
        # failing to reach agreement is a rejection (negated cooperation becomes 12x)
        ("Palestinians and Israelis failed to reach agreement on Sunday.", "120", False, "asserted"),
        # a negated acceptance is a refusal to yield
        ("Syria says it will not accept any more refugees.", "124", False, "intended"),
    ],
)
def test_events_negation_and_modality(codebook: Any, sentence: str, code: str, negated: bool, modality: str) -> None:
    assert any(row[0] == code and row[3] == negated and row[4] == modality for row in _events(sentence, codebook)), (
        _events(sentence, codebook)
    )


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # a country after a locative preposition is a place, and the place gives the agent its country
        ("Rebels in the Ivory Coast condemned France.", "111", "CIVREB", "FRA"),
        # coordinated country adjectives share the agent that follows them
        ("Senior Hungarian and Romanian officials condemned Serbia.", "111", "HUNGOV", "SRB"),
        ("Senior Hungarian and Romanian officials condemned Serbia.", "111", "ROUGOV", "SRB"),
        # "X's" with a title after it is one actor
        ("Taiwan's Vice Foreign Minister visited Russia.", "042", "TWNGOV", "RUS"),
        # a measure in a place targets the place's country
        ("Serbia lifted a night curfew in Montenegro.", "0813", "SRBGOV", "MNE"),
        # a title word ending a personal name is not a second actor
        ("British Defence Secretary Tom King condemned Iraq.", "111", "GBRGOV", "IRQ"),
    ],
)
def test_actors_composition_and_places(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _pairs(sentence, codebook)


def test_events_hyphenated_modifier_is_not_a_verb(codebook: Any) -> None:
    codes = {code for code, *_ in _events("Israel mounted its long-threatened invasion of Lebanon.", codebook)}
    assert "192" in codes and not any(code.startswith("13") for code in codes)


def test_events_refusal_drops_the_refused_act(codebook: Any) -> None:
    codes = {code for code, *_ in _events("Kenya refused to impose sanctions on Somalia.", codebook)}
    assert codes == {"120"}


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # a title before a known name states the office even outside the codebook's dated roles
        ("President Levy Mwanawasa has reneged on his commitment.", "120", "ZMBGOV", ""),
        # ... but "former" keeps the codebook's code
        ("Former President Levy Mwanawasa criticized Kenya.", "111", "ZMBELI", "KEN"),
        # a title before an unknown name holds office in the one country the sentence names
        ("Judge Alejandro Rivera arrested three Chilean officials.", "173", "CHLJUD", "CHLGOV"),
        ("Prime Minister Mahendra Chaudhry criticized Fijian rebels.", "111", "FJIGOV", "FJIREB"),
        # ... which is not a counterpart introduced by a preposition
        ("President Dos Santos threatened action against Russia.", "130", "GOV", "RUS"),
        # "the government of President X" is X's government
        ("The military government of President Prosper Avril arrested opponents in Haiti.", "173", "HTIGOV", "HTIOPP"),
        # local groups take the country of the one place the sentence names
        ("Students protested outside the parliament in Monrovia.", "141", "LBREDU", "LBRLEG"),
        ("Protesters blocked roads in central Baghdad, Iraqi police said.", "144", "IRQOPP", "IRQ"),
        # an agent located "in east X" belongs to X
        ("Serbia demanded a truce with Moslem forces in east Bosnia.", "107", "SRBGOV", "BIHMILMOS"),
        # "X and a group of Y" after a title and an unknown name is a compound: both act
        ("French president Laurent Fabius and a group of deputies criticized Romania.", "111", "FRAGOV", "ROU"),
        ("French president Laurent Fabius and a group of deputies criticized Romania.", "111", "FRALEG", "ROU"),
        # a person coded for an organisation on the date acts for it, not for the person's country
        ("U.N. Secretary-General Kofi Annan criticized Iraq.", "111", "IGOUNO", "IRQ"),
    ],
)
def test_actors_titles_and_locations(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _pairs(sentence, codebook), _pairs(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # a protest that names no target addresses the protesters' own country
        ("Thousands of Nigerians protested on Thursday.", "141", "NGA", "NGA"),
        # a participial clause takes the subject of the clause it hangs on, also when coordinated
        ("Egyptian police opened fire on demonstrators, killing one person and arresting 12.", "1823", "EGYCOP", ""),
        ("Egyptian police opened fire on demonstrators, killing one person and arresting 12.", "173", "EGYCOP", ""),
        # an infinitive after an object is the subject's act ("summoned X to complain") ...
        ("Nigeria summoned Niger's ambassador to complain of inaction.", "114", "NGAGOV", ""),
        ("Nigeria summoned Niger's ambassador Brah Mohamane to complain of inaction.", "114", "NGAGOV", ""),
        # ... unless the verb hands the act to its object ("helped X to", "sent X to")
        ("Iran helped Iraqi militias to attack US troops.", "190", "IRQMIL", "USAMIL"),
    ],
)
def test_events_implicit_targets_and_participles(
    codebook: Any, sentence: str, code: str, source: str, target: str
) -> None:
    assert (code, source, target) in _pairs(sentence, codebook), _pairs(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        # a passive without "by" has no source (force aside: see test_slot_rules), and its subject is never one
        ("Three Iraqi diplomats were criticized in Baghdad.", ("111", "IRQGOV")),
        # actors inside an attribution tail are not coordinated with the actors before it
        ("Protesters blocked roads in central Baghdad, Iraqi police said.", ("144", "IRQCOP")),
        # the object of the main clause is not the subject of its participial clause
        ("Egyptian police opened fire on demonstrators, killing one person.", ("1823", "OPP")),
    ],
)
def test_events_roles_not_taken(codebook: Any, sentence: str, absent: tuple[str, str]) -> None:
    pairs = _pairs(sentence, codebook)
    code, actor = absent
    assert not any(row[0] == code and actor in (row[1], row[2]) for row in pairs), pairs


@pytest.mark.parametrize(
    ("sentence", "code", "modality"),
    [
        # an announced act is coded as the intent it states, and the announcement itself is asserted
        ("Brazil will send humanitarian aid to Haiti.", "0333", "asserted"),
        ("Brazil sent humanitarian aid to Haiti.", "073", "asserted"),
    ],
)
def test_events_intentions_are_asserted_offers(codebook: Any, sentence: str, code: str, modality: str) -> None:
    rows = code_text(sentence, codebook, date=DATE).rows
    assert (code, modality) in [(row["cameo_code"], row["modality"]) for row in rows]


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # the indirect object of a noun's support verb is the target; a noun's own "from" phrase is its source
        ("Morocco gave Algeria a final warning.", "130", "MARGOV", "DZA"),
        ("The ultimatum from Kenya gave Somalia until Monday to withdraw.", "139", "KENGOV", "SOM"),
        # the event noun heading a passive subject names its target; its own event is kept
        ("A request by Ecuador for talks was rejected by Colombia.", "120", "COLGOV", "ECU"),
        ("A request by Ecuador for talks was rejected by Colombia.", "026", "ECUGOV", ""),
        # a noun received ("drew criticism from X") is done by the "from" actor to the subject's owner
        ("Vietnam's protest drew criticism from Beijing.", "111", "CHNGOV", "VNM"),
        # a passive subject's attribute is the target ("rights for X were withdrawn")
        ("Landing rights for Iraqi airlines were withdrawn by Jordan.", "172", "JORGOV", "IRQBUS"),
        # airspace: closing it to an actor, and banning flights over a territory as a sanction
        ("Oman closed its airspace to Yemeni airlines.", "191", "OMNGOV", "YEMBUS"),
        ("Nepal banned Indian aircraft from flying over its territory.", "163", "NPLGOV", "IND"),
        # a leading "according to X," attributes only itself
        ("According to Syrian officials, Turkey threatened to attack Kurdish fighters.", "1384", "TURGOV", "REBKUR"),
        # a reciprocal verb with a compound subject: each party acts on the other
        ("Albanian and Serbian police clashed near the border.", "190", "ALBCOP", "SRBCOP"),
        ("Albanian and Serbian police clashed near the border.", "190", "SRBCOP", "ALBCOP"),
        # a gerund after a preposition takes the main clause's subject
        ("Tanzania joined Kenya in blacklisting a Somali businessman.", "163", "TZAGOV", "SOMBUS"),
        # "after X accused": a conjunction, not a preposition, so X is the subject
        ("Kuwait expelled an Iraqi diplomat after Baghdad accused it of spying.", "1125", "IRQGOV", ""),
        # the portfolio of an office sits between a country and its agent
        ("Kenya's health ministry criticized Uganda.", "111", "KENGOV", "UGA"),
        # country-less victims of force belong to the place named
        ("Israeli troops killed four civilians in Lebanon.", "1823", "ISRMIL", "LBNCVL"),
    ],
)
def test_events_priority_rules(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _pairs(sentence, codebook), _pairs(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "absent_code"),
    [
        # what is demanded, rejected, alleged or threatened is not itself an event
        ("Egypt demanded that Ethiopia release the detained fishermen.", "0841"),
        ("Peru rejected a Chilean offer of talks.", "030"),
        ("Bolivia accused Paraguay of attacking its border posts.", "190"),
        ("Iran urged Iraq to condemn Israel.", "111"),
        ("Syria threatened on Monday to attack Jordan.", "190"),
        # an attack by "any" actor is generic, not an event
        ("Iran vowed to respond to any Israeli attack.", "190"),
    ],
)
def test_events_content_is_not_an_event(codebook: Any, sentence: str, absent_code: str) -> None:
    events = _events(sentence, codebook)
    assert not [e for e in events if e[0] == absent_code and not e[3] and e[4] in ("asserted", "reported")], events
