"""Records are built as tuples in `RECORD_COLUMNS` order (`coder.event_records`), their counts and a title's
headline mark set by building the tuple again, and the batch turns them into columns by `zip`: held here to the
plain computation they replace, records as dictionaries (a template copied per record and its keys set one by
one, counts and the headline mark written into the dictionaries, `dataset.row_columns` reading them back)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
import tracemalloc
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import eventcoder
import eventcoder.actors as actors
import eventcoder.coder as coder
from eventcoder.batch import record_columns
from eventcoder.casualties import COUNTED_ROOTS, MASS_COUNTS, counted_masses_are_mass_violence, event_counts
from eventcoder.codebook.compile import Codebook
from eventcoder.coder import (
    CONSULT,
    CONTEXT_COUNTRY_DISCOUNT,
    LONG_ARTICLE_CHARACTERS,
    RECORD_COLUMNS,
    RULE_CONFIDENCE,
    SentenceAnalysis,
    _attribution,
    _event_id,
    _unique,
    acled_cues,
    acled_type,
    an_actor_does_not_act_on_itself,
    analyse_article,
    article_countries,
    code_article,
    country_sources_act_as_government,
    event_locations,
    event_rows,
    intentions_are_offers_or_threats,
    meetings_on_no_sides_ground_are_at_a_third_location,
    negation_policy,
    protests_address_their_own_country,
    record_dict,
    record_template,
)
from eventcoder.dataset import row_columns
from eventcoder.dates import resolve_date
from eventcoder.inputs import Article
from eventcoder.records import COLUMN_NAMES

TEXTS = (
    (
        "Venezuela rejects ultimatum",
        "Venezuela rejected the ultimatum and accused Washington of aggression on Monday. "
        "Russian troops shelled Kharkiv and Ukrainian forces attacked Belgorod, officials said. "
        "President Maduro visited Havana on 12 March 2024 and met Cuban leaders. "
        "Police arrested 20 protesters in Caracas and fired tear gas at the crowd last week.",
    ),
    (
        "Ecuador criticizes Peru over border",
        "Ecuador's president criticized Peru on Tuesday over the border dispute. Gunmen killed 12 people and "
        "wounded 30 in an attack on a market in Maiduguri on Sunday, police said. About 5,000 people marched in "
        "Nairobi against the tax bill, and police detained 40 of them.",
    ),
    (
        "Troops shell Goma",
        "Rebels besieged Goma and shelled the airport, killing 8 civilians. The United Nations condemned the "
        "attack and urged Rwanda and Congo to resume talks in Luanda. Kenya's foreign minister met his Ugandan "
        "counterpart in Kampala.",
    ),
)


def _articles(seed_article: Article) -> list[Article]:
    return [seed_article] + [
        Article(f"t{number}", title, text, dt.date(2024, 3, 20), "Wire", None, None, "<test>")
        for number, (title, text) in enumerate(TEXTS)
    ]


def _plain_event_rows(
    article: Article, analysis: SentenceAnalysis, codebook: Codebook, countries: Collection[str]
) -> list[dict[str, Any]]:
    """The records of a sentence as dictionaries, each set key by key on a copy of the article's (a9c10d4)."""
    if not analysis.events:
        return []
    template: dict[str, Any] = dict.fromkeys(RECORD_COLUMNS)
    template.update(article_id=article.id, article_title=article.title, article_date=article.date,
                    publisher=article.publisher, url=article.url, headline_repeat=False,
                    codebook_version=codebook.fingerprint, coder_version=eventcoder.__version__)
    sentence, parse = analysis.sentence, analysis.parse
    event_date, precision = resolve_date(sentence.text, article.date, parse.norms)
    places = event_locations(analysis, countries)
    rows: list[dict[str, Any]] = []
    yielded: list[tuple[int, int, int]] = []
    for index, match in enumerate(analysis.events):
        located, first, candidate = places[index], len(rows), match.candidate
        pattern = candidate.pattern
        code, negated = negation_policy(pattern.code, match.negated)
        if code in MASS_COUNTS:
            code = counted_masses_are_mass_violence(code, parse, match)
        modality = match.modality
        if not negated:
            code, modality = intentions_are_offers_or_threats(code, modality)
        if code == CONSULT:
            code = meetings_on_no_sides_ground_are_at_a_third_location(
                code, match, located.place.country if located is not None else None, analysis.mentions
            )
        info = codebook.event_codes[code]
        last = candidate.end - 1
        start, end = parse.starts[candidate.start], parse.starts[last] + len(parse.words[last])
        base = {**template, "sentence_index": sentence.index, "sentence_text": sentence.text,
                "event_date": event_date, "date_precision": precision, "attributed_to": _attribution(analysis),
                "cameo_code": code, "cameo_root": info.root, "cameo_name": info.name, "quad_class": info.quad_class,
                "goldstein": info.goldstein, "plover_event": info.plover_event, "plover_mode": info.plover_mode,
                "plover_context": info.plover_context, "negated": negated, "modality": modality,
                "category": pattern.category if pattern.category and code == pattern.code else info.category,
                "trigger_text": sentence.text[start:end], "trigger_start": start, "trigger_end": end,
                "rule_id": pattern.id}
        if located is not None:
            place = located.place
            base.update(location_text=located.text, location_country=place.country,
                        geonames_id=place.geonames_id, latitude=place.latitude, longitude=place.longitude,
                        admin1=place.admin1, admin2=place.admin2, geo_precision=located.precision)
        cues = acled_cues(code, parse.norms, candidate.start, candidate.end, codebook.acled_cues)
        confidence = RULE_CONFIDENCE.get(match.source.rule, 0.8) * (
            RULE_CONFIDENCE.get(match.target.rule, 0.8) if match.target else 0.7
        )
        targets = _unique(match.target.mentions if match.target else (None,))
        for found in _unique(match.source.mentions):
            if found is None:
                continue
            source = found if pattern.bare_country_source else country_sources_act_as_government(found)
            counterparts = [named for named in targets if an_actor_does_not_act_on_itself(parse, source, named)]
            for named in counterparts or ([] if pattern.needs_target else [None]):
                target = protests_address_their_own_country(code, source, named)
                inferred = source.inferred + (target.inferred if target is not None else 0)  # context countries
                row = {**base, "source_text": source.text, "source_code": source.code or None,
                       "source_country": source.country, "source_sector": source.sector,
                       "source_actor": source.name, "source_entry": source.entries or None,
                       "confidence": round(confidence * CONTEXT_COUNTRY_DISCOUNT ** inferred, 3)}
                if target is not None:
                    row.update(target_text=target.text, target_code=target.code or None,
                               target_country=target.country, target_sector=target.sector,
                               target_actor=target.name, target_entry=target.entries or None)
                acled = acled_type(info, cues, source.sector, target.sector if target else None)
                row.update(acled_disorder_type=acled.disorder_type, acled_event_type=acled.event_type,
                           acled_sub_event_type=acled.sub_event_type)
                row["event_id"] = _event_id(article.id, sentence.index, start, end, source.code, source.name,
                                            target.code if target else "", target.name if target else "", code)
                rows.append(row)
        if len(rows) > first:
            yielded.append((index, first, len(rows)))
    counted = [event for event in yielded if analysis.events[event[0]].candidate.pattern.code[:2] in COUNTED_ROOTS]
    triggers = [(analysis.events[i].candidate.start, analysis.events[i].candidate.end) for i, _, _ in counted]
    for (_, first, last), counts in zip(counted, event_counts(parse, triggers) if counted else [], strict=True):
        for row in rows[first:last]:
            for kind, (value, count_precision) in counts.items():
                row[kind], row[f"{kind}_precision"] = value, count_precision
    seen: set[str] = set()
    return [row for row in rows if not (row["event_id"] in seen or seen.add(row["event_id"]))]


