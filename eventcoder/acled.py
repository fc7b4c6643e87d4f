"""ACLED types of an event: its disorder, event and sub-event type from its CAMEO code, its means and its parties.

The crosswalk (`codebooks/ontology/acled.yaml`) gives each CAMEO code its usual ACLED type. ACLED itself types
violence by HOW it was done (an air or drone strike, shelling, a planted bomb, a suicide bomb, a grenade, a
chemical weapon) and by WHO took part (two armed sides fight a battle; armed men attacking unarmed people is
violence against civilians; a crowd turning violent is a riot; force used on protesters types the protest).
The rules below refine the crosswalk type with the means named near the trigger (words of the means synsets of
`codebooks/patterns/synsets_18_20.yaml`) and the sectors of the source and target. Each rule is a small pure
function whose docstring states it; `acled_type` applies them in a fixed order. The policy is documented in
docs/ontology.md (ACLED mapping policy).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple

from eventcoder.compiled import pickled_by_constructor
from eventcoder.parse import NEW_TUPLE

if TYPE_CHECKING:  # compile.py builds the cue index with `cue_index`, so this module cannot import it at run time
    from eventcoder.codebook.compile import EventCode

Phrase = tuple[str, ...]


class AcledType(NamedTuple):
    """ACLED's three type columns of one event (all None: not an ACLED event). A named tuple built by
    `tuple.__new__` (`parse.NEW_TUPLE`), not a frozen dataclass: a dataclass's `__init__` is generated Python code
    that sets each field through `object.__setattr__`, which the compiled build calls through the Python type
    (about 4,500 instructions a type, for each record of an ACLED-typed event), and a named tuple's own `__new__`
    is a Python frame too."""

    disorder_type: str | None
    event_type: str | None
    sub_event_type: str | None


# The module's constants are `Final`: compiled, each is read from a C static instead of a lookup in the module's
# globals (pure Python ignores the mark).
NOT_ACLED: Final = AcledType(None, None, None)

POLITICAL_VIOLENCE: Final = "Political violence"
DEMONSTRATIONS: Final = "Demonstrations"
STRATEGIC: Final = "Strategic developments"
BATTLES: Final = "Battles"
REMOTE: Final = "Explosions/Remote violence"
CIVILIANS: Final = "Violence against civilians"
PROTESTS: Final = "Protests"
RIOTS: Final = "Riots"

# Means cues, most telling first: a suicide bomber's blast is a suicide bomb even when the text also says "bomb".
MEANS_SYNSETS: Final[tuple[tuple[str, str], ...]] = (
    ("suicide_attacks", "Suicide bomb"),
    ("chemical_weapons", "Chemical weapon"),
    ("grenades", "Grenade"),
    ("air_strike_nouns", "Air/drone strike"),
    ("aircraft_drones", "Air/drone strike"),
    ("artillery", "Shelling/artillery/missile attack"),
    ("missiles_rockets", "Shelling/artillery/missile attack"),
    ("explosives", "Remote explosive/landmine/IED"),
)
# Cues about the circumstances of a protest or a seizure, read from the same window as the means.
CIRCUMSTANCE_SYNSETS: Final[tuple[str, ...]] = (
    "crowd_control",
    "lethal_force",
    "riot_acts",
    "mob_words",
    "weapons_munitions",
    "bases_headquarters",
    "unopposed_takeovers",
    "protest_nouns",
    "civilian_targets",
    "police_gear",
    "weapon_disruptions",
    "peacekeepers",
    "peacekeeping_missions",
    "truces_and_deals",
)
CUE_SYNSETS: Final[tuple[str, ...]] = (*(name for name, _ in MEANS_SYNSETS), *CIRCUMSTANCE_SYNSETS)
CUE_WINDOW: Final = 15  # tokens on each side of the trigger
# Cues of a crowd's conduct that are often what a protest is against ("marched to protest violence against
# women", "rallied over the killing of a student"): right after a grievance marker they are not counted.
GRIEVANCE_CUES: Final = frozenset({"riot_acts", "mob_words", "lethal_force"})
# Cues of what a crowd did, which the event's own trigger is not: the trigger is its source's act, typed by its
# code and parties ("police stormed a sit-in" is force on a protest, not a riot).
ACTS_OF_THE_CROWD: Final = frozenset({"riot_acts"})
# tokens before a cue looked at for a grievance marker (a comma or semicolon ends the search)
GRIEVANCE_REACH: Final = 3
CLAUSE_BREAKS: Final = frozenset({",", ";"})
# Cues that must bear on the event itself, so are looked for closer to the trigger: a bomb that "was defused" is
# stopped, while one that went off "while several others were defused" is not.
NEAR_CUE_WINDOWS: Final[Mapping[str, int]] = {"weapon_disruptions": 6, "truces_and_deals": 6}
MAX_CUE_WORDS: Final = 6  # the longest cue phrase looked for
ACLED_ROOTS: Final = frozenset({"14", "15", "17", "18", "19", "20"})  # the roots whose ACLED type the cues refine
AGREE: Final = "030"  # "agreed to ...": an agreement where a truce or a deal is named (`agreement_reached`)

STATE_FORCES: Final = frozenset({"GOV", "MIL", "COP", "SPY", "UIS"})
NON_STATE_ARMED: Final = frozenset({"REB", "SEP", "INS", "UAF", "UAG", "IMG", "CRM"})
ARMED: Final = STATE_FORCES | NON_STATE_ARMED | {"PKO"}
# A government acts through its forces, but as a target it is its officials, whom ACLED counts as civilians.
ARMED_TARGETS: Final = ARMED - {"GOV"}
PROTESTERS: Final = frozenset({"OPP"})
# Crowds of unarmed people (civilians, traders, workers, students) whose violence ACLED counts as rioting. Farmers
# and herders are left out, as ACLED counts herder violence as that of an (identity) militia, and so are parties
# and movements (PTY), some of which are armed.
UNARMED_CROWDS: Final = frozenset({"CVL", "BUS", "LAB", "EDU"})
UNIDENTIFIED: Final = "UAG"  # an unidentified armed group: the perpetrator the coder gives violence with none named
# Codes whose sub-event names a kind of violence that the means or the parties must not change.
FIXED_VIOLENCE: Final = frozenset({"181", "1821", "184", "191", "192", "201", "2042"})


@dataclass(frozen=True, slots=True)
class CueIndex:
    """The phrases of the cue synsets keyed by their first word, each with its synset's name, built once per
    codebook (`cue_index`): a window that holds none of `first_words` has no cue."""

    first_words: frozenset[str]
    phrases: dict[str, tuple[tuple[Phrase, str], ...]]
    grievance_markers: frozenset[Phrase] = frozenset()


pickled_by_constructor(CueIndex)  # a compiled build pickles it too (see the function)

NO_CUES: Final = CueIndex(frozenset(), {})
# what `acled_cues` gives for an event without cues (most): one shared set, not a new empty one each time
NO_CUE_NAMES: Final[frozenset[str]] = frozenset()


def cue_index(synsets: Mapping[str, frozenset[Phrase]]) -> CueIndex:
    """Key the phrases of the cue synsets (CUE_SYNSETS, at most MAX_CUE_WORDS words) by their first word, the
    longest phrases of each first word first; keep the `grievance_markers` of one or two words."""
    keyed: defaultdict[str, list[tuple[Phrase, str]]] = defaultdict(list)
    for name in CUE_SYNSETS:
        for phrase in synsets.get(name, frozenset()):
            if 0 < len(phrase) <= MAX_CUE_WORDS:
                keyed[phrase[0]].append((phrase, name))
    return CueIndex(
        frozenset(keyed),
        {first: tuple(sorted(found, key=lambda item: (-len(item[0]), item))) for first, found in keyed.items()},
        frozenset(phrase for phrase in synsets.get("grievance_markers", frozenset()) if 0 < len(phrase) <= 2),
    )


def is_grievance(window: Sequence[str], offset: int, markers: frozenset[Phrase]) -> bool:
    """Whether the cue at `offset` is what a protest is about: a grievance marker ("against", "over", "to
    protest", "condemning") ends at most GRIEVANCE_REACH tokens before it, with no comma or semicolon between."""
    for position in range(offset - 1, max(-1, offset - 1 - GRIEVANCE_REACH), -1):
        if window[position] in CLAUSE_BREAKS:
            return False
        if (window[position],) in markers or (
            position + 2 <= offset and (window[position], window[position + 1]) in markers
        ):
            return True
    return False


def acled_cues(code: str, norms: Sequence[str], start: int, end: int, index: CueIndex) -> frozenset[str]:
    """The means and circumstance synsets whose words occur within CUE_WINDOW tokens of an ACLED-typed event,
    read left to right by longest match: where cue phrases of different lengths start at one word only the
    longest counts, and the words it covers start no other cue ("riot police" is police, not a riot; "petrol
    bombs" are thrown by rioters, not bombs). The cues of NEAR_CUE_WINDOWS count only that close to the trigger,
    those of GRIEVANCE_CUES not where they are a protest's grievance (`is_grievance`), and those of
    ACTS_OF_THE_CROWD not inside the trigger itself."""
    if code[:2] not in ACLED_ROOTS and code != AGREE:
        return NO_CUE_NAMES
    first = max(0, start - CUE_WINDOW)
    window = tuple(norms[first : min(len(norms), end + CUE_WINDOW)])
    if index.first_words.isdisjoint(window):
        return NO_CUE_NAMES
    found: set[str] = set()
    covered_until = 0
    for offset, word in enumerate(window):
        if offset < covered_until:
            continue
        longest = 0
        for phrase, name in index.phrases.get(word, ()):
            if len(phrase) < longest:
                break
            if window[offset : offset + len(phrase)] == phrase:
                longest = len(phrase)
                near = NEAR_CUE_WINDOWS.get(name)
                if near is not None and max(start - first - offset - longest, offset - (end - first)) > near:
                    continue
                if name in GRIEVANCE_CUES and is_grievance(window, offset, index.grievance_markers):
                    continue
                if name in ACTS_OF_THE_CROWD and start <= first + offset < end:
                    continue  # the trigger is the source's own act: police who "stormed" a sit-in did not riot
                found.add(name)
        covered_until = offset + longest
    return frozenset(found)


def disorder_of(event_type: str, sub_event_type: str | None) -> str:
    """ACLED's disorder type follows from the event type: protests and riots are demonstrations (force against
    protesters is both), strategic developments are their own, everything else is political violence."""
    if sub_event_type == "Excessive force against protesters":
        return f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
    if event_type in (PROTESTS, RIOTS):
        return DEMONSTRATIONS
    if event_type == STRATEGIC:
        return STRATEGIC
    return POLITICAL_VIOLENCE


def _typed(event_type: str, sub_event_type: str | None) -> AcledType:
    return NEW_TUPLE(AcledType, (disorder_of(event_type, sub_event_type), event_type, sub_event_type))


def violence_by_means(code: str, base: AcledType, cues: frozenset[str]) -> AcledType:
    """Violence done with a remote or explosive means named near the trigger is Explosions/Remote violence of
    that means; a code that already names its means (bombing, shelling, air strike) keeps it unless a more
    telling one (suicide bomb, chemical weapon, grenade) is named; small-arms fighting (193) changes only for
    grenades; a riot with such means is remote violence too, while force against protesters keeps its type."""
    if code in FIXED_VIOLENCE or base.event_type not in (BATTLES, CIVILIANS, REMOTE, RIOTS):
        return base
    for name, sub_event in MEANS_SYNSETS:
        if name not in cues or (code == "193" and sub_event != "Grenade"):
            continue
        if base.event_type == REMOTE and sub_event not in ("Suicide bomb", "Chemical weapon", "Grenade"):
            return base
        return _typed(REMOTE, sub_event)
    return base


def violence_by_parties(
    code: str, base: AcledType, cues: frozenset[str], source: str | None, target: str | None
) -> AcledType:
    """Who takes part decides the type of direct violence: protesters or other unarmed crowds using violence riot
    (`crowd_violence`); state forces using violence on protesters use excessive force; two armed sides fight an
    armed clash; armed men attacking anyone else, or with no armed target where civilians or a civilian place
    are named, commit violence against civilians. An international organisation (IGO) where peacekeepers or a
    peacekeeping mission are named is that mission (PKO), an armed side."""
    if code in FIXED_VIOLENCE or base.event_type not in (BATTLES, CIVILIANS):
        return base
    if "peacekeepers" in cues or "peacekeeping_missions" in cues:
        source = "PKO" if source == "IGO" else source
        target = "PKO" if target == "IGO" else target
    if source in PROTESTERS or source in UNARMED_CROWDS:
        return crowd_violence(cues, target)
    if source in STATE_FORCES and target in PROTESTERS:
        return force_on_a_crowd(cues, "Excessive force against protesters")
    if source in ARMED and target in ARMED_TARGETS:
        return _typed(BATTLES, "Armed clash")
    if base.event_type == BATTLES and target is not None and target not in ARMED_TARGETS:
        return _typed(CIVILIANS, "Attack")
    if base.event_type == BATTLES and target is None and source in ARMED and "civilian_targets" in cues:
        return _typed(CIVILIANS, "Attack")
    return base


def crowd_violence(cues: frozenset[str], target: str | None) -> AcledType:
    """Violence by a crowd is a riot: a violent demonstration where it turns on state forces or the government;
    otherwise mob violence where a mob or lynching is named, a violent demonstration where a protest (or
    protesters) is named, and mob violence where neither is (a crowd turning on people or property)."""
    if target in STATE_FORCES:
        return _typed(RIOTS, "Violent demonstration")
    if "mob_words" in cues:
        return _typed(RIOTS, "Mob violence")
    if "protest_nouns" in cues:
        return _typed(RIOTS, "Violent demonstration")
    return _typed(RIOTS, "Mob violence")


def force_on_a_crowd(cues: frozenset[str], sub_event_type: str) -> AcledType:
    """Force used on a crowd types its protest by `sub_event_type`, unless the crowd itself was violent (stones
    thrown, property burned or smashed): ACLED codes a violent demonstration as a riot whatever the response."""
    if "riot_acts" in cues:
        return _typed(RIOTS, "Violent demonstration")
    return _typed(PROTESTS, sub_event_type)


def force_at_protests(code: str, base: AcledType, cues: frozenset[str], source: str | None) -> AcledType:
    """State forces using violence where a protest is named use force against protesters: with crowd-control
    means and no deaths it is a protest with intervention, otherwise excessive force. So does violence with no
    named perpetrator (an unidentified armed group: "two people were killed") at a protest that crowd-control
    means were used on, which only state forces use. Violence where a mob is named (and not by state forces) is
    mob violence."""
    if code in FIXED_VIOLENCE or base.event_type not in (BATTLES, CIVILIANS, REMOTE):
        return base
    state_force = source in STATE_FORCES or (source == UNIDENTIFIED and "crowd_control" in cues)
    if state_force and "protest_nouns" in cues:
        if "crowd_control" in cues and "lethal_force" not in cues:
            return force_on_a_crowd(cues, "Protest with intervention")
        return force_on_a_crowd(cues, "Excessive force against protesters")
    if source not in STATE_FORCES and "mob_words" in cues:
        return _typed(RIOTS, "Mob violence")
    return base


def protest_by_response(
    code: str, base: AcledType, cues: frozenset[str], source: str | None, target: str | None
) -> AcledType:
    """A protest with destruction or stone-throwing is a violent demonstration (a mob: mob violence); a protest
    dispersed with tear gas, batons or arrests is a protest with intervention, and one met with lethal force is
    excessive force against protesters; arresting or coercing protesters (17x) where a protest is named intervenes
    in it, while arresting opposition activists anywhere else stays an arrest (ACLED: a protest with intervention
    needs a protest). State forces do not riot: a riot code (145x) with state forces as its source is their force
    against the crowd, excessive where lethal force is named and an intervention otherwise (a riot still where
    the crowd's own violence is named); a riot where a mob is named is mob violence, unless it turns on state
    forces. Force on a crowd (175) by a non-state armed group where no protest is named is an attack on
    civilians."""
    if code[:3] == "145" and source in STATE_FORCES:
        if "lethal_force" in cues:
            return force_on_a_crowd(cues, "Excessive force against protesters")
        return force_on_a_crowd(cues, "Protest with intervention")
    if code[:3] == "145" and "mob_words" in cues and target not in STATE_FORCES:
        return _typed(RIOTS, "Mob violence")
    if code[:2] == "14" and code[:3] != "145":
        if "mob_words" in cues:
            return _typed(RIOTS, "Mob violence")
        if "riot_acts" in cues:
            return _typed(RIOTS, "Violent demonstration")
        if "lethal_force" in cues and "crowd_control" in cues:
            return _typed(PROTESTS, "Excessive force against protesters")
        if "crowd_control" in cues:
            return _typed(PROTESTS, "Protest with intervention")
        return base
    if code == "175":
        if source in NON_STATE_ARMED and "protest_nouns" not in cues:
            return _typed(CIVILIANS, "Attack")  # gunmen who storm a university attack civilians, repress no protest
        if "riot_acts" in cues:
            return _typed(RIOTS, "Violent demonstration")
        if "crowd_control" in cues and "lethal_force" not in cues:
            return _typed(PROTESTS, "Protest with intervention")
        return base
    if code[:2] == "17" and target in PROTESTERS and "protest_nouns" in cues:
        return force_on_a_crowd(cues, "Protest with intervention")
    return base


def territory_by_taker(code: str, base: AcledType, cues: frozenset[str], source: str | None) -> AcledType:
    """Taking territory (192) after the other side withdrew or handed it over is a non-violent transfer of
    territory; otherwise it is a battle won: government regains territory when state forces take it, non-state
    actor overtakes territory when rebels or militias do; with no armed taker the crosswalk type stands."""
    if code != "192":
        return base
    if "unopposed_takeovers" in cues:
        return _typed(STRATEGIC, "Non-violent transfer of territory")
    if source in STATE_FORCES:
        return _typed(BATTLES, "Government regains territory")
    if source in NON_STATE_ARMED:
        return _typed(BATTLES, "Non-state actor overtakes territory")
    return base


def seizure_of_weapons(code: str, base: AcledType, cues: frozenset[str]) -> AcledType:
    """Seizing, confiscating or destroying (171x) weapons, ammunition or explosives is disrupted weapons use."""
    if code[:3] == "171" and cues & {"weapons_munitions", "explosives", "grenades", "missiles_rockets"}:
        return _typed(STRATEGIC, "Disrupted weapons use")
    return base


def disrupted_weapons(base: AcledType, cues: frozenset[str]) -> AcledType:
    """A bomb, shell, missile or drone attack that was stopped (a bomb defused, an attack foiled, a missile or
    drone intercepted or shot down: `weapon_disruptions` named near it) is disrupted weapons use, not an
    explosion."""
    if base.event_type == REMOTE and "weapon_disruptions" in cues:
        return _typed(STRATEGIC, "Disrupted weapons use")
    return base


def destruction_by_a_crowd(code: str, base: AcledType, cues: frozenset[str], source: str | None) -> AcledType:
    """Looting or destroying property (171x, not weapons) is a riot when an unarmed crowd does it where a
    protest or a mob is named (ACLED counts destruction in a riot as the riot); looting by armed groups, or by
    people with no protest or mob named, stays looting/property destruction."""
    if code[:3] != "171" or base.sub_event_type != "Looting/property destruction" or source in ARMED:
        return base
    if "mob_words" in cues:
        return _typed(RIOTS, "Mob violence")
    if "protest_nouns" in cues:
        return _typed(RIOTS, "Violent demonstration")
    return base


def base_established(code: str, base: AcledType, cues: frozenset[str]) -> AcledType:
    """A force posture (15x) that sets up a base, camp or headquarters is headquarters or base established."""
    if code[:2] == "15" and "bases_headquarters" in cues:
        return _typed(STRATEGIC, "Headquarters or base established")
    return base


def agreement_reached(code: str, cues: frozenset[str]) -> AcledType:
    """Agreeing (030, "agreed to", "agreed on") where a ceasefire, truce, peace deal or prisoner exchange is named
    near the trigger is an agreement (ACLED records agreements between the parties to a conflict); any other
    code that the crosswalk leaves out stays not an ACLED event."""
    if code == AGREE and "truces_and_deals" in cues:
        return _typed(STRATEGIC, "Agreement")
    return NOT_ACLED


def acled_type(info: EventCode, cues: frozenset[str], source: str | None, target: str | None) -> AcledType:
    """An event's ACLED type: the crosswalk type of its code, refined by its means, its parties (source and
    target sectors), force used where a protest or a mob is named, a protest's response, the taker of territory,
    seized weapons, stopped attacks, destruction by a crowd and new bases."""
    code = info.code
    if info.acled_event_type is None:  # most codes: no crosswalk type to build and refine
        return agreement_reached(code, cues)
    base = NEW_TUPLE(AcledType, (info.acled_disorder_type, info.acled_event_type, info.acled_sub_event_type))
    base = violence_by_parties(code, base, cues, source, target)
    base = violence_by_means(code, base, cues)
    base = force_at_protests(code, base, cues, source)
    base = protest_by_response(code, base, cues, source, target)
    base = territory_by_taker(code, base, cues, source)
    base = seizure_of_weapons(code, base, cues)
    base = disrupted_weapons(base, cues)
    base = destruction_by_a_crowd(code, base, cues, source)
    return base_established(code, base, cues)
