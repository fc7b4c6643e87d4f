"""Cross-reference checks over the merged codebook: the problems no single entry can show on its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from eventcoder.codebook import load
from eventcoder.codebook.load import Located, MergedCodebook
from eventcoder.codebook.model import code_roles
from eventcoder.codebook.spec import ActorSpec, AgentSpec, CategorySpec, PatternSpec
from eventcoder.errors import Problem

NON_COUNTRY_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "UIS", "INT"})


def _check_actor_code(item: Located, where: str, code: str, roles: set[str], countries: set[str]) -> Iterator[Problem]:
    chunks = code_roles(code)
    if chunks[0] in NON_COUNTRY_PREFIXES:
        return  # IGOUNOHCR, NGOIRC: the chunks after the prefix name the organisation
    for position, chunk in enumerate(chunks):
        if chunk in roles or (position == 0 and (chunk in countries or not roles)):
            continue
        yield Problem(
            item.file,
            f"{item.location} -> {where}",
            load.UNKNOWN_ROLE,
            f"'{chunk}' in code '{code}' is neither a country nor a role code",
            "use an ISO alpha-3 country and role codes listed in roles.yaml",
        )


def _check_spans(item: Located, spec: ActorSpec) -> Iterator[Problem]:
    spans: list[tuple[dt.date, dt.date, int]] = []
    for index, span in enumerate(spec.roles):
        start = span.from_ or dt.date.min
        end = span.until or dt.date.max
        if start > end:
            yield Problem(
                item.file,
                f"{item.location} -> roles -> {index} -> until",
                load.INVERTED_DATES,
                f"role ends ({span.until}) before it starts ({span.from_})",
                "swap or correct the dates",
            )
            continue
        spans.append((start, end, index))
    spans.sort()
    for (_, end, first), (start, _, second) in zip(spans, spans[1:], strict=False):
        if start <= end:
            yield Problem(
                item.file,
                f"{item.location} -> roles -> {second}",
                load.OVERLAPPING_DATES,
                f"role {second} overlaps role {first} of '{spec.id}'",
                "make the spans disjoint: end one the day before the next starts",
            )


def _check_pattern(
    item: Located, spec: PatternSpec, codes: set[str], synsets: set[str], categories: dict[str, CategorySpec]
) -> Iterator[Problem]:
    if spec.code not in codes:
        yield Problem(
            item.file,
            f"{item.location} -> code",
            load.UNKNOWN_CODE,
            f"unknown CAMEO code '{spec.code}'",
            "use a code from ontology/event_codes.yaml",
        )
    for group in ("requires", "excludes"):
        for index, constraint in enumerate(getattr(spec, group)):
            if constraint.synset is not None and constraint.synset not in synsets:
                yield Problem(
                    item.file,
                    f"{item.location} -> {group} -> {index} -> synset",
                    load.UNKNOWN_SYNSET,
                    f"unknown synset '{constraint.synset}'",
                    "define it in a synsets file",
                )
    both = set(spec.source) & set(spec.target) - {"context"}
    if both:
        yield Problem(
            item.file,
            f"{item.location} -> target",
            load.BAD_SLOTS,
            f"slot rule(s) {sorted(both)} fill both source and target",
            "a phrase position can fill only one slot; remove it from one list",
        )
    if not spec.trigger.nouns:
        for side in ("source", "target"):
            for rule in ("possessor", "modifier"):
                if side in spec.model_fields_set and rule in getattr(spec, side):
                    yield Problem(
                        item.file,
                        f"{item.location} -> {side}",
                        load.BAD_SLOTS,
                        f"'{rule}' applies to noun triggers, but this pattern has only verbs",
                        "add trigger nouns or drop the rule",
                    )
    if "place" in spec.source:
        yield Problem(
            item.file,
            f"{item.location} -> source",
            load.BAD_SLOTS,
            "a place can be a target (the country whose airspace is closed) but never a source",
            "remove 'place' from source",
        )
    if spec.category is not None:
        category = categories.get(spec.category)
        if category is None:
            yield Problem(
                item.file,
                f"{item.location} -> category",
                load.UNKNOWN_CATEGORY,
                f"unknown category '{spec.category}'",
                "use an id from ontology/categories.yaml",
            )
        elif category.codes and not any(_claims(claim, spec.code) for claim in category.codes):
            yield Problem(
                item.file,
                f"{item.location} -> category",
                load.CATEGORY_CODE_MISMATCH,
                f"category '{spec.category}' does not take code {spec.code}",
                f"use one of {category.codes} or another category",
            )


def _claims(claim: str, code: str) -> bool:
    return code.startswith(claim[:-1]) if claim.endswith("*") else code == claim


def check(merged: MergedCodebook) -> list[Problem]:
    """Return every cross-reference problem of a merged codebook (empty when it is consistent)."""
    entries = merged.entries
    codes = set(entries["event_codes"])
    roles = set(entries["roles"])
    synsets = set(entries["synsets"])
    countries = {
        item.spec.code
        for item in entries["actors"].values()
        if isinstance(item.spec, ActorSpec)
        and item.spec.code
        and item.spec.type in ("country", "territory", "historical_state")
    }
    categories = {key: item.spec for key, item in entries["categories"].items() if isinstance(item.spec, CategorySpec)}
    problems: list[Problem] = []
    for kind in ("plover_crosswalk", "acled_crosswalk"):
        for key, item in entries[kind].items():
            if key not in codes:
                problems.append(
                    Problem(
                        item.file,
                        f"{item.location} -> code",
                        load.DANGLING_CROSSWALK,
                        f"{kind} entry for '{key}', which is not an event code",
                        "remove the entry or add the code",
                    )
                )
        if entries[kind]:
            for code in sorted(codes - set(entries[kind])):
                item = entries["event_codes"][code]
                problems.append(
                    Problem(
                        item.file,
                        item.location,
                        load.MISSING_CROSSWALK,
                        f"event code '{code}' has no {kind} entry",
                        f"add one to the {kind} file",
                    )
                )
    for category in categories.values():
        located = entries["categories"][category.id]
        for index, claim in enumerate(category.codes):
            if not any(_claims(claim, code) for code in codes):
                problems.append(
                    Problem(
                        located.file,
                        f"{located.location} -> codes -> {index}",
                        load.UNKNOWN_CODE,
                        f"'{claim}' matches no event code",
                        "use codes from event_codes.yaml",
                    )
                )
    for item in entries["actors"].values():
        spec = item.spec
        assert isinstance(spec, ActorSpec)
        if spec.code:
            problems.extend(_check_actor_code(item, "code", spec.code, roles, countries))
        for index, span in enumerate(spec.roles):
            problems.extend(_check_actor_code(item, f"roles -> {index} -> code", span.code, roles, countries))
        problems.extend(_check_spans(item, spec))
    for item in entries["agents"].values():
        agent = item.spec
        assert isinstance(agent, AgentSpec)
        if roles and agent.sector not in roles:
            problems.append(
                Problem(
                    item.file,
                    f"{item.location} -> sector",
                    load.UNKNOWN_ROLE,
                    f"unknown role '{agent.sector}'",
                    "use a code listed in roles.yaml",
                )
            )
    for item in entries["patterns"].values():
        pattern = item.spec
        assert isinstance(pattern, PatternSpec)
        problems.extend(_check_pattern(item, pattern, codes, synsets, categories))
    return problems
