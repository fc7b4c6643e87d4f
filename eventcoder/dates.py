"""Event dates: explicit dates, weekdays and relative expressions resolved against the article date.

A relative expression ("yesterday", "last year", a weekday) that would leave the range a date can hold
(years 1 to 9999) is clamped to the nearest end of that range, keeping its precision: "last year" in an
article of 0001-06-01 is 0001-01-01. No article date makes resolution fail.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final

from eventcoder.text.tokenize import NATIVE_LOOPS

# The module's constants are `Final`: compiled, each is read from a C static instead of a lookup in the module's
# globals (pure Python ignores the mark).
MONTHS: Final = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS: Final = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_MONTH: Final = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_MONTH_DAY: Final = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?!\d)")
# A number that no digit precedes opens the next two: written `\d(?<!\d\d)`, its first digit then the test that
# the character before it is none, not `(?<!\d)\d`, which matches the same at the same place. A pattern opening
# with a look-behind has no first characters `re` can scan for, so the search tries a match at every position
# (about 100 instructions each); one opening with a digit skips to the next digit. Callgrind, the news slice:
# `_DAY_MONTH` about 29 K instructions a search, `_ISO` 48 K, mostly that scan.
_DAY_MONTH: Final = re.compile(r"(\d(?<!\d\d)\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?")
_ISO: Final = re.compile(r"(\d(?<!\d\d)\d{3})-(\d{2})-(\d{2})(?!\d)")
_WEEKDAY: Final = re.compile(
    r"\b(?:on|last|this|early|late)?\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_RELATIVE: Final = re.compile(
    r"\b(yesterday|today|last week|last month|last year|this week|this month|this year)\b", re.I
)
# A year written out after a preposition of time, with or without its month ("in 2014", "in February 2022",
# "since early 2019"): background the sentence dates, read after the day-level patterns
# (`written_years_date_the_event`).
_YEAR: Final = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Dd]uring)\s+(?:(?:early|late|mid-)\s*)?(?:" + _MONTH + r"\s+)?((?:1[89]|20)\d\d)\b(?!-)"
)
_DIGIT: Final = re.compile(r"\d")  # the first three patterns need one
# What `_YEAR`'s year matches, a search `re` makes fast (its first characters form a set it scans for): a match of
# `_YEAR` starts at most a preposition, a cue word, a month's name and white space before the first such number
# (`_year_start`).
_YEAR_NUMBER: Final = re.compile(r"(?:1[89]|20)\d\d")
_LONGEST_MONTH: Final = 10  # "September.": the most `_YEAR` takes for a month's name (and its period)
_LONGEST_YEAR_CUE: Final = 5  # "early" (and "mid-")
_LONGEST_TIME_PREPOSITION: Final = 6  # "during"
# What a match of the slower patterns must hold, found by a scan `re` makes fast (a literal alternation, whose
# first letters it looks for before trying a match): a month's name for `_DAY_MONTH` (and `_MONTH_DAY`), a
# weekday's name for `_WEEKDAY`.
_MONTH_NAME: Final = re.compile(_MONTH)
_WEEKDAY_NAME: Final = re.compile(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
WEEKDAY_STEMS: Final = ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")  # each name is one and "day"
_LONGEST_WEEKDAY_CUE: Final = 5  # "early": the longest word `_WEEKDAY` takes before the weekday (and its spaces)
_LONGEST_DAY: Final = 4  # "12th": the most `_DAY_MONTH` takes before the white space ahead of its month ("of" aside)
_ISO_YEAR: Final = 4  # the characters of an ISO date before its first hyphen
# every `_RELATIVE` phrase holds one of these (as `str.lower` writes it)
RELATIVE_STEMS: Final = ("day", "week", "month", "year")
# The phrases `_RELATIVE` finds, lower-case: in an ASCII text its case-blind match is one of them as
# `str.lower` writes the text, character for character (beyond ASCII `re.IGNORECASE` also pairs "ſ" with "s",
# "ı" with "i", so there only the stems gate).
RELATIVE_PHRASES: Final = ("yesterday", "today", "last week", "last month", "last year", "this week", "this month",
                           "this year")
ASCII_DIGITS: Final = "0123456789"  # what `\d` matches in an ASCII text
# `bytes.translate`'s table making each ASCII digit a NUL and leaving every other byte as it is
DIGITS_TO_NUL: Final = bytes.maketrans(ASCII_DIGITS.encode(), bytes(len(ASCII_DIGITS)))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shifted(date: dt.date, days: int) -> dt.date:
    """`date` moved by `days`, clamped to the range a date can hold."""
    try:
        # `days` given by position: compiled, a keyword makes the call generic with a keyword name, which
        # `timedelta` matches against its seven (`_shifted` about 4.4 K instructions a call, by position 3.4 K)
        return date + dt.timedelta(days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def _not_after(candidate: dt.date | None, article: dt.date, explicit_year: bool) -> dt.date | None:
    """A date written without a year lies on or before the article date (news reports the past)."""
    if candidate is None or explicit_year or candidate <= article:
        return candidate
    return _safe_date(candidate.year - 1, candidate.month, candidate.day)


# Words without which a sentence holds no date expression (checked on its tokens before any regex).
DATE_WORDS: Final = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"yesterday", "today", "week", "month", "year"}


def _may_hold_date(norms: tuple[str, ...]) -> bool:
    """Cheap test on the tokens: a date word, or a four-digit number (an ISO date starts with one)."""
    return not DATE_WORDS.isdisjoint(norms) or _four_digit_token(norms)  # all in C


def _four_digit_token(norms: tuple[str, ...]) -> bool:
    """Whether a token is a four-digit number (a year, or the year of an ISO date), in the form cheaper in the
    running build (`NATIVE_LOOPS`): compiled, a native loop (`str.isdigit` is native there, and only four-character
    tokens take it), where `map` and `filter` call `len` and `str.isdigit` through Python's protocol (about 6,300
    instructions a sentence of the news slice, against about 800); pure Python, `map` and `filter`, all in C."""
    if NATIVE_LOOPS:
        return any(len(norm) == 4 and norm.isdigit() for norm in norms)
    return 4 in map(len, filter(str.isdigit, norms))


def _ascii_digit_in(text: str) -> bool:
    """Whether an ASCII text holds a digit: its bytes with each digit made a NUL (`DIGITS_TO_NUL`) are not its
    bytes. Two C-level passes over the text (a copy and a table lookup per byte; `bytes.translate` gives back
    the bytes themselves where it changed none, which compare equal at once) cost less than the ten `in` tests
    for one digit each, and than deleting the digits, for which `bytes.translate` builds a 256-byte table on each
    call (callgrind, the 275 sentences of the news slice: about 2.4 K instructions a sentence against 3.9 K
    deleting; a 180-character sentence: the ten tests 6.9 K, `str.translate` 23 K, `_DIGIT.search` 16 K).
    `resolve_date` writes it out."""
    encoded = text.encode()
    return encoded.translate(DIGITS_TO_NUL) != encoded


def _day_month_start(text: str, month: int) -> int:
    """Where a match of `_DAY_MONTH` can start at the earliest, given the first month's name at `month`: its
    day ("12", "12th") is at most `_LONGEST_DAY` characters before the white space (and "of") ahead of that name.
    A match with a later month's name starts later still: between its day and its name stand only a suffix,
    white space and "of", where no month's name starts."""
    head = text[:month].rstrip()  # `str.rstrip` strips what `\s` matches
    if head.endswith("of"):
        head = head[:-2].rstrip()
    return max(0, len(head) - _LONGEST_DAY)


