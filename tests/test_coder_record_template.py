"""Records start as copies of one article template (`coder.record_template`): coding with the template, without
it (as `explain` calls `event_rows`) and the record contract give the same records, and coding never changes
the template itself."""

from __future__ import annotations

import copy

from eventcoder.coder import analyse_article, article_countries, code_article, event_rows, record_template
from eventcoder.dataset import COLUMN_NAMES


def test_coder_records_from_the_template_equal_records_built_without_it(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    analyses = list(analyse_article(seed_article, codebook))
    countries = article_countries(analyses)
    template = record_template(seed_article, codebook)
    pristine = copy.deepcopy(template)
    with_template = [row for a in analyses for row in event_rows(seed_article, a, codebook, countries, template)]
    without = [row for a in analyses for row in event_rows(seed_article, a, codebook, countries)]
    assert with_template == without
    assert len(with_template) >= 15
    assert template == pristine  # each record is a copy: filling one never writes into the template


def test_coder_record_template_holds_every_column_in_contract_order(seed_article, codebook) -> None:  # type: ignore[no-untyped-def]
    assert set(record_template(seed_article, codebook)) == set(COLUMN_NAMES)
    rows = code_article(seed_article, codebook).rows
    assert rows and all(set(row) == set(COLUMN_NAMES) for row in rows)
