"""The shipped ontology codebooks: CAMEO codes, PLOVER and ACLED crosswalks, categories, class schemes, roles."""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventcoder.codebook.spec import (
    KIND_MODELS,
    AcledSpec,
    CategorySpec,
    ClassSchemeSpec,
    EventCodeSpec,
    FileHeaderSpec,
    PloverSpec,
    RoleSpec,
)

CODEBOOKS = Path(__file__).resolve().parents[1] / "codebooks"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"

ONTOLOGY_FILES = {
    "ontology/event_codes.yaml": "event_codes",
    "ontology/plover.yaml": "plover_crosswalk",
    "ontology/acled.yaml": "acled_crosswalk",
    "ontology/categories.yaml": "categories",
    "ontology/classes.yaml": "class_schemes",
    "roles.yaml": "roles",
}

ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
ACLED_DISORDER_TYPES = {"Political violence", "Demonstrations", "Strategic developments"}
ROOTS = [f"{n:02d}" for n in range(1, 21)]


@cache
def _document(name: str) -> dict[str, Any]:
    with (CODEBOOKS / name).open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


@cache
def _entries(name: str) -> tuple[Any, ...]:
    header = FileHeaderSpec.model_validate(_document(name))
    model = KIND_MODELS[header.kind]
    return tuple(model.model_validate(entry) for entry in header.entries)


def _event_codes() -> dict[str, EventCodeSpec]:
    return {spec.code: spec for spec in _entries("ontology/event_codes.yaml")}


def _plover() -> dict[str, PloverSpec]:
    return {spec.code: spec for spec in _entries("ontology/plover.yaml")}


def _acled() -> dict[str, AcledSpec]:
    return {spec.code: spec for spec in _entries("ontology/acled.yaml")}


def _categories() -> list[CategorySpec]:
    return list(_entries("ontology/categories.yaml"))


def _claims(claim: str, code: str) -> bool:
    return code.startswith(claim[:-1]) if claim.endswith("*") else code == claim


def _specificity(claim: str) -> int:
    """Most specific wins: an exact code beats any family, a longer family prefix beats a shorter one."""
    return 2 * len(claim.rstrip("*")) + (0 if claim.endswith("*") else 1)


def _category_claims(code: str) -> list[tuple[int, str]]:
    """Return (specificity, category id) of every code-assigned category claiming `code`, most specific first."""
    claims = [
        (_specificity(claim), category.id)
        for category in _categories()
        if category.assigned_by == "code"
        for claim in category.codes
        if _claims(claim, code)
    ]
    return sorted(claims, reverse=True)


def _category_of(code: str) -> str:
    return _category_claims(code)[0][1]


