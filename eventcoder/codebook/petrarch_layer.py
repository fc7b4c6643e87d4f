"""Make an imported PETRARCH layer self-sufficient, write it, and run `codebook check` on it.

`parse_*_dictionary` (in `petrarch.py`) convert lines into entries; this module decides what else the layer
must declare so that it passes `codebook check` both on its own and on top of the default codebook:

- A part of an imported code that the default codebook does not know (a sector such as `MUS`, a
  composite such as `ORC`, a fictional country prefix no imported country entry gives) is declared in the
  layer's `roles.yaml` with a description naming the first code and file line that used it.
- Default roles and default countries the imported codes use are copied into the layer unchanged
  (`roles.yaml`, `countries-from-defaults.yaml`), so the layer also checks on its own. On top of the
  defaults the copies are identical overrides and change nothing.

Every declaration is listed in the import report.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from eventcoder.codebook import load
from eventcoder.codebook.check import NON_COUNTRY_PREFIXES, check, code_roles
from eventcoder.codebook.load import MergedCodebook, merge_layers
from eventcoder.codebook.petrarch import (
    DictionaryKind,
    Entry,
    ImportResult,
    Skipped,
    assign_unique_ids,
    format_report,
    read_dictionaries,
)
from eventcoder.codebook.spec import FORMAT_VERSION, ActorSpec, RoleSpec
from eventcoder.errors import OutputError, Problem
from eventcoder.resources import default_codebook_dir

COUNTRY_TYPES = ("country", "territory", "historical_state")
# Every codebook file an import writes; one an earlier import left in the output directory is removed.
LAYER_FILES = (
    "actors.yaml", "agents.yaml", "patterns.yaml", "synsets.yaml", "roles.yaml", "countries-from-defaults.yaml",
    "discard.yaml",
)  # fmt: skip
_DUMPER: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C dumper writes a 30,000-entry layer fast


@dataclass(frozen=True, slots=True)
class DeclaredPart:
    """A code part the default codebook does not know, declared as a role by the import."""

    code: str
    used_in: str
    entry: str
    source: str

    def format(self) -> str:
        """Render as `CODE: first used in CODE of entry ID (file)`."""
        return f"{self.code}: first used in {self.used_in} of {self.entry} ({self.source})"


@dataclass(frozen=True, slots=True)
class LayerCheck:
    """What the import declared, and the problems `codebook check` finds alone and on the defaults."""

    declared: tuple[DeclaredPart, ...]
    copied_roles: tuple[str, ...]
    copied_countries: tuple[str, ...]
    alone: tuple[Problem, ...]
    with_defaults: tuple[Problem, ...]

    @property
    def passes(self) -> bool:
        """True when the layer has no problem on its own nor on top of the default codebook."""
        return not self.alone and not self.with_defaults

    def format(self) -> str:
        """Render the declarations and the check results for the import report."""
        lines = [f"Code parts declared as roles ({len(self.declared)}):"]
        lines += [f"    {part.format()}" for part in self.declared] or ["    (none)"]
        lines.append(f"Default roles copied into the layer ({len(self.copied_roles)}): {' '.join(self.copied_roles)}")
        lines.append(
            f"Default countries copied into the layer ({len(self.copied_countries)}): {' '.join(self.copied_countries)}"
        )
        for title, problems in (("alone", self.alone), ("on the default codebook", self.with_defaults)):
            lines.append(f"codebook check {title}: {len(problems)} problem(s)")
            lines += [f"    {problem.format()}" for problem in problems]
        return "\n".join(lines) + "\n"


def _codes_of(entry: Entry) -> Iterator[str]:
    """Every code an imported actor entry holds: its default code and its role codes."""
    if entry.get("code"):
        yield str(entry["code"])
    for role in entry.get("roles", []):  # type: ignore[attr-defined]
        yield str(role["code"])
    yield from (str(code) for code in entry.get("compound", []))  # type: ignore[attr-defined]


def plan_declarations(
    results: Sequence[ImportResult], default_roles: dict[str, RoleSpec], default_countries: dict[str, ActorSpec]
) -> tuple[list[DeclaredPart], list[str], list[str]]:
    """Decide what the layer declares: unknown parts, default roles used, default countries used (in order)."""
    layer_countries = {
        str(entry["code"])
        for result in results
        if result.kind == "actors"
        for entry in result.entries
        if entry.get("type") in COUNTRY_TYPES and entry.get("code")
    }
    declared: dict[str, DeclaredPart] = {}
    roles: dict[str, None] = {}
    countries: dict[str, None] = {}

    def need(part: str, first: bool, code: str, entry: Entry, source: str) -> None:
        if first and part in layer_countries:
            return
        if first and part in default_countries:
            countries.setdefault(part)
        elif part in default_roles:
            roles.setdefault(part)
        elif part not in declared:
            declared[part] = DeclaredPart(part, code, str(entry["id"]), source)

    for result in results:
        for entry in result.entries:
            if result.kind == "patterns":
                break
            if result.kind == "agents":
                need(str(entry["sector"]), False, f"sector {entry['sector']}", entry, result.source)
                continue
            for code in _codes_of(entry):
                parts = code_roles(code)
                if parts[0] in NON_COUNTRY_PREFIXES:
                    continue
                for position, part in enumerate(parts):
                    need(part, position == 0, code, entry, result.source)
    return list(declared.values()), list(roles), list(countries)


def _dump(spec: RoleSpec | ActorSpec) -> Entry:
    """A default entry as YAML data that validates back to an equal spec."""
    return spec.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _document(kind: str, description: str, entries: list[Entry], remove: Sequence[str] = ()) -> str:
    document: Entry = {"format_version": FORMAT_VERSION, "kind": kind, "description": description}
    if remove:
        document["remove"] = list(remove)
    document["entries"] = entries
    return yaml.dump(document, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120)


def import_petrarch(
    paths: Sequence[Path],
    out_dir: Path,
    kind: DictionaryKind | None = None,
    *,
    replace_patterns: bool = False,
    replace_agents: bool = False,
) -> tuple[list[ImportResult], list[Path], LayerCheck]:
    """Read dictionaries, write the layer into out_dir and check it (what `codebook import-petrarch` does).

    The default codebook's countries count as evidence that a bare three-letter code names a country.
    `replace_patterns` (`replace_agents`) makes the imported patterns (agents) replace the default ones
    instead of adding to them.
    """
    defaults = merge_layers([default_codebook_dir()])
    results = read_dictionaries(paths, kind, frozenset(_default_countries(defaults)))
    synsets = set(defaults.entries["synsets"]) | {str(entry["id"]) for result in results for entry in result.synsets}
    results = [usable_patterns(result, set(defaults.entries["event_codes"]), synsets) for result in results]
    written, layer_check = write_layer(
        results, out_dir, defaults, replace_patterns=replace_patterns, replace_agents=replace_agents
    )
    return results, written, layer_check


def usable_patterns(result: ImportResult, codes: set[str], synsets: set[str]) -> ImportResult:
    """Drop (and report) imported patterns whose code is not an event code or whose synset is missing."""
    if result.kind != "patterns":
        return result
    kept: list[Entry] = []
    skipped = list(result.skipped)
    for entry in result.entries:
        missing = [
            str(item["synset"])
            for item in entry.get("requires", [])  # type: ignore[attr-defined]
            if item.get("synset") and item["synset"] not in synsets
        ]
        reason = ""
        if entry["code"] not in codes:
            reason = f"code {entry['code']} is not an event code of the codebook"
        elif missing:
            reason = f"synset {', '.join(missing)} is not defined"
        if reason:
            line = int(str(entry["id"]).removesuffix("-paired").rsplit("-", 1)[1])
            skipped.append(Skipped(result.source, line, str(entry["note"]), reason))
        else:
            kept.append(entry)
    skipped.sort(key=lambda item: item.line)
    return replace(result, entries=tuple(kept), skipped=tuple(skipped))


def _default_countries(defaults: MergedCodebook) -> dict[str, ActorSpec]:
    """The default codebook's country-like actors by code (the first one of each code)."""
    countries: dict[str, ActorSpec] = {}
    for item in defaults.entries["actors"].values():
        spec = item.spec
        if isinstance(spec, ActorSpec) and spec.type in COUNTRY_TYPES and spec.code:
            countries.setdefault(spec.code, spec)
    return countries


