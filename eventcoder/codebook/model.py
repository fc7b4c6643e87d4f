"""Plain compiled forms of the codebook's ontology entries (categories, class schemes, roles).

The compiled `Codebook` is cached as a pickle and loaded at the start of every command; it holds these
frozen dataclasses rather than the pydantic spec models they are made from, so loading a cached codebook
imports neither pydantic nor the spec models. The fields are those of the spec models, with lists as
tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventcoder.codebook.cache import LoadedInParts

if TYPE_CHECKING:
    from eventcoder.codebook.spec import CategorySpec, ClassSchemeSpec, RoleSpec


@dataclass(frozen=True, slots=True)
class Category:
    """One of eventcoder's own filterable categories and the CAMEO codes it claims (see `CategorySpec`)."""

    id: str
    name: str
    description: str
    codes: tuple[str, ...]
    assigned_by: str
    plover: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClassValue:
    """One value of a class scheme (QuadClass 3, verbal conflict) and the CAMEO roots it covers."""

    value: int
    name: str
    roots: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClassScheme:
    """A versioned mapping from CAMEO roots to coarse classes (QuadClass, PentaClass)."""

    id: str
    name: str
    version: str
    description: str
    default: bool
    classes: tuple[ClassValue, ...]


@dataclass(frozen=True, slots=True)
class Role:
    """A CAMEO actor role code (GOV, MIL, REB, ...); `primary`: a sector of its own rather than a modifier."""

    code: str
    name: str
    description: str
    primary: bool


class CodebookParts(LoadedInParts):
    """The parts a cached `Codebook` loads in, each when a command first reads one of its attributes (see
    `codebook/cache.py`): first what describes the codes and patterns (all `codebook show` reads), then what
    coding reads (the trigger and actor indexes, the lexicon's entries, the engine's word classes), then the
    trigger forms by first word (`explain` reads them; their forms are the trigger index's, so the part is
    small), then the actor lexicon the actor index was built from (only `codebook find` and `stats` read it;
    about 100 M instructions to load)."""

    __slots__ = ()

    later_parts = (
        (
            "trigger_index",
            "_actor_index",  # `actors.actor_index` keeps it beside the fields
            "actors",
            "agents",
            "places",
            "synsets",
            "countries",
            "words",
            "unattributed_weapons",
        ),
        ("triggers",),
        ("lexicon",),
    )


def category_of_spec(spec: CategorySpec) -> Category:
    """The compiled form of a validated category entry."""
    return Category(spec.id, spec.name, spec.description, tuple(spec.codes), spec.assigned_by, tuple(spec.plover))


def class_scheme_of_spec(spec: ClassSchemeSpec) -> ClassScheme:
    """The compiled form of a validated class scheme entry."""
    values = tuple(ClassValue(item.value, item.name, tuple(item.roots)) for item in spec.classes)
    return ClassScheme(spec.id, spec.name, spec.version, spec.description, spec.default, values)


def role_of_spec(spec: RoleSpec) -> Role:
    """The compiled form of a validated role entry."""
    return Role(spec.code, spec.name, spec.description, spec.primary)


def code_roles(code: str) -> list[str]:
    """Split a CAMEO-style actor code into its 3-letter chunks."""
    return [code[index : index + 3] for index in range(0, len(code), 3)]
