"""`eventcoder explain`: a readable account of how a text was coded."""

from __future__ import annotations

import datetime as dt

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import (
    analyse_article,
    article_countries,
    event_records,
    headline_repeats_a_body_event,
    record_dict,
    record_template,
)
from eventcoder.discard import DiscardHit
from eventcoder.events import unused_triggers
from eventcoder.inputs import Article


def explain_text(text: str, codebook: Codebook, *, date: dt.date, title: str | None = None) -> str:
    """Explain, sentence by sentence, the tokens, mentions, events, the candidates dropped and the triggers that
    never became candidates, each with its reason. The events are the records `code` writes: their places
    settled by the countries the whole text names, a title's events marked where they repeat the body's."""
    article = Article("explain", title, text, date, None, None, None, "<explain>")
    analyses = list(analyse_article(article, codebook))  # a text to explain is short: its analyses all fit
    countries = article_countries(analysis.mentions for analysis in analyses if analysis.discarded is None)
    template = record_template(article, codebook)
    records = [event_records(article, analysis, codebook, countries, template) for analysis in analyses]
    body = [record for analysis, found in zip(analyses, records, strict=True) if analysis.sentence.kind != "title"
            for record in found]
    out: list[str] = [f"codebook {codebook.fingerprint}, date {date.isoformat()}"]
    for analysis, found in zip(analyses, records, strict=True):
        sentence = analysis.sentence
        out.append("")
        out.append(f"[{sentence.index}] ({sentence.kind}) {sentence.text}")
        out.append("  tokens: " + " ".join(analysis.parse.words))
        if analysis.discarded is not None:
            out.append("  " + describe_discard(analysis.discarded, sentence.index))
            continue
        marks = [i for i, r in enumerate(analysis.parse.relative) if r >= 0]
        if marks:
            out.append(f"  relative clause tokens: {marks[0]}-{marks[-1]}")
        if analysis.parse.attribution_start < len(analysis.parse.norms):
            out.append(f"  attribution from token {analysis.parse.attribution_start}")
        out.append("  mentions:")
        for m in analysis.mentions:
            extra = " (pronoun)" if m.pronoun else ""
            out.append(
                f"    {m.text!r} -> {m.role} {m.code or '-'} [{m.name}] entries={m.entries}{extra} group={m.group}"
            )
        out.append("  events:")
        for record in found:
            row = record_dict(record)
            out.append(
                f"    {row['cameo_code']} {row['cameo_name']} [{row['category']}] "
                f"{row['source_code']} ({row['source_text']}) -> "
                f"{row['target_code'] or '-'} ({row['target_text'] or '-'}) "
                f"rule={row['rule_id']} trigger={row['trigger_text']!r} modality={row['modality']} "
                f"negated={row['negated']} date={row['event_date']} ({row['date_precision']})"
                + describe_place(row)
                + (" headline_repeat" if analysis.sentence.kind == "title"
                   and headline_repeats_a_body_event(record, body) else "")
            )
        for match in analysis.events:
            out.append(
                f"    slots for {match.candidate.pattern.id}: source by '{match.source.rule}', "
                f"target by '{match.target.rule if match.target else 'none'}'"
            )
        if analysis.dropped:
            out.append("  dropped candidates:")
            for dropped in analysis.dropped:
                out.append(f"    {dropped.candidate.pattern.id} [{dropped.candidate.pattern.code}]: {dropped.reason}")
        # A part-of-speech guess matters only where no other pattern read the word ("the attack" as a noun).
        read = {m.candidate.start for m in analysis.events} | {d.candidate.start for d in analysis.dropped}
        unused = [
            item
            for item in unused_triggers(analysis.parse, codebook, analysis.mentions)
            if not (item.part_of_speech and item.start in read)
        ]
        if unused:
            out.append("  triggers not used:")
            for item in unused:
                words = " ".join(analysis.parse.words[item.start : item.end])
                out.append(f"    {item.pattern.id} [{item.pattern.code}] {words!r}: {item.reason}")
    return "\n".join(out)


def describe_place(row: dict[str, object]) -> str:
    """The event's place as `explain` shows it (' place=Goma (COD, admin1 Nord Kivu, geonames_id 216281,
    geo_precision 1)', the columns that are null left out), or '' for an event without a place."""
    if row["location_text"] is None:
        return ""
    where = [str(row["location_country"] or "-")]
    where += [f"{name} {row[name]}" for name in ("admin1", "geonames_id", "geo_precision") if row[name] is not None]
    return f" place={row['location_text']} ({', '.join(where)})"


def describe_discard(hit: DiscardHit, index: int) -> str:
    """One line saying which discard phrase stopped a sentence, and where it was found."""
    phrase = hit.phrase
    kind = "story-level discard" if phrase.story else "discard"
    stem = " (last word as a stem)" if phrase.stem else ""
    where = f"tokens {hit.start}-{hit.end - 1}" + ("" if hit.sentence == index else f" of sentence [{hit.sentence}]")
    scope = "the whole article is" if phrase.story else "this sentence is"
    return f"discarded: {kind} phrase {phrase.phrase!r}{stem} [{phrase.id}] at {where}; {scope} not coded"