@pytest.mark.parametrize(("name", "kind"), sorted(ONTOLOGY_FILES.items()))
def test_ontology_file_validates_against_spec(name: str, kind: str) -> None:
    document = _document(name)
    header = FileHeaderSpec.model_validate(document)
    assert header.kind == kind
    assert header.description
    assert not header.remove
    model = KIND_MODELS[kind]
    failures = []
    for index, entry in enumerate(header.entries):
        try:
            model.model_validate(entry)
        except ValueError as error:
            failures.append(f"entries -> {index}: {error}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(ONTOLOGY_FILES))
def test_ontology_keys_are_unique(name: str) -> None:
    key = "id" if ONTOLOGY_FILES[name] in ("categories", "class_schemes") else "code"
    counts = Counter(getattr(spec, key) for spec in _entries(name))
    assert [k for k, n in counts.items() if n > 1] == []


def test_ontology_has_all_311_event_codes() -> None:
    codes = _event_codes()
    assert len(_entries("ontology/event_codes.yaml")) == 311
    assert len(codes) == 311
    assert [code for code in codes if len(code) == 2] == ROOTS
    assert all(code[:2] in ROOTS for code in codes)


def test_ontology_event_codes_are_quoted_strings() -> None:
    raw = _document("ontology/event_codes.yaml")["entries"]
    assert all(isinstance(entry["code"], str) for entry in raw)
    assert {"01", "010", "0211", "139", "2042"} <= {entry["code"] for entry in raw}


def test_ontology_descriptions_are_informative() -> None:
    bad = [
        spec.code
        for spec in _event_codes().values()
        if "e.g." not in spec.description or spec.description.lower().startswith(spec.name.lower())
        or "\n" in spec.description
    ]
    assert bad == []


def test_ontology_root_names_use_sentence_case() -> None:
    roots = {code: spec.name for code, spec in _event_codes().items() if len(code) == 2}
    assert roots["01"] == "Make public statement"
    assert all(name[0].isupper() and name[1:] == name[1:].lower() for name in roots.values())


@pytest.mark.parametrize("name", ["ontology/plover.yaml", "ontology/acled.yaml"])
def test_ontology_crosswalk_has_one_entry_per_code(name: str) -> None:
    crosswalk = [spec.code for spec in _entries(name)]
    assert Counter(crosswalk) == Counter(list(_event_codes()))


@pytest.mark.parametrize(
    ("code", "event", "mode", "context"),
    [
        ("010", None, None, None),
        ("016", "REJECT", None, None),
        ("019", "SUPPORT", None, "diplomatic"),
        ("02", "REQUEST", None, None),
        ("0254", "REQUEST", "yield", "economic"),
        ("026", "REQUEST", "meet", "diplomatic"),
        ("03", "AGREE", None, None),
        ("035", "AGREE", None, None),
        ("08", "CONCEDE", None, None),
        ("0861", "RETREAT", "access", "peacekeeping"),
        ("091", "ACCUSE", "investigate", "crime; corruption"),
        ("139", "THREATEN", "relations", "diplomatic"),
        ("163", "COERCE", "restrict", "diplomatic"),
        ("175", "ASSAULT", None, "pro_autocracy; military"),
        ("1712", "ASSAULT", "seize", "human_security"),
        ("191", "COERCE", "restrict", "military"),
        ("192", "COERCE", "seize", "military"),
        ("201", "ASSAULT", "cleansing", "religion_ethnicity"),
        ("20", "ASSAULT", None, None),
    ],
)
def test_ontology_plover_mapping(code: str, event: str | None, mode: str | None, context: str | None) -> None:
    spec = _plover()[code]
    assert (spec.event, spec.mode, spec.context) == (event, mode, context)


def test_ontology_plover_fields_have_no_stray_spaces() -> None:
    values = [value for spec in _plover().values() for value in (spec.mode, spec.context) if value is not None]
    assert all(value == value.strip() and value for value in values)


def test_ontology_plover_choices_are_explained() -> None:
    plover = _plover()
    chosen = [code for code in plover if code[:2] in ("01", "02")] + ["08", "175", "163", "191", "192", "1712"]
    assert [code for code in chosen if not plover[code].note] == []


def test_ontology_acled_values_belong_to_the_typology() -> None:
    bad = []
    for spec in _acled().values():
        if spec.disorder_type is None:
            if spec.event_type is not None or spec.sub_event_type is not None:
                bad.append(spec.code)
            continue
        disorders = set(spec.disorder_type.split("; "))
        subs = ACLED_TYPES.get(spec.event_type or "")
        known_sub = spec.sub_event_type is None or (subs is not None and spec.sub_event_type in subs)
        if not disorders <= ACLED_DISORDER_TYPES or subs is None or not known_sub:
            bad.append(spec.code)
    assert bad == []


def test_ontology_cooperation_and_verbal_codes_have_no_acled_type_but_agreements() -> None:
    mapped = [spec.code for spec in _acled().values() if spec.code[:2] <= "13" and spec.disorder_type is not None]
    assert mapped == ["057", "0841", "087", "0871", "0873", "0874"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("057", ("Strategic developments", "Strategic developments", "Agreement")),
        ("1412", ("Demonstrations", "Protests", "Peaceful protest")),
        ("145", ("Demonstrations", "Riots", "Violent demonstration")),
        ("154", ("Strategic developments", "Strategic developments", "Change to group/activity")),
        ("163", (None, None, None)),
        ("173", ("Strategic developments", "Strategic developments", "Arrests")),
        ("175", ("Political violence; Demonstrations", "Protests", "Excessive force against protesters")),
        ("181", ("Political violence", "Violence against civilians", "Abduction/forced disappearance")),
        ("1823", ("Political violence", "Violence against civilians", "Attack")),
        ("183", ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("1831", ("Political violence", "Explosions/Remote violence", "Suicide bomb")),
        ("191", ("Strategic developments", "Strategic developments", "Other")),
        ("193", ("Political violence", "Battles", "Armed clash")),
        ("194", ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("195", ("Political violence", "Explosions/Remote violence", "Air/drone strike")),
        ("2041", ("Political violence", "Explosions/Remote violence", "Chemical weapon")),
        ("111", (None, None, None)),
    ],
)
def test_ontology_acled_mapping(code: str, expected: tuple[str | None, str | None, str | None]) -> None:
    spec = _acled()[code]
    assert (spec.disorder_type, spec.event_type, spec.sub_event_type) == expected


def test_ontology_every_code_gets_exactly_one_category() -> None:
    unclaimed, tied = [], []
    for code in _event_codes():
        claims = _category_claims(code)
        if not claims:
            unclaimed.append(code)
        elif len(claims) > 1 and claims[0][0] == claims[1][0]:
            tied.append(code)
    assert (unclaimed, tied) == ([], [])


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("010", "statement"),
        ("016", "deny"),
        ("0254", "appeal"),
        ("0311", "offer"),
        ("057", "cooperate"),
        ("064", "cooperate"),
        ("0871", "yield"),
        ("094", "investigate"),
        ("1041", "demand"),
        ("111", "criticize"),
        ("1123", "accuse"),
        ("1243", "reject"),
        ("1384", "threat"),
        ("139", "ultimatum"),
        ("145", "protest"),
        ("154", "mobilize"),
        ("163", "sanction"),
        ("172", "coerce"),
        ("173", "arrest"),
        ("175", "use_of_force"),
        ("191", "use_of_force"),
        ("2041", "mass_violence"),
    ],
)
def test_ontology_category_of_code(code: str, category: str) -> None:
    assert _category_of(code) == category


