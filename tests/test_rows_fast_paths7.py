"""The fourteenth session's record-stage fast paths against the plain computations: a sentence's columns are
read once and given to each of its records, and no two records share a dictionary; `article_countries` freezes
a set comprehension."""

from __future__ import annotations

import copy
import datetime as dt

from eventcoder.coder import (
    RECORD_COLUMNS,
    _attribution,
    analyse_article,
    article_countries,
    event_rows,
    record_template,
)
from eventcoder.dates import resolve_date
from eventcoder.inputs import Article

SENTENCE_COLUMNS = ("sentence_index", "sentence_text", "event_date", "date_precision", "attributed_to")
# sentences of several events each (a pair, a compound actor, a hosted visit), some dated, one attributed
MANY_EVENTS = (
    "Venezuela rejected the ultimatum and accused Washington of aggression on Monday. "
    "Russian troops shelled Kharkiv and Ukrainian forces attacked Belgorod, officials said. "
    "President Maduro visited Havana on 12 March 2024 and met Cuban leaders. "
    "Police arrested 20 protesters in Caracas and fired tear gas at the crowd last week."
)


def _article(text: str) -> Article:
    return Article("many", "Venezuela rejects ultimatum", text, dt.date(2024, 3, 20), "Wire", "https://x.test/1",
                   None, "<test>")


def test_sentence_columns_are_shared_by_value_never_by_dictionary(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    several = 0
    for article in (seed_article, _article(MANY_EVENTS)):
        analyses = list(analyse_article(article, codebook))
        countries = article_countries(analysis.mentions for analysis in analyses)
        template = record_template(article, codebook)
        for analysis in analyses:
            if analysis.discarded is not None:
                continue
            rows = event_rows(article, analysis, codebook, countries, template)
            several += len(analysis.events) > 1 and len(rows) > 1
            date, precision = resolve_date(analysis.sentence.text, article.date, analysis.parse.norms)
            plain = (analysis.sentence.index, analysis.sentence.text, date, precision, _attribution(analysis))
            assert all(tuple(row[column] for column in SENTENCE_COLUMNS) == plain for row in rows)
            assert all(list(row) == list(RECORD_COLUMNS) for row in rows)
            assert len({id(row) for row in rows}) == len(rows)  # each record its own dictionary
            before = copy.deepcopy(rows)
            for number, row in enumerate(rows):
                row["sentence_text"] = f"changed {number}"
            assert [row["sentence_text"] for row in rows] == [f"changed {n}" for n in range(len(rows))]
            assert [{**row, "sentence_text": None} for row in rows] == [
                {**row, "sentence_text": None} for row in before
            ]
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
        countries = article_countries(analysis.mentions for analysis in analyses)
        assert countries == plain and type(countries) is frozenset
        assert plain
