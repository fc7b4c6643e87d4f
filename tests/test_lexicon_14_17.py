"""The lexicon of CAMEO roots 14-17 (protest, force posture, reduced relations, coercion) on the real codebook.

Each row is a sentence written for this test (invented events between real countries), the CAMEO code it must
yield and, where the slot rules matter, the source and target codes. Distractors use the broad triggers of these
roots in ordinary, non-political senses and must yield no event of roots 14-17."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2020, 1, 1)


def _events(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return {
        (row["cameo_code"], row["source_code"] or "", row["target_code"] or "") for row in rows if not row["negated"]
    }


def _codes(text: str, codebook: Any) -> set[str]:
    return {code for code, _, _ in _events(text, codebook)}


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        # 14 protest
        ("The Ukrainian activist set himself on fire outside the Russian embassy.", "140"),
        ("Opposition supporters marched on parliament in Harare.", "141"),
        ("Students staged a sit-in outside the Chilean education ministry.", "141"),
        ("Egyptian protesters took to the streets of Cairo.", "141"),
        ("Protesters in Lebanon gathered outside the central bank.", "141"),
        ("Nigerian doctors struck over pay.", "143"),
        ("Unions in France called a general strike.", "143"),
        ("Protesters occupied the parliament building in Colombo.", "144"),
        ("Protesters clashed with police in Caracas.", "145"),
        ("Rioters in Chile torched buses.", "145"),
        # 14x1-14x4: what the protest is for
        ("Nigerian teachers went on strike over unpaid salaries.", "1432"),
        ("Farmers in India blocked highways to protest the new farm laws.", "1442"),
        ("Several Tunisian activists went on hunger strike to demand equal rights.", "1423"),
        ("Opposition supporters in Algeria staged a rally for free elections.", "1414"),
        # 15 exhibit force posture
        ("North Korea staged military exercises near the border.", "150"),
        ("Russian warplanes violated Estonian airspace.", "150"),
        ("Pakistan placed its police on high alert ahead of the vote.", "151"),
        ("Iran put its armed forces on high alert.", "152"),
        ("Kenya deployed riot police in Nairobi.", "153"),
        ("Armenia called up reservists.", "154"),
        ("Serbia mobilized its army.", "154"),
        # 16 reduce relations
        ("Germany cancelled a planned visit to China.", "160"),
        ("Britain advised against all travel to Lebanon.", "160"),
        ("Algeria severed diplomatic relations with Morocco.", "161"),
        ("Niger expelled the French ambassador.", "161"),
        ("Germany halted development aid to Niger.", "1621"),
        ("The United States suspended military aid to Egypt.", "1622"),
        ("The World Food Programme suspended food distribution in Yemen.", "1623"),
        ("China banned imports of Japanese seafood.", "163"),
        ("The United States blacklisted three Chinese companies.", "163"),
        ("The Palestinian Authority broke off talks with Israel.", "164"),
        ("Qatar suspended its mediation between Israel and Hamas.", "165"),
        ("Moldova expelled a Russian diplomat.", "166"),
        ("Mali ordered the UN peacekeepers to leave.", "1661"),
        ("Iran withdrew its inspectors from the site.", "1662"),
        ("Sudan expelled aid agencies from Darfur.", "1663"),
        # 17 coerce
        ("The Egyptian authorities cut off electricity to the rebel district.", "170"),
        ("Venezuela seized a Greek oil tanker.", "1711"),
        ("Israeli forces demolished Palestinian homes in the West Bank.", "1712"),
        ("The Chinese authorities stripped the activist of his citizenship.", "172"),
        ("The Ethiopian government shut down the internet in Tigray.", "1721"),
        ("Hungary banned Pride marches.", "1721"),
        ("The Russian court banned the opposition party.", "1722"),
        ("The Iranian authorities imposed a curfew in Zahedan.", "1723"),
        ("The Ecuadorian president declared a state of emergency.", "1724"),
        ("A Moscow court sentenced the journalist to six years in prison.", "173"),
        ("Thailand deported the Uyghur refugees to China.", "174"),
        ("Police fired tear gas at protesters in Nairobi.", "175"),
        ("Belarusian police dispersed the demonstrators in Minsk.", "175"),
        ("Syrian troops shot dead five protesters in Deraa.", "175"),
        ("The United States raised tariffs on Chinese steel.", "163"),
        ("Russia cut its diplomatic staff in Poland.", "161"),
        ("The United States deployed an aircraft carrier to the eastern Mediterranean.", "154"),
        ("The Chinese navy held drills around Taiwan.", "150"),
        ("Burundi expelled the UN human rights team.", "166"),
        ("Police raided the offices of the Turkish newspaper.", "1721"),
        ("Russia designated the Georgian NGO a foreign agent.", "172"),
        ("Uganda's army put the opposition leader under house arrest.", "173"),
        ("A curfew was imposed in Leh by the Indian authorities.", "1723"),
        ("Hungary's withdrawal from the International Criminal Court was announced on Thursday.", "160"),
        ("Ukraine announced a general mobilisation.", "154"),
        ("Thousands of Serbs joined the protests in Belgrade.", "141"),
        ("North Korea test-fired two ballistic missiles on Tuesday.", "150"),
        ("Ecuador withdrew recognition of the Venezuelan government.", "161"),
        ("The Russian court handed the Ukrainian activist a prison sentence.", "173"),
    ],
)
def test_lexicon_14_17_codes(codebook: Any, sentence: str, code: str) -> None:
    assert code in _codes(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        ("Russia massed troops on the Ukrainian border.", "154", "RUSGOV", "UKR"),
        ("France recalled its ambassador from Australia.", "161", "FRAGOV", "AUS"),
        ("The European Union imposed new sanctions on Belarus.", "163", "IGOEUR", "BLR"),
        ("Japan froze the assets of Russian officials.", "163", "JPNGOV", "RUSGOV"),
        ("Turkey suspended flights to Iraq.", "163", "TURGOV", "IRQ"),
        ("Canada banned Russian aircraft from its airspace.", "191", "CANGOV", "RUS"),
        ("Police arrested the opposition leader in Kampala.", "173", "UGACOP", "UGAOPP"),
        ("Belarusian police dispersed the demonstrators in Minsk.", "175", "BLRCOP", "BLROPP"),
        # passives with a by-agent and event nouns with their owner
        ("Sanctions were imposed on Iran by the European Union.", "163", "IGOEUR", "IRN"),
        ("Two Russian diplomats were expelled by Norway.", "166", "NORGOV", "RUSGOV"),
        ("The Czech Republic ordered the expulsion of 20 Russian diplomats.", "166", "CZEGOV", "RUSGOV"),
        ("Germany's suspension of aid to Niger took effect on Monday.", "162", "DEUGOV", "NER"),
        ("Kenyan police teargassed protesters in Nairobi.", "175", "KENCOP", "KENOPP"),
    ],
)
def test_lexicon_14_17_slots(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _events(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        # a purpose infinitive or "in protest" gives the motive of the strike, not a second event
        ("Several Tunisian activists went on hunger strike to protest their detention.", "141"),
        # used tear gas to disperse: one repression event, coded by the dispersing verb
        ("Liberian riot police used tear gas to disperse demonstrators in Monrovia.", "175"),
    ],
)
def test_lexicon_14_17_one_event_per_act(codebook: Any, sentence: str, code: str) -> None:
    rows = code_text(sentence, codebook, date=DATE).rows
    assert [row["cameo_code"] for row in rows].count(code) <= 1


def test_lexicon_14_17_banned_demonstrations_are_not_held(codebook: Any) -> None:
    # banning demonstrations restricts freedoms (1721); the banned demonstrations did not take place
    codes = _codes("The Algerian government banned all demonstrations in the capital.", codebook)
    assert "1721" in codes and "141" not in codes


@pytest.mark.parametrize(
    "sentence",
    [
        "Stocks rallied in Tokyo after the announcement.",
        "Kenya's economy grew by five percent in March.",
        "The Indian company demonstrated its new software in Delhi.",
        "The Brazilian team marched into the final.",
        "Lightning struck a house in Texas.",
        "The French union struck a deal with the employers.",
        "The Chinese bank froze interest rates.",
        "The German carmaker halted production at its plant.",
        "Flights from Dubai to London take about seven hours.",
        "The Canadian airline resumed flights to Beirut.",
        "The Turkish government increased military spending.",
        "The Russian team held training exercises in Sochi.",
        "Indian officials gathered information about the flood.",
        "The Mexican government deployed doctors to the flooded region.",
        "A strong earthquake in Peru damaged hundreds of buildings.",
        "The Chilean government declared a state of emergency after the wildfires.",
        "The British prime minister sent the troops home from Iraq.",
        "The Spanish club sold its striker to Liverpool.",
        # a strike or protest called off, ended or cancelled did not take place (that is 082, easing dissent)
        "The Nigerian unions called off the general strike.",
        "The jailed Egyptian activist ended his hunger strike.",
        "The Kenyan opposition cancelled the planned protests.",
    ],
)
def test_lexicon_14_17_distractors_yield_nothing(codebook: Any, sentence: str) -> None:
    assert not {code for code in _codes(sentence, codebook) if code[:2] in ("14", "15", "16", "17")}


def test_lexicon_14_17_every_code_has_patterns_or_a_reason(codebook: Any) -> None:
    coded = {pattern.code for pattern in codebook.patterns}
    missing = [
        code
        for code, entry in codebook.event_codes.items()
        if code[:2] in ("14", "15", "16", "17") and code not in coded and not entry.not_codable
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # Stones, rocks and bottles thrown with firebombs: a riot (145), not a bombing (183).
        ("Protesters threw rocks and molotov cocktails at Sylvanian police in the capital.", "145", "", "SYLCOP"),
        # Seizing a vessel is a seizure of property (1711), not an occupation (192).
        ("Freedonian coast guard vessels seized two Sylvanian fishing boats in disputed waters.", "1711", "FRD", "SYL"),
        ("Sylvanian commandos seized a Freedonian cargo ship off the coast.", "1711", "SYL", "FRD"),
        # A cut in aid named after a sum and adjectives (162x).
        ("Freedonia halted $300 million of its planned development aid to Sylvania.", "1621", "FRD", "SYL"),
        ("Sylvania suspended tens of millions in promised military assistance to Freedonia.", "1622", "SYL", "FRD"),
    ],
)
def test_lexicon_14_17_fictional_countries(fictional: Any, sentence: str, code: str, source: str, target: str) -> None:
    events = _events(sentence, fictional)
    assert any(c == code and s.startswith(source) and t.startswith(target) for c, s, t in events), events


def test_lexicon_14_17_seizing_a_town_is_still_an_occupation(fictional: Any) -> None:
    codes = _codes("Sylvanian troops seized the town of Arkham from Freedonian forces.", fictional)
    assert "192" in codes and "1711" not in codes