def _plain_rows(article: Article, codebook: Codebook) -> list[dict[str, Any]]:
    analyses = [analysis for analysis in analyse_article(article, codebook) if analysis.discarded is None]
    countries = article_countries(analysis.mentions for analysis in analyse_article(article, codebook))
    title: list[dict[str, Any]] = []
    body: list[dict[str, Any]] = []
    for analysis in analyses:
        rows = _plain_event_rows(article, analysis, codebook, countries)
        (title if analysis.sentence.kind == "title" else body).extend(rows)
    for row in title:
        row["headline_repeat"] = any(
            event["cameo_root"] == row["cameo_root"] and event["source_code"] == row["source_code"]
            and (row["target_code"] is None or event["target_code"] == row["target_code"])
            for event in body
        )
    return title + body


def test_records_as_tuples_equal_the_records_built_as_dictionaries(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    counted = located = repeats = 0
    for article in _articles(seed_article):
        coded = code_article(article, codebook)
        plain = _plain_rows(article, codebook)
        assert coded.rows == plain
        assert all(list(row) == list(RECORD_COLUMNS) for row in coded.rows)  # the keys in the records' order
        assert all(type(record) is tuple and len(record) == len(RECORD_COLUMNS) for record in coded.records)
        assert [record_dict(record) for record in coded.records] == plain
        counted += sum(row["fatalities"] is not None or row["arrested"] is not None for row in plain)
        located += sum(row["geonames_id"] is not None for row in plain)
        repeats += sum(row["headline_repeat"] for row in plain)
    assert counted >= 2 and located >= 3 and repeats >= 1  # every rebuilt or set column is exercised


def test_event_rows_are_the_sentence_records_as_dictionaries(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    for article in _articles(seed_article):
        analyses = list(analyse_article(article, codebook))
        countries = article_countries(analysis.mentions for analysis in analyses)
        template = record_template(article, codebook)
        for analysis in analyses:
            if analysis.discarded is None:
                rows = event_rows(article, analysis, codebook, countries, template)
                assert rows == _plain_event_rows(article, analysis, codebook, countries)


def test_record_columns_are_in_every_table_column_once() -> None:
    assert sorted(RECORD_COLUMNS) == sorted(COLUMN_NAMES)


VALUES = st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=3), st.booleans(), st.dates())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(VALUES, min_size=len(RECORD_COLUMNS), max_size=len(RECORD_COLUMNS)).map(tuple),
                max_size=6))
