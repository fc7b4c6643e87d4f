"""Read-only views of a compiled codebook for `eventcoder codebook show|find|stats`."""

from __future__ import annotations

from eventcoder.codebook.compile import Codebook
from eventcoder.errors import EventcoderError
from eventcoder.text.tokenize import phrase_key


def show_code(codebook: Codebook, code: str) -> str:
    """Describe one CAMEO code and list the patterns that produce it."""
    info = codebook.event_codes.get(code)
    if info is None:
        raise EventcoderError(f"unknown CAMEO code '{code}'; codes are strings such as 010 or 139")
    pattern_categories = sorted(
        {c.id for c in codebook.categories.values() if c.assigned_by == "pattern" and _claims(c.codes, code)}
    )
    root_name = codebook.event_codes[info.root].name if info.root in codebook.event_codes else ""
    acled = " / ".join(x for x in (info.acled_disorder_type, info.acled_event_type, info.acled_sub_event_type) if x)
    plover_detail = f"mode {info.plover_mode or '-'}, context {info.plover_context or '-'}"
    lines = [
        f"{info.code}  {info.name}",
        f"  description:  {info.description}",
        f"  root:         {info.root} ({root_name})",
        f"  goldstein:    {info.goldstein}",
        f"  quad_class:   {info.quad_class}",
        f"  plover:       {info.plover_event or '-'} ({plover_detail})",
        f"  acled:        {acled or '-'}",
        f"  category:     {info.category}",
    ]
    if pattern_categories:
        lines.append(f"  by pattern:   {', '.join(pattern_categories)} (when a pattern names it)")
    producing = [p for p in codebook.patterns if p.code == code]
    if info.not_codable:
        lines.append(f"  not codable:  {info.not_codable}")
    lines.append(f"  patterns ({len(producing)}):")
    for pattern in producing:
        category = f" [{pattern.category}]" if pattern.category else ""
        lines.append(f"    {pattern.id}{category}")
    return "\n".join(lines)


def _claims(claims: tuple[str, ...], code: str) -> bool:
    return any(code.startswith(c[:-1]) if c.endswith("*") else code == c for c in claims)


def find_phrase(codebook: Codebook, text: str) -> str:
    """List the lexicon entries a phrase (or any sub-phrase of it) matches, and patterns it triggers."""
    key = phrase_key(text)
    lines: list[str] = []
    for start in range(len(key)):
        for end in range(len(key), start, -1):
            hits = codebook.lexicon.phrases.get(key[start:end])
            for hit in hits or ():
                entry = (
                    codebook.actors.get(hit.entry) or codebook.agents.get(hit.entry) or codebook.places.get(hit.entry)
                )
                detail = getattr(entry, "code", None) or getattr(entry, "sector", None) or getattr(entry, "country", "")
                lines.append(f"actor lexicon: '{' '.join(key[start:end])}' -> {hit.form} of {hit.entry} ({detail})")
    for start in range(len(key)):
        for form in codebook.triggers.get(key[start], ()):
            if key[start : start + len(form.phrase)] == form.phrase:
                pattern = codebook.patterns[form.pattern]
                lines.append(
                    f"pattern trigger: '{' '.join(form.phrase)}' ({form.pos}) -> {pattern.id} [{pattern.code}]"
                )
    return "\n".join(dict.fromkeys(lines)) if lines else f"no codebook entry matches '{text}'"


def codebook_stats(codebook: Codebook) -> dict[str, int]:
    """Counts by kind of entry."""
    actors = codebook.actors.values()
    return {
        "event codes": len(codebook.event_codes),
        "categories": len(codebook.categories),
        "roles": len(codebook.roles),
        "actors": len(codebook.actors),
        "countries": sum(1 for a in actors if a.type in ("country", "territory")),
        "people": sum(1 for a in actors if a.type == "person"),
        "organizations": sum(
            1
            for a in actors
            if a.type
            in ("igo", "ngo", "armed_group", "criminal_group", "party", "media", "company", "institution", "group")
        ),
        "actor names": sum(1 for hits in codebook.lexicon.phrases.values() for h in hits if h.form != "place"),
        "agents": len(codebook.agents),
        "places": len(codebook.places),
        "synsets": len(codebook.synsets),
        "patterns": len(codebook.patterns),
        "trigger forms": sum(len(forms) for forms in codebook.triggers.values()),
        "discards (sentence)": codebook.discards.counts()[0],
        "discards (story)": codebook.discards.counts()[1],
    }