def write_layer(
    results: Sequence[ImportResult],
    out_dir: Path,
    defaults: MergedCodebook | None = None,
    *,
    replace_patterns: bool = False,
    replace_agents: bool = False,
) -> tuple[list[Path], LayerCheck]:
    """Write the imported layer (actors, agents, roles, copied countries, report) and check it.

    With `replace_patterns` (`replace_agents`) the layer removes every default pattern (agent), so only the
    imported ones apply.

    Returns the written paths (codebooks first, report last) and the check. Raises OutputError when
    writing fails.
    """
    defaults = defaults or merge_layers([default_codebook_dir()])
    default_roles = {
        key: item.spec for key, item in defaults.entries["roles"].items() if isinstance(item.spec, RoleSpec)
    }
    default_countries = _default_countries(defaults)
    declared, copied_roles, copied_countries = plan_declarations(results, default_roles, default_countries)
    role_entries = [_dump(default_roles[code]) for code in copied_roles] + [
        {
            "code": part.code,
            "name": f"{part.code} (imported)",
            "description": (
                f"Declared by import-petrarch: a code part the default codebook does not know, first used in "
                f"{part.used_in} of {part.entry} ({part.source})."
            ),
        }
        for part in declared
    ]
    country_entries = [_dump(default_countries[code]) for code in copied_countries]
    sources = ", ".join(result.source for result in results)
    files: list[tuple[str, str]] = []
    removed: dict[str, set[str]] = {}
    replaced = {"patterns": replace_patterns, "agents": replace_agents}
    for kind in ("actors", "agents", "patterns", "discard"):
        of_kind = [entry for result in results if result.kind == kind for entry in result.entries]
        if kind == "actors" and country_entries:
            # copies first, so an imported entry that happens to share a default id is the one renamed
            everything = assign_unique_ids([*country_entries, *of_kind])
            split = len(country_entries)
            country_entries, of_kind = list(everything[:split]), list(everything[split:])
        else:
            of_kind = list(assign_unique_ids(of_kind))
        if any(result.kind == kind for result in results):
            description = f"{kind.capitalize()} imported from PETRARCH dictionaries: {sources}"
            remove = sorted(defaults.entries[kind]) if replaced.get(kind) else []
            if remove:
                description += f"; they replace the default {kind} (listed under remove)"
                removed[kind] = set(remove)
            files.append((f"{kind}.yaml", _document(kind, description, of_kind, remove)))
    synset_entries = list(assign_unique_ids(entry for result in results for entry in result.synsets))
    if synset_entries:
        files.append(("synsets.yaml", _document("synsets", f"Synonym sets imported from {sources}", synset_entries)))
    if role_entries:
        description = "Roles the imported codes use: copied from the default codebook, or declared by the import"
        files.append(("roles.yaml", _document("roles", description, role_entries)))
    if country_entries:
        description = "Default countries the imported codes use, copied unchanged so the layer checks on its own"
        files.append(("countries-from-defaults.yaml", _document("actors", description, country_entries)))
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for stale in set(LAYER_FILES) - {name for name, _ in files}:  # left by an earlier import into out_dir
            (out_dir / stale).unlink(missing_ok=True)
        for name, text in files:
            path = out_dir / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as error:
        raise OutputError(f"cannot write the imported codebook to {out_dir}: {error.strerror or error}") from error
    layer_check = check_layer(out_dir, defaults, declared, copied_roles, copied_countries, removed)
    report = out_dir / "import-report.txt"
    try:
        report.write_text(format_report(results) + "\n" + layer_check.format(), encoding="utf-8")
    except OSError as error:
        raise OutputError(f"cannot write the import report to {report}: {error.strerror or error}") from error
    return [*written, report], layer_check


