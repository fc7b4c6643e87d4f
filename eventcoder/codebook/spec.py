"""Declared form of the codebooks: the pydantic models every YAML codebook file is validated against.

Every file is one document `{format_version, kind, entries, remove}`. `kind` picks the entry model.
Entries add to or override lower layers by their key (`id`, or `code` for event codes, crosswalks
and roles); `remove` lists keys of lower-layer entries to delete. All models forbid unknown keys.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT_VERSION = 1

CameoCode = Annotated[str, Field(pattern=r"^\d{2,4}$", description="CAMEO event code as a string, e.g. '139'")]
RoleCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="three-letter CAMEO role code, e.g. GOV")]
ActorCode = Annotated[
    str,
    Field(pattern=r"^([A-Z]{3})+$", description="CAMEO-style actor code: 3-letter chunks, e.g. USAGOV"),
]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code")]
EntryId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", description="stable entry id")]

SLOT_RULE_PATTERN = re.compile(r"^(subject|object|by|possessor|modifier|place|context|prep:[a-z]+(\|[a-z]+)*)$")


class Spec(BaseModel):
    """Base of every spec model: unknown keys are an error, values are immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- ontology -------------------------------------------------------------------------------------


class EventCodeSpec(Spec):
    """One CAMEO event code with its published weights and our one-line description."""

    code: CameoCode
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    goldstein: float = Field(ge=-10, le=10)
    quad_class: int = Field(ge=1, le=4)
    not_codable: str | None = Field(
        default=None,
        description="why no pattern codes this code from news text (set only where no pattern reaches it)",
    )


class PloverSpec(Spec):
    """Where one CAMEO code lands in PLOVER (event, mode, context); null fields where none applies."""

    code: CameoCode
    event: str | None = Field(default=None, pattern=r"^[A-Z]+$")
    mode: str | None = None
    context: str | None = None
    note: str | None = None


class AcledSpec(Spec):
    """Where one CAMEO code lands in ACLED's typology; all three fields null where none applies."""

    code: CameoCode
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None


class CategorySpec(Spec):
    """One of eventcoder's own filterable categories, mapped from CAMEO codes.

    `codes` lists exact codes or whole families written with a trailing `*` ("13*", "138*").
    The most specific mapping wins when several categories claim a code.
    """

    id: EntryId
    name: str
    description: str
    codes: list[str] = Field(default_factory=list)
    assigned_by: Literal["code", "pattern"] = Field(
        default="code",
        description=(
            "code: every event whose code matches `codes` gets this category; pattern: only patterns that "
            "name the category assign it (airspace_restriction), and `codes` lists the codes it may take"
        ),
    )
    plover: list[str] = Field(default_factory=list, description="PLOVER events this category lands in")

    @field_validator("codes")
    @classmethod
    def _codes_shape(cls, value: list[str]) -> list[str]:
        for code in value:
            if not re.fullmatch(r"\d{2,4}\*?", code):
                raise ValueError(f"'{code}' is not a CAMEO code or family like '13*'")
        return value


class ClassValueSpec(Spec):
    """One value of a class scheme (e.g. QuadClass 3, verbal conflict) and the roots it covers."""

    value: int
    name: str
    roots: list[Annotated[str, Field(pattern=r"^\d{2}$")]]


class ClassSchemeSpec(Spec):
    """A versioned mapping from CAMEO roots to coarse classes (QuadClass, PentaClass)."""

    id: EntryId
    name: str
    version: str
    description: str
    default: bool = False
    classes: list[ClassValueSpec]


class RoleSpec(Spec):
    """A CAMEO actor role code (GOV, MIL, REB, ...)."""

    code: RoleCode
    name: str
    description: str
    primary: bool = Field(default=True, description="a sector of its own (GOV) rather than a modifier (ELI)")


# --- actors -----------------------------------------------------------------------------------------