def test_record_columns_are_the_columns_of_the_records_dictionaries(records: Sequence[tuple[Any, ...]]) -> None:
    assert record_columns(records) == row_columns([record_dict(record) for record in records])



FILLER_WORDS = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit")


def _filler(characters: int) -> str:
    """Text without a sentence break, events or actors."""
    return " ".join(FILLER_WORDS[number % len(FILLER_WORDS)] for number in range(characters // 6))


def test_a_long_article_analysed_twice_gives_the_records_of_its_analyses(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    # the seed, a stretch without a sentence break or an event, then the seed again without its full stops (pieces
    # of up to 2,000 characters): the events of both ends are analysed again once the whole article is read
    text = f"{seed_article.text}\n\n{_filler(LONG_ARTICLE_CHARACTERS)}\n\n{seed_article.text.replace('.', '')}"
    article = dataclasses.replace(seed_article, text=text)
    assert len(article.text) > LONG_ARTICLE_CHARACTERS
    coded = code_article(article, codebook)
    assert len(coded.records) >= 20
    assert coded.rows == _plain_rows(article, codebook)


def test_an_article_keeps_no_analyses_of_its_sentences_without_events(codebook) -> None:  # type: ignore[no-untyped-def]
    def peak(characters: int) -> int:
        article = Article("filler", None, _filler(characters), dt.date(2024, 3, 20), None, None, None, "<test>")
        code_article(dataclasses.replace(article, text=article.text[:4000]), codebook)  # fills the caches first
        tracemalloc.start()
        try:
            assert not code_article(article, codebook).records
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    # kept, the analyses of 700,000 more characters came to about 20 MB
    assert peak(800_000) < peak(100_000) + 2_000_000


def test_a_long_article_holds_no_analyses_while_its_records_are_built(seed_article, codebook, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Each analysis the coder is given is kept here too; when a sentence's records are built, no other analysis's
    # mentions (the bulk of an analysis, and what a copy of it without its parse shares) may be held by the coder.
    analysed: list[SentenceAnalysis] = []
    held: list[int] = []
    analyse, records = coder.analyse_article, coder.event_records

    def analyses(article: Article, codebook: Codebook, **options: bool) -> Any:
        for analysis in analyse(article, codebook, **options):
            analysed.append(analysis)
            yield analysis

    def sentence_records(article: Article, analysis: SentenceAnalysis, *rest: Any) -> Any:
        held.append(sum(sys.getrefcount(other.mentions) > 2  # its analysis's reference and the call's own
                        for other in analysed if other.mentions and other is not analysis))
        return records(article, analysis, *rest)

    monkeypatch.setattr(coder, "analyse_article", analyses)
    monkeypatch.setattr(coder, "event_records", sentence_records)
    flat = seed_article.text.replace(".", "")
    for copies, holds in ((1, True), (LONG_ARTICLE_CHARACTERS // len(flat) + 1, False)):
        analysed.clear()
        held.clear()
        assert code_article(dataclasses.replace(seed_article, text="\n\n".join([flat] * copies)), codebook).records
        assert len(held) > 1
        assert (max(held) > 0) == holds  # a news-sized article keeps them, a long one is analysed again instead


def _one_article_of_news_sentences(seed_article: Article) -> Article:
    """The 158 news sentences of `tests/data/priority_gold.jsonl` as one article, so that coreference carries
    across many sentences."""
    lines = (Path(__file__).parent / "data" / "priority_gold.jsonl").read_text(encoding="utf-8").splitlines()
    return dataclasses.replace(seed_article, text=" ".join(json.loads(line)["text"] for line in lines))


def test_analyses_not_matched_have_the_mentions_of_matched_ones(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    # what a long article's first pass reads (its countries), on the seed and on 158 news sentences as one article
    for article in (seed_article, _one_article_of_news_sentences(seed_article)):
        matched = list(analyse_article(article, codebook))
        assert any(analysis.events for analysis in matched)
        unmatched = list(analyse_article(article, codebook, matched=False))
        assert not any(analysis.events or analysis.dropped for analysis in unmatched)
        assert [analysis.mentions for analysis in unmatched] == [analysis.mentions for analysis in matched]
        assert [analysis.discarded for analysis in unmatched] == [analysis.discarded for analysis in matched]


def test_a_discourse_that_forgets_early_mentions_finds_the_same_antecedents(  # type: ignore[no-untyped-def]
    seed_article, codebook, monkeypatch
) -> None:
    # a discourse keeping 8 mentions (16 at most) codes the seed, and 158 news sentences read as one article, as one
    # keeping them all: pronouns and agents find the antecedents they found
    articles = (seed_article, _one_article_of_news_sentences(seed_article))
    kept = [([analysis.mentions for analysis in analyse_article(article, codebook)],
             code_article(article, codebook).records)
            for article in articles]
    held: list[int] = []
    remember = actors.Discourse.remember

    def remembering(discourse: actors.Discourse, mentions: list[Any]) -> None:
        remember(discourse, mentions)
        held.append(len(discourse.mentions))

    monkeypatch.setattr(actors, "DISCOURSE_MENTIONS", 8)
    monkeypatch.setattr(actors.Discourse, "remember", remembering)
    forgetting = [([analysis.mentions for analysis in analyse_article(article, codebook)],
                   code_article(article, codebook).records)
                  for article in articles]
    assert forgetting == kept
    assert max(held) <= 16 and len(held) > 100 and held.count(8) > 3  # it forgot, several times