def check_layer(
    out_dir: Path,
    defaults: MergedCodebook | None = None,
    declared: Sequence[DeclaredPart] = (),
    copied_roles: Sequence[str] = (),
    copied_countries: Sequence[str] = (),
    removed: Mapping[str, set[str]] | None = None,
) -> LayerCheck:
    """Run `codebook check` on the layer alone and on top of the default codebook.

    The layer is read once; on top of the defaults its entries override theirs by key and the default
    entries it removes (`removed`, by kind: patterns and agents) are left out, as `merge_layers` does.
    """
    removed = removed or {}
    defaults = defaults or merge_layers([default_codebook_dir()])
    layer = merge_layers([out_dir])
    alone = (*layer.problems, *check(layer))
    if layer.entries["patterns"]:
        # patterns name CAMEO codes, which only the default ontology declares: that problem only counts on the defaults
        alone = tuple(problem for problem in alone if problem.code != load.UNKNOWN_CODE)
    # the default entries a layer removes are not there alone
    alone = tuple(problem for problem in alone if problem.code != load.REMOVE_UNKNOWN)
    entries = {kind: {**defaults.entries[kind], **layer.entries[kind]} for kind in defaults.entries}
    for kind, keys in removed.items():
        entries[kind] = {
            key: item for key, item in entries[kind].items() if key not in keys or key in layer.entries[kind]
        }
    layer_problems = tuple(problem for problem in layer.problems if problem.code != load.REMOVE_UNKNOWN)
    stacked = MergedCodebook(entries, (*defaults.layers, str(out_dir)), "", layer_problems)
    with_defaults = (*layer_problems, *check(stacked))
    return LayerCheck(tuple(declared), tuple(copied_roles), tuple(copied_countries), alone, with_defaults)
