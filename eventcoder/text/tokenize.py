"""Tokens with character offsets, and the one normaliser shared by the codebook compiler and the matchers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate
from types import FunctionType
from typing import Final

# Abbreviations that end in a period but do not end a sentence (lower-cased, period included).
ABBREVIATIONS: Final = frozenset(
    (
        "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.", "capt.", "cpt.", "sgt.", "adm.",
        "cmdr.", "sen.", "rep.", "gov.", "pres.", "amb.", "rev.", "st.", "jr.", "sr.", "no.", "nos.", "vs.",
        "etc.", "inc.", "corp.", "ltd.", "co.", "dept.", "est.", "approx.", "fig.", "al.", "jan.", "feb.", "mar.",
        "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "mon.", "tue.", "tues.", "wed.",
        "thu.", "thurs.", "fri.", "sat.", "sun.", "u.s.", "u.n.", "u.k.", "e.u.", "u.s.a.", "a.m.", "p.m.",
        "d.c.", "i.e.", "e.g.",
    )
)

# Words that keep their period as one token when white space follows ("Mr.", "Jan."), as written (case counts).
ABBREVIATED_WORDS = (
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Sen", "Rep", "Gov", "Pres",
    "Amb", "Rev", "St", "Jr", "Sr", "No", "vs", "Inc", "Corp", "Ltd", "Co", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
)
_ABBREVIATED: Final = frozenset(ABBREVIATED_WORDS)


def _build_probe() -> None:
    """A function of this module whose type tells the build it runs in (`NATIVE_LOOPS`); never called."""


# Whether this module runs compiled by mypyc (`make fast`; a compiled function is no Python function object).
# Where the two builds differ in what is cheap (mypyc runs loops and some `str` tests as native code, but calls
# other `str` methods, such as `isalpha`, through Python's generic method call), each such place takes the form
# that is cheaper in the running build; the two give the same result (tests/test_tokenize_native_forms.py
# holds both to the plain computation in pure Python).
NATIVE_LOOPS: Final = not isinstance(_build_probe, FunctionType)

# The character classes of the token pattern. Python's `re` tests Unicode classes (`[^\W\d_]`: a letter) by a
# call per character into the Unicode database; on ASCII text (most news) the same pattern is compiled with the
# explicit ASCII ranges they stand for there, which `re` tests from a bitmap. `\s` on ASCII text also takes the
# separators \x1c-\x1f (`str.isspace` does), so its ASCII class names them.
UNICODE_CLASSES = {
    "letter": r"[^\W\d_]",
    "alnum": r"[^\W_]",
    "punct": r"[^\w\s'’]",
    "space": r"\s",
    "nonspace": r"\S",
    "digit": r"\d",
}
ASCII_CLASSES = {
    "letter": r"[A-Za-z]",
    "alnum": r"[A-Za-z0-9]",
    "punct": r"[^A-Za-z0-9_\t-\r\x1c-\x20']",
    "space": r"[\t-\r\x1c-\x20]",
    "nonspace": r"[^\t-\r\x1c-\x20]",
    "digit": r"[0-9]",
}


def _token_pattern(classes: dict[str, str]) -> str:
    """The token pattern written with one set of character classes (`UNICODE_CLASSES` or `ASCII_CLASSES`).

    The tokens are an ordered alternation: the first alternative that matches at a position wins. Every
    alternative matches in bounded or single-pass time, so tokenising is linear in the length of the text.
    The first three alternatives are fast paths that never change the result: a run of letters and digits
    followed by no apostrophe and no period is what the second one matches there (a word can only go on
    through an apostrophe), without the repeat and atomic group `re` sets up for it; a whole word not
    followed by a period can match none of the abbreviation alternatives (each needs a period right after a
    letter run); and a character that is no letter, digit, space or apostrophe can match only the last one."""
    letter, alnum, space = classes["letter"], classes["alnum"], classes["space"]
    # A word: a letter, then letters and digits, with inner apostrophes (don't, O'Neill) but not a possessive 's.
    word = rf"{letter}{alnum}*(?:['’](?![sS](?!{letter}))(?={letter}){alnum}*)*"
    return rf"""
      {letter}{alnum}*+(?![.'’])                  # a plain word: no apostrophe, no period after it (most tokens)
    | (?>{word})(?!\.)                          # any other word not followed by a period
    | {classes["punct"]}                        # punctuation
    | (?:[A-Za-z]\.){{2,8}}(?![A-Za-z])           # U.S., U.N., a.m. (bounded: a long chain is not rescanned)
    | (?:{"|".join(ABBREVIATED_WORDS)})\.(?={space})    # Mr. Smith, Jan. 5
    | [A-Z]\.(?={space}+[A-Z])                   # an initial: J. Smith
    | {classes["digit"]}+(?:[.,:]{classes["digit"]}+)*(?:st|nd|rd|th|s)?     # 100,000  3.5  16th  1990s  10:30
    | ['’][sS](?![A-Za-z])                       # possessive 's
    | {word}                                     # a word before a period
    | {classes["nonspace"]}                      # any other single character
    """


TOKEN_RE: Final = re.compile(_token_pattern(UNICODE_CLASSES), re.VERBOSE)
# The same tokens with the white space before each as a group of its own, for `re.split`: the pieces come
# back as ["", space, token, "", space, token, ..., rest], and their running lengths are the offsets, so
# no match object is built per token. One for any text, one for ASCII text.
_SPACE_AND_TOKEN_RE: Final = re.compile(rf"({UNICODE_CLASSES['space']}*+)(" + TOKEN_RE.pattern + ")", re.VERBOSE)
_ASCII_SPACE_AND_TOKEN_RE: Final = re.compile(
    rf"({ASCII_CLASSES['space']}*+)(" + _token_pattern(ASCII_CLASSES) + ")", re.VERBOSE
)
_ASCII_TOKEN_RE: Final = re.compile(_token_pattern(ASCII_CLASSES), re.VERBOSE)

_PUNCT_MAP: Final = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
    }
)


@lru_cache(maxsize=200_000)
def normalize(word: str) -> str:
    """Return the matching key of a word: lower case, accents removed, curly quotes and dashes made plain."""
    folded = word.translate(_PUNCT_MAP).lower()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split text into (token, start, end) triples; hyphens and punctuation are tokens of their own."""
    return [(match.group(), match.start(), match.end()) for match in TOKEN_RE.finditer(text)]


def token_columns(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    """Tokenise text into parallel tuples (words, matching keys, start offsets), the same tokens as `tokenize`;
    the hot path's form of it. A token ends at its start plus the length of its word: no tuple of end offsets
    is built (compiled, one boxed integer, one list append and its share of a tuple copy and of the release a
    token, about 70 instructions, for offsets read for a few tokens a sentence)."""
    # ASCII whose only white space is " " (most text) is split at spaces. What rules that out is white space of
    # the ASCII pattern's `space` class other than " " (what `str.isspace` takes: \t-\r, \x1c-\x1f), and only a chunk
    # that `_spaced_ascii_columns` matches token by token can hold one (its other chunks are letters, digits and
    # marks): there the pattern matches nothing, and it gives up (None). Nine `in` tests of the text (each a
    # `memchr`) ruled such text out before: about 1.1 K instructions a sentence compiled, for text that is rare
    # in sentences. ASCII's other control characters (\x00, \x7f) are no white space: a chunk holding one is
    # matched token by token by the pattern, as the whole text is.
    ascii = text.isascii()
    if ascii:
        columns = _spaced_ascii_columns(text)
        if columns is not None:
            return columns
    pieces = (_ASCII_SPACE_AND_TOKEN_RE if ascii else _SPACE_AND_TOKEN_RE).split(text)
    words = tuple(pieces[2::3])
    bounds = tuple(accumulate(map(len, pieces)))
    # For ASCII, `normalize` is `str.lower` (its other steps only touch non-ASCII characters).
    norms = tuple(map(str.lower, words)) if ascii else tuple(map(normalize, words))
    return words, norms, bounds[1::3]


def _spaced_ascii_columns(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]] | None:
    """`token_columns` of ASCII text whose only white space is the space, None for other ASCII: the text is split at
    spaces, and no token spans one. A chunk of letters alone is one token (followed by a space or the end,
    it is what the plain-word alternative matches, and the first alternative that matches wins), and so, in
    the compiled build's form, is any chunk of letters and digits that starts with a letter (the same match);
    so is a chunk of digits alone (the number alternative); such a word and a comma is the plain word, then
    the comma as punctuation, and one of two characters or more and a period the word, then the period,
    unless it is one of `ABBREVIATED_WORDS` (which keeps its period when white space follows). Compiled, a
    chunk of words and numbers between marks is split by `_marked_chunk_tokens`. Any other chunk is matched
    token by token by the ASCII pattern from its start, in the whole text, so that its look-aheads see past
    the chunk ("J. Smith"). A plain loop: Python 3.11 specialises its `append` and
    `len` calls, which makes it cheaper than `map` chains over the chunks (measured). A word and its
    mark are appended one by one, not added as a pair (`words += (word, mark)`): the pair is a tuple made
    and freed, and `+=` on a list is a generic in-place add in both builds (tokenising news: -2.4 % pure)."""
    words: list[str] = []
    starts: list[int] = []
    position = 0
    native = NATIVE_LOOPS  # a local: pure Python, a test per chunk at the cost of one LOAD_FAST
    for chunk in text.split(" "):
        end = position + len(chunk)
        # compiled, `isalnum`, `isdigit` and `ord` of an indexed character are native where `isalpha` is a generic
        # method call (about 135 instructions more each), so an ASCII chunk is taken whole when it is letters and
        # digits and starts with a letter (what the plain-word alternative matches whole as well) or is digits;
        # pure Python, those three tests cost more than `isalpha` (+0.35 % measured), so it takes letters alone
        if (
            (chunk.isalnum() and (ord(chunk[0]) > ord("9") or chunk.isdigit()))
            if native
            else (chunk.isalpha() or chunk.isdigit())
        ):
            words.append(chunk)
            starts.append(position)
        elif chunk:
            word, mark = chunk[:-1], chunk[-1]  # sliced once: each slice makes a string
            if (mark == "," or (mark == "." and len(chunk) > 2 and word not in _ABBREVIATED)) and (
                (word.isalnum() and ord(word[0]) > ord("9")) if native else word.isalpha()
            ):
                words.append(word)
                words.append(mark)
                starts.append(position)
                starts.append(end - 1)
                position = end + 1
                continue
            cursor = position
            # compiled, most of the other chunks are split by `_marked_chunk_tokens` (-0.5 % of a coding pass, news),
            # where each token the pattern matched cost three generic method calls; pure Python, where that
            # function runs as bytecode, the pattern is the cheaper (about 5.6 K instructions a chunk fewer)
            marked = _marked_chunk_tokens(chunk) if native else None
            if marked is not None:
                for token in marked:
                    words.append(token)
                    starts.append(cursor)
                    cursor += len(token)
                position = end + 1
                continue
            while cursor < end:
                found = _ASCII_TOKEN_RE.match(text, cursor)
                if found is None:  # the last alternative takes any character but white space: here one not " "
                    return None
                words.append(found.group())
                starts.append(cursor)
                cursor = found.end()
        position = end + 1
    # For ASCII, `normalize` is `str.lower`. Compiled, `lower` is native (a new string and a loop over its
    # bytes), so each word is lowered in a loop that fills the tuple in place, where joining, lowering and
    # splitting the words made each key from a second long string (one coding pass compiled, news -2.2 %, short
    # -1.6 %); a one-character word that is no capital is its own key (`lower` would make a new string where the
    # word is Python's cached character). Pure Python, where `lower` is a method call per word, one `lower` of the
    # words joined by a line break (no token holds one) serves them all.
    if native:
        norms = tuple(word.lower() if len(word) > 1 or ord("A") <= ord(word) <= ord("Z") else word for word in words)
    else:
        norms = tuple("\n".join(words).lower().split("\n")) if words else ()
    return tuple(words), norms, tuple(starts)


# The marks a chunk of `_marked_chunk_tokens` may open with, and close with.
OPENING_MARKS: Final = '"('
CLOSING_MARKS: Final = '".,:;)'
NUMBER_ENDINGS: Final = frozenset({"st", "nd", "rd", "th", "s"})  # ordinals, decades


def _marked_chunk_tokens(chunk: str) -> list[str] | None:
    """The tokens of an ASCII chunk (text between spaces) made of opening marks (`OPENING_MARKS`), words joined
    by hyphens, and closing marks (`CLOSING_MARKS`); None for any other chunk. Such chunks (a quotation's first or
    last word, a decimal number, a decade, a year and its comma, a hyphenated name: 95 % of the chunks the quick
    tests of `_spaced_ascii_columns` leave, 281 of 13.6 K on the news slice) are where the token pattern was run,
    match by match. Each mark is a token of its own (punctuation), and no alternative of the pattern looks
    behind, so the words after a mark are tokenised as if the chunk began there. A word of letters and digits
    that starts with a letter is one token (the plain-word alternative) when no period follows it; so is a
    number, digits in groups joined by one of ".,:" with an optional "st", "nd", "rd", "th" or "s" (the number
    alternative; no digit follows the mark after it). The last word may be followed by a period when it is a
    number, or a word of two characters or more that is not one of `ABBREVIATED_WORDS` (as in
    `_spaced_ascii_columns`'s word-and-period test): initials and abbreviations are left to the pattern."""
    body = chunk.lstrip(OPENING_MARKS)
    core = body.rstrip(CLOSING_MARKS)
    # the marks are taken one character at a time by native loops (this runs compiled only): `list` of a string
    # and `extend` by one go through the C API's generic iterator (about 480 and 1,270 instructions a chunk; with
    # `_is_number`'s loop, this function on the compiled news slice 1.14 -> 0.57 M instructions)
    tokens = [mark for mark in chunk[: len(chunk) - len(body)]]
    if core:
        parts = core.split("-")
        last = len(parts) - 1
        period_after = body[len(core) : len(core) + 1] == "."
        for index, part in enumerate(parts):
            if part.isalnum() and ord(part[0]) > ord("9"):
                if index == last and period_after and (len(part) < 2 or part in _ABBREVIATED):
                    return None
            elif not _is_number(part):
                return None
            if index:
                tokens.append("-")
            tokens.append(part)
    for mark in body[len(core) :]:
        tokens.append(mark)
    return tokens


def _is_number(part: str) -> bool:
    """Whether the number alternative of the token pattern matches all of `part` (ASCII): digits in groups joined
    by one of ".,:", then optionally one of `NUMBER_ENDINGS`. One native loop over the characters (this runs
    compiled only), where the two suffix tests, two `replace`, a `split` and a generator over the groups cost
    about 1.9 K instructions a part (now about 0.6 K)."""
    after_digit = False  # whether the last character was a digit (a group may end there)
    for index, char in enumerate(part):
        if char.isdigit():
            after_digit = True
        elif not after_digit:
            return False  # a group that starts with no digit
        elif char == "." or char == "," or char == ":":
            after_digit = False
        else:
            return part[index:] in NUMBER_ENDINGS
    return after_digit


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Return the normalised token sequence of a codebook phrase, as the matchers will see it in text."""
    return tuple(normalize(token) for token, _, _ in tokenize(phrase))


def is_upper_form(phrase: str) -> bool:
    """True for short all-capital forms (US, U.S., UN, ELN) that must match case-sensitively."""
    letters = [char for char in phrase if char.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(char.isupper() for char in letters)
