"""Declare and validate: read YAML codebook layers, validate every entry, merge the layers, and report
every problem at once with file, location path, a stable code, and a hint."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from eventcoder.codebook.cache import codebook_files
from eventcoder.codebook.spec import KIND_MODELS, FileHeaderSpec, Spec, entry_key
from eventcoder.errors import Problem

try:  # libyaml's C loader is several times faster; PyYAML ships it in its wheels
    _BaseLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only on builds without libyaml
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):
    """A safe loader that leaves dates as strings, so pydantic reports a bad date with its location."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

# Stable problem codes; tests and users rely on them.
YAML_SYNTAX = "EC100"
BAD_HEADER = "EC101"
UNKNOWN_KEY = "EC102"
MISSING_FIELD = "EC103"
BAD_VALUE = "EC104"
BAD_DATE = "EC105"
DUPLICATE_ID = "EC201"
UNKNOWN_CODE = "EC202"
UNKNOWN_ROLE = "EC203"
OVERLAPPING_DATES = "EC204"
INVERTED_DATES = "EC205"
UNKNOWN_SYNSET = "EC206"
DANGLING_CROSSWALK = "EC207"
REMOVE_UNKNOWN = "EC208"
UNKNOWN_CATEGORY = "EC209"
BAD_SLOTS = "EC210"
CATEGORY_CODE_MISMATCH = "EC211"
MISSING_CROSSWALK = "EC212"


@dataclass(frozen=True, slots=True)
class Located:
    """A validated entry with the file and location it was declared at."""

    spec: Spec
    file: str
    location: str


@dataclass(frozen=True, slots=True)
class MergedCodebook:
    """Every kind's validated entries after the layers were applied, keyed by entry key."""

    entries: dict[str, dict[str, Located]]
    layers: tuple[str, ...]
    fingerprint: str
    problems: tuple[Problem, ...] = ()


def _location(loc: Sequence[int | str]) -> str:
    return " -> ".join(str(part) for part in loc)


def _problem_from_pydantic(file: str, prefix: Sequence[int | str], error: Any) -> Problem:
    location = _location([*prefix, *error["loc"]])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = error["loc"][-1] if error["loc"] else "?"
        return Problem(file, location, UNKNOWN_KEY, f"unknown key '{key}'", "remove it or correct its spelling")
    if kind == "missing":
        return Problem(file, location, MISSING_FIELD, "required key is missing", "add it")
    if kind.startswith("date") or kind.startswith("datetime"):
        return Problem(file, location, BAD_DATE, f"not a date: {error.get('input')!r}", "write dates as YYYY-MM-DD")
    message = error["msg"].removeprefix("Value error, ")
    return Problem(file, location, BAD_VALUE, message, "see docs/codebooks.md for the allowed values")


def read_layer(directory: Path, problems: list[Problem]) -> list[tuple[str, FileHeaderSpec, list[Located]]]:
    """Read and validate every file of one layer; append problems instead of stopping at the first."""
    documents: list[tuple[str, FileHeaderSpec, list[Located]]] = []
    for path in codebook_files(directory):
        name = str(path)
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            problems.append(
                Problem(
                    name,
                    "",
                    YAML_SYNTAX,
                    f"not valid YAML: {error}".replace("\n", " "),
                    "fix the syntax at the line shown",
                )
            )
            continue
        if not isinstance(raw, dict):
            problems.append(
                Problem(
                    name,
                    "",
                    BAD_HEADER,
                    "a codebook file must be a mapping",
                    "start the file with format_version, kind and entries",
                )
            )
            continue
        try:
            header = FileHeaderSpec.model_validate(raw)
        except ValidationError as error:
            for item in error.errors():
                problem = _problem_from_pydantic(name, [], item)
                if item["loc"] and item["loc"][0] in ("format_version", "kind"):
                    hint = "use format_version: 1 and one of: " + ", ".join(sorted(KIND_MODELS))
                    problem = Problem(name, problem.location, BAD_HEADER, problem.message, hint)
                problems.append(problem)
            continue
        model = KIND_MODELS[header.kind]
        located: list[Located] = []
        for index, entry in enumerate(header.entries):
            try:
                located.append(Located(model.model_validate(entry), name, f"entries -> {index}"))
            except ValidationError as error:
                problems.extend(_problem_from_pydantic(name, ["entries", index], item) for item in error.errors())
        documents.append((name, header, located))
    return documents


def merge_layers(layers: Sequence[Path]) -> MergedCodebook:
    """Validate each layer and apply them in order: entries add or override by key, `remove` deletes.

    Invalid entries are left out and reported in `problems`, so the cross-reference checks can still run
    and every problem is reported in one pass.
    """
    problems: list[Problem] = []
    merged: dict[str, dict[str, Located]] = {kind: {} for kind in KIND_MODELS}
    for layer in layers:
        documents = read_layer(layer, problems)
        seen: dict[tuple[str, str], Located] = {}
        for name, header, _ in documents:
            for index, key in enumerate(header.remove):
                if key not in merged[header.kind]:
                    problems.append(
                        Problem(
                            name,
                            f"remove -> {index}",
                            REMOVE_UNKNOWN,
                            f"no {header.kind} entry '{key}' in a lower layer to remove",
                            "check the id, or drop the line",
                        )
                    )
                merged[header.kind].pop(key, None)
        for _, header, located in documents:
            for item in located:
                key = entry_key(header.kind, item.spec)
                first = seen.get((header.kind, key))
                if first is not None:
                    problems.append(
                        Problem(
                            item.file,
                            item.location,
                            DUPLICATE_ID,
                            f"duplicate {header.kind} key '{key}' (first at {first.file}: {first.location})",
                            "give each entry a unique id or merge them",
                        )
                    )
                    continue
                seen[(header.kind, key)] = item
                merged[header.kind][key] = item
    return MergedCodebook(merged, tuple(str(layer) for layer in layers), fingerprint(merged), tuple(problems))


def fingerprint(entries: dict[str, dict[str, Located]]) -> str:
    """Hash the merged, validated content (not the file layout): equal meaning gives an equal fingerprint.
    An empty `discard` kind is left out: codebooks without discard phrases keep the fingerprint they had before
    that kind existed."""
    canonical = {
        kind: [entries[kind][key].spec.model_dump(mode="json", by_alias=True) for key in sorted(entries[kind])]
        for kind in sorted(entries)
        if entries[kind] or kind != "discard"
    }
    blob = json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()
    return "cb-" + hashlib.sha256(blob).hexdigest()[:16]
