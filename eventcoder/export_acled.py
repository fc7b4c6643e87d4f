"""ACLED's conventions for an exported event: actor names, inter codes, interaction, civilian targeting,
country names and regions, tags. Pure functions over one event's fields; `eventcoder.export` applies them.

The rules, and where they differ from ACLED's own coding, are documented in `docs/exports.md`.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
"""ACLED's actor types (inter1, inter2); 0 stands for no actor."""

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
        "Other",
    ),
}
"""ACLED's six event types and their 25 sub-event types."""

DISORDER_TYPES: tuple[str, ...] = ("Political violence", "Demonstrations", "Strategic developments")

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "UIS", "LEG", "JUD"})
REBEL_SECTORS = frozenset({"REB", "INS", "SEP", "IMG"})
MILITIA_SECTORS = frozenset({"UAF", "UAG", "CRM"})
CIVILIAN_SECTORS = frozenset({"CVL", "MED", "HLH", "EDU", "REL", "REF", "LAB", "AGR", "BUS", "HRI", "ENV", "DEV",
                              "SET"})
VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

_STATE_LABELS = {"MIL": "Military Forces of {country}", "COP": "Police Forces of {country}"}
_CIVILIAN_GROUPS = {
    "MED": "Journalists", "HLH": "Health Workers", "LAB": "Labor Group", "AGR": "Farmers",
    "REF": "Refugees/IDPs", "EDU": "Teachers and Students", "REL": "Religious Group", "HRI": "Human Rights Group",
}
_OTHER_GROUPS = {
    "OPP": "Political Opposition", "PTY": "Political Party", "NGO": "NGO", "NGM": "Social Movement",
    "IGO": "International Organization", "PKO": "Peacekeepers", "MNC": "Multinational Company",
}
_THE_PREFIXES = ("United ", "Republic of ", "Democratic Republic", "Central African", "Dominican Republic",
                 "Czech Republic")
_THE_NAMES = frozenset({"Philippines", "Netherlands", "Bahamas", "Maldives", "Comoros", "Seychelles",
                        "Marshall Islands", "Solomon Islands"})
_CROWD_WORDS = {"exact": "", "at_least": "at least ", "at_most": "at most ", "estimate": "around "}


@dataclass(frozen=True, slots=True)
class Side:
    """One actor of an event as the event table has it: code, country, primary role, canonical name and the
    codebook entries that identified it ('+'-joined; None when unknown)."""

    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    entry: str | None = None

    @property
    def proper_name(self) -> str | None:
        """The canonical name when it names this actor (an actor entry), not a generic agent ('agent.*')."""
        if self.name is None or self.entry is None:
            return self.name
        if all(part.startswith("agent.") for part in self.entry.split("+")):
            return None
        return self.name


@dataclass(frozen=True, slots=True)
class AcledActor:
    """An actor as ACLED names it: the actor, its inter code (0: none) and an associated actor."""

    name: str | None
    inter: int
    associate: str | None = None


NO_ACTOR = AcledActor(None, 0)


@dataclass(frozen=True, slots=True)
class CountryFacts:
    """What the exports need about one country: ACLED's name and region, and GDELT's FIPS 10-4 code."""

    alpha_3: str
    acled_name: str
    acled_region: str
    fips: str | None


@cache
def country_table() -> Mapping[str, CountryFacts]:
    """The shipped table `data/export_countries.csv`, by ISO alpha-3 code (XKX for Kosovo); read once, and
    read-only."""
    text = resources.files("eventcoder").joinpath("data/export_countries.csv").read_text(encoding="utf-8")
    return MappingProxyType({
        row["alpha_3"]: CountryFacts(row["alpha_3"], row["acled_name"], row["acled_region"], row["fips"] or None)
        for row in csv.DictReader(text.splitlines())
    })


def acled_country(alpha_3: str | None) -> str | None:
    """ACLED's name for the country with ISO alpha-3 code `alpha_3` ('COD' -> 'Democratic Republic of Congo')."""
    facts = country_table().get(alpha_3) if alpha_3 else None
    return facts.acled_name if facts else None


def event_country(location_country: str | None, source_country: str | None,
                  target_country: str | None) -> str | None:
    """The country an ACLED row is filed under: where it happened, else the source's, else the target's."""
    return location_country or source_country or target_country


def names_a_place(side: Side) -> bool:
    """The actor is a country or a capital standing for its state: a bare country code ('VEN'), or an actor
    found only through capital entries ('capital.caracas', 'Caracas said' -> VENGOV)."""
    if side.code is None:
        return False
    if side.sector is None and side.code == side.country:
        return True
    return side.entry is not None and all(part.startswith("capital.") for part in side.entry.split("+"))


def with_country(label: str, country: str | None) -> str:
    name = acled_country(country)
    return f"{label} ({name})" if name else label


