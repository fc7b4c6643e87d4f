"""`eventcoder explain`: a readable account of how a text was coded."""

from __future__ import annotations

import datetime as dt

from eventcoder.codebook.compile import Codebook
from eventcoder.coder import analyse_article, event_rows
from eventcoder.discard import DiscardHit
from eventcoder.events import unused_triggers
from eventcoder.inputs import Article


def explain_text(text: str, codebook: Codebook, *, date: dt.date, title: str | None = None) -> str:
    """Explain, sentence by sentence, the tokens, mentions, events, the candidates dropped and the triggers that
    never became candidates, each with its reason."""
    article = Article("explain", title, text, date, None, None, None, "<explain>")
    out: list[str] = [f"codebook {codebook.fingerprint}, date {date.isoformat()}"]
    for analysis in analyse_article(article, codebook):
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
        rows = event_rows(article, analysis, codebook)
        out.append("  events:")
        for row in rows:
            out.append(
                f"    {row['cameo_code']} {row['cameo_name']} [{row['category']}] "
                f"{row['source_code']} ({row['source_text']}) -> "
                f"{row['target_code'] or '-'} ({row['target_text'] or '-'}) "
                f"rule={row['rule_id']} trigger={row['trigger_text']!r} modality={row['modality']} "
                f"negated={row['negated']} date={row['event_date']} ({row['date_precision']})"
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


def describe_discard(hit: DiscardHit, index: int) -> str:
    """One line saying which discard phrase stopped a sentence, and where it was found."""
    phrase = hit.phrase
    kind = "story-level discard" if phrase.story else "discard"
    stem = " (last word as a stem)" if phrase.stem else ""
    where = f"tokens {hit.start}-{hit.end - 1}" + ("" if hit.sentence == index else f" of sentence [{hit.sentence}]")
    scope = "the whole article is" if phrase.story else "this sentence is"
    return f"discarded: {kind} phrase {phrase.phrase!r}{stem} [{phrase.id}] at {where}; {scope} not coded"