def _year_start(text: str, year: int) -> int:
    r"""Where a match of `_YEAR` can start at the earliest, given the first number its year can be at `year`
    (`_YEAR_NUMBER`): no earlier than a preposition, a cue word ("early", "mid-") and a month's name, each at its
    longest, before the white space ahead of what follows it (`str.rstrip` strips what `\s` matches). A match
    whose year comes later starts later still: between its preposition and its year stand no digits. The
    search `_YEAR` would make from the start tries every position (no first character to scan for): about
    42 K instructions a sentence of the news slice."""
    cursor = len(text[:year].rstrip()) - _LONGEST_MONTH
    cursor = len(text[: max(0, cursor)].rstrip()) - _LONGEST_YEAR_CUE
    return max(0, len(text[: max(0, cursor)].rstrip()) - _LONGEST_TIME_PREPOSITION)


def _first_weekday(text: str) -> int:
    """Where the first weekday's name in `text` starts (`_WEEKDAY_NAME.search`), or -1, in the form cheaper in the
    running build (`NATIVE_LOOPS`). Compiled, each "day" found (`str.find`, native) is tested for the stem of a
    name before it (callgrind, the news slice: about 1.7 K instructions a sentence), where the scan `re` makes
    for the names' first letters (any of "MTWFS") cost about 6.7 K a sentence holding "day". Pure Python, the
    search (one C call): the loop is interpreted there."""
    if NATIVE_LOOPS:
        day = text.find("day")
        while day >= 0:
            head = text[:day]
            for stem in WEEKDAY_STEMS:
                if head.endswith(stem):
                    return day - len(stem)
            day = text.find("day", day + 1)
        return -1
    if "day" not in text:  # every weekday's name ends in "day"
        return -1
    named = _WEEKDAY_NAME.search(text)
    return named.start() if named is not None else -1


def written_years_date_the_event(match: re.Match[str], article_date: dt.date) -> tuple[dt.date, str]:
    """Policy: a year written after a preposition of time ("in 2014", "in February 2022") dates the sentence's
    events to that year (precision year) or month (month), so background a news story recalls is not dated as
    the news (the article's own year or a later one dates nothing: `resolve_date` reads on)."""
    year = int(match.group(2))
    if match.group(1):
        return dt.date(year, MONTHS[match.group(1).lower().rstrip(".")], 1), "month"
    return dt.date(year, 1, 1), "year"


