"""The lexicon of CAMEO roots 01-04 (statements, appeals, intentions, consultations) on the real codebook.

Every sentence is written for this test, one or more per code family: (sentence, code, source, target), with
"" for a slot that must be empty. The distractors are ordinary uses of the broad triggers that must give no
event of roots 01-04.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2020, 1, 1)


def _events(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return {(row["cameo_code"], row["source_code"] or "", row["target_code"] or "") for row in rows}


STATEMENTS = [
    ("Kenya issued a statement on the border dispute.", "010", "KENGOV", ""),
    ("Brazil reiterated that its position on the dispute had not changed.", "010", "BRAGOV", ""),
    ("The Egyptian foreign ministry declined to comment on the report.", "011", "EGYGOV", ""),
    ("Turkey remained silent on the matter.", "011", "TURGOV", ""),
    ("Japan expressed deep concern over the situation in Myanmar.", "012", "JPNGOV", ""),
    ("Germany voiced concern about the rising tension.", "012", "DEUGOV", ""),
    ("Norway is deeply concerned about the humanitarian situation in Yemen.", "012", "NORGOV", ""),
    ("The United Nations warned of a humanitarian catastrophe in Sudan.", "012", "IGOUNO", ""),
    ("Chile expressed optimism about the talks with Peru.", "013", "CHLGOV", ""),
    ("Indonesia remained optimistic about relations with Malaysia.", "013", "IDNGOV", "MYS"),
    ("Canada is considering sanctions against Venezuela.", "014", "CANGOV", "VEN"),
    ("The Australian government is weighing its options.", "014", "AUSGOV", ""),
    ("Japan is considering sending aid to North Korea.", "014", "JPNGOV", "PRK"),
    ("Israel admitted responsibility for the strike.", "015", "ISRGOV", ""),
    ("Russia denied any involvement in the attack.", "016", "RUSGOV", ""),
    ("Iran denied the allegations by Israel.", "016", "IRNGOV", "ISR"),
    ("Pakistan refuted the accusations as baseless.", "016", "PAKGOV", ""),
    ("The French president laid a wreath at the memorial in Algiers.", "017", "FRAGOV", ""),
    ("Poland declared a day of mourning.", "017", "POLGOV", ""),
    ("Egypt offered condolences to Jordan.", "018", "EGYGOV", "JOR"),
    ("India expressed its deepest sympathy to Nepal.", "018", "INDGOV", "NPL"),
    # parties that agree express accord with each other (`parties_that_agree_act_on_each_other`)
    ("Japan and South Korea agreed on the need for closer coordination.", "019", "JPNGOV", "KORGOV"),
    ("France shared the view of Germany on the issue.", "019", "FRAGOV", "DEU"),
]

APPEALS = [
    ("Ghana urged Togo to respect the agreement.", "020", "GHAGOV", "TGO"),
    ("Vietnam urged Japan to increase investment.", "0211", "VNMGOV", "JPN"),
    ("Georgia asked NATO for closer military cooperation.", "0212", "GEOGOV", "IGONAT"),
    ("Spain requested the extradition of the suspect from Morocco.", "0213", "ESPGOV", "MAR"),
    ("Interpol asked Brazil for information on the suspects.", "0214", "IGOITP", "BRA"),
    ("Armenia sought diplomatic support from France.", "022", "ARMGOV", "FRA"),
    ("Sweden has applied to join NATO.", "022", "SWEGOV", "IGONAT"),
    ("Haiti appealed for international aid.", "023", "HTIGOV", ""),
    ("Greece asked the European Union for a loan.", "0231", "GRCGOV", "IGOEUR"),
    ("Ukraine asked Germany for more weapons.", "0232", "UKRGOV", "DEU"),
    ("Ukraine appealed to its allies for more air defence systems.", "0232", "UKRGOV", ""),
    ("Somalia appealed for food and medicine.", "0233", "SOMGOV", ""),
    ("Mali asked the United Nations for peacekeepers.", "0234", "MLIGOV", "IGOUNO"),
    ("The European Union urged Belarus to carry out political reforms.", "024", "IGOEUR", "BLR"),
    ("The opposition called for early elections in Serbia.", "0241", "SRBOPP", ""),
    ("The African Union urged the junta to hand over power to civilians.", "0241", "IGOAFU", "GOV"),
    ("Mexico urged the United States to change its policy on migration.", "0242", "MEXGOV", "USA"),
    ("Sweden urged China to respect human rights.", "0243", "SWEGOV", "CHN"),
    ("The African Union urged Sudan to restore civilian rule.", "0244", "IGOAFU", "SDN"),
    ("Britain urged Argentina to make concessions.", "025", "GBRGOV", "ARG"),
    ("Lebanon urged Syria to ease restrictions on trade.", "0251", "LBNGOV", "SYR"),
    ("Tunisia urged the Libyan authorities to release the detained fishermen.", "0253", "TUNGOV", "LBYGOV"),
    ("Cuba urged the United States to lift the embargo.", "0254", "CUBGOV", "USA"),
    ("The IAEA urged Iran to allow inspectors into the site.", "0255", "IGOIAE", "IRN"),
    ("The United Nations urged Ethiopia and Eritrea to exercise restraint.", "0256", "IGOUNO", "ERI"),
    ("France called for a ceasefire in Lebanon.", "0256", "FRAGOV", ""),
    ("The Arab League called for an immediate halt to the fighting in Sudan.", "0256", "IGOARL", ""),
    ("Germany urged Russia and Ukraine to hold talks.", "026", "DEUGOV", "UKR"),
    ("Turkey invited Armenia to a meeting.", "026", "TURGOV", "ARM"),
    ("Norway urged Sri Lanka to seek a peaceful solution.", "027", "NORGOV", "LKA"),
    ("Sudan asked Qatar to mediate.", "028", "SDNGOV", "QAT"),
]

INTENTIONS = [
    ("Norway pledged to cooperate with Sweden.", "030", "NORGOV", "SWE"),
    ("Colombia offered assurances to Ecuador.", "030", "COLGOV", "ECU"),
    ("China pledged to boost investment in Kenya.", "0311", "CHNGOV", ""),
    ("India and France agreed to hold joint military exercises.", "0312", "FRAGOV", "INDGOV"),
    ("Belgium agreed to extradite the suspect to France.", "0313", "BELGOV", "FRA"),
    ("Bahrain pledged its support for Saudi Arabia.", "032", "BHRGOV", "SAU"),
    ("Japan pledged aid to the Philippines.", "033", "JPNGOV", "PHL"),
    ("Qatar pledged $50 million to Gaza.", "0331", "QATGOV", "PSE"),
    ("Britain promised military aid to Ukraine.", "0332", "GBRGOV", "UKR"),
    ("Turkey offered humanitarian assistance to Syria.", "0333", "TURGOV", "SYR"),
    ("Rwanda offered peacekeepers to the African Union.", "0334", "RWAGOV", "IGOAFU"),
    ("The Guinean junta promised to hold elections.", "0341", "GINGOV", ""),
    ("Myanmar pledged to respect human rights.", "0343", "MMRGOV", ""),
    ("Thailand promised a new constitution.", "0344", "THAGOV", ""),
    ("Serbia offered concessions to Kosovo.", "035", "SRBGOV", "XKX"),
    ("Russia offered a ceasefire to Ukraine.", "0356", "RUSGOV", "UKR"),
    ("Kim Jong Un agreed to meet Trump.", "036", "PRKGOV", "USAGOV"),
    ("Ethiopia offered an olive branch to Eritrea.", "037", "ETHGOV", "ERI"),
    ("Vietnam and China vowed to settle their maritime disputes peacefully.", "037", "VNMGOV", ""),
    ("Sudan accepted mediation by the African Union.", "038", "SDNGOV", "IGOAFU"),
    ("Qatar offered to mediate between Hamas and Israel.", "039", "QATGOV", "ISR"),
    ("The Vatican has offered to act as a mediator in the conflict.", "039", "VATGOV", ""),
    ("The US secretary of state is due to arrive in Cairo on Wednesday.", "036", "USAGOV", "EGY"),
]

CONSULTATIONS = [
    ("The Chinese foreign minister met his Indian counterpart.", "040", "CHNGOV", "IND"),
    ("Egypt consulted with Jordan on the crisis.", "040", "EGYGOV", "JOR"),
    ("Brazil discussed the issue with Argentina.", "040", "BRAGOV", "ARG"),
    ("Putin spoke by phone with Erdogan.", "041", "RUSGOV", "TURGOV"),
    ("Macron held a phone call with Zelensky.", "041", "FRAGOV", "UKRGOV"),
    ("Macron discussed the war with Zelensky by phone.", "041", "FRAGOV", "UKRGOV"),
    ("The Indian prime minister visited Japan.", "042", "INDGOV", "JPN"),
    ("Erdogan paid a visit to Qatar.", "042", "TURGOV", "QAT"),
    ("The Iranian foreign minister is on a three-day visit to Iraq.", "042", "IRNGOV", "IRQ"),
    ("The Kenyan president is expected to visit Uganda next week.", "036", "KENGOV", "UGA"),
    ("Egypt hosted the Sudanese president.", "043", "EGYGOV", "SDNGOV"),
    ("The Saudi king received the French foreign minister.", "043", "SAUGOV", "FRAGOV"),
    ("Leaders of Brazil and India attended the summit in Johannesburg.", "044", "BRAGOV", ""),
    ("Norway mediated between Colombia and the rebels.", "045", "NORGOV", "COL"),
    ("Egypt launched a mediation effort between Sudan and South Sudan.", "045", "EGYGOV", "SSD"),
    ("Israel negotiated with Hamas over the hostages.", "046", "ISRGOV", "PSEREB"),
    ("Greece and Turkey held negotiations on the dispute.", "046", "GRCGOV", "TURGOV"),
]


@pytest.mark.parametrize(("sentence", "code", "source", "target"), STATEMENTS)
def test_lexicon_01_04_statements(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _events(sentence, codebook)


@pytest.mark.parametrize(("sentence", "code", "source", "target"), APPEALS)
def test_lexicon_01_04_appeals(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _events(sentence, codebook)


@pytest.mark.parametrize(("sentence", "code", "source", "target"), INTENTIONS)
def test_lexicon_01_04_intentions(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _events(sentence, codebook)


@pytest.mark.parametrize(("sentence", "code", "source", "target"), CONSULTATIONS)
def test_lexicon_01_04_consultations(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _events(sentence, codebook)


@pytest.mark.parametrize(
    "sentence",
    [
        # a bare verb of saying is not a statement event
        "Egypt said the weather would improve next week.",
        # a statement that introduces its content is an attribution, not a second event
        "Kenya issued a statement saying the weather would improve.",
        # meeting a target, a deadline or demands is not a consultation
        "France met its emissions target last year.",
        "Japan met the deadline for the filing.",
        # troops arriving are not a visit, nor are soldiers sent to help
        "Russian troops arrived in the town.",
        "Troops and aircraft from the United States arrived in Nepal to help the flood victims.",
        # going to the polls or to war is not a visit
        "Spain will go to the polls in July.",
        # claiming that something happened is not claiming responsibility for it
        "Iran claimed that the attack had failed.",
        # vowing revenge is a threat, not an offer
        "Hamas vowed revenge against Israel.",
        # receiving a letter or an award is not hosting a visit
        "Ghana received a letter from the president of Togo.",
    ],
)
def test_lexicon_01_04_distractors_give_no_01_04_event(codebook: Any, sentence: str) -> None:
    assert not {code for code, _, _ in _events(sentence, codebook) if code[:2] in ("01", "02", "03", "04")}


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        # a statement that another actor must act stays a demand
        ("Russia stressed that Sudan must return the helicopter.", "100"),
        # urging is an appeal (02), insisting a demand (10)
        ("Chile insisted that Peru withdraw its troops.", "106"),
    ],
)
def test_lexicon_01_04_boundaries(codebook: Any, sentence: str, code: str) -> None:
    codes = {code for code, _, _ in _events(sentence, codebook)}
    assert code in codes and not {c for c in codes if c[:2] in ("01", "02")}


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        # A time phrase between "warned" and "that", and a bleak forecast: a pessimistic comment (012).
        ("The Freedonian finance minister warned on Tuesday that the outlook for the economy was grim.", "012"),
        ("Sylvania's health minister cautioned last week that shortages of medicine could worsen.", "012"),
        # A warning that names a threatened act stays a threat.
        ("Freedonia warned on Tuesday that it would strike Sylvanian bases if the shelling continued.", "138"),
    ],
)
def test_lexicon_01_04_warnings_after_a_time_phrase(fictional: Any, sentence: str, code: str) -> None:
    codes = {c for c, _, _ in _events(sentence, fictional)}
    assert code in codes and not (code != "012" and "012" in codes), codes
