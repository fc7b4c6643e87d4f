"""The coder: articles in, event records out. It does no I/O and prints nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

import eventcoder
from eventcoder.acled import acled_cues, acled_type
from eventcoder.actors import Discourse, Mention, find_mentions
from eventcoder.casualties import COUNTED_ROOTS, MASS_COUNTS, counted_masses_are_mass_violence, event_counts
from eventcoder.codebook.compile import Codebook
from eventcoder.dates import resolve_date
from eventcoder.discard import DiscardHit, sentence_discard, story_discard
from eventcoder.events import Dropped, match_events
from eventcoder.gazetteer import load_gazetteer
from eventcoder.geo import Located, event_places
from eventcoder.inputs import Article
from eventcoder.parse import NEW_TUPLE, Parse, parse_sentence
from eventcoder.slots import (
    ACTS_OF_FORCE,
    CONSULT,
    EARLIER_ACT_RULE,
    Candidate,
    EventMatch,
    SlotFill,
    a_reaction_targets_the_author_of_the_act_it_names,
    acts_reported,
    meetings_on_no_sides_ground_are_at_a_third_location,
)
from eventcoder.text.segment import Sentence, segment

# The module's constants are `Final`: compiled, each is read from a C static instead of a lookup in the module's
# globals (pure Python ignores the mark).
RULE_CONFIDENCE: Final = {
    "subject": 0.9,
    "by": 0.95,
    "object": 0.9,
    "possessor": 0.85,
    "modifier": 0.8,
    "place": 0.7,
    "context": 0.5,
    EARLIER_ACT_RULE: 0.5,
}
REJECT_FAMILY: Final = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
# An announced act expressed as the intent it states: the most specific code first, then the root.
INTENT_CODES: Final = {
    "061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331", "072": "0332", "073": "0333",
    "074": "0334", "081": "0351", "0841": "0353", "0842": "0353", "084": "0353", "085": "0354", "086": "0355",
    "087": "0356", "045": "039", "04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "09": "030",
    "161": "1313", "162": "1311", "163": "1312", "164": "134", "166": "136", "1722": "1322", "1723": "1323",
    "1724": "1324", "172": "132", "175": "137", "191": "1381", "192": "1382", "14": "133", "15": "138",
    "16": "131", "17": "130", "18": "1383", "19": "1384", "20": "1383",
}  # fmt: skip


class SentenceAnalysis(NamedTuple):
    """Everything the coder saw in one sentence (what `eventcoder explain` prints). A named tuple: one is built
    per sentence, by `tuple.__new__` (`parse.NEW_TUPLE`) with all six fields (`analyse_article`): the named
    tuple's own `__new__` is Python code, a frame per sentence, and compiled a generic call into it (about 2 K
    instructions a sentence)."""

    sentence: Sentence
    parse: Parse
    mentions: tuple[Mention, ...]
    events: tuple[EventMatch, ...]
    dropped: tuple[Dropped, ...]
    discarded: DiscardHit | None = None  # the discard phrase that kept the sentence (or its story) from coding


def headings_report_events_with_both_actors(sentence: Sentence, match: EventMatch) -> bool:
    """Policy: a section heading yields an event only from a verb (a reported action, not a topic noun)
    that has both a source and a target."""
    return sentence.kind != "heading" or (match.target is not None and match.candidate.pos == "V")


def questions_report_no_events(sentence: Sentence) -> bool:
    """Policy: a question reports no event."""
    return not sentence.text.rstrip("\"'”’ ").endswith("?")


def negation_policy(code: str, negated: bool) -> tuple[str, bool]:
    """Policy: a negated cooperative event (roots 03-08) becomes the matching reject code (12x); every other
    negated event keeps its code with negated = true and stays out of the default views."""
    if negated and code[:2] in REJECT_FAMILY:
        return REJECT_FAMILY[code[:2]], False
    return code, negated


def intentions_are_offers_or_threats(code: str, modality: str) -> tuple[str, str]:
    """Policy: an act announced for the future (modality intended) is coded as the intent it expresses:
    cooperative acts (04-09) become offers (03), conflictual acts (14-20) threats (13). The announcement
    itself happened, so the recoded event is asserted; returns (code, modality)."""
    if modality != "intended":
        return code, modality
    for prefix in (code[:4], code[:3], code[:2]):
        if prefix in INTENT_CODES:
            return INTENT_CODES[prefix], "asserted"
    return code, modality


def country_sources_act_as_government(mention: Mention) -> Mention:
    """Policy: a country named as the source of an event acts through its government (Venezuela -> VENGOV);
    its people ("Venezuelans") and every target keep the bare country code."""
    if mention.sector is None and mention.country and mention.code == mention.country and not mention.plural:
        # built by `tuple.__new__` (`NEW_TUPLE`) from the mention's own fields, each named: `_replace` costs two
        # Python calls and a `map` over the sixteen fields, the named tuple's `__new__` a Python frame, and
        # compiled, `*mention[6:]` a slice, a list and its copy as a tuple (about 600 instructions a mention)
        country = mention.country
        return NEW_TUPLE(Mention, (mention.start, mention.end, mention.text, country + "GOV", country, "GOV",
                                   mention.name, mention.entries, mention.role, mention.person, mention.plural,
                                   mention.possessive, mention.pronoun, mention.group, mention.adjective,
                                   mention.inferred))
    return mention


def protests_address_their_own_country(code: str, source: Mention, target: Mention | None) -> Mention | None:
    """Policy: a protest (14x) or a threatened one (133) that names no target addresses the protesters' own
    country (a domestic protest is aimed at its own government); a target the sentence names is kept."""
    if target is not None or (code[:2] != "14" and code[:3] != "133") or not source.country:
        return target
    return Mention(source.start, source.start, "", source.country, source.country, None, source.country, "", "actor")


def paired_events(events: tuple[EventMatch, ...]) -> tuple[EventMatch, ...]:
    """Policy: a match of a pattern with a `paired_code` is also the swapped event (PETRARCH's [A:B]: "X visited
    Y" is X's visit and Y's hosting), coded when the match has a target."""
    for match in events:
        if match.candidate.pattern.paired is not None:
            break
    else:
        return events
    swapped = [
        EventMatch(
            Candidate(paired, c.index, c.start, c.end, c.pos, c.passive),
            match.target,
            match.source,
            match.negated,
            match.modality,
        )
        for match in events
        if (paired := (c := match.candidate).pattern.paired) is not None and match.target is not None
    ]
    return events + tuple(swapped)


def analyse_article(article: Article, codebook: Codebook) -> Iterator[SentenceAnalysis]:
    """Segment, parse and match an article sentence by sentence, carrying coreference across sentences."""
    discourse = Discourse()
    acts: list[SlotFill] = []  # who did the acts of force or coercion reported so far (a reaction may name one)
    act_nouns = codebook.synsets.get(ACTS_OF_FORCE, frozenset())
    verbs = codebook.words.attribution_verbs
    discards = codebook.discards
    any_discards = bool(discards.by_key)
    date = article.date  # read once: compiled, an `Article` attribute is a generic lookup (about 180 instructions)
    # a story-level phrase anywhere stops every sentence, so look for one first
    story = story_discard(discards, segment(article.title, article.text)) if discards.has_story else None
    for sentence in segment(article.title, article.text):
        parse = parse_sentence(sentence.text, verbs)
        if any_discards and (discarded := story or sentence_discard(discards, sentence.index, parse.norms)):
            yield NEW_TUPLE(SentenceAnalysis, (sentence, parse, (), (), (), discarded))
            continue
        previous = tuple(discourse.mentions[-12:])
        mentions = find_mentions(parse, codebook, date, discourse)
        events: tuple[EventMatch, ...] = ()
        dropped: tuple[Dropped, ...] = ()
        if questions_report_no_events(sentence):
            matched, lost = match_events(parse, codebook, mentions, previous, countries=discourse.countries)
            dropped = tuple(lost)
            if matched and sentence.kind == "heading":  # the heading policy drops matches of headings only
                events = tuple(m for m in matched if headings_report_events_with_both_actors(sentence, m))
                dropped += tuple(
                    Dropped(m.candidate, "a heading yields an event only from a verb with both actors")
                    for m in matched
                    if m not in events
                )
            else:
                events = tuple(matched)
            if events:
                events = paired_events(events)
                if acts:
                    events = tuple(
                        a_reaction_targets_the_author_of_the_act_it_names(parse, match, acts, act_nouns)
                        for match in events
                    )
                acts.extend(acts_reported(events))
        discourse.remember(mentions)
        yield NEW_TUPLE(SentenceAnalysis, (sentence, parse, tuple(mentions), events, dropped, None))


REFLEXIVE_WORDS: Final = frozenset({"itself", "themselves", "himself", "herself", "themself"})


def an_actor_does_not_act_on_itself(parse: Parse, source: Mention, target: Mention | None) -> bool:
    """Policy: a target with the source's own code is the source acting on itself ("US officials defended the
    administration's posture": USAGOV -> USAGOV), so it is not a target, unless the sentence says so ("itself",
    "themselves") or both are people the codebook names (two different people of one government); the same
    words of one country are never their own counterpart (a compound's party with another sector: "Freedonia
    and Sylvanian rebels clashed" gives no FRDGOV -> FRDMIL)."""
    if target is None or not target.code:
        return True
    if target.text and target.start == source.start and target.end == source.end and target.country == source.country:
        return False
    if target.code != source.code:
        return True
    if source.person and target.person and source.name != target.name and source.entries and target.entries:
        return True
    return any(word in REFLEXIVE_WORDS for word in parse.norms)


CONTEXT_COUNTRY_DISCOUNT: Final = 0.8
# `float(CONTEXT_COUNTRY_DISCOUNT**inferred)` for no, one and two inferred actors: compiled, `**` is a generic
# number call
CONTEXT_DISCOUNTS: Final = tuple(float(CONTEXT_COUNTRY_DISCOUNT**inferred) for inferred in range(3))


def context_discount(source: Mention, target: Mention | None) -> float:
    """Policy: each actor whose country came from the context rather than the actor's own words lowers the
    event's confidence by a factor of 0.8."""
    return CONTEXT_DISCOUNTS[source.inferred + (target.inferred if target is not None else False)]


ROUNDED_CONFIDENCE: Final[dict[float, float]] = {}
"""`round(confidence, 3)` of each confidence seen: the products of two `RULE_CONFIDENCE` factors and a power of
`CONTEXT_COUNTRY_DISCOUNT`, a few dozen values, so one dictionary probe per record instead of `round`'s
correctly rounded decimal conversion."""


SHA256: Final = hashlib.sha256  # compiled, read from a C static, not looked up on the module each record


def _event_id(
    article: str, sentence: int, start: int, end: int, source_code: str | None, source: str, target_code: str | None,
    target: str, code: str,
) -> str:
    """The record's id: a hash of its article, sentence, trigger, source, target and code, joined by U+001F
    (`None` written "None", as `str` writes it; an f-string builds the text in one go)."""
    key = (
        f"{article}\x1f{sentence}\x1f{start}\x1f{end}\x1f{source_code}\x1f{source}\x1f{target_code}\x1f{target}"
        f"\x1f{code}"
    )
    return "ev-" + SHA256(key.encode()).hexdigest()[:20]


def _attribution(analysis: SentenceAnalysis) -> str | None:
    parse = analysis.parse
    if parse.attribution_start >= len(parse.norms):
        return None
    for mention in analysis.mentions:
        if parse.attributed(mention.start) and mention.role in ("media", "actor"):
            return mention.name
    return None


PLACE_AND_SIZE_COLUMNS: Final = (
    "geonames_id", "latitude", "longitude", "admin1", "admin2", "geo_precision",
    "fatalities", "fatalities_precision", "injured", "injured_precision",
    "arrested", "arrested_precision", "crowd_size", "crowd_size_precision",
)
PLACE_AND_SIZE_UNKNOWN: Final[dict[str, Any]] = dict.fromkeys(PLACE_AND_SIZE_COLUMNS)
"""The gazetteer and casualty columns of a record before the place is geocoded and the numbers are read."""
NOT_LOCATED: Final[dict[str, Any]] = {"location_text": None, "location_country": None, **PLACE_AND_SIZE_UNKNOWN}
# Roots whose object can be the event's place ("shelled Kherson", "seized Goma", "besieged Mariupol").
OBJECT_IS_PLACE_ROOTS: Final = frozenset({"15", "17", "18", "19", "20"})


def article_countries(analyses: Iterable[SentenceAnalysis]) -> frozenset[str]:
    """The countries an article names (actors and places, not inferred from context): the first test of
    which of several places of one name an event's place is (see `geo.place_rank`)."""
    # a set comprehension, then its few distinct countries frozen: compiled, a generator into `frozenset` is a
    # list of every such mention's country (about 70 an article), then a set built from it
    return frozenset({
        mention.country
        for analysis in analyses
        for mention in analysis.mentions
        if mention.country and mention.role in ("actor", "place") and not mention.inferred and not mention.pronoun
    })


def event_locations(analysis: SentenceAnalysis, countries: Collection[str]) -> list[Located | None]:
    """The place of each event of a sentence, in event order: the place phrase of the event's clause resolved
    in the gazetteer (`geo.event_places`); `event_rows` sets the place columns of a located event's records
    itself, on the template's null ones."""
    triggers: list[tuple[int, int]] = []
    objects: list[bool] = []
    verbal: list[bool] = []
    for match in analysis.events:
        candidate = match.candidate
        root = candidate.pattern.code[:2]
        triggers.append((candidate.start, candidate.end))
        objects.append(root in OBJECT_IS_PLACE_ROOTS)
        verbal.append(root < "14")
    return event_places(analysis.parse, analysis.mentions, triggers, countries, load_gazetteer(), objects, verbal)


def add_counts(analysis: SentenceAnalysis, rows: list[dict[str, Any]], events: Sequence[tuple[int, int, int]]) -> None:
    """Fill the numbers of dead, injured, arrested and taking part into the records of the events they belong
    to (`casualties.event_counts`), among the events that yielded records; `events` holds each such event's
    index in the sentence and the slice of `rows` it yielded."""
    events = [event for event in events if analysis.events[event[0]].candidate.pattern.code[:2] in COUNTED_ROOTS]
    if not events:
        return
    candidates = [analysis.events[index].candidate for index, _, _ in events]
    triggers = [(candidate.start, candidate.end) for candidate in candidates]
    assigned = event_counts(analysis.parse, triggers)  # one per trigger
    for number in range(len(events)):  # not `zip(..., strict=True)`: compiled, a generic call with a keyword
        _, first, last = events[number]
        counts = assigned[number]
        for row in rows[first:last]:
            for kind, (value, precision) in counts.items():
                row[kind], row[f"{kind}_precision"] = value, precision


RECORD_TEMPLATE: Final[dict[str, Any]] = {
    "article_id": None,
    "article_title": None,
    "article_date": None,
    "publisher": None,
    "url": None,
    "sentence_index": None,
    "sentence_text": None,
    "event_date": None,
    "date_precision": None,
    "cameo_code": None,
    "cameo_root": None,
    "cameo_name": None,
    "quad_class": None,
    "goldstein": None,
    "plover_event": None,
    "plover_mode": None,
    "plover_context": None,
    "acled_disorder_type": None,
    "acled_event_type": None,
    "acled_sub_event_type": None,
    "category": None,
    "negated": None,
    "modality": None,
    "headline_repeat": False,
    "attributed_to": None,
    **NOT_LOCATED,
    "trigger_text": None,
    "trigger_start": None,
    "trigger_end": None,
    "rule_id": None,
    "codebook_version": None,
    "coder_version": None,
    "source_text": None,
    "source_code": None,
    "source_country": None,
    "source_sector": None,
    "source_actor": None,
    "source_entry": None,
    "target_text": None,
    "target_code": None,
    "target_country": None,
    "target_sector": None,
    "target_actor": None,
    "target_entry": None,
    "confidence": None,
    "event_id": None,
}
"""A record in column order with every column null (`headline_repeat` false): `record_template` sets the article's
and the build's columns on a copy of it."""


def record_template(article: Article, codebook: Codebook) -> dict[str, Any]:
    """A record of `article` in column order, with the columns that differ by sentence, event or actor still
    null: `event_rows` starts each record as a copy of it, one C-level copy of the dict instead of some sixty
    key insertions per record. The place and count columns stay null unless an event has them. Itself a copy
    of `RECORD_TEMPLATE` with seven columns set: building the sixty-key display (and merging `NOT_LOCATED`
    into it) cost about 17 K instructions an article compiled."""
    template = RECORD_TEMPLATE.copy()
    template["article_id"] = article.id
    template["article_title"] = article.title
    template["article_date"] = article.date
    template["publisher"] = article.publisher
    template["url"] = article.url
    template["codebook_version"] = codebook.fingerprint
    template["coder_version"] = eventcoder.__version__  # read on first use (__init__.py)
    return template


def event_rows(
    article: Article,
    analysis: SentenceAnalysis,
    codebook: Codebook,
    countries: Collection[str] = (),
    template: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Turn the events of one sentence into records: one per (source, target) pair of compound actors.
    `countries` are the countries the article names (they settle which of several same-named places);
    `template` is the article's `record_template` (made here when not given)."""
    rows: list[dict[str, Any]] = []
    if not analysis.events:
        return rows
    if template is None:
        template = record_template(article, codebook)
    sentence = analysis.sentence
    parse = analysis.parse
    event_date, precision = resolve_date(sentence.text, article.date, parse.norms)
    attributed = _attribution(analysis)
    yielded: list[tuple[int, int, int]] = []
    places = event_locations(analysis, countries)  # one per event
    # the sentence's columns set once, on a copy of the template that each event copies in turn (the last event
    # takes it itself, so a sentence of one event makes the one copy it made before)
    sentence_base = template.copy()
    sentence_base["sentence_index"] = sentence.index
    sentence_base["sentence_text"] = sentence.text
    sentence_base["event_date"] = event_date
    sentence_base["date_precision"] = precision
    sentence_base["attributed_to"] = attributed
    last_event = len(analysis.events) - 1
    # read once a sentence, not once an event or a record: compiled, attributes of a `Codebook` and an `Article`
    # are generic lookups (about 260 instructions each on the news slice)
    event_codes = codebook.event_codes
    cue_table = codebook.acled_cues
    article_id = article.id
    for index, match in enumerate(analysis.events):  # an index, not `zip`: a native loop when compiled
        located = places[index]
        first = len(rows)
        candidate = match.candidate
        pattern = candidate.pattern
        code, negated = negation_policy(pattern.code, match.negated)
        if code in MASS_COUNTS:
            code = counted_masses_are_mass_violence(code, analysis.parse, match)
        modality = match.modality
        if not negated:
            code, modality = intentions_are_offers_or_threats(code, modality)
        if code == CONSULT:
            code = meetings_on_no_sides_ground_are_at_a_third_location(
                code, match, located.place.country if located is not None else None, analysis.mentions
            )
        info = event_codes[code]
        trigger_start = parse.starts[candidate.start]
        trigger_end = parse.ends[candidate.end - 1]
        targets: Sequence[Mention | None] = match.target.mentions if match.target else (None,)
        rule_confidence = RULE_CONFIDENCE.get(match.source.rule, 0.8) * (
            RULE_CONFIDENCE.get(match.target.rule, 0.8) if match.target else 0.7
        )
        # the event's columns are set one by one on a copy of the sentence's (its ACLED columns per record below)
        base = sentence_base if index == last_event else sentence_base.copy()
        base["cameo_code"] = code
        base["cameo_root"] = info.root
        base["cameo_name"] = info.name
        base["quad_class"] = info.quad_class
        base["goldstein"] = info.goldstein
        base["plover_event"] = info.plover_event
        base["plover_mode"] = info.plover_mode
        base["plover_context"] = info.plover_context
        base["category"] = pattern.category if pattern.category and code == pattern.code else info.category
        base["negated"] = negated
        base["modality"] = modality
        if located is not None:  # the template's place columns are null; these are set one by one, like the
            place = located.place  # others (a dictionary of them per event, then `update`, cost more)
            base["location_text"] = located.text
            base["location_country"] = place.country
            base["geonames_id"] = place.geonames_id
            base["latitude"] = place.latitude
            base["longitude"] = place.longitude
            base["admin1"] = place.admin1
            base["admin2"] = place.admin2
            base["geo_precision"] = located.precision
        base["trigger_text"] = sentence.text[trigger_start:trigger_end]
        base["trigger_start"] = trigger_start
        base["trigger_end"] = trigger_end
        base["rule_id"] = pattern.id
        cues = acled_cues(code, parse.norms, candidate.start, candidate.end, cue_table)
        unique_targets = _unique(targets)
        pairs: list[tuple[Mention, Mention | None]] = []
        for found in _unique(match.source.mentions):
            if found is None:
                continue
            source = found if pattern.bare_country_source else country_sources_act_as_government(found)
            counterparts = [named for named in unique_targets if an_actor_does_not_act_on_itself(parse, source, named)]
            if not counterparts and not pattern.needs_target:
                counterparts = [None]
            pairs.extend((source, named) for named in counterparts)
        last = len(pairs) - 1
        for number in range(len(pairs)):  # not `enumerate(pairs, 1)`: compiled, a generic call with a start
            source, named = pairs[number]
            target = protests_address_their_own_country(code, source, named)
            row = base if number == last else base.copy()  # the event's last record takes `base` itself
            row["source_text"] = source.text
            row["source_code"] = source.code or None
            row["source_country"] = source.country
            row["source_sector"] = source.sector
            row["source_actor"] = source.name
            row["source_entry"] = source.entries or None
            if target is not None:  # the template's target columns are null
                row["target_text"] = target.text
                row["target_code"] = target.code or None
                row["target_country"] = target.country
                row["target_sector"] = target.sector
                row["target_actor"] = target.name
                row["target_entry"] = target.entries or None
            confidence = rule_confidence * context_discount(source, target)
            rounded = ROUNDED_CONFIDENCE.get(confidence)
            if rounded is None:
                rounded = ROUNDED_CONFIDENCE[confidence] = round(confidence, 3)
            row["confidence"] = rounded
            acled = acled_type(info, cues, source.sector, target.sector if target else None)
            row["acled_disorder_type"] = acled.disorder_type
            row["acled_event_type"] = acled.event_type
            row["acled_sub_event_type"] = acled.sub_event_type
            row["event_id"] = _event_id(
                article_id,
                sentence.index,
                trigger_start,
                trigger_end,
                source.code,
                source.name,
                target.code if target else "",
                target.name if target else "",
                code,
            )
            rows.append(row)
        if len(rows) > first:
            yielded.append((index, first, len(rows)))
    add_counts(analysis, rows, yielded)
    return _dedupe(rows)


def _unique(mentions: Sequence[Mention | None]) -> Sequence[Mention | None]:
    if len(mentions) < 2:
        return mentions  # not a list of them: `event_rows` only iterates over them
    seen: set[tuple[str | None, str | None]] = set()
    unique: list[Mention | None] = []
    for mention in mentions:
        key = (mention.code, mention.name) if mention else (None, None)
        if key not in seen:
            seen.add(key)
            unique.append(mention)
    return unique


def _dedupe(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(rows) < 2:
        return rows
    seen: set[str] = set()
    unique = []
    for row in rows:
        if row["event_id"] not in seen:
            seen.add(row["event_id"])
            unique.append(row)
    return unique


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """The records of one article and the number of units (sentences, title, headings) it had."""

    article: Article
    sentences: int
    rows: list[dict[str, Any]]
    discarded: int = 0  # sentences not coded because of a discard phrase
    story_discarded: bool = False  # a story-level discard phrase kept the whole article from coding


def headline_repeats_a_body_event(row: dict[str, Any], body: Sequence[dict[str, Any]]) -> bool:
    """Policy: an event coded from the title repeats the body when a body event has the same CAMEO root and
    source code and the same target code (or the title names no target); it is then marked headline_repeat
    and the default views count the body's event only. A title event the body does not report is kept."""
    return any(
        event["cameo_root"] == row["cameo_root"]
        and event["source_code"] == row["source_code"]
        and (row["target_code"] is None or event["target_code"] == row["target_code"])
        for event in body
    )


def code_article(article: Article, codebook: Codebook) -> CodedArticle:
    """Code one article into event records."""
    title: list[dict[str, Any]] = []
    body: list[dict[str, Any]] = []
    sentences = discarded = 0
    story = False
    analyses = list(analyse_article(article, codebook))
    countries = article_countries(analyses)
    template = record_template(article, codebook)
    for analysis in analyses:
        sentences += 1
        if analysis.discarded is not None:
            discarded += 1
            story = story or analysis.discarded.phrase.story
            continue
        rows = event_rows(article, analysis, codebook, countries, template)
        (title if analysis.sentence.kind == "title" else body).extend(rows)
    for row in title:
        row["headline_repeat"] = headline_repeats_a_body_event(row, body)
    return CodedArticle(article, sentences, title + body, discarded, story)


def code_text(
    text: str, codebook: Codebook, *, date: dt.date, title: str | None = None, article_id: str = "text"
) -> CodedArticle:
    """Code a piece of text (used by `explain`, `eval` and the Python API)."""
    return code_article(Article(article_id, title, text, date, None, None, None, "<text>"), codebook)
