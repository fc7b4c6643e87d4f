"""The fourteenth session's record-stage fast paths against the plain computations: `coder.record_template` is a
copy of `RECORD_TEMPLATE` with the article's and the build's columns set (the sixty-key display it stands for);
`event_rows` sets a sentence's columns once, on a copy each event copies in turn (the last event takes it
itself), so no two records share a dictionary; `article_countries` freezes a set comprehension."""

from __future__ import annotations

import copy
import datetime as dt

import eventcoder
from eventcoder.coder import (
    NOT_LOCATED,
    RECORD_TEMPLATE,
    _attribution,
    analyse_article,
    article_countries,
    event_rows,
    record_template,
)
from eventcoder.dates import resolve_date
from eventcoder.inputs import Article
from eventcoder.records import COLUMN_NAMES

SENTENCE_COLUMNS = ("sentence_index", "sentence_text", "event_date", "date_precision", "attributed_to")
# sentences of several events each (a pair, a compound actor, a hosted visit), some dated, one attributed
MANY_EVENTS = (
    "Venezuela rejected the ultimatum and accused Washington of aggression on Monday. "
    "Russian troops shelled Kharkiv and Ukrainian forces attacked Belgorod, officials said. "
    "President Maduro visited Havana on 12 March 2024 and met Cuban leaders. "
    "Police arrested 20 protesters in Caracas and fired tear gas at the crowd last week."
)


def _plain_template(article: Article, codebook) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The display `record_template` built before (the order of `RECORD_TEMPLATE`'s columns, written out)."""
    return {
        "article_id": article.id, "article_title": article.title, "article_date": article.date,
        "publisher": article.publisher, "url": article.url, "sentence_index": None, "sentence_text": None,
        "event_date": None, "date_precision": None, "cameo_code": None, "cameo_root": None, "cameo_name": None,
        "quad_class": None, "goldstein": None, "plover_event": None, "plover_mode": None, "plover_context": None,
        "acled_disorder_type": None, "acled_event_type": None, "acled_sub_event_type": None, "category": None,
        "negated": None, "modality": None, "headline_repeat": False, "attributed_to": None, **NOT_LOCATED,
        "trigger_text": None, "trigger_start": None, "trigger_end": None, "rule_id": None,
        "codebook_version": codebook.fingerprint, "coder_version": eventcoder.__version__, "source_text": None,
        "source_code": None, "source_country": None, "source_sector": None, "source_actor": None,
        "source_entry": None, "target_text": None, "target_code": None, "target_country": None,
        "target_sector": None, "target_actor": None, "target_entry": None, "confidence": None, "event_id": None,
    }


def _article(text: str) -> Article:
    return Article("many", "Venezuela rejects ultimatum", text, dt.date(2024, 3, 20), "Wire", "https://x.test/1",
                   None, "<test>")


def test_record_template_is_the_display_it_stands_for(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    for article in (seed_article, _article(MANY_EVENTS)):
        template = record_template(article, codebook)
        plain = _plain_template(article, codebook)
        assert template == plain and list(template) == list(plain)  # values and column order
    assert set(RECORD_TEMPLATE) == set(COLUMN_NAMES)
    assert all(value is None for column, value in RECORD_TEMPLATE.items() if column != "headline_repeat")
    assert RECORD_TEMPLATE["headline_repeat"] is False


def test_sentence_columns_are_shared_by_value_never_by_dictionary(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    several = 0
    for article in (seed_article, _article(MANY_EVENTS)):
        analyses = list(analyse_article(article, codebook))
        countries = article_countries(analyses)
        template = record_template(article, codebook)
        pristine = copy.deepcopy(template)
        for analysis in analyses:
            if analysis.discarded is not None:
                continue
            rows = event_rows(article, analysis, codebook, countries, template)
            several += len(analysis.events) > 1 and len(rows) > 1
            date, precision = resolve_date(analysis.sentence.text, article.date, analysis.parse.norms)
            plain = (analysis.sentence.index, analysis.sentence.text, date, precision, _attribution(analysis))
            assert all(tuple(row[column] for column in SENTENCE_COLUMNS) == plain for row in rows)
            assert all(list(row) == list(template) for row in rows)
            assert len({id(row) for row in rows}) == len(rows)  # each record its own dictionary
            before = copy.deepcopy(rows)
            for number, row in enumerate(rows):
                row["sentence_text"] = f"changed {number}"
            assert [row["sentence_text"] for row in rows] == [f"changed {n}" for n in range(len(rows))]
            assert [{**row, "sentence_text": None} for row in rows] == [
                {**row, "sentence_text": None} for row in before
            ]
        assert template == pristine
    assert several >= 3  # sentences whose several events yielded records


def test_article_countries_is_the_frozen_generator(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    for article in (seed_article, _article(MANY_EVENTS)):
        analyses = list(analyse_article(article, codebook))
        plain = frozenset(
            mention.country
            for analysis in analyses
            for mention in analysis.mentions
            if mention.country and mention.role in ("actor", "place") and not mention.inferred
            and not mention.pronoun
        )
        assert article_countries(analyses) == plain and type(article_countries(analyses)) is frozenset
        assert plain