def resolve_date(text: str, article_date: dt.date, norms: tuple[str, ...] | None = None) -> tuple[dt.date, str]:
    """Return (event date, precision) for a sentence: the first date expression, else the article date.

    Precision is day, week, month or year for dates read from the text, and article otherwise. `norms`,
    the sentence's normalised tokens when the caller has them, lets most sentences skip the searches.
    """
    # Each search runs only when the text holds what every match of it contains, tested in C, and starts
    # where the first such match could (a search from `pos` still sees the text before it for `\b` and the
    # look-behinds).
    ascii_text = text.isascii()  # a flag of the string: no scan
    # `_ascii_digit_in(text)` written out here: a call is a frame in pure Python
    if ascii_text:
        encoded = text.encode()
        digits = encoded.translate(DIGITS_TO_NUL) != encoded
    else:
        digits = _DIGIT.search(text) is not None
    # `_may_hold_date(norms)`, the gate on the tokens, with its second test (a four-digit number) made only
    # where it can hold: a token of an ASCII text (`norms` are its tokens, normalised: ASCII too) is all
    # digits only if the text holds one. `four` is that test's result once made (None: not made).
    four: bool | None = None
    if norms is not None and DATE_WORDS.isdisjoint(norms):
        four = (digits or not ascii_text) and _four_digit_token(norms)
        if not four:
            return article_date, "article"
    hyphen = text.find("-") if digits else -1
    match = _ISO.search(text, max(0, hyphen - _ISO_YEAR)) if hyphen >= 0 else None
    if match:
        found = _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found:
            return found, "day"
    month_name = _MONTH_NAME.search(text) if digits else None
    # A match of `_MONTH_DAY` starts with a month's name, so at the first name or later.
    match = _MONTH_DAY.search(text, month_name.start()) if month_name is not None else None
    if match:
        year = int(match.group(3)) if match.group(3) else article_date.year
        found = _safe_date(year, MONTHS[match.group(1).lower().rstrip(".")], int(match.group(2)))
        found = _not_after(found, article_date, bool(match.group(3)))
        if found:
            return found, "day"
    match = _DAY_MONTH.search(text, _day_month_start(text, month_name.start())) if month_name is not None else None
    if match:
        year = int(match.group(3)) if match.group(3) else article_date.year
        found = _safe_date(year, MONTHS[match.group(2).lower().rstrip(".")], int(match.group(1)))
        found = _not_after(found, article_date, bool(match.group(3)))
        if found:
            return found, "day"
    if digits and norms is not None and four is None:
        four = _four_digit_token(norms)
    first_year = _YEAR_NUMBER.search(text) if digits and (norms is None or four) else None
    match = _YEAR.search(text, _year_start(text, first_year.start())) if first_year is not None else None
    if match and int(match.group(2)) < article_date.year:
        return written_years_date_the_event(match, article_date)
    named = _first_weekday(text)
    # A match of `_WEEKDAY` starts at most a cue word and white space before its weekday's name, and the first
    # name that can end one comes no earlier than the first name: the search starts there (`\b` still sees
    # the character before it).
    match = None
    if named >= 0:
        match = _WEEKDAY.search(text, max(0, len(text[:named].rstrip()) - _LONGEST_WEEKDAY_CUE))
    if match:
        weekday = WEEKDAYS[match.group(1).lower()]
        back = (article_date.weekday() - weekday) % 7
        return _shifted(article_date, -back), "day"
    lowered = text.lower()
    if ascii_text:  # the search starts at the first of its phrases in the text, if any
        # a loop, not `min([...], default=-1)`: compiled, `str.find` is a native call and `min` with a keyword
        # a generic one
        earliest = -1
        for phrase in RELATIVE_PHRASES:
            position = lowered.find(phrase)
            if position >= 0 and (earliest < 0 or position < earliest):
                earliest = position
        match = _RELATIVE.search(text, earliest) if earliest >= 0 else None
    else:
        match = _RELATIVE.search(text) if any(map(lowered.__contains__, RELATIVE_STEMS)) else None
    if match:
        phrase = match.group(1).lower()
        if phrase == "yesterday":
            return _shifted(article_date, -1), "day"
        if phrase == "today":
            return article_date, "day"
        if phrase == "last week":
            return _shifted(article_date, -7), "week"
        if phrase == "this week":
            return article_date, "week"
        if phrase == "last month":
            first = article_date.replace(day=1)
            return _shifted(first, -1).replace(day=1), "month"
        if phrase == "this month":
            return article_date.replace(day=1), "month"
        if phrase == "last year":
            return dt.date(max(article_date.year - 1, dt.MINYEAR), 1, 1), "year"
        return dt.date(article_date.year, 1, 1), "year"
    return article_date, "article"