ActorType = Literal[
    "country",
    "territory",
    "historical_state",
    "capital",
    "institution",
    "igo",
    "ngo",
    "armed_group",
    "criminal_group",
    "party",
    "media",
    "company",
    "person",
    "group",
]


class RoleSpanSpec(Spec):
    """A code an actor holds between two dates (both inclusive; open-ended when missing)."""

    code: ActorCode
    from_: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None
    title: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ActorSpec(Spec):
    """A named actor: a country, capital, organization, group or person.

    `names` are the surface forms that name the actor (longest match wins); `adjectives` are modifier
    forms ("Venezuelan") that combine with agents ("Venezuelan military" -> VENMIL); `nationals` name
    its people ("Venezuelans"). The code is `code`, or the `roles` span holding on the event date.
    """

    id: EntryId
    name: str
    type: ActorType
    code: ActorCode | None = Field(default=None, description="code outside any role span")
    country: CountryCode | None = None
    names: list[str] = Field(min_length=1)
    adjectives: list[str] = Field(default_factory=list)
    nationals: list[str] = Field(default_factory=list)
    roles: list[RoleSpanSpec] = Field(default_factory=list)
    compound: list[ActorCode] = Field(
        default_factory=list,
        description="the other actors a compound name stands for (PETRARCH's [A/B/C]: code A, compound [B, C]); a "
        "mention is one actor per code, filling its slot together as 'A, B and C' would",
    )
    gender: Literal["male", "female"] | None = Field(default=None, description="for he/she coreference")
    note: str | None = None

    @model_validator(mode="after")
    def _has_a_code(self) -> ActorSpec:
        if self.code is None and not self.roles:
            raise ValueError("an actor needs a `code` or at least one entry in `roles`")
        if self.compound and self.code is None:
            raise ValueError("a `compound` needs a `code`: the first actor the name stands for")
        return self


class AgentSpec(Spec):
    """A generic noun that makes a sector actor ("troops" -> MIL) and combines with a country word.

    List every surface form (singular and plural) in `names`. `code` is a full code for agents that
    carry their own country (rare); otherwise the sector is appended to the nearby country code.
    """

    id: EntryId
    sector: RoleCode
    names: list[str] = Field(min_length=1)
    person: bool = Field(default=False, description="refers to one person (he/she), e.g. 'minister'")
    code: ActorCode | None = None
    note: str | None = None


class PlaceSpec(Spec):
    """A place that is never an actor (seas, regions, towns) but fills an event's location."""

    id: EntryId
    name: str
    type: Literal["sea", "region", "city", "town", "province", "island", "border", "other"]
    country: CountryCode | None = None
    names: list[str] = Field(min_length=1)


class SynsetSpec(Spec):
    """A named word class patterns refer to as `$id` (lemmas or multiword phrases)."""

    id: EntryId
    description: str = ""
    words: list[str] = Field(min_length=1)


class DiscardSpec(Spec):
    """A phrase whose presence means a sentence is not coded, or with `scope: story` the whole article:
    sports results, entertainment, chronologies (PETRARCH's discard list, docs/codebooks.md).

    The phrase matches whole words after the shared normaliser, in any case; with `stem` its last word
    also matches every word it begins ("champion" matches "championship")."""

    id: EntryId
    phrase: str = Field(pattern=r"[^\W_]", description="the words; at least one letter or digit")
    scope: Literal["sentence", "story"] = "sentence"
    stem: bool = Field(default=False, description="the last word matches every word it begins")
    note: str | None = None


# --- event patterns -----------------------------------------------------------------------------------


class TriggerSpec(Spec):
    """The word that anchors a pattern: verb lemmas (any inflection) and/or noun lemmas (singular/plural).

    Multiword entries ("put forth", "call on", "no-fly zone") must appear as consecutive words.
    """

    verbs: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> TriggerSpec:
        if not self.verbs and not self.nouns:
            raise ValueError("a trigger needs at least one verb or noun")
        return self