def country_phrase(name: str) -> str:
    """A country's name after 'Government of' as ACLED writes it: 'the United States', 'the Philippines'."""
    if name.startswith(_THE_PREFIXES) or name in _THE_NAMES:
        return f"the {name}"
    return name


def _state_actor(side: Side, place_country: str | None) -> AcledActor:
    country_name = acled_country(side.country)
    label = _STATE_LABELS.get(side.sector or "", "Government of {country}")
    if country_name is not None:
        name = label.format(country=country_phrase(country_name))
    else:
        name = side.proper_name or label.format(country="Unknown Country")
    abroad = side.country is not None and place_country is not None and side.country != place_country
    return AcledActor(name, 8 if abroad else 1)


def _civilian_group(side: Side, country: str | None) -> str | None:
    if side.sector == "CVL":
        return None
    group = _CIVILIAN_GROUPS.get(side.sector or "")
    if group is not None:
        return with_country(group, country)
    return side.proper_name


def acled_actor(
    side: Side, *, is_target: bool, event_type: str, place_country: str | None, home_country: str | None = None
) -> AcledActor:
    """Name one side of an event the ACLED way and give its inter code (rules in docs/exports.md).

    `place_country` is where the event happened (state forces elsewhere are external forces, 8);
    `home_country` names actors without a country of their own (default `place_country`). A place is never
    an actor: a country or capital (`names_a_place`) as the target of remote violence gives no actor.
    """
    if side.code is None:
        return NO_ACTOR
    country = side.country or place_country or home_country
    armed = side.sector in STATE_SECTORS | REBEL_SECTORS | MILITIA_SECTORS
    named = side.proper_name
    if event_type in ("Protests", "Riots") and not armed and not names_a_place(side):
        label, inter = ("Protesters", 6) if event_type == "Protests" else ("Rioters", 5)
        return AcledActor(with_country(label, country), inter, _civilian_group(side, country))
    if is_target and event_type == "Violence against civilians":
        return AcledActor(with_country("Civilians", country), 7, _civilian_group(side, country))
    if names_a_place(side):
        if is_target and event_type == "Explosions/Remote violence":
            return NO_ACTOR
        if event_type in VIOLENT_EVENT_TYPES:
            return _state_actor(Side(side.code, side.country, "MIL", side.name), place_country)
        return _state_actor(Side(side.code, side.country, "GOV", side.name), place_country)
    if side.sector in STATE_SECTORS:
        return _state_actor(side, place_country)
    if side.sector in REBEL_SECTORS and named:
        return AcledActor(named, 2)
    if armed:
        if side.sector in ("UAF", "CRM") and named:
            return AcledActor(named, 3)
        return AcledActor(with_country("Unidentified Armed Group", country), 3)
    if side.sector in CIVILIAN_SECTORS:
        return AcledActor(with_country("Civilians", country), 7, _civilian_group(side, country))
    if named:
        return AcledActor(named, 8)
    if side.sector is None:
        return NO_ACTOR
    return AcledActor(with_country(_OTHER_GROUPS.get(side.sector, "Other Actors"), country), 8)


def order_actors(
    event_type: str, actor1: AcledActor, actor2: AcledActor, country: str | None
) -> tuple[AcledActor, AcledActor]:
    """ACLED's actor order from (source, target): the unknown perpetrator of political violence is
    `Unidentified Armed Group (Country)`; the sole actor of another event is actor1; in a demonstration the
    protesters or rioters are actor1 (ACLED has no direction; otherwise the source stays actor1)."""
    if actor1.inter == 0:
        if event_type not in VIOLENT_EVENT_TYPES:
            return actor2, NO_ACTOR
        actor1 = AcledActor(with_country("Unidentified Armed Group", country), 3)
    if event_type in ("Protests", "Riots") and actor2.inter in (5, 6) and actor1.inter not in (5, 6):
        return actor2, actor1
    return actor1, actor2


def interaction(inter1: int, inter2: int) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (17); a sole actor gives its code then 0 (60)."""
    if inter1 == 0 and inter2 == 0:
        return None
    if inter1 == 0 or inter2 == 0:
        return max(inter1, inter2) * 10
    return min(inter1, inter2) * 10 + max(inter1, inter2)


def civilian_targeting(disorder_type: str | None, inter2: int) -> str | None:
    """'Civilian targeting' when actor2 is civilians in an event of political violence, else None (ACLED)."""
    if inter2 == 7 and disorder_type is not None and "Political violence" in disorder_type:
        return "Civilian targeting"
    return None


def crowd_tag(event_type: str | None, crowd_size: int | None, precision: str | None) -> str | None:
    """ACLED's crowd size tag of a demonstration ('crowd size=at least 200', 'crowd size=no report')."""
    if event_type not in ("Protests", "Riots"):
        return None
    if crowd_size is None:
        return "crowd size=no report"
    return f"crowd size={_CROWD_WORDS.get(precision or 'exact', '')}{crowd_size}"
