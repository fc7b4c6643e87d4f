"""ACLED types from a CAMEO code, the means named near the trigger and the sectors of source and target: the rule
functions of eventcoder/acled.py on their own, then whole sentences coded with the real codebook."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventcoder.acled import AcledType, acled_cues, acled_type, cue_index, disorder_of
from eventcoder.codebook.compile import EventCode
from eventcoder.coder import code_text

VAC = "Violence against civilians"
REMOTE = "Explosions/Remote violence"
SD = "Strategic developments"


def _info(code: str, disorder: str | None, event: str | None, sub_event: str | None) -> EventCode:
    return EventCode(
        code,
        code[:2],
        len(code) - 1,
        "name",
        "description",
        -10.0,
        4,
        "use_of_force",
        None,
        None,
        None,
        disorder,
        event,
        sub_event,
    )


ATTACK = _info("180", "Political violence", VAC, "Attack")
FIGHT = _info("190", "Political violence", "Battles", "Armed clash")
SMALL_ARMS = _info("193", "Political violence", "Battles", "Armed clash")
BOMBING = _info("183", "Political violence", REMOTE, "Remote explosive/landmine/IED")
ABDUCT = _info("181", "Political violence", VAC, "Abduction/forced disappearance")
OCCUPY = _info("192", SD, SD, "Non-violent transfer of territory")
PROTEST = _info("141", "Demonstrations", "Protests", "Peaceful protest")
REPRESS = _info("175", "Political violence; Demonstrations", "Protests", "Excessive force against protesters")
ARREST = _info("173", SD, SD, "Arrests")
CONFISCATE = _info("1711", SD, SD, "Looting/property destruction")
MOBILIZE = _info("154", SD, SD, "Change to group/activity")
CRITICIZE = _info("111", None, None, None)
AGREE = _info("030", None, None, None)
RIOT = _info("145", "Demonstrations", "Riots", "Violent demonstration")
SHELL = _info("194", "Political violence", REMOTE, "Shelling/artillery/missile attack")
DESTROY = _info("1712", SD, SD, "Looting/property destruction")


@pytest.mark.parametrize(
    ("info", "cues", "source", "target", "expected"),
    [
        # not an ACLED event stays one whatever the parties
        (CRITICIZE, frozenset(), "MIL", "REB", (None, None)),
        # agreeing to a truce, a peace deal or a prisoner exchange is an agreement; agreeing to anything else is not
        (AGREE, frozenset({"truces_and_deals"}), "MIL", "REB", (SD, "Agreement")),
        (AGREE, frozenset(), "GOV", "GOV", (None, None)),
        (CRITICIZE, frozenset({"truces_and_deals"}), "GOV", "REB", (None, None)),
        # parties: two armed sides fight; armed men on civilians attack them; a government target is civilian
        (ATTACK, frozenset(), "REB", "MIL", ("Battles", "Armed clash")),
        (FIGHT, frozenset(), "MIL", "CVL", (VAC, "Attack")),
        (FIGHT, frozenset(), "REB", "GOV", (VAC, "Attack")),
        (FIGHT, frozenset(), "MIL", None, ("Battles", "Armed clash")),
        (FIGHT, frozenset({"civilian_targets"}), "UAG", None, (VAC, "Attack")),
        (ABDUCT, frozenset(), "REB", "MIL", (VAC, "Abduction/forced disappearance")),
        # violent crowds riot; state forces on protesters use excessive force
        (ATTACK, frozenset(), "OPP", "COP", ("Riots", "Violent demonstration")),
        (ATTACK, frozenset(), "CVL", "CVL", ("Riots", "Mob violence")),
        (FIGHT, frozenset(), "COP", "OPP", ("Protests", "Excessive force against protesters")),
        # unarmed crowds (civilians, traders, workers, students) riot: against the state or at a protest a violent
        # demonstration, against people with no protest named (or where a mob is named) mob violence
        (FIGHT, frozenset(), "BUS", "COP", ("Riots", "Violent demonstration")),
        (FIGHT, frozenset(), "LAB", "MIL", ("Riots", "Violent demonstration")),
        (FIGHT, frozenset(), "EDU", "CVL", ("Riots", "Mob violence")),
        (ATTACK, frozenset({"protest_nouns"}), "CVL", "BUS", ("Riots", "Violent demonstration")),
        (ATTACK, frozenset({"protest_nouns"}), "OPP", None, ("Riots", "Violent demonstration")),
        (ATTACK, frozenset(), "OPP", None, ("Riots", "Mob violence")),
        (ATTACK, frozenset(), "OPP", "CVL", ("Riots", "Mob violence")),
        (ATTACK, frozenset({"mob_words"}), "OPP", "CVL", ("Riots", "Mob violence")),
        (ATTACK, frozenset({"mob_words"}), "CVL", "COP", ("Riots", "Violent demonstration")),
        # herders, farmers and parties are not taken for crowds: some are armed
        (ATTACK, frozenset(), "AGR", "CVL", (VAC, "Attack")),
        (FIGHT, frozenset(), "PTY", "MIL", ("Battles", "Armed clash")),
        # an international organisation where peacekeepers are named is an armed side; otherwise it is civilian
        (FIGHT, frozenset({"peacekeepers"}), "INS", "IGO", ("Battles", "Armed clash")),
        (FIGHT, frozenset(), "INS", "IGO", (VAC, "Attack")),
        # means: the most telling means named near the trigger
        (FIGHT, frozenset({"aircraft_drones"}), "MIL", "REB", (REMOTE, "Air/drone strike")),
        (ATTACK, frozenset({"explosives", "suicide_attacks"}), "INS", "CVL", (REMOTE, "Suicide bomb")),
        (BOMBING, frozenset({"grenades"}), "INS", None, (REMOTE, "Grenade")),
        (BOMBING, frozenset({"artillery"}), "INS", None, (REMOTE, "Remote explosive/landmine/IED")),
        (SMALL_ARMS, frozenset({"artillery"}), "MIL", "REB", ("Battles", "Armed clash")),
        (SMALL_ARMS, frozenset({"grenades"}), "MIL", "REB", (REMOTE, "Grenade")),
        (ATTACK, frozenset({"chemical_weapons"}), "MIL", "CVL", (REMOTE, "Chemical weapon")),
        (ATTACK, frozenset({"explosives"}), "OPP", None, (REMOTE, "Remote explosive/landmine/IED")),
        # force where a protest or a mob is named
        (FIGHT, frozenset({"protest_nouns"}), "MIL", None, ("Protests", "Excessive force against protesters")),
        (FIGHT, frozenset({"protest_nouns", "crowd_control"}), "COP", None, ("Protests", "Protest with intervention")),
        # violence with no named perpetrator at a protest met with crowd-control means is the state's force
        (
            ATTACK,
            frozenset({"protest_nouns", "crowd_control", "lethal_force"}),
            "UAG",
            "CVL",
            ("Protests", "Excessive force against protesters"),
        ),
        (ATTACK, frozenset({"protest_nouns", "lethal_force"}), "UAG", "CVL", (VAC, "Attack")),
        (ATTACK, frozenset({"mob_words"}), "UAF", None, ("Riots", "Mob violence")),
        (ATTACK, frozenset({"protest_nouns"}), "REB", "CVL", (VAC, "Attack")),
        # protests: how they are met
        (PROTEST, frozenset({"riot_acts"}), "OPP", None, ("Riots", "Violent demonstration")),
        (PROTEST, frozenset({"mob_words", "riot_acts"}), "CVL", None, ("Riots", "Mob violence")),
        (PROTEST, frozenset({"crowd_control"}), "OPP", None, ("Protests", "Protest with intervention")),
        (
            PROTEST,
            frozenset({"crowd_control", "lethal_force"}),
            "OPP",
            None,
            ("Protests", "Excessive force against protesters"),
        ),
        (PROTEST, frozenset(), "OPP", None, ("Protests", "Peaceful protest")),
        (REPRESS, frozenset({"crowd_control"}), "COP", "OPP", ("Protests", "Protest with intervention")),
        (ARREST, frozenset({"protest_nouns"}), "COP", "OPP", ("Protests", "Protest with intervention")),
        # arresting opposition activists with no protest named is an arrest (ACLED: intervention needs a protest)
        (ARREST, frozenset(), "COP", "OPP", (SD, "Arrests")),
        # a crowd that is itself violent riots, whatever force meets it
        (REPRESS, frozenset({"crowd_control", "riot_acts"}), "COP", "OPP", ("Riots", "Violent demonstration")),
        (FIGHT, frozenset({"riot_acts"}), "COP", "OPP", ("Riots", "Violent demonstration")),
        (FIGHT, frozenset({"protest_nouns", "riot_acts"}), "MIL", None, ("Riots", "Violent demonstration")),
        (ARREST, frozenset({"protest_nouns", "riot_acts"}), "COP", "OPP", ("Riots", "Violent demonstration")),
        (ARREST, frozenset(), "COP", "CRM", (SD, "Arrests")),
        # state forces do not riot: a riot code with state forces as source is their force against the crowd
        (RIOT, frozenset(), "COP", "OPP", ("Protests", "Protest with intervention")),
        (RIOT, frozenset({"lethal_force"}), "COP", "OPP", ("Protests", "Excessive force against protesters")),
        (RIOT, frozenset({"lethal_force", "riot_acts"}), "MIL", "OPP", ("Riots", "Violent demonstration")),
        (RIOT, frozenset({"lethal_force"}), "OPP", "COP", ("Riots", "Violent demonstration")),
        (RIOT, frozenset({"mob_words"}), "CVL", "CVL", ("Riots", "Mob violence")),
        (RIOT, frozenset({"mob_words"}), "CVL", "COP", ("Riots", "Violent demonstration")),
        # territory: who takes it, and whether anyone defended it
        (OCCUPY, frozenset(), "MIL", None, ("Battles", "Government regains territory")),
        (OCCUPY, frozenset(), "INS", None, ("Battles", "Non-state actor overtakes territory")),
        (OCCUPY, frozenset({"unopposed_takeovers"}), "INS", None, (SD, "Non-violent transfer of territory")),
        (OCCUPY, frozenset(), None, None, (SD, "Non-violent transfer of territory")),
        # seized weapons and new bases
        (CONFISCATE, frozenset({"weapons_munitions"}), "COP", "INS", (SD, "Disrupted weapons use")),
        (CONFISCATE, frozenset(), "COP", "BUS", (SD, "Looting/property destruction")),
        # a bomb, shell or missile stopped before it did harm is disrupted weapons use
        (BOMBING, frozenset({"explosives", "weapon_disruptions"}), "COP", None, (SD, "Disrupted weapons use")),
        (SHELL, frozenset({"missiles_rockets", "weapon_disruptions"}), "MIL", None, (SD, "Disrupted weapons use")),
        (FIGHT, frozenset({"weapon_disruptions"}), "MIL", "REB", ("Battles", "Armed clash")),
        # destruction by an unarmed crowd at a protest or by a mob is a riot; by armed men or no crowd, looting
        (DESTROY, frozenset({"protest_nouns"}), "LAB", None, ("Riots", "Violent demonstration")),
        (DESTROY, frozenset({"mob_words"}), "CVL", "REL", ("Riots", "Mob violence")),
        (DESTROY, frozenset({"protest_nouns"}), "REB", None, (SD, "Looting/property destruction")),
        (DESTROY, frozenset(), "CVL", None, (SD, "Looting/property destruction")),
        (MOBILIZE, frozenset({"bases_headquarters"}), "MIL", None, (SD, "Headquarters or base established")),
    ],
)
def test_acled_type_rules(
    info: EventCode, cues: frozenset[str], source: str | None, target: str | None, expected: tuple[str | None, ...]
) -> None:
    found = acled_type(info, cues, source, target)
    assert (found.event_type, found.sub_event_type) == expected
    if found.event_type is not None:
        assert found.disorder_type == disorder_of(found.event_type, found.sub_event_type)


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "disorder"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Riots", "Mob violence", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        (SD, "Arrests", SD),
    ],
)
def test_acled_disorder_of(event_type: str, sub_event_type: str, disorder: str) -> None:
    assert disorder_of(event_type, sub_event_type) == disorder


def test_acled_cues_read_a_window_around_the_trigger(codebook: Any) -> None:
    norms = "rebel drones and artillery hit the town far away".split() + ["x"] * 30 + ["grenade"]
    cues = acled_cues("190", norms, 4, 5, codebook.acled_cues)
    assert {"aircraft_drones", "artillery"} <= cues
    assert "grenades" not in cues
    assert acled_cues("111", norms, 4, 5, codebook.acled_cues) == frozenset()


def test_acled_cues_find_phrases_of_several_words_and_nothing_without_a_first_word(codebook: Any) -> None:
    index = cue_index({"artillery": frozenset({("mortar",)}), "crowd_control": frozenset({("tear", "gas")})})
    norms = "police fired tear gas and mortar rounds".split()
    assert acled_cues("175", norms, 1, 2, index) == frozenset({"crowd_control", "artillery"})
    assert acled_cues("175", "police fired tear smoke".split(), 1, 2, index) == frozenset()
    assert acled_cues("175", "the minister spoke on radio".split(), 1, 2, codebook.acled_cues) == frozenset()


def test_acled_cues_take_the_longest_phrase_at_a_word(codebook: Any) -> None:
    norms = "riot police beat a protester".split()
    assert "riot_acts" not in acled_cues("182", norms, 2, 3, codebook.acled_cues)
    assert "riot_acts" in acled_cues("182", "rioters beat a policeman".split(), 1, 2, codebook.acled_cues)


def test_acled_cues_skip_the_words_a_longer_cue_covers(codebook: Any) -> None:
    norms = "protesters hurled petrol bombs at riot police".split()
    cues = acled_cues("145", norms, 1, 2, codebook.acled_cues)
    assert "riot_acts" in cues
    assert "explosives" not in cues


def test_acled_disruption_cues_count_only_near_the_trigger(codebook: Any) -> None:
    near = "soldiers defused a roadside bomb planted near the bridge".split()
    assert "weapon_disruptions" in acled_cues("183", near, 5, 6, codebook.acled_cues)
    far = "a bomb exploded at the bus station on friday morning while two more devices were later defused".split()
    assert "explosives" in acled_cues("183", far, 2, 3, codebook.acled_cues)
    assert "weapon_disruptions" not in acled_cues("183", far, 2, 3, codebook.acled_cues)


def test_acled_cues_leave_out_what_a_protest_is_against(codebook: Any) -> None:
    grievance = "women marched to protest violence against women".split()
    assert "riot_acts" not in acled_cues("141", grievance, 1, 2, codebook.acled_cues)
    conduct = "women marched through the city , and violence broke out".split()
    assert "riot_acts" in acled_cues("141", conduct, 1, 2, codebook.acled_cues)
    killed = "police fired tear gas at students rallying over the killing of a classmate".split()
    cues = acled_cues("175", killed, 1, 2, codebook.acled_cues)
    assert "crowd_control" in cues
    assert "lethal_force" not in cues


def test_acled_not_an_event_is_all_null() -> None:
    assert acled_type(CRITICIZE, frozenset(), "MIL", "REB") == AcledType(None, None, None)


@pytest.mark.parametrize(
    ("sentence", "event_type", "sub_event_type"),
    [
        ("Russian warplanes bombed a market in Idlib.", REMOTE, "Air/drone strike"),
        ("Yemeni rebels fired a ballistic missile at Saudi Arabia.", REMOTE, "Shelling/artillery/missile attack"),
        ("A suicide bomber blew himself up at a checkpoint manned by Afghan police.", REMOTE, "Suicide bomb"),
        ("Syrian government forces used chlorine gas against rebels in Douma.", REMOTE, "Chemical weapon"),
        ("Indian and Pakistani troops exchanged fire across the border.", "Battles", "Armed clash"),
        ("Gunmen shot dead the mayor of a town in Mexico.", VAC, "Attack"),
        ("Rebels kidnapped two Chinese engineers in northern Nigeria.", VAC, "Abduction/forced disappearance"),
        ("Nigerian troops recaptured the town of Baga from Boko Haram.", "Battles", "Government regains territory"),
        (
            "Islamic State fighters seized control of the city of Palmyra.",
            "Battles",
            "Non-state actor overtakes territory",
        ),
        ("Somali police seized weapons and ammunition from al-Shabaab militants.", SD, "Disrupted weapons use"),
        # a unit of an army is the army ("units" is a partitive noun)
        ("Engineering units of the Syrian army discovered weapons in a farm.", SD, "Disrupted weapons use"),
        # weapons seized or found with no agent and no country named: security forces seized them
        ("Rifles and ammunition were seized from two hostels during the night.", SD, "Disrupted weapons use"),
        ("Two explosive devices have been found near a bridge.", SD, "Disrupted weapons use"),
        ("Turkish troops set up a new military base in northern Iraq.", SD, "Headquarters or base established"),
        (
            "Kenyan troops have established a number of barracks near the border.",
            SD,
            "Headquarters or base established",
        ),
        ("The Kenyan army has created a new base in the eastern region.", SD, "Headquarters or base established"),
        ("Kenyan soldiers installed a military checkpoint outside the town.", SD, "Headquarters or base established"),
        ("Somali militants continue to fortify their positions near the front line.", SD, "Change to group/activity"),
        ("Protesters threw stones at Kenyan police.", "Riots", "Violent demonstration"),
        ("Police fired tear gas to disperse protesters in Chile.", "Protests", "Protest with intervention"),
        (
            "Riot police beat a protester during a march in Lima, Peru.",
            "Protests",
            "Excessive force against protesters",
        ),
        ("Kenyan police fired tear gas at protesters who hurled stones.", "Riots", "Violent demonstration"),
        ("Kenyan police arrested two opposition activists in Nairobi.", SD, "Arrests"),
        ("Kenyan police arrested twenty protesters at a rally in Nairobi.", "Protests", "Protest with intervention"),
        ("Army engineers defused an explosive device planted under a bridge in Mali.", SD, "Disrupted weapons use"),
        ("Striking workers fought with police outside the factory in Dhaka.", "Riots", "Violent demonstration"),
        ("Residents clashed with police in Nairobi on Monday.", "Riots", "Violent demonstration"),
        ("Villagers lynched a suspected thief in Uganda.", "Riots", "Mob violence"),
        ("A mob lynched a man accused of theft in Kano.", "Riots", "Mob violence"),
        ("Bandits abducted 30 villagers in Zamfara state.", VAC, "Abduction/forced disappearance"),
        ("A grenade was thrown at a police station in Srinagar.", REMOTE, "Grenade"),
        ("Soldiers sexually assaulted two women at a checkpoint near Goma.", VAC, "Sexual violence"),
        # singular members of the property and weapon classes
        ("Rebel fighters looted the central market in Bentiu.", SD, "Looting/property destruction"),
        ("Police defused a bomb left outside a bank in Karachi.", SD, "Disrupted weapons use"),
        ("Rival militias agreed a truce in Tripoli.", SD, "Agreement"),
        # phrasal verbs split by their object
        ("Ugandan police took three opposition activists into custody at Entebbe airport.", SD, "Arrests"),
        ("ADF militants took 20 villagers hostage during a raid near Beni.", VAC, "Abduction/forced disappearance"),
        ("Islamist militants attacked a MINUSMA camp near Gao, Mali.", "Battles", "Armed clash"),
        ("Al-Shabaab fighters attacked an AMISOM base in Lower Shabelle.", "Battles", "Armed clash"),
        ("Gunmen attacked a UN convoy carrying food aid in Darfur.", VAC, "Attack"),
        # what a protest is against is not how it was held
        ("Hundreds of women marched in Nairobi to protest violence against women.", "Protests", "Peaceful protest"),
        ("Students demonstrated in Dhaka against police violence.", "Protests", "Peaceful protest"),
        ("Residents protested in Lagos against the looting of relief supplies.", "Protests", "Peaceful protest"),
        ("Police officers beat demonstrators with batons in Minsk.", "Protests", "Protest with intervention"),
    ],
)
def test_acled_types_of_coded_sentences(codebook: Any, sentence: str, event_type: str, sub_event_type: str) -> None:
    rows = code_text(sentence, codebook, date=dt.date(2020, 1, 1)).rows
    assert (event_type, sub_event_type) in {(row["acled_event_type"], row["acled_sub_event_type"]) for row in rows}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kenyan government created camps for displaced people near the border.",
        "Kenyan soldiers shot a man near the checkpoint.",
        "Kenya will strengthen its position in the talks.",
    ],
)
def test_no_base_or_fortification_is_invented(codebook: Any, sentence: str) -> None:
    rows = code_text(sentence, codebook, date=dt.date(2020, 1, 1)).rows
    assert not [row for row in rows if row["rule_id"].startswith("posture.")]


@pytest.mark.parametrize(
    "sentence",
    [
        "On 3 March 2023, gunmen killed four soldiers near Gao in Mali.",
        "On 14 March, Malian troops clashed with militants near Mopti",
    ],
)
def test_a_date_in_march_is_no_protest_march(codebook: Any, sentence: str) -> None:
    """ACLED notes open with the date ("On 3 March 2023, ..."): the month is not a protest march."""
    rows = code_text(sentence, codebook, date=dt.date(2023, 6, 1)).rows
    assert rows
    assert not [row for row in rows if row["cameo_code"].startswith("14")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The families of the hostages held a vigil in Tel Aviv.",
        "Qatar will hold talks on the hostages next week.",
        "The minister took part in hostage negotiations in Doha.",
    ],
)
def test_no_hostage_taking_is_invented(codebook: Any, sentence: str) -> None:
    rows = code_text(sentence, codebook, date=dt.date(2020, 1, 1)).rows
    assert not [row for row in rows if row["cameo_code"] == "181"]
