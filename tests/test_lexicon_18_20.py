"""The lexicon of roots 18-20 (assault, fight, mass violence) on the real codebook: one invented sentence or more
per code family, each with the CAMEO code and, where the rule is about slots, the source and target; then
ordinary non-political uses of the broad triggers, which must give no event of these roots."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2020, 1, 1)


def _rows(text: str, codebook: Any) -> list[dict[str, Any]]:
    return [row for row in code_text(text, codebook, date=DATE).rows if not row["negated"]]


def _triples(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    return {(row["cameo_code"], row["source_code"] or "", row["target_code"] or "") for row in _rows(text, codebook)}


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # 180 unconventional violence against civilians ("gunmen" get their code from the actor rules)
        ("Gunmen attacked a school in northern Nigeria.", "180", "", ""),
        # 181 abduction, hijacking, hostages
        ("Rebels kidnapped two Chinese engineers in northern Nigeria.", "181", "NGAREB", "CHN"),
        ("Pirates hijacked a Greek tanker off Somalia.", "181", "", ""),
        # 182 physical assault; 1821 sexual violence; 1822 torture; 1823 killing
        ("Israeli soldiers beat Palestinian detainees.", "182", "ISRMIL", "PSECVL"),
        ("Government soldiers raped women in a village in eastern Congo.", "1821", "", ""),
        ("Police tortured the detainees in Egypt.", "1822", "", ""),
        ("Gunmen shot dead the mayor of a town in Mexico.", "1823", "", "MEXGOV"),
        # 183x bombings by their means
        ("Militants detonated a car bomb outside the Iraqi interior ministry.", "1832", "", "IRQGOV"),
        ("A suicide bomber blew himself up at a checkpoint manned by Afghan police.", "1831", "", ""),
        ("Insurgents planted a roadside bomb near a Malian army base.", "1833", "", ""),
        # 184 human shields; 185 attempted and 186 accomplished assassination
        ("The rebels used villagers as human shields against Ethiopian troops.", "184", "", ""),
        ("Gunmen tried to assassinate the governor of Kandahar.", "185", "", "AFGGOV"),
        ("Militants assassinated a Pakistani judge.", "186", "", "PAKJUD"),
        # 190 conventional force; 191 siege; 192 territory; 193 small arms; 194 artillery; 195 aerial; 196 truce
        ("Syrian rebels ambushed a government convoy.", "190", "SYRREB", ""),
        ("Iraqi troops defeated Islamic State fighters in Mosul.", "190", "IRQMIL", ""),
        ("Serbian forces besieged Sarajevo for months.", "191", "SRBMIL", ""),
        ("Nigerian troops recaptured the town of Baga from Boko Haram.", "192", "NGAMIL", ""),
        ("Indian and Pakistani troops exchanged fire across the border.", "193", "INDMIL", "PAKMIL"),
        ("Turkish artillery shelled Kurdish positions in Syria.", "194", "", "SYR"),
        ("Yemeni rebels fired a ballistic missile at Saudi Arabia.", "194", "YEMREB", "SAU"),
        ("Mortar shells fired by Syrian rebels hit a school in Aleppo.", "194", "SYRREB", ""),
        ("Russian warplanes bombed a market in Idlib.", "195", "RUSMIL", "SYR"),
        ("Israeli drones struck a car in Lebanon.", "195", "ISRMIL", "LBN"),
        ("Azerbaijani forces violated the ceasefire with Armenia.", "196", "AZEMIL", "ARM"),
        # 200 mass violence; 201 expulsion; 202 mass killing; 203 ethnic cleansing; 204x weapons of mass destruction
        ("Ethiopian troops razed villages in Tigray.", "200", "ETHMIL", ""),
        ("Myanmar's army drove out thousands of Rohingya villagers.", "201", "MMRMIL", ""),
        ("Sudanese militias massacred hundreds of villagers in Darfur.", "202", "", ""),
        ("Serbian forces carried out ethnic cleansing in Kosovo.", "203", "SRBMIL", ""),
        ("Syrian government forces used chlorine gas against rebels in Douma.", "2041", "SYRMIL", "SYRREB"),
        # seized weapons (1711) and a new base (150), the strategic developments ACLED records
        ("Somali police seized weapons and ammunition from al-Shabaab militants.", "1711", "SOMCOP", ""),
        ("Turkish troops set up a new military base in northern Iraq.", "150", "TURMIL", "IRQ"),
    ],
)
def test_lexicon_18_20_codes(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    rows = _rows(sentence, codebook)
    assert code in {row["cameo_code"] for row in rows}, rows
    if source or target:
        found = _triples(sentence, codebook)
        assert any(c == code and (not source or s == source) and (not target or t == target) for c, s, t in found), (
            found
        )


@pytest.mark.parametrize(
    "sentence",
    [
        "The senator attacked the government's budget plan.",
        "The company executed the trade on Friday.",
        "The French team beat Germany in the final.",
        "The cook killed time before dinner.",
        "Japan fought the pandemic with new measures.",
        "A gas explosion at a factory in China killed five workers.",
        "Workers began a strike at the port of Antwerp.",
        "The bank took over the German insurer in March.",
        "The German insurer took control of the Dutch bank in March.",
        "Hackers shot down the website of the French ministry.",
        "Italy marked the anniversary of the massacre with a memorial.",
        "The opposition party beat the ruling party in the vote in Kenya.",
        "Mexico's president attacked the remarks of the US ambassador.",
        "Germany sent doctors to Ghana to fight the Ebola epidemic.",
        "Saudi Arabia lifted its blockade of Qatar.",
        "Italian fans brawled with Spanish fans in Milan.",
        "The Kenyan opposition leader lashed out at the president over the budget.",
    ],
)
def test_lexicon_18_20_distractors_give_no_violence(codebook: Any, sentence: str) -> None:
    codes = {row["cameo_code"] for row in _rows(sentence, codebook)}
    assert not {code for code in codes if code[:2] in ("18", "19", "20")}, codes


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # "V the victims to death": a killing (1823), whatever stands between; hacking people is not a cyberattack.
        ("Gunmen stabbed three Sylvanian farmers to death near the border.", "1823", "", "SYL"),
        ("Sylvanian soldiers beat a Freedonian trader to death at a checkpoint.", "1823", "SYL", "FRD"),
        ("Sylvanian militiamen hacked five Freedonian herders to death with machetes.", "1823", "SYL", "FRD"),
        # A population driven out, the crowd between verb and particle (201).
        (
            "Sylvanian troops drove tens of thousands of Freedonian villagers out of the border region.",
            "201",
            "SYL",
            "FRD",
        ),
        # An attempted killing is an assassination attempt (185), not a killing.
        (
            "A Freedonian gunman attempted to kill the Sylvanian defence minister outside parliament.",
            "185",
            "FRD",
            "SYL",
        ),
    ],
)
def test_lexicon_18_20_fictional_countries(fictional: Any, sentence: str, code: str, source: str, target: str) -> None:
    triples = _triples(sentence, fictional)
    assert any(c == code and s.startswith(source) and t.startswith(target) for c, s, t in triples), triples


@pytest.mark.parametrize(
    "sentence",
    [
        "Sylvanian police drove the protesters out of the square.",
        "Freedonia drove thousands of cars out of the factory last year.",
    ],
)
def test_lexicon_18_20_driving_out_few_or_things_is_no_expulsion(fictional: Any, sentence: str) -> None:
    assert "201" not in {row["cameo_code"] for row in _rows(sentence, fictional)}


def test_lexicon_18_20_an_attempt_is_not_a_killing(fictional: Any) -> None:
    rows = _rows("A Freedonian gunman tried to kill the Sylvanian president.", fictional)
    codes = {row["cameo_code"] for row in rows}
    assert "185" in codes and "1823" not in codes, codes