def test_ontology_category_claims_name_existing_codes() -> None:
    codes = _event_codes()
    dangling = [
        (category.id, claim)
        for category in _categories()
        for claim in category.codes
        if not any(_claims(claim, code) for code in codes)
    ]
    assert dangling == []


def test_ontology_category_plover_lists_match_their_codes() -> None:
    plover = _plover()
    mismatched = []
    for category in _categories():
        if category.assigned_by == "code":
            codes = [code for code in plover if _category_of(code) == category.id]
        else:
            codes = [code for code in plover if any(_claims(claim, code) for claim in category.codes)]
        events = {plover[code].event for code in codes} - {None}
        if events != set(category.plover):
            mismatched.append((category.id, sorted(events), category.plover))
    assert mismatched == []


@pytest.mark.parametrize(
    ("category", "codes"),
    [
        ("airspace_restriction", ["163", "172", "191"]),
        ("warning", ["012", "130", "138*"]),
    ],
)
def test_ontology_pattern_categories(category: str, codes: list[str]) -> None:
    spec = {spec.id: spec for spec in _categories()}[category]
    assert spec.assigned_by == "pattern"
    assert spec.codes == codes


def test_ontology_seed_gold_categories_exist() -> None:
    seed_gold = {"threat", "demand", "offer", "reject", "appeal", "coerce", "airspace_restriction", "warning",
                 "sanction", "criticize", "accuse", "use_of_force", "investigate", "deny"}
    assert seed_gold <= {category.id for category in _categories()}


@pytest.mark.parametrize("scheme_id", ["quad_class", "penta_class"])
def test_ontology_class_scheme_covers_every_root_once(scheme_id: str) -> None:
    scheme: ClassSchemeSpec = {spec.id: spec for spec in _entries("ontology/classes.yaml")}[scheme_id]
    roots = [root for value in scheme.classes for root in value.roots]
    assert sorted(roots) == ROOTS
    assert len(roots) == len(set(roots))
    values = [value.value for value in scheme.classes]
    assert len(values) == len(set(values))


def test_ontology_default_class_scheme_is_quad_class_of_the_codes() -> None:
    schemes: list[ClassSchemeSpec] = list(_entries("ontology/classes.yaml"))
    defaults = [scheme for scheme in schemes if scheme.default]
    assert [scheme.id for scheme in defaults] == ["quad_class"]
    class_of_root = {root: value.value for value in defaults[0].classes for root in value.roots}
    assert [code for code, spec in _event_codes().items() if class_of_root[code[:2]] != spec.quad_class] == []


def test_ontology_roles() -> None:
    roles: dict[str, RoleSpec] = {spec.code: spec for spec in _entries("roles.yaml")}
    assert {"GOV", "MIL", "REB", "OPP", "COP", "JUD", "SPY", "LEG", "MED", "BUS", "CVL", "IGO", "NGO"} <= set(roles)
    modifiers = {code for code, spec in roles.items() if not spec.primary}
    # ELI, MOD and RAD qualify a role; the other modifiers are ethnic and religious group codes (MKDREBALB)
    assert {"ELI", "MOD", "RAD", "KUR", "MOS"} <= modifiers
    assert not modifiers & {"GOV", "MIL", "REB", "OPP", "COP", "CVL", "UAG"}


def _reference_rows() -> dict[str, dict[str, str]]:
    path = REFERENCE / "cameo_event_codes.tsv"
    if not path.is_file():
        pytest.skip(f"reference table {path} is not present (it lives in shared/, beside the checkout)")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle, delimiter="\t")}


def test_ontology_matches_reference_weights_and_classes() -> None:
    reference = _reference_rows()
    codes = _event_codes()
    assert set(codes) == set(reference)
    mismatched = [
        code
        for code, spec in codes.items()
        if spec.goldstein != float(reference[code]["goldstein"])
        or spec.quad_class != int(reference[code]["quad_class"])
        or spec.name.lower() != reference[code]["name"].lower()
    ]
    assert mismatched == []
