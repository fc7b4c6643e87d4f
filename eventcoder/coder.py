"""The coder: articles in, event records out. It does no I/O and prints nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

import eventcoder
from eventcoder.acled import CueIndex, acled_cues, acled_type
from eventcoder.actors import Discourse, Mention, find_mentions
from eventcoder.casualties import COUNTED_ROOTS, MASS_COUNTS, counted_masses_are_mass_violence, event_counts
from eventcoder.codebook.compile import Codebook, EventCode
from eventcoder.dates import resolve_date
from eventcoder.discard import DiscardHit, sentence_discard, story_discard
from eventcoder.events import Dropped, match_events
from eventcoder.gazetteer import Gazetteer, load_gazetteer
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


def analyse_article(article: Article, codebook: Codebook, *, matched: bool = True) -> Iterator[SentenceAnalysis]:
    """Segment, parse and match an article sentence by sentence, carrying coreference across sentences. With
    `matched` false, events are not matched: the analyses have the same mentions (matching reads the mentions
    and the discourse and changes neither) and no events."""
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
        if matched and questions_report_no_events(sentence):
            found, lost = match_events(parse, codebook, mentions, previous, countries=discourse.countries)
            dropped = tuple(lost)
            if found and sentence.kind == "heading":  # the heading policy drops matches of headings only
                events = tuple(m for m in found if headings_report_events_with_both_actors(sentence, m))
                dropped += tuple(
                    Dropped(m.candidate, "a heading yields an event only from a verb with both actors")
                    for m in found
                    if m not in events
                )
            else:
                events = tuple(found)
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


def inferred_actors(source: Mention, target: Mention | None) -> int:
    """Policy: each actor whose country came from the context rather than the actor's own words lowers the
    event's confidence by a factor of 0.8 (`CONTEXT_DISCOUNTS`): how many of a record's actors do."""
    return source.inferred + (target.inferred if target is not None else False)


ROUNDED_CONFIDENCES: Final[dict[str, dict[str | None, tuple[float, ...]]]] = {}
"""The confidences of the records of an event, by the rules that filled its slots (the source's, then the
target's or None): `round(rule confidence * discount, 3)` for each of `CONTEXT_DISCOUNTS` (no, one and two
inferred actors), made on first use (a few dozen pairs). Two probes an event and a tuple index a record, where
a probe keyed by each record's confidence hashed a float (about 400 instructions a record compiled), and no
`round` (a correctly rounded decimal conversion); by rule then rule, not by a pair of them: a tuple key is
built and hashed each event (compiled slices, news / short / news with the layer, 0.1 / 0.1 / 0.2 M more)."""


def rounded_confidences(source_rule: str, target_rule: str | None) -> tuple[float, ...]:
    """`ROUNDED_CONFIDENCES` of a pair of rules (an unknown rule counts 0.8, no target 0.7)."""
    by_target = ROUNDED_CONFIDENCES.get(source_rule)
    if by_target is None:
        by_target = ROUNDED_CONFIDENCES[source_rule] = {}
    confidences = by_target.get(target_rule)
    if confidences is None:
        rule_confidence = RULE_CONFIDENCE.get(source_rule, 0.8) * (
            RULE_CONFIDENCE.get(target_rule, 0.8) if target_rule is not None else 0.7
        )
        confidences = by_target[target_rule] = tuple(
            round(rule_confidence * discount, 3) for discount in CONTEXT_DISCOUNTS
        )
    return confidences


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
# Roots whose object can be the event's place ("shelled Kherson", "seized Goma", "besieged Mariupol").
OBJECT_IS_PLACE_ROOTS: Final = frozenset({"15", "17", "18", "19", "20"})


def article_countries(mentions: Iterable[Sequence[Mention]]) -> frozenset[str]:
    """The countries an article names (actors and places, not inferred from context), from the mentions of each
    of its sentences: the first test of which of several places of one name an event's place is (see
    `geo.place_rank`)."""
    # a set comprehension, then its few distinct countries frozen: compiled, a generator into `frozenset` is a
    # list of every such mention's country (about 70 an article), then a set built from it
    return frozenset({
        mention.country
        for sentence in mentions
        for mention in sentence
        if mention.country and mention.role in ("actor", "place") and not mention.inferred and not mention.pronoun
    })


def event_roots(analysis: SentenceAnalysis) -> list[str]:
    """The CAMEO root of each event's pattern (its code's first two digits), in event order."""
    return [match.candidate.pattern.code[:2] for match in analysis.events]


def event_locations(
    analysis: SentenceAnalysis, countries: Collection[str], gazetteer: Gazetteer | None = None,
    roots: list[str] | None = None,
) -> list[Located | None]:
    """The place of each event of a sentence, in event order: the place phrase of the event's clause resolved
    in `gazetteer` (`geo.event_places`; the default one when not given); `event_rows` sets the place columns of
    a located event's records itself, on the template's null ones. `roots` are the events' `event_roots` when
    the caller has them."""
    if roots is None:
        roots = event_roots(analysis)
    triggers: list[tuple[int, int]] = []
    objects: list[bool] = []
    verbal: list[bool] = []
    events = analysis.events
    for index in range(len(events)):
        candidate = events[index].candidate
        root = roots[index]
        triggers.append((candidate.start, candidate.end))
        objects.append(root in OBJECT_IS_PLACE_ROOTS)
        verbal.append(root < "14")
    if gazetteer is None:
        gazetteer = load_gazetteer()
    return event_places(analysis.parse, analysis.mentions, triggers, countries, gazetteer, objects, verbal)


def add_counts(analysis: SentenceAnalysis, records: list[Record], events: list[tuple[int, int, int]]) -> None:
    """Fill the numbers of dead, injured, arrested and taking part into the records of the events they belong
    to (`casualties.event_counts`); `events` holds each event that yielded records and whose root is one of
    `COUNTED_ROOTS`, as its index in the sentence and the slice of `records` it yielded. A counted event's
    records are built again with their counts (few events have any)."""
    candidates = [analysis.events[index].candidate for index, _, _ in events]
    triggers = [(candidate.start, candidate.end) for candidate in candidates]
    assigned = event_counts(analysis.parse, triggers)  # one per trigger
    for number in range(len(events)):  # not `zip(..., strict=True)`: compiled, a generic call with a keyword
        counts = assigned[number]
        if not counts:
            continue
        _, first, last = events[number]
        for position in range(first, last):
            values = list(records[position])
            for kind, (value, precision) in counts.items():
                column = COUNT_COLUMNS[kind]
                values[column], values[column + 1] = value, precision
            records[position] = tuple(values)


RECORD_COLUMNS: Final = (
    "article_id", "article_title", "article_date", "publisher", "url",
    "sentence_index", "sentence_text", "event_date", "date_precision",
    "cameo_code", "cameo_root", "cameo_name", "quad_class", "goldstein", "plover_event", "plover_mode",
    "plover_context", "acled_disorder_type", "acled_event_type", "acled_sub_event_type", "category", "negated",
    "modality", "headline_repeat", "attributed_to",
    "location_text", "location_country", *PLACE_AND_SIZE_COLUMNS,
    "trigger_text", "trigger_start", "trigger_end", "rule_id", "codebook_version", "coder_version",
    "source_text", "source_code", "source_country", "source_sector", "source_actor", "source_entry",
    "target_text", "target_code", "target_country", "target_sector", "target_actor", "target_entry",
    "confidence", "event_id",
)
"""The columns of a record, in the order of its values (`event_records`) and of the keys of its dictionary
(`record_dict`): every column of the event table (`records.COLUMN_NAMES`), in the order records have always had."""
HEADLINE_REPEAT: Final = RECORD_COLUMNS.index("headline_repeat")
EVENT_ID: Final = RECORD_COLUMNS.index("event_id")
CAMEO_ROOT: Final = RECORD_COLUMNS.index("cameo_root")
SOURCE_CODE: Final = RECORD_COLUMNS.index("source_code")
TARGET_CODE: Final = RECORD_COLUMNS.index("target_code")
# a count's kind is the name of its column, its precision's column the next
COUNT_COLUMNS: Final = {
    kind: RECORD_COLUMNS.index(kind) for kind in ("fatalities", "injured", "arrested", "crowd_size")
}

Record = tuple[Any, ...]
"""An event record: its values in `RECORD_COLUMNS` order. Records are built as tuples, not dictionaries: one
tuple of 61 values costs less than copying a template dictionary and setting some forty of its keys (about
7 K instructions a record compiled), and the batch turns records into columns by `zip` instead of reading every
key back out."""


def record_dict(record: Record) -> dict[str, Any]:
    """A record as the dictionary of its columns (what `CodedArticle.rows` and `event_rows` hold)."""
    return dict(zip(RECORD_COLUMNS, record, strict=True))


class ArticleColumns(NamedTuple):
    """The columns of a record that are the article's and the build's, and the tables every sentence's records
    are made with (`record_template`)."""

    article_id: str
    title: str | None
    date: dt.date
    publisher: str | None
    url: str | None
    codebook_version: str
    coder_version: str
    event_codes: dict[str, EventCode]  # the codebook's
    cue_table: CueIndex  # the codebook's ACLED cues
    gazetteer: Gazetteer


def record_template(article: Article, codebook: Codebook) -> ArticleColumns:
    """The columns every record of `article` shares and the tables its sentences read: read once an article, not
    once a sentence (compiled, an attribute of an `Article` or a `Codebook` is a generic lookup, about 180
    instructions, and `load_gazetteer` a call through its cache)."""
    return ArticleColumns(
        article.id, article.title, article.date, article.publisher, article.url, codebook.fingerprint,
        eventcoder.__version__,  # read on first use (__init__.py)
        codebook.event_codes, codebook.acled_cues, load_gazetteer(),
    )


def event_rows(
    article: Article,
    analysis: SentenceAnalysis,
    codebook: Codebook,
    countries: Collection[str] = (),
    template: ArticleColumns | None = None,
) -> list[dict[str, Any]]:
    """The records of the events of one sentence (`event_records`) as dictionaries of their columns."""
    return [record_dict(record) for record in event_records(article, analysis, codebook, countries, template)]


def event_records(
    article: Article,
    analysis: SentenceAnalysis,
    codebook: Codebook,
    countries: Collection[str] = (),
    template: ArticleColumns | None = None,
) -> list[Record]:
    """Turn the events of one sentence into records: one per (source, target) pair of compound actors.
    `countries` are the countries the article names (they settle which of several same-named places);
    `template` is the article's `record_template` (made here when not given)."""
    records: list[Record] = []
    if not analysis.events:
        return records
    if template is None:
        template = record_template(article, codebook)
    # the article's columns and tables read into locals once a sentence: compiled, each is then a C local in the
    # record's tuple below
    (article_id, article_title, article_date, publisher, url, codebook_version, coder_version, event_codes,
     cue_table, gazetteer) = template
    sentence = analysis.sentence
    parse = analysis.parse
    sentence_index = sentence.index
    text = sentence.text
    event_date, date_precision = resolve_date(text, article_date, parse.norms)
    attributed = _attribution(analysis)
    counted: list[tuple[int, int, int]] = []  # the events `add_counts` fills in
    # the roots read once a sentence, for the places and the counts: each `code[:2]` is a new string whose hash
    # every set probe computes again
    roots = event_roots(analysis)
    places = event_locations(analysis, countries, gazetteer, roots)  # one per event
    for index, match in enumerate(analysis.events):  # an index, not `zip`: a native loop when compiled
        located = places[index]
        first = len(records)
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
        last = candidate.end - 1  # the trigger's last token, which ends its length after its start
        trigger_end = parse.starts[last] + len(parse.words[last])
        targets: Sequence[Mention | None] = match.target.mentions if match.target else (None,)
        confidences = rounded_confidences(match.source.rule, match.target.rule if match.target else None)
        category = pattern.category if pattern.category and code == pattern.code else info.category
        if located is not None:
            place = located.place
            location_text: str | None = located.text
            location_country: str | None = place.country
            geonames_id: int | None = place.geonames_id
            latitude: float | None = place.latitude
            longitude: float | None = place.longitude
            admin1: str | None = place.admin1
            admin2: str | None = place.admin2
            geo_precision: int | None = located.precision
        else:
            location_text = location_country = admin1 = admin2 = None
            geonames_id = geo_precision = None
            latitude = longitude = None
        trigger_text = text[trigger_start:trigger_end]
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
        for number in range(len(pairs)):  # not `enumerate(pairs)`: compiled, a generic iterator
            source, named = pairs[number]
            target = protests_address_their_own_country(code, source, named)
            source_code = source.code
            if target is not None:
                target_text: str | None = target.text
                target_code: str | None = target.code
                target_country: str | None = target.country
                target_sector: str | None = target.sector
                target_actor: str | None = target.name
                target_entry: str | None = target.entries or None
                target_column_code = target_code or None
                target_key_code = target_code
                target_key_name = target.name
            else:
                target_text = target_country = target_sector = target_actor = target_entry = None
                target_column_code = None
                target_key_code = target_key_name = ""
            rounded = confidences[inferred_actors(source, target)]
            acled = acled_type(info, cues, source.sector, target.sector if target else None)
            event_id = _event_id(
                article_id, sentence_index, trigger_start, trigger_end, source_code, source.name, target_key_code,
                target_key_name, code,
            )
            records.append((
                article_id, article_title, article_date, publisher, url,
                sentence_index, text, event_date, date_precision,
                code, info.root, info.name, info.quad_class, info.goldstein, info.plover_event, info.plover_mode,
                info.plover_context, acled.disorder_type, acled.event_type, acled.sub_event_type, category, negated,
                modality, False, attributed,
                location_text, location_country, geonames_id, latitude, longitude, admin1, admin2, geo_precision,
                None, None, None, None, None, None, None, None,  # the counts: `add_counts`
                trigger_text, trigger_start, trigger_end, pattern.id, codebook_version, coder_version,
                source.text, source_code or None, source.country, source.sector, source.name, source.entries or None,
                target_text, target_column_code, target_country, target_sector, target_actor, target_entry,
                rounded, event_id,
            ))  # fmt: skip
        if len(records) > first and roots[index] in COUNTED_ROOTS:
            counted.append((index, first, len(records)))
    if counted:
        add_counts(analysis, records, counted)
    return _dedupe(records)


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


