"""Records take the article's and the build's columns from one template an article (`coder.record_template`):
coding with the template and without it (as `explain` calls `event_rows`) give the same records, and every
record holds every column of the record contract; the template carries the codebook's tables and the
gazetteer the records are made with."""

from __future__ import annotations

import eventcoder
from eventcoder.coder import analyse_article, article_countries, code_article, event_rows, record_template
from eventcoder.dataset import COLUMN_NAMES
from eventcoder.gazetteer import load_gazetteer


def test_coder_records_from_the_template_equal_records_built_without_it(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    analyses = list(analyse_article(seed_article, codebook))
    countries = article_countries(a.mentions for a in analyses)
    template = record_template(seed_article, codebook)
    with_template = [row for a in analyses for row in event_rows(seed_article, a, codebook, countries, template)]
    without = [row for a in analyses for row in event_rows(seed_article, a, codebook, countries)]
    assert with_template == without
    assert len(with_template) >= 15


def test_coder_record_template_holds_the_article_and_build_columns(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    article = seed_article
    template = record_template(article, codebook)
    assert tuple(template) == (
        article.id, article.title, article.date, article.publisher, article.url, codebook.fingerprint,
        eventcoder.__version__, codebook.event_codes, codebook.acled_cues, load_gazetteer(),
    )
    assert template.event_codes is codebook.event_codes and template.cue_table is codebook.acled_cues
    rows = code_article(article, codebook).rows
    assert rows and all(set(row) == set(COLUMN_NAMES) for row in rows)
