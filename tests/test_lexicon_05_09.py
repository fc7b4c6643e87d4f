"""The lexicon of CAMEO roots 05-09 (diplomatic and material cooperation, aid, yielding, investigation) on the
real codebook: one invented sentence per code family, asserting the code and, where the rule is about slots,
source and target; and ordinary sentences whose words are triggers of these roots but that report no event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.coder import code_text

DATE = dt.date(2020, 1, 1)


def _events(text: str, codebook: Any) -> set[tuple[str, str, str]]:
    rows = code_text(text, codebook, date=DATE).rows
    return {(row["cameo_code"], row["source_code"] or "", row["target_code"] or "") for row in rows}


def _codes(text: str, codebook: Any) -> set[str]:
    return {code for code, _, _ in _events(text, codebook)}


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # 05 diplomatic cooperation
        ("Ghana appointed a new ambassador to Togo.", "050", "GHAGOV", "TGO"),
        ("Nigeria and Ghana re-established diplomatic ties.", "050", "NGAGOV", "GHAGOV"),
        ("The Kenyan president praised Tanzania for its handling of the crisis.", "051", "KENGOV", "TZA"),
        ("Poland expressed support for Lithuania.", "051", "POLGOV", "LTU"),
        ("The Indian minister felicitated Nepal on its national day.", "051", "INDGOV", "NPL"),
        ("Belarus defended Russia at the Security Council.", "052", "BLRGOV", "RUS"),
        ("The Armenian diaspora campaigned on behalf of the jailed journalist.", "053", "ARMGOV", "MED"),
        ("Bhutan formally recognised Kosovo.", "054", "BTNGOV", "XKX"),
        ("The Japanese prime minister apologised to South Korea for the wartime abuses.", "055", "JPNGOV", "KOR"),
        ("The Ugandan president granted an amnesty to the rebels.", "056", "UGAGOV", "REB"),
        ("Parliament in Ghana ratified the trade treaty with Nigeria.", "057", "GHALEG", "NGA"),
        # passives: the agreement or the prisoners before the verb, the actor after "by" or "between"
        ("The treaty was ratified by the Ghanaian parliament.", "057", "GHALEG", ""),
        # a ceasefire declared by one side is a truce
        ("The rebels declared a unilateral ceasefire.", "0871", "REB", ""),
        # 06 material cooperation
        ("Mongolia cooperated with Kazakhstan on water management.", "060", "MNGGOV", "KAZ"),
        ("India bought oil from Russia.", "061", "INDGOV", "RUS"),
        ("Japan boosted trade with Indonesia.", "061", "JPNGOV", "IDN"),
        ("Pakistan bought fighter jets from China.", "062", "PAKGOV", "CHN"),
        ("Spain extradited the suspect to Morocco.", "063", "ESPGOV", "MAR"),
        ("Paraguay handed over the drug lord to Brazil.", "063", "PRYGOV", "BRA"),
        ("Jordan shared intelligence with Egypt about the plot.", "064", "JORGOV", "EGY"),
        ("France passed satellite images to Ukraine.", "064", "FRAGOV", "UKR"),
        # 07 aid: the giver is the source, also when the receiver is the subject
        ("Canada provided logistical support to Mali.", "070", "CANGOV", "MLI"),
        ("Cuba helped Venezuela during the blackout.", "070", "CUBGOV", "VEN"),
        ("The World Bank approved a $200 million loan to Kenya.", "071", "IGOWBK", "KEN"),
        ("China wrote off Zambia's debt.", "071", "CHNGOV", ""),
        ("The United States delivered artillery shells to Ukraine.", "072", "USAGOV", "UKR"),
        ("Iran supplied weapons to the Houthi rebels.", "072", "IRNGOV", "YEMREB"),
        ("British instructors trained Ukrainian troops.", "072", "GBRGOV", "UKRMIL"),
        ("Ukraine received air defence systems from Germany.", "072", "DEUGOV", "UKR"),
        ("Japan sent relief supplies to Turkey.", "073", "JPNGOV", "TUR"),
        ("The United States airdropped food into Gaza.", "073", "USAGOV", "PSE"),
        ("Qatar received humanitarian aid from Kuwait.", "073", "KWTGOV", "QAT"),
        ("Rwanda deployed peacekeepers to the Central African Republic.", "074", "RWAGOV", "CAF"),
        ("UN peacekeepers arrived in Lebanon.", "074", "IGOUNO", "LBN"),
        ("Ecuador granted asylum to the dissident.", "075", "ECUGOV", "ECUOPP"),
        ("Turkey took in refugees from Syria.", "075", "TURGOV", "SYRREF"),
        # 08 yield
        ("The Bolivian government backed down in the dispute with Chile.", "080", "BOLGOV", ""),
        ("Serbia dropped its objections to the plan.", "080", "SRBGOV", ""),
        ("Egypt reopened the border crossing with Gaza.", "081", "EGYGOV", "PSE"),
        ("Prosecutors in Turkey dropped the charges against the German journalist.", "081", "TURJUD", "DEUMED"),
        ("A court in Egypt acquitted the opposition leader.", "081", "EGYJUD", "EGYOPP"),
        ("Iran restored internet access in Tehran.", "0811", "IRNGOV", "IRN"),
        ("Zimbabwe lifted the ban on the opposition party.", "0812", "ZWEGOV", "ZWEOPP"),
        ("Thailand lifted martial law.", "0814", "THAGOV", ""),
        ("The Georgian government accepted the demands of the protesters.", "083", "GEOGOV", "GEOOPP"),
        ("The Peruvian prime minister resigned on Tuesday.", "0831", "PERGOV", ""),
        ("The Kenyan government withdrew the controversial tax bill.", "0832", "KENGOV", ""),
        ("Parliament in Kuwait granted women the right to vote.", "0833", "KWTLEG", "KWTCVL"),
        ("The rebels freed twelve hostages in Nigeria.", "0841", "NGAREB", "NGACVL"),
        ("Myanmar's junta released the opposition leader from prison.", "0841", "MMRGOV", "MMROPP"),
        ("Twelve prisoners were freed by the Libyan army on Sunday.", "0841", "LBYMIL", "LBYCVL"),
        ("Iran released the impounded British tanker.", "0842", "IRNGOV", "GBR"),
        ("Colombia returned the seized fishing boats to Ecuador.", "0842", "COLGOV", "ECU"),
        ("The European Union lifted its oil embargo on Libya.", "085", "IGOEUR", "LBY"),
        ("The EU unfroze assets of the Libyan central bank.", "085", "IGOEUR", "LBYGOV"),
        ("Myanmar allowed foreign journalists into Rakhine state.", "086", "MMRGOV", "MED"),
        ("Sudan agreed to the deployment of UN peacekeepers in Darfur.", "0861", "SDNGOV", "SDNIGOUNO"),
        ("Iran let IAEA inspectors into the plant.", "0862", "IRNGOV", "IGOIAE"),
        ("Israel allowed aid convoys into Gaza.", "0863", "ISRGOV", "PSE"),
        ("Russia halted air strikes on Idlib.", "087", "RUSGOV", "SYR"),
        ("Saudi Arabia lifted the blockade of Qatar.", "0872", "SAUGOV", "QAT"),
        ("Rebel fighters handed in their weapons to the army.", "0873", "REB", "MIL"),
        ("Russia withdrew its troops from Syria.", "0874", "RUSGOV", "SYR"),
        ("France pulled its troops out of Mali.", "0874", "FRAGOV", "MLI"),
        ("The garrison surrendered to the Ukrainian army.", "0874", "MIL", "UKRMIL"),
        # 09 investigate: the thing investigated chooses the code; abuses, military action or war crimes in a named
        # country target it when no actor is named (probe 4)
        ("Congress opened an inquiry into the conduct of the agency.", "090", "USALEG", "USAGOV"),
        ("Police in Brazil opened a corruption probe into the minister.", "091", "BRACOP", "BRAGOV"),
        ("The UN panel investigated human rights abuses in Myanmar.", "092", "IGOUNO", "MMR"),
        ("The Pentagon launched an investigation into the drone strike in Kabul.", "093", "USAMIL", "AFG"),
        ("The ICC prosecutor opened an investigation into war crimes in Ukraine.", "094", "IGOICC", "UKR"),
    ],
)
def test_lexicon_05_09_codes_and_slots(codebook: Any, sentence: str, code: str, source: str, target: str) -> None:
    assert (code, source, target) in _events(sentence, codebook), _events(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "code", "source"),
    [
        # compound parties: whether each also becomes the other's target is the engine's reciprocity rule
        ("Chile and Peru restored diplomatic relations on Monday.", "050", "CHLGOV"),
        ("Oman and Malta established diplomatic relations last week.", "054", "OMNGOV"),
        ("Ecuador and Colombia signed a border agreement on Friday.", "057", "ECUGOV"),
        ("A peace agreement was signed between Ethiopia and Eritrea on Monday.", "057", "ETHGOV"),
        ("Vietnam and Laos set up a joint venture to build a railway.", "061", "VNMGOV"),
        ("Greek and Egyptian navies held joint exercises in the Mediterranean.", "062", "GRCMIL"),
        ("Russia and Ukraine exchanged prisoners on Sunday.", "0841", "RUSGOV"),
    ],
)
def test_lexicon_05_09_codes_and_sources(codebook: Any, sentence: str, code: str, source: str) -> None:
    assert (code, source) in {(c, s) for c, s, _ in _events(sentence, codebook)}, _events(sentence, codebook)


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("The Nigerian labour unions called off the general strike.", "082"),
        ("Israel lifted the curfew in Hebron.", "0813"),
    ],
)
def test_lexicon_05_09_codes(codebook: Any, sentence: str, code: str) -> None:
    assert code in _codes(sentence, codebook)


@pytest.mark.parametrize(
    "sentence",
    [
        "The children helped to clean the beach.",
        "Shares rose after the company released its quarterly results.",
        "Fans celebrated the victory in the streets.",
        "The rains eased on Sunday.",
        "Many families returned home after the floods.",
        "Students will receive their results next week.",
        "The orchestra embraced a new style.",
        "The factory will open a new plant in Ohio.",
        "The doctor examined the patient.",
        "The storm left thousands of homes without power.",
        "The committee will examine whether the rules work.",
        "Investors bought shares in the new fund.",
        "Germany's economy minister opened the trade fair in Hanover.",
        "Israel's army withdrew the order after an hour.",
    ],
)
def test_lexicon_05_09_ordinary_prose_gives_no_event(codebook: Any, sentence: str) -> None:
    assert _events(sentence, codebook) == set()


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        # a demand that a leader step down is the demand, not a resignation
        ("Protesters marched to force the Armenian prime minister to step down.", "0831"),
        # forces backing another actor in a fight are not verbal endorsement
        ("Yemeni soldiers, backed by allied fighters, attacked the rebels.", "051"),
        # halting air strikes is de-escalation, not the end of a labour strike
        ("Russia halted air strikes on Idlib.", "082"),
        ("Russia called off the strike on the city.", "082"),
        # an ultimatum to pull troops out is the ultimatum's content, not a withdrawal
        ("The ultimatum from Moscow gave Kyiv until Friday to pull its troops out of the region.", "0874"),
        # attackers who "left" people dead did not retreat
        ("An attack by militants left twelve soldiers dead in Mali.", "0874"),
        # agreeing to a ceasefire is an agreement, not a unilateral truce
        ("Sudan and South Sudan agreed to a ceasefire.", "0871"),
        # standing by while something happens is not defending anyone
        ("Bosnian police officers stood by and observed the crowd.", "052"),
        # helping another actor do something is not aid to it
        ("The new government in Greece helped Turkey to maintain good relations.", "070"),
        # backing away from a deal is not backing it
        ("The US backed away from the deal.", "051"),
        # calling for a ceasefire is not declaring one
        ("Egypt called for a ceasefire in Gaza.", "0871"),
        # cancelling a planned visit is not a reversal of policy
        ("The British prime minister cancelled a planned visit to Washington.", "0832"),
    ],
)
def test_lexicon_05_09_wrong_readings_absent(codebook: Any, sentence: str, absent: str) -> None:
    assert absent not in _codes(sentence, codebook)


@pytest.mark.parametrize("root", ["05", "06", "07", "08", "09"])
def test_lexicon_05_09_every_code_has_patterns_or_a_reason(codebook: Any, root: str) -> None:
    coded = {pattern.code for pattern in codebook.patterns}
    bare = [
        code
        for code, entry in codebook.event_codes.items()
        if code.startswith(root) and code not in coded and not entry.not_codable
    ]
    assert bare == []


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        # What kind of aid a sum of money is: the kind named after it, not a bare sum (071).
        ("Freedonia gave 40 million euros in humanitarian aid to Sylvania.", "073", "FRD", "SYL"),
        ("Freedonia provided $2 billion in military aid to Sylvania last year.", "072", "FRD", "SYL"),
        ("Freedonia provided $2 billion in economic aid to Sylvania last year.", "071", "FRD", "SYL"),
        (
            "Freedonia pledged on Thursday to send several thousand tonnes of humanitarian aid to Sylvania.",
            "0333",
            "FRD",
            "SYL",
        ),
        # Expanding or stepping up joint exercises is military cooperation; announced, an intent (0312).
        ("Freedonia intends to expand joint military exercises with Sylvania next year.", "0312", "FRD", "SYL"),
        # Rallying support for someone is 053, not an appeal (022) nor a demonstration (141).
        ("Sylvania is trying to drum up support for Freedonia's bid to join the bloc.", "053", "SYL", "FRD"),
        ("The Freedonian president toured African capitals to rally support for his candidate.", "053", "FRD", ""),
    ],
)
def test_lexicon_05_09_kind_of_aid_and_rallying(
    fictional: Any, sentence: str, code: str, source: str, target: str
) -> None:
    events = _events(sentence, fictional)
    assert any(c == code and s.startswith(source) and t.startswith(target) for c, s, t in events), events