def _dedupe(records: list[Record]) -> list[Record]:
    if len(records) < 2:
        return records
    seen: set[str] = set()
    unique = []
    for record in records:
        if record[EVENT_ID] not in seen:
            seen.add(record[EVENT_ID])
            unique.append(record)
    return unique


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """The records of one article and the number of units (sentences, title, headings) it had."""

    article: Article
    sentences: int
    records: list[Record]  # each in `RECORD_COLUMNS` order
    discarded: int = 0  # sentences not coded because of a discard phrase
    story_discarded: bool = False  # a story-level discard phrase kept the whole article from coding

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The records as dictionaries of their columns (made on each read)."""
        return [record_dict(record) for record in self.records]


def headline_repeats_a_body_event(record: Record, body: Sequence[Record]) -> bool:
    """Policy: an event coded from the title repeats the body when a body event has the same CAMEO root and
    source code and the same target code (or the title names no target); it is then marked headline_repeat
    and the default views count the body's event only. A title event the body does not report is kept."""
    root, source, target = record[CAMEO_ROOT], record[SOURCE_CODE], record[TARGET_CODE]
    return any(
        event[CAMEO_ROOT] == root and event[SOURCE_CODE] == source and (target is None or event[TARGET_CODE] == target)
        for event in body
    )


