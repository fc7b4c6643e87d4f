"""Property-based attacks on the readers, the segmenter and the coder: any bytes, any JSON values, any
dates and ids are coded or quarantined, never an exception and never a silent drop."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.batch import code_batch
from eventcoder.inputs import Article, Rejected, read_articles
from eventcoder.run import code_articles
from eventcoder.text.segment import segment, split_sentences

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=5), inner, max_size=3), max_leaves=8)
# Texts as JSON can spell them: any code point, lone surrogates included.
any_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=80)
date_strings = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(dt.datetime.isoformat),
    any_text,
)
field_values = st.one_of(any_text, json_values, date_strings)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(any_text, json_values),
        "title": field_values,
        "text": st.one_of(any_text, st.just("Venezuela threatened Colombia with sanctions yesterday.")),
        "date": date_strings,
        "published": field_values,
        "source": field_values,
        "url": field_values,
        "language": field_values,
    },
)


def _clean(item: Article | Rejected) -> None:
    """Nothing downstream may see a lone surrogate: every string must encode as UTF-8."""
    for value in (item.__getattribute__(name) for name in item.__slots__):  # type: ignore[attr-defined]
        if isinstance(value, str):
            value.encode("utf-8")


@FAST
@given(st.binary(max_size=400))
def test_fuzz_any_bytes_as_jsonl_one_item_per_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    items = list(read_articles([str(path)], date_default=dt.date(2025, 1, 1)))
    assert len(items) == sum(_counts(line, number) for number, line in enumerate(data.split(b"\n")))
    for item in items:
        _clean(item)


def _counts(raw: bytes, number: int) -> int:
    """1 when the reader must give an item for this line (undecodable, or not blank), else 0."""
    if number == 0 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return 1
    return 1 if text.removesuffix("\r").strip() else 0


@FAST
@given(st.binary(max_size=400))
def test_fuzz_any_bytes_as_csv_and_txt(tmp_path: Path, data: bytes) -> None:
    for name in ("in.csv", "in.txt"):
        path = tmp_path / name
        path.write_bytes(data)
        items = list(read_articles([str(path)], date_default=dt.date(2025, 1, 1)))
        if name == "in.txt":
            assert len(items) == 1
        for item in items:
            _clean(item)


@FAST
@given(st.lists(records, min_size=1, max_size=6))
def test_fuzz_any_json_records_each_give_one_item(records_list: list[dict[str, Any]]) -> None:
    lines = "\n".join(json.dumps(record) for record in records_list) + "\n"
    items = list(read_articles(["-"], stdin=io.StringIO(lines), date_default=dt.date(2025, 1, 1)))
    assert len(items) == len(records_list)  # coded or rejected, never dropped
    for item in items:
        _clean(item)
        if isinstance(item, Rejected):
            assert item.code and item.reason


@FAST
@given(any_text.filter(lambda text: "\n" not in text) | st.text(max_size=3000))
def test_fuzz_segment_spans_are_ordered_and_bounded(text: str) -> None:
    spans = split_sentences(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for unit in segment(None, text):
        assert unit.text and len(unit.text) <= 2000


@SLOW
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
    | st.sampled_from(["The US threatened Venezuela yesterday.", "Russia attacked Ukraine last year on Monday."]),
    st.dates(),
    st.text(max_size=20),
)
def test_fuzz_coder_codes_any_article(codebook: Any, text: str, date: dt.date, title: str) -> None:
    article = Article(id="x", title=title or None, text=text or "x", date=date, publisher=None, url=None,
                      language=None, origin="fuzz:1")
    coded = code_batch([article], codebook)
    assert coded.failed == ()  # no exception in the coder for any text or date


@SLOW
@given(st.lists(records, min_size=1, max_size=8))
def test_fuzz_runs_count_every_record(tmp_path_factory: pytest.TempPathFactory, codebook: Any,
                                      records_list: list[dict[str, Any]]) -> None:
    root = tmp_path_factory.mktemp("fuzzrun")
    corpus = root / "in.jsonl"
    corpus.write_text("\n".join(json.dumps(record) for record in records_list) + "\n", encoding="utf-8")
    summary = code_articles([str(corpus)], root / "ds", codebook, date_default=dt.date(2025, 1, 1), workers=1)
    assert summary.status == "completed"
    assert summary.articles_read == len(records_list)
    assert summary.articles_read == summary.articles_coded + summary.quarantined
    quarantine = root / "ds" / "_quarantine" / f"{summary.run_id}.jsonl"
    lines = quarantine.read_text(encoding="utf-8").splitlines() if quarantine.exists() else []
    assert len(lines) == summary.quarantined
