"""The lexicon of CAMEO roots 10-13 (demands, disapproval, rejections, threats) on sentences written for it:
each sub-code family is reached by its verbs and the class of thing demanded, alleged, refused or threatened,
and ordinary uses of the broad triggers give no event of these roots. Rows are (sentence, code, source,
target): source and target are the country part of the actor codes (how a sector or group is coded is the
actor dictionary's business, not this lexicon's); empty means not checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2024, 5, 1)


def _events(text: str, codebook: Any) -> list[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return [(row["cameo_code"], row["source_code"] or "", row["target_code"] or "") for row in rows]


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        ("Chile demanded an inquiry into the killing of its citizens.", "101", "CHL", "CHL"),
        ("Chile demanded to know why Peru had closed the border.", "101", "CHL", "PER"),
        ("Ghana demanded the extradition of the former minister from Togo.", "1013", "GHA", "TGO"),
        ("Kenya insisted that Uganda hand over the intelligence files on the bombing.", "1014", "KEN", "UGA"),
        ("Norway demanded that Sweden back its resolution at the council.", "102", "NOR", "SWE"),
        ("Haiti demanded more aid from the United States.", "103", "HTI", "USA"),
        ("Iraq demanded compensation from Kuwait for the damage.", "1031", "IRQ", "KWT"),
        ("Ukraine pressed Germany for more weapons and ammunition.", "100", "UKR", "DEU"),
        ("The Malian government demanded humanitarian aid from France.", "1033", "MLI", "FRA"),
        ("Farmers demanded that the French government repeal the fuel tax.", "1042", "FRA", "FRA"),
        ("Sudanese rebels demanded African Union mediation.", "105", "SDN", ""),
        ("The opposition demanded the lifting of the state of emergency in Ethiopia.", "1051", "ETH", ""),
        ("The Bolivian army demanded that protesters leave the square.", "1052", "BOL", "BOL"),
        ("Spain demanded the release of its citizens held by Morocco.", "1053", "ESP", ""),
        ("Iran demanded the return of the seized tanker from Britain.", "1053", "IRN", "GBR"),
        ("Russia demanded the lifting of sanctions imposed by the European Union.", "1054", "RUS", ""),
        ("The UN demanded access for its inspectors to Syrian sites.", "1055", "", ""),
        ("The Security Council demanded an end to the air strikes on Gaza.", "1056", "", "PSE"),
        ("Iraq demanded that American troops withdraw from its territory.", "106", "IRQ", "USA"),
        ("Strikers demanded face-to-face talks with the Greek minister.", "108", "", "GRC"),
        ("Washington wants Tehran to halt uranium enrichment.", "100", "USA", "IRN"),
        ("Brazil ordered the Chilean company to stop drilling.", "100", "BRA", "CHL"),
        ("Egypt told Israel it must open the crossing.", "100", "EGY", "ISR"),
        ("Norway opposed the Swedish plan to close the border.", "110", "NOR", "SWE"),
        ("Ghana is opposed to the Nigerian plan.", "110", "GHA", "NGA"),
        ("Vietnam disputed the Chinese claim to the islands.", "110", "VNM", "CHN"),
        ("Kenya expressed disappointment over the Ugandan decision.", "110", "KEN", ""),
        ("Austria regretted the Hungarian decision to close the border.", "110", "AUT", "HUN"),
        ("Ghana condemned the Nigerian decision.", "111", "GHA", "NGA"),
        ("Poland lashed out at Germany over the pipeline.", "111", "POL", "DEU"),
        ("The Swedish minister described the Russian move as a provocation.", "111", "SWE", "RUS"),
        ("The Turkish foreign ministry protested the Greek decision to build the wall.", "111", "TUR", "GRC"),
        ("Iran accused Israel of espionage.", "1125", "IRN", "ISR"),
        ("Ukraine accused Russia of war crimes.", "1124", "UKR", "RUS"),
        ("Armenia accused Azerbaijan of aggression.", "1123", "ARM", "AZE"),
        ("The Kenyan police accused the opposition leader of corruption.", "1121", "KEN", "KEN"),
        ("Human Rights Watch accused the Egyptian police of torture.", "1122", "", "EGY"),
        ("Pakistan said India was behind the bombing in Quetta.", "112", "PAK", "IND"),
        ("Iran held Israel responsible for the attack on its consulate.", "112", "IRN", "ISR"),
        ("The Polish prime minister took aim at Germany over the pipeline.", "111", "POL", "DEU"),
        ("Serbia lobbied its neighbours to isolate Kosovo.", "113", "SRB", ""),
        ("Opposition lawmakers in Peru filed a no-confidence motion against the government.", "113", "PER", "PER"),
        ("Ecuador filed a complaint with the United Nations against Colombia.", "114", "ECU", ""),
        ("Algeria summoned the French ambassador over the remarks.", "114", "DZA", "FRA"),
        ("Mexico sued American gun manufacturers.", "115", "MEX", "USA"),
        ("A Russian court convicted the American journalist of espionage.", "116", "RUS", "USA"),
        ("A court in Iran found the French tourist guilty of spying.", "116", "IRN", "FRA"),
        ("Venezuela rejected the Colombian proposal.", "120", "VEN", "COL"),
        ("Russia obstructed the UN investigation into the crash.", "120", "RUS", ""),
        ("Brazil refused to join the Argentine project.", "121", "BRA", "ARG"),
        ("Poland rejected the Russian trade deal.", "1211", "POL", "RUS"),
        ("Turkey refused to let American jets use its bases.", "1212", "TUR", "USA"),
        ("The IMF turned down the Argentine loan request.", "1221", "", "ARG"),
        ("Germany refused to send tanks to Ukraine.", "1222", "DEU", "UKR"),
        ("The Syrian government rejected demands for democratic reforms.", "123", "SYR", ""),
        ("Maduro refused to step down despite American pressure.", "1231", "VEN", ""),
        ("The ministry refused to drop the fuel tax demanded by Chile.", "1232", "", ""),
        ("China denied visas to American journalists.", "1233", "CHN", "USA"),
        ("Spain rejected Catalan calls for independence.", "1234", "ESP", ""),
        ("The Kenyan government refused to back down.", "124", "KEN", ""),
        ("The Egyptian governor refused to lift the curfew.", "1241", "EGY", ""),
        ("The kidnappers refused to free the Italian hostages.", "1243", "", "ITA"),
        ("The European Union refused to lift sanctions on Russia.", "1244", "", ""),
        ("Myanmar barred UN investigators from entering the country.", "1245", "MMR", ""),
        ("Russia refused to withdraw its troops from Georgia.", "1246", "RUS", "GEO"),
        ("Hamas rejected the Egyptian ceasefire proposal.", "127", "PSE", "EGY"),
        ("The rebels turned down the Sudanese offer of talks.", "125", "", "SDN"),
        ("Ethiopia refused the Kenyan offer to mediate.", "126", "ETH", "KEN"),
        ("Ukraine rejected the Russian peace plan.", "127", "UKR", "RUS"),
        ("North Korea defied the UN ban on missile tests.", "128", "PRK", ""),
        ("The Serbian party held the banned rally in defiance of the court order.", "128", "SRB", "SRB"),
        ("Russia vetoed the Security Council draft on Syria.", "129", "RUS", ""),
        ("Hungary blocked the European sanctions package against Russia.", "129", "HUN", "RUS"),
        ("Russia threatened Moldova.", "130", "RUS", "MDA"),
        ("Iran warned Israel of severe consequences.", "130", "IRN", "ISR"),
        ("China vowed retaliation against Lithuania.", "130", "CHN", "LTU"),
        ("The Turkish president said Greece would pay a heavy price.", "130", "TUR", "GRC"),
        ("Hungary threatened legal action against the European Commission.", "131", "HUN", ""),
        ("The United States threatened to cut aid to Egypt.", "1311", "USA", "EGY"),
        ("The European Union threatened new sanctions against Belarus.", "1312", "", "BLR"),
        ("Morocco threatened to recall its ambassador from Spain.", "1313", "MAR", "ESP"),
        ("The Indian regulator threatened to revoke the licences of Chinese firms.", "132", "IND", "CHN"),
        ("The Thai junta threatened to shut down opposition newspapers.", "1321", "THA", ""),
        ("The Turkish court warned it could dissolve the Kurdish party.", "1322", "TUR", "TUR"),
        ("Kenyan police threatened a curfew in Nairobi.", "1323", "KEN", ""),
        ("The Peruvian president threatened to declare a state of emergency.", "1324", "PER", ""),
        ("Unions in France threatened a general strike.", "133", "FRA", "FRA"),
        ("The rebels threatened to walk out of the peace talks with the Colombian government.", "134", "", "COL"),
        ("Qatar threatened to end its mediation between Israel and Hamas.", "135", "QAT", ""),
        ("Mali threatened to expel UN peacekeepers.", "136", "MLI", ""),
        ("The Iranian army warned it would crush the protests.", "137", "IRN", ""),
        ("North Korea threatened military action against South Korea.", "138", "PRK", "KOR"),
        ("China threatened a naval blockade of Taiwan.", "1381", "CHN", "TWN"),
        ("Russia threatened to annex eastern Ukraine.", "1382", "RUS", "UKR"),
        ("Al-Shabaab threatened suicide attacks on Nairobi.", "1383", "SOM", "KEN"),
        ("Israel threatened air strikes on Lebanon.", "1384", "ISR", "LBN"),
        ("Russia threatened a nuclear strike against Britain.", "1385", "RUS", "GBR"),
        ("Trump gave Maduro an ultimatum to leave Venezuela.", "139", "USA", "VEN"),
        ("Chile told Peru to withdraw its ships by Friday or face consequences.", "139", "CHL", "PER"),
        ("The unions threatened to strike if wages were not raised.", "133", "", ""),
        ("Beijing hit back at Washington's criticism of its human rights record.", "111", "CHN", ""),
        ("Egypt voiced strong opposition to the Ethiopian dam.", "110", "EGY", "ETH"),
        ("The European Commission took Hungary to court over its sovereignty law.", "115", "IGO", "HUN"),
        ("Turkey said it would not tolerate a terror corridor on its border.", "130", "TUR", ""),
        ("Russia denied the request of Red Cross officials to visit the prisoners.", "120", "RUS", ""),
        ("The African Union demanded the immediate restoration of constitutional order in Niger.", "1044", "IGO", ""),
        ("The Bolivian government refused to extradite the former president to Peru.", "121", "BOL", ""),
        ("Ukraine accused Russia of deporting children.", "1124", "UKR", "RUS"),
        ("Poland threatened to close its border with Belarus.", "131", "POL", "BLR"),
        ("Mali's junta threatened to withdraw from the regional bloc.", "131", "MLI", ""),
        ("The Houthis threatened to target American warships in the Red Sea.", "1384", "YEM", "USA"),
        ("Israel was accused by Turkey of committing genocide.", "1124", "TUR", "ISR"),
        ("Washington's threat of sanctions against Ankara angered Turkish officials.", "1312", "USA", "TUR"),
        ("Germany rejected Polish demands for war reparations.", "1221", "DEU", "POL"),
        ("The Iranian supreme leader vowed to wipe Israel off the map.", "138", "IRN", "ISR"),
        ("North Korea threatened to turn Seoul into a sea of fire.", "138", "PRK", "KOR"),
        ("Hezbollah chief warned that no place in Israel would be safe.", "130", "LBN", ""),
        ("Israel threatened to cut electricity to Gaza.", "131", "ISR", "PSE"),
        ("Armenia demanded international observers for the border.", "1055", "ARM", ""),
        ("The US threatened to withhold military aid from Israel.", "1311", "USA", "ISR"),
        ("Iran threatened to close the Strait of Hormuz.", "1381", "IRN", ""),
        ("The ICC prosecutor demanded the arrest of the Sudanese president.", "1013", "", "SDN"),
        ("Israel came under sharp criticism from France over the settlements.", "111", "FRA", "ISR"),
        ("Turkey declined an invitation to attend the summit in Paris.", "125", "TUR", ""),
        ("The Serbian president snubbed the EU summit.", "125", "SRB", ""),
        ("The Georgian government refused to sign the association agreement with the EU.", "127", "GEO", ""),
        ("The Greek Cypriot side rejected the UN reunification plan.", "127", "CYP", ""),
        ("The Chinese foreign ministry lodged solemn representations with Japan.", "114", "CHN", "JPN"),
        ("The Indian army ruled out a ceasefire with Pakistani forces.", "1246", "IND", "PAK"),
        ("The Chilean president rejected calls to resign.", "1231", "CHL", ""),
        ("Turkey vowed to crush Kurdish militants in Syria.", "138", "TUR", ""),
        ("Pakistan demands India hand over the suspects.", "1013", "PAK", "IND"),
        ("Moscow claimed that Kyiv had staged the attack.", "112", "RUS", "UKR"),
        ("Algeria charged that Morocco was spying on its officials.", "1125", "DZA", "MAR"),
        ("The Colombian president lamented the US decision to cut aid.", "110", "COL", "USA"),
    ],
)
def test_lexicon_10_13_codes_sentence(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    events = _events(sentence, codebook)
    assert any(c == code and s.startswith(source) and t.startswith(target) for c, s, t in events), events


@pytest.mark.parametrize(
    "sentence",
    [
        "Chinese demand for oil rose sharply last year.",
        "Strong consumer demand in Brazil lifted prices.",
        "Turkey pressed ahead with its plan.",
        "He expressed his conviction that peace was near.",
        "The children mocked the teacher.",
        "The president dismissed the defence minister on Monday.",
        "Climate change poses a serious threat to Bangladesh.",
        "Tourists were warned about the storm in Cuba.",
        "Japan broke the world record in the relay.",
        "The Brazilian striker defied the odds to score twice.",
        "Kenya warned of heavy rain in the coming days.",
        "Norway regretted nothing about its victory.",
        "The Egyptian team called the result a disaster for football.",
        "The Chilean president held talks with Peru.",
        "Rebels sabotaged the oil pipeline in Colombia.",
        "The Chilean team took the trophy back to Santiago.",
        "The Chilean government will turn the stadium into a hospital.",
        "Brazil vowed to eliminate poverty by 2030.",
        "Chinese police questioned the suspects for hours.",
        "The Peruvian navy pressed on with the rescue operation.",
        "Spain's king challenged the team to win the cup.",
        "Kenyan police issued a warning about pickpockets in Nairobi.",
        "Russian shelling reduced the Ukrainian town to rubble.",
        "The Mexican government told reporters the talks had gone well.",
        "Brazilian coffee growers said demand from China had doubled.",
    ],
)
def test_lexicon_10_13_ordinary_prose_gives_no_event_of_these_roots(codebook: Any, sentence: str) -> None:
    events = _events(sentence, codebook)
    assert not [event for event in events if event[0][:2] in ("10", "11", "12", "13")], events


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # A long name between "found" and "guilty" (titles, hyphenated names).
        (
            "A Sylvanian court on Tuesday found the former Freedonian defence minister Jean-Paul Marchetti guilty of "
            "espionage.",
            "116",
            "SYL",
            "FRD",
        ),
        # A ceasefire or truce plan, deal or offer is a plan to settle the dispute (127).
        ("The Sylvanian rebels rejected the truce deal offered by Freedonia.", "127", "SYL", "FRD"),
        # Nuclear sites and programmes are targets, not weapons: a threat to bomb them is no WMD threat (1385).
        ("Sylvania threatened to use nuclear weapons against Freedonia.", "1385", "SYL", "FRD"),
        # Rallying opposition (113) is not a demonstration (141).
        (
            "The Sylvanian opposition leader toured the provinces to rally opposition to the constitution.",
            "113",
            "SYL",
            "",
        ),
    ],
)
def test_lexicon_10_13_fictional_countries(fictional: Any, sentence: str, code: str, source: str, target: str) -> None:
    events = _events(sentence, fictional)
    assert any(c == code and s.startswith(source) and t.startswith(target) for c, s, t in events), events


@pytest.mark.parametrize(
    "sentence",
    [
        "Sylvania threatened to bomb Freedonia's nuclear sites if talks failed.",
        "A Sylvanian court found the Freedonian journalist not guilty of spying.",
    ],
)
def test_lexicon_10_13_not_these_codes(fictional: Any, sentence: str) -> None:
    codes = {c for c, _, _ in _events(sentence, fictional)}
    assert not codes & {"1385", "116", "141"}, codes