LONG_ARTICLE_CHARACTERS: Final = 100_000
"""An article longer than this is analysed twice (`code_article`) rather than have its analyses kept until its
records can be built: about 20 bytes of analysis a character of text, which news articles (a few thousand
characters) can afford and a 5 MB one cannot."""


def code_article(article: Article, codebook: Codebook) -> CodedArticle:
    """Code one article into event records. Its records wait for the countries of all its sentences
    (`article_countries`), so the analyses of the sentences with events are kept until the end, and of the
    others their mentions. A long article (LONG_ARTICLE_CHARACTERS) keeps none: it is analysed once for its
    countries and again for its records (the same analyses: `analyse_article` is a function of the article), so
    that its memory grows with its records only. A 5 MB article without a sentence break (2,500 pieces of 2,000
    characters, 35,657 events) kept 56 MB of mentions and analyses without their parses beside its 39 MB of
    records."""
    if len(article.text) > LONG_ARTICLE_CHARACTERS:
        return _code_long_article(article, codebook)
    title: list[Record] = []
    body: list[Record] = []
    sentences = discarded = 0
    story = False
    mentions: list[tuple[Mention, ...]] = []
    with_events: list[SentenceAnalysis] = []
    for analysis in analyse_article(article, codebook):
        sentences += 1
        if analysis.discarded is not None:
            discarded += 1
            story = story or analysis.discarded.phrase.story
            continue
        mentions.append(analysis.mentions)
        if analysis.events:
            with_events.append(analysis)
    countries = article_countries(mentions)
    template = record_template(article, codebook)
    for analysis in with_events:
        records = event_records(article, analysis, codebook, countries, template)
        (title if analysis.sentence.kind == "title" else body).extend(records)
    return CodedArticle(article, sentences, _mark_headline_repeats(title, body) + body, discarded, story)


