"""Reading articles from every input format, quarantining bad records, and the quarantine writer."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from eventcoder.errors import InputError, OutputError
from eventcoder.inputs import REASON_CODES, Article, Rejected, article_id, check_inputs, read_articles
from eventcoder.quarantine import QuarantineWriter, trim_torn_line

DAY = dt.date(2025, 11, 30)
GOOD = '{"id": "a1", "text": "Body one.", "date": "2025-11-30"}'


def read(
    *inputs: str | Path, date_default: dt.date | None = None, stdin: str | None = None
) -> list[Article | Rejected]:
    stream = io.StringIO(stdin) if stdin is not None else None
    return list(read_articles([str(i) for i in inputs], date_default=date_default, stdin=stream))


def write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def jsonl(tmp_path: Path, *lines: str, name: str = "in.jsonl") -> Path:
    return write_bytes(tmp_path / name, "".join(line + "\n" for line in lines).encode())


def only_rejected(items: list[Article | Rejected]) -> Rejected:
    assert len(items) == 1 and isinstance(items[0], Rejected), items
    return items[0]


def only_article(items: list[Article | Rejected]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# --- formats ---------------------------------------------------------------------------------------


def test_inputs_jsonl_record_becomes_an_article(tmp_path: Path) -> None:
    path = jsonl(tmp_path, json.dumps({
        "id": "x1", "title": "Headline", "text": "The body.", "published": "2025-11-30T08:00:00Z",
        "source": "Daily Planet", "url": "https://example.org/x1", "language": "en", "extra": [1, 2],
    }))
    assert read(path) == [Article(
        id="x1", title="Headline", text="The body.", date=DAY, publisher="Daily Planet",
        url="https://example.org/x1", language="en", origin=f"{path}:1",
    )]


def test_inputs_ndjson_is_read_like_jsonl(tmp_path: Path) -> None:
    path = jsonl(tmp_path, GOOD, name="in.ndjson")
    assert only_article(read(path)).origin == f"{path}:1"


def test_inputs_csv_rows_become_articles_with_first_physical_line(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "in.csv", (
        b"id,title,text,date,source\n"
        b'c1,Head,"first line\nsecond line",2025-11-30,Planet\n'
        b"\n"
        b"c2,,plain,2025-11-29,\n"
    ))
    first, second = read(path)
    assert first == Article(id="c1", title="Head", text="first line\nsecond line", date=DAY, publisher="Planet",
                            url=None, language=None, origin=f"{path}:2")
    assert isinstance(second, Article)
    assert (second.id, second.title, second.publisher, second.origin) == ("c2", None, None, f"{path}:5")


def test_inputs_txt_first_line_is_title_and_sidecar_supplies_metadata(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "story.txt", b"\n  Big Headline  \nFirst paragraph.\nSecond.\n\n")
    write_bytes(tmp_path / "story.meta.json", json.dumps({
        "id": "s1", "title": "Ignored title", "published": "2025-11-30", "source": "Planet",
        "url": "https://example.org/s1", "language": "en", "notes": "ignored",
    }).encode())
    assert read(path) == [Article(
        id="s1", title="Big Headline", text="First paragraph.\nSecond.", date=DAY, publisher="Planet",
        url="https://example.org/s1", language="en", origin=str(path),
    )]


def test_inputs_txt_without_sidecar_uses_date_default_and_generated_id(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "story.txt", b"Title\nBody.\n")
    article = only_article(read(path, date_default=DAY))
    assert (article.id, article.date, article.publisher) == (article_id("Title", "Body."), DAY, None)


def test_inputs_seed_article_reads(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "seeds" / "us-venezuela-ultimatum.txt"
    article = only_article(read(seed))
    assert (article.id, article.date, article.language) == ("seed-us-venezuela-ultimatum", DAY, "en")
    assert article.title is not None and article.title.startswith("Trump Delivers Stark Ultimatum")
    assert not article.text.startswith("Trump Delivers")


def test_inputs_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write_bytes(root / "b.jsonl", (GOOD.replace("a1", "b") + "\n").encode())
    write_bytes(root / "a" / "z.txt", b"T\nBody z\n")
    write_bytes(root / "a" / "z.meta.json", b'{"id": "az", "published": "2025-11-30"}')
    write_bytes(root / "a-b.csv", b"id,text,date\nab,Body,2025-11-30\n")
    write_bytes(root / "a" / "notes.md", b"not an article")
    write_bytes(root / "README", b"not an article")
    items = read(root)
    assert [(type(i).__name__, i.id if isinstance(i, Article) else i.reason) for i in items] == [
        ("Article", "az"), ("Article", "ab"), ("Article", "b"),
    ]


def test_inputs_stdin_is_jsonl(tmp_path: Path) -> None:
    items = read("-", stdin="\n" + GOOD + "\nnot json\n")
    article, rejected = items
    assert isinstance(article, Article) and article.origin == "<stdin>:2"
    assert isinstance(rejected, Rejected) and (rejected.file, rejected.line) == ("<stdin>", 3)


def test_inputs_stdin_bytes_buffer_is_decoded_strictly() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + GOOD.encode() + b'\n{"text": "\xff"}\n'), encoding="utf-8")
    article, rejected = read_articles(["-"], stdin=stream)
    assert isinstance(article, Article) and article.id == "a1"
    assert isinstance(rejected, Rejected) and rejected.reason == "not valid UTF-8 at byte 11"


# --- ids ---------------------------------------------------------------------------------------------


def test_inputs_generated_ids_are_stable_and_content_based(tmp_path: Path) -> None:
    one = jsonl(tmp_path, '{"title": "T", "text": "Same body.", "date": "2025-11-30"}', name="one.jsonl")
    two = jsonl(tmp_path, '{"title": "T", "text": "Same body.\\r\\n", "date": "2025-11-01"}', name="two.jsonl")
    first = only_article(read(one))
    assert first.id == "a-" + hashlib.sha256(b"T\nSame body.").hexdigest()[:16]
    assert only_article(read(one)).id == first.id
    duplicate = read(one, two)[1]
    assert isinstance(duplicate, Rejected)
    assert duplicate.reason == f"duplicate id '{first.id}' (first seen at {one}:1)"


def test_inputs_duplicate_id_rejects_the_later_record(tmp_path: Path) -> None:
    path = jsonl(tmp_path, GOOD, GOOD.replace("Body one", "Body two"))
    first, second = read(path)
    assert isinstance(first, Article) and first.text == "Body one."
    assert second == Rejected(file=str(path), line=2, reason=f"duplicate id 'a1' (first seen at {path}:1)",
                              record=GOOD.replace("Body one", "Body two"), code="duplicate-id")


def test_inputs_duplicate_across_txt_and_jsonl_names_the_txt(tmp_path: Path) -> None:
    txt = write_bytes(tmp_path / "s.txt", b"Title\nBody\n")
    write_bytes(tmp_path / "s.meta.json", b'{"id": "a1", "published": "2025-11-30"}')
    path = jsonl(tmp_path, GOOD)
    assert only_rejected(read(txt, path)[1:]).reason == f"duplicate id 'a1' (first seen at {txt})"


# --- rejections ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a1" "text": "x"}', "invalid JSON: Expecting ',' delimiter at column 13"),
        ('["a", "b"]', "expected a JSON object, got an array"),
        ('"just text"', "expected a JSON object, got a string"),
        ('{"id": "a1", "date": "2025-11-30"}', "missing field 'text'"),
        ('{"id": "a1", "text": null, "date": "2025-11-30"}', "missing field 'text'"),
        ('{"id": "a1", "text": "", "date": "2025-11-30"}', "field 'text' is empty"),
        ('{"id": "a1", "text": " \\n\\t ", "date": "2025-11-30"}', "field 'text' is empty"),
        ('{"id": "a1", "text": "x", "date": "31/11/2025"}',
         "unparseable date '31/11/2025'; use ISO 8601 such as 2025-11-30"),
        ('{"id": "a1", "text": "x", "published": "2025-11-31"}',
         "unparseable date '2025-11-31'; use ISO 8601 such as 2025-11-30"),
        ('{"id": "a1", "text": "x"}', "no date; give one with --date-default"),
        ('{"id": 7, "text": "x", "date": "2025-11-30"}', "field 'id' must be a string, got a number"),
        ('{"id": "a1", "text": ["x"], "date": "2025-11-30"}', "field 'text' must be a string, got an array"),
        ('{"id": "a1", "text": "x", "date": "2025-11-30", "url": true}',
         "field 'url' must be a string, got a boolean"),
        ('{"id": "a1", "text": "x", "date": "2025-11-30", "title": {"en": "T"}}',
         "field 'title' must be a string, got an object"),
    ],
)
def test_inputs_jsonl_rejection_reasons(tmp_path: Path, line: str, reason: str) -> None:
    path = jsonl(tmp_path, line)
    [rejected] = read(path)
    assert isinstance(rejected, Rejected) and rejected.code in REASON_CODES
    assert rejected == Rejected(file=str(path), line=1, reason=reason, record=line, code=rejected.code)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-11-30", DAY),
        ("2025-11-30T23:30:00", DAY),
        ("2025-11-30T23:30:00Z", DAY),
        ("2025-11-30T23:30:00-05:00", DAY),
        ("2025-11-30 23:30:00.123+01:00", DAY),
    ],
)
def test_inputs_iso_dates_use_the_date_part(tmp_path: Path, value: str, expected: dt.date) -> None:
    path = jsonl(tmp_path, json.dumps({"text": "x", "date": value}))
    assert only_article(read(path, date_default=dt.date(2000, 1, 1))).date == expected


def test_inputs_record_date_wins_over_date_default_and_bad_date_is_not_defaulted(tmp_path: Path) -> None:
    path = jsonl(tmp_path, '{"text": "x", "date": "2025-11-30"}', '{"text": "y", "date": "yesterday"}',
                 '{"text": "z", "date": ""}')
    dated, bad, defaulted = read(path, date_default=dt.date(2000, 1, 1))
    assert isinstance(dated, Article) and dated.date == DAY
    assert isinstance(bad, Rejected) and bad.reason.startswith("unparseable date 'yesterday'")
    assert isinstance(defaulted, Article) and defaulted.date == dt.date(2000, 1, 1)


def test_inputs_two_good_and_three_bad_lines(tmp_path: Path) -> None:
    path = jsonl(tmp_path, GOOD, "{oops", "", '{"id": "b"}', '{"id": "c", "text": "x", "date": "2025-11-30"}', "[]")
    items = read(path)
    assert [i.id for i in items if isinstance(i, Article)] == ["a1", "c"]
    assert [(i.line, i.reason) for i in items if isinstance(i, Rejected)] == [
        (2, "invalid JSON: Expecting property name enclosed in double quotes at column 2"),
        (4, "missing field 'text'"),
        (6, "expected a JSON object, got an array"),
    ]


def test_inputs_invalid_utf8_line_is_rejected_and_reading_continues(tmp_path: Path) -> None:
    bad = b'{"text": "caf\xe9", "date": "2025-11-30"}'
    path = write_bytes(tmp_path / "in.jsonl", bad + b"\n" + GOOD.encode() + b"\n")
    rejected, article = read(path)
    assert rejected == Rejected(file=str(path), line=1, reason="not valid UTF-8 at byte 14",
                                record='{"text": "caf\\xe9", "date": "2025-11-30"}', code="not-utf8")
    assert isinstance(article, Article)


def test_inputs_bom_and_crlf_are_handled(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + GOOD.encode() + b"\r\n" + b'{"id": "a2", "text": "x\\r\\ny\\n", "date": "2025-11-30"}\r\n'
    first, second = read(write_bytes(tmp_path / "in.jsonl", data))
    assert isinstance(first, Article) and first.id == "a1"
    assert isinstance(second, Article) and second.text == "x\ny"


def test_inputs_bom_counts_in_utf8_byte_position(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "in.jsonl", b"\xef\xbb\xbf{\xff}\n")
    assert only_rejected(read(path)).reason == "not valid UTF-8 at byte 5"


def test_inputs_crlf_txt_with_bom(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "s.txt", b"\xef\xbb\xbfTitle\r\nLine one.\r\nLine two.\r\n")
    article = only_article(read(path, date_default=DAY))
    assert (article.title, article.text) == ("Title", "Line one.\nLine two.")


def test_inputs_crlf_csv(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "in.csv", b'\xef\xbb\xbfid,text\r\nc1,"a\r\nb"\r\nc2,z\r\n')
    first, second = read(path, date_default=DAY)
    assert isinstance(first, Article) and (first.id, first.text, first.origin) == ("c1", "a\nb", f"{path}:2")
    assert isinstance(second, Article) and second.origin == f"{path}:4"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file has no text"),
        (b"\n  \n\t\n", "file has no text"),
        (b"Only a title\n", "no text after the title line"),
        (b"Title\n\n   \n", "no text after the title line"),
        (b"Title\nBody \xc3(\n", "not valid UTF-8 at byte 12"),
    ],
)
def test_inputs_txt_rejection_reasons(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write_bytes(tmp_path / "s.txt", data)
    rejected = only_rejected(read(path, date_default=DAY))
    assert (rejected.file, rejected.line, rejected.reason) == (str(path), None, reason)


UNPARSEABLE_SIDECAR_DATE = "unparseable date '30 Nov 2025'; use ISO 8601 such as 2025-11-30"


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        (b'{"id": "s1",', "invalid JSON: Expecting property name enclosed in double quotes at line 1 column 13"),
        (b"[1]", "expected a JSON object, got an array"),
        (b'{"id": 5}', "field 'id' must be a string, got a number"),
        (b'{"published": "30 Nov 2025"}', None),
    ],
)
def test_inputs_bad_sidecar_rejects_the_article(tmp_path: Path, sidecar: bytes, reason: str | None) -> None:
    path = write_bytes(tmp_path / "s.txt", b"Title\nBody\n")
    meta = write_bytes(tmp_path / "s.meta.json", sidecar)
    rejected = only_rejected(read(path, date_default=DAY))
    expected = f"sidecar {meta}: {reason}" if reason else UNPARSEABLE_SIDECAR_DATE
    assert (rejected.file, rejected.line, rejected.reason) == (str(path), None, expected)
    assert rejected.record == "Title\nBody\n"


@pytest.mark.parametrize(
    ("rows", "line", "reason"),
    [
        ("c1,x,2025-11-30,extra\n", 2, "row has 4 fields but the header has 3"),
        ("c1,x\n", 2, "row has 2 fields but the header has 3"),
        ("c1,,2025-11-30\n", 2, "field 'text' is empty"),
        ("c1,x,31/11/2025\n", 2, "unparseable date '31/11/2025'; use ISO 8601 such as 2025-11-30"),
        ("c1,x,\n", 2, "no date; give one with --date-default"),
        ("\nc1,x,2025-11-30\nc1,y,2025-11-30\n", 4, None),
    ],
)
def test_inputs_csv_rejection_reasons(tmp_path: Path, rows: str, line: int, reason: str | None) -> None:
    path = write_bytes(tmp_path / "in.csv", ("id,text,date\n" + rows).encode())
    rejected = [i for i in read(path) if isinstance(i, Rejected)]
    expected = reason or f"duplicate id 'c1' (first seen at {path}:3)"
    assert [(r.line, r.reason) for r in rejected] == [(line, expected)]


def test_inputs_csv_invalid_utf8_rejects_only_that_record(tmp_path: Path) -> None:
    data = b'id,text,date\nc1,"caf\xe9\nmore",2025-11-30\nc2,ok,2025-11-30\n'
    rejected, article = read(write_bytes(tmp_path / "in.csv", data))
    assert isinstance(rejected, Rejected)
    assert (rejected.line, rejected.reason, rejected.record) == (2, "not valid UTF-8 at byte 8",
                                                                 'c1,"caf\\xe9\nmore",2025-11-30')
    assert isinstance(article, Article) and (article.id, article.origin) == ("c2", f"{tmp_path / 'in.csv'}:4")


def test_inputs_csv_without_text_column_says_so(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "in.csv", b"c1,hello,2025-11-30\nc2,bye,2025-11-30\n")
    header, row = read(path)
    assert isinstance(header, Rejected) and (header.line, header.reason) == (
        1, "CSV header has no 'text' column (a header row naming the columns is required)")
    assert isinstance(row, Rejected) and (row.line, row.reason) == (2, "missing field 'text'")


def test_inputs_rejected_record_is_truncated(tmp_path: Path) -> None:
    line = json.dumps({"text": "x" * 5000})
    rejected = only_rejected(read(jsonl(tmp_path, line)))
    assert rejected.record == line[:2000]


def test_inputs_reading_is_lazy(tmp_path: Path) -> None:
    path = jsonl(tmp_path, GOOD)
    items = read_articles([str(path)])
    path.write_text(GOOD.replace("a1", "changed") + "\n")
    assert only_article(list(items)).id == "changed"


# --- input checks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (["nope.jsonl"], "input path does not exist: nope.jsonl"),
        (["-", "missing/dir"], "input path does not exist: missing/dir"),
        (["-", "-"], "stdin ('-') can be given only once"),
    ],
)
def test_inputs_check_rejects_bad_inputs(inputs: list[str], message: str) -> None:
    with pytest.raises(InputError) as caught:
        check_inputs(inputs)
    assert str(caught.value) == message


def test_inputs_check_rejects_unsupported_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "data.json", b"{}")
    with pytest.raises(InputError, match=r"^unsupported input file: .*data\.json; use \.txt, \.jsonl"):
        check_inputs([str(path)])


def test_inputs_missing_path_fails_before_any_reading(tmp_path: Path) -> None:
    stdin = io.StringIO(GOOD + "\n")
    with pytest.raises(InputError, match="^input path does not exist: "):
        read_articles(["-", str(tmp_path / "missing.txt")], stdin=stdin)
    assert stdin.tell() == 0


# --- quarantine --------------------------------------------------------------------------------------


REJECTED = Rejected(file="in.jsonl", line=3, reason="missing field 'text'", record='{"id": "é"}', code="no-text")


def test_inputs_quarantine_lines_appear_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "out" / "nested" / "quarantine.jsonl"
    writer = QuarantineWriter(target)
    writer.write(REJECTED)
    writer.write(Rejected(file="s.txt", line=None, reason="file has no text", record="", code="no-text"))
    assert not target.exists() and writer.count == 0 and writer.pending == 2
    writer.commit()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"file": "in.jsonl", "line": 3, "code": "no-text", "reason": "missing field 'text'", "record": '{"id": "é"}',
         "error_type": None, "error_at": None},
        {"file": "s.txt", "line": None, "code": "no-text", "reason": "file has no text", "record": "",
         "error_type": None, "error_at": None},
    ]
    assert writer.count == 2
    assert sorted(p.name for p in target.parent.iterdir()) == ["quarantine.jsonl"]


def test_inputs_quarantine_writes_nothing_when_empty(tmp_path: Path) -> None:
    target = tmp_path / "out" / "quarantine.jsonl"
    with QuarantineWriter(target) as writer:
        assert writer.count == 0
    assert not (tmp_path / "out").exists()


def test_inputs_quarantine_keeps_committed_records_when_a_batch_fails(tmp_path: Path) -> None:
    target = tmp_path / "q.jsonl"
    with pytest.raises(RuntimeError), QuarantineWriter(target) as writer:
        writer.write(REJECTED)
        writer.commit()
        writer.write(REJECTED)
        raise RuntimeError("crash")
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1


def test_inputs_quarantine_survives_undecodable_file_names(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad-\xff.jsonl")
    with QuarantineWriter(tmp_path / "q.jsonl") as writer:
        writer.write(Rejected(file=name, line=1, reason="x", record="", code="bad-json"))
    data = (tmp_path / "q.jsonl").read_bytes()
    assert b"bad-\\udcff.jsonl" in data  # a JSON escape in a valid UTF-8 file: the name round-trips
    assert json.loads(data.decode("utf-8"))["file"] == name


def test_inputs_quarantine_trims_a_torn_last_line(tmp_path: Path) -> None:
    target = tmp_path / "q.jsonl"
    target.write_bytes(b'{"a": 1}\n{"a": 2}\n{"a"')
    assert trim_torn_line(target) == 2
    assert target.read_bytes() == b'{"a": 1}\n{"a": 2}\n'


def test_inputs_quarantine_refuses_writes_after_close(tmp_path: Path) -> None:
    writer = QuarantineWriter(tmp_path / "q.jsonl")
    writer.close()
    writer.close()
    with pytest.raises(OutputError, match="already closed"):
        writer.write(REJECTED)


# --- invalid Unicode and unforeseen exceptions -----------------------------------------------------------


@pytest.mark.parametrize("field", ["text", "title", "id", "source", "url", "language"])
def test_inputs_lone_surrogates_are_replaced_and_counted(tmp_path: Path, field: str) -> None:
    record = {"id": "s1", "text": "Freedonia protested.", "date": "2025-11-30"}
    record[field] = "bad \ud800 and \udfff."
    path = jsonl(tmp_path, json.dumps(record))
    [article] = read(path)
    assert isinstance(article, Article) and article.replaced_characters == 2
    value = {"text": article.text, "title": article.title, "id": article.id, "source": article.publisher,
             "url": article.url, "language": article.language}[field]
    assert value == "bad \ufffd and \ufffd."


def test_inputs_lone_surrogate_in_the_date_is_rejected_cleanly(tmp_path: Path) -> None:
    path = jsonl(tmp_path, json.dumps({"id": "d1", "text": "x", "date": "2025-\ud800-01"}))
    [rejected] = read(path)
    assert isinstance(rejected, Rejected) and rejected.code == "bad-date"
    assert "\ufffd" in rejected.reason
    rejected.reason.encode("utf-8")


def test_inputs_a_surrogate_pair_is_kept(tmp_path: Path) -> None:
    path = jsonl(tmp_path, json.dumps({"id": "p1", "text": "smile \U0001f600", "date": "2025-11-30"}))
    [article] = read(path)
    assert isinstance(article, Article) and article.text == "smile \U0001f600" and article.replaced_characters == 0


def test_inputs_unforeseen_exception_rejects_only_that_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventcoder.inputs as inputs

    real = inputs._parse_date

    def fragile(value: str) -> dt.date:
        if value.startswith("1999"):
            raise OverflowError("boom")
        return real(value)

    monkeypatch.setattr(inputs, "_parse_date", fragile)
    path = jsonl(tmp_path, '{"id": "x", "text": "a", "date": "1999-01-01"}', GOOD)
    rejected, article = read(path)
    assert isinstance(article, Article)
    assert isinstance(rejected, Rejected) and rejected.code == "reader-error"
    assert rejected.error_type == "OverflowError" and rejected.reason == "OverflowError: boom"
    assert rejected.error_at is not None and rejected.error_at.startswith("test_inputs.py:")


def test_inputs_quarantine_line_escapes_the_line_breaks_json_keeps() -> None:
    """U+0085, U+2028 and U+2029 pass through `json.dumps(ensure_ascii=False)` raw, and line readers split on
    them: a record holding one must still be one quarantine line, and read back unchanged."""
    from eventcoder.quarantine import quarantine_line

    text = "a\x85b\u2028c\u2029d é"
    line = quarantine_line(Rejected(file="in.jsonl", line=3, reason="duplicate id", record=text, code="duplicate-id"))
    assert len(line.splitlines()) == 1
    assert json.loads(line)["record"] == text
    assert "é" in line  # other non-ASCII text stays readable


def test_a_long_json_line_is_not_held_beside_its_article(tmp_path: Path) -> None:
    # a 1 MB text that is not ASCII (2 bytes a character as a str): its line's bytes, decoded line and JSON value
    # are let go of before the article is handed on, so reading it holds about the article's text only
    text = "Freedonian troops shelled the border town of Ostrava – again. " * 17_000
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "long", "date": "2025-11-20", "text": text}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    tracemalloc.start()
    try:
        articles = read_articles([str(path)])
        article = next(articles)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(article, Article) and len(article.text) > 1_000_000
    assert held < 1.5 * sys.getsizeof(article.text)  # held before: the line's bytes and two more copies of its text
    # while it is read: the line's bytes, its decoded text and the text JSON builds (4.0 times the article's text;
    # 5.0 when the text without the line's terminator was cut from the decoded line)
    assert peak < 4.5 * sys.getsizeof(article.text)