class ConstraintSpec(Spec):
    """Words that must (or must not) occur near the trigger, in the same clause.

    Give `words` (lemmas or phrases), `synset` (a synset id), or both. `where` says on which side of the
    trigger to look, `within` how many tokens away at most.
    """

    words: list[str] = Field(default_factory=list)
    synset: str | None = None
    where: Literal["after", "before", "around"] = "after"
    within: int = Field(default=8, ge=1, le=40)

    @model_validator(mode="after")
    def _has_words(self) -> ConstraintSpec:
        if not self.words and self.synset is None:
            raise ValueError("a constraint needs `words` or a `synset`")
        return self


SlotRule = Annotated[
    str,
    Field(
        description=(
            "subject | object | by | possessor | modifier | place | context | prep:WORD[|WORD...]: where "
            "to look for the actor filling a slot, tried in order (see docs/patterns.md)"
        )
    ),
]


class PatternSpec(Spec):
    """One event pattern: a trigger, constraints, slot rules for source and target, and the code."""

    id: EntryId
    code: CameoCode
    category: str | None = Field(default=None, description="override the category derived from the code")
    trigger: TriggerSpec
    requires: list[ConstraintSpec] = Field(default_factory=list)
    excludes: list[ConstraintSpec] = Field(default_factory=list)
    source: list[SlotRule] = Field(default_factory=lambda: ["subject", "by", "possessor", "modifier"])
    target: list[SlotRule] = Field(default_factory=lambda: ["object", "prep:to|against|on|with"])
    needs_target: bool = Field(default=False, description="drop the match when no target is found")
    modality: Literal["intended", "hypothetical"] | None = None
    paired_code: CameoCode | None = Field(
        default=None,
        description="also code this event with source and target swapped (PETRARCH's [A:B]: a visit and its receipt)",
    )
    reciprocal: bool = Field(
        default=False,
        description="a compound source with no target acts on itself: each party on the others (PETRARCH's %), as "
        "the reciprocal_verbs class does for its verbs",
    )
    bare_country_source: bool = Field(
        default=False,
        description="a country named as source keeps its bare code (PETRARCH's convention) instead of acting as its "
        "government",
    )
    note: str | None = None

    @field_validator("source", "target")
    @classmethod
    def _slot_rules(cls, value: list[str]) -> list[str]:
        for rule in value:
            if not SLOT_RULE_PATTERN.fullmatch(rule):
                raise ValueError(
                    f"'{rule}' is not a slot rule; use subject, object, by, possessor, modifier, place, "
                    "context or prep:WORD"
                )
        return value


# --- files ------------------------------------------------------------------------------------------

KIND_MODELS: dict[str, type[Spec]] = {
    "event_codes": EventCodeSpec,
    "plover_crosswalk": PloverSpec,
    "acled_crosswalk": AcledSpec,
    "categories": CategorySpec,
    "class_schemes": ClassSchemeSpec,
    "roles": RoleSpec,
    "actors": ActorSpec,
    "agents": AgentSpec,
    "places": PlaceSpec,
    "synsets": SynsetSpec,
    "patterns": PatternSpec,
    "discard": DiscardSpec,
}

KEY_FIELDS: dict[str, str] = {
    "event_codes": "code",
    "plover_crosswalk": "code",
    "acled_crosswalk": "code",
    "roles": "code",
}


class FileHeaderSpec(Spec):
    """The envelope of one codebook file; `entries` are validated by the model `kind` names."""

    format_version: Literal[1]
    kind: Literal[
        "event_codes",
        "plover_crosswalk",
        "acled_crosswalk",
        "categories",
        "class_schemes",
        "roles",
        "actors",
        "agents",
        "places",
        "synsets",
        "patterns",
        "discard",
    ]
    description: str | None = None
    entries: list[dict[str, object]] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list, description="keys of lower-layer entries to delete")


def entry_key(kind: str, entry: Spec) -> str:
    """Return the key an entry of this kind is merged and overridden by."""
    return str(getattr(entry, KEY_FIELDS.get(kind, "id")))