def _code_long_article(article: Article, codebook: Codebook) -> CodedArticle:
    """`code_article` of a long article: the countries from a first pass that finds the mentions only, then
    each sentence with events analysed again and its records built at once."""
    sentences = discarded = 0
    story = False
    named: set[str] = set()
    for analysis in analyse_article(article, codebook, matched=False):
        sentences += 1
        if analysis.discarded is not None:
            discarded += 1
            story = story or analysis.discarded.phrase.story
        else:
            named |= article_countries((analysis.mentions,))
    countries = frozenset(named)
    template = record_template(article, codebook)
    title: list[Record] = []
    body: list[Record] = []
    for analysis in analyse_article(article, codebook):
        if analysis.discarded is None and analysis.events:
            records = event_records(article, analysis, codebook, countries, template)
            (title if analysis.sentence.kind == "title" else body).extend(records)
    return CodedArticle(article, sentences, _mark_headline_repeats(title, body) + body, discarded, story)


def _mark_headline_repeats(title: list[Record], body: Sequence[Record]) -> list[Record]:
    """The title's records, those that repeat a body event (`headline_repeats_a_body_event`) marked so."""
    return [(*record[:HEADLINE_REPEAT], True, *record[HEADLINE_REPEAT + 1 :])
            if headline_repeats_a_body_event(record, body) else record
            for record in title]


def code_text(
    text: str, codebook: Codebook, *, date: dt.date, title: str | None = None, article_id: str = "text"
) -> CodedArticle:
    """Code a piece of text (used by `explain`, `eval` and the Python API)."""
    return code_article(Article(article_id, title, text, date, None, None, None, "<text>"), codebook)
