"""Tokens with character offsets, and the one normaliser shared by the codebook compiler and the matchers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate

# Abbreviations that end in a period but do not end a sentence (lower-cased, period included).
ABBREVIATIONS = frozenset(
    (
        "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.", "capt.", "cpt.", "sgt.", "adm.",
        "cmdr.", "sen.", "rep.", "gov.", "pres.", "amb.", "rev.", "st.", "jr.", "sr.", "no.", "nos.", "vs.",
        "etc.", "inc.", "corp.", "ltd.", "co.", "dept.", "est.", "approx.", "fig.", "al.", "jan.", "feb.", "mar.",
        "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "mon.", "tue.", "tues.", "wed.",
        "thu.", "thurs.", "fri.", "sat.", "sun.", "u.s.", "u.n.", "u.k.", "e.u.", "u.s.a.", "a.m.", "p.m.",
        "d.c.", "i.e.", "e.g.",
    )
)

# A word: a letter, then letters and digits, with inner apostrophes (don't, O'Neill) but not a possessive 's.
_WORD = r"[^\W\d_][^\W_]*(?:['’](?![sS](?![^\W\d_]))(?=[^\W\d_])[^\W_]*)*"

# The tokens, as an ordered alternation: the first alternative that matches at a position wins. Every
# alternative matches in bounded or single-pass time, so tokenising is linear in the length of the text.
# The first two alternatives are fast paths that never change the result: a whole word not followed by a
# period can match none of the abbreviation alternatives (each needs a period right after a letter run),
# and a character that is no letter, digit, space or apostrophe can match only the last one.
TOKEN_RE = re.compile(
    r"""
      (?>""" + _WORD + r""")(?!\.)                # a word not followed by a period (most tokens)
    | [^\w\s'’]                                 # punctuation
    | (?:[A-Za-z]\.){2,8}(?![A-Za-z])           # U.S., U.N., a.m. (bounded: a long chain is not rescanned)
    | (?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Pres|Amb|Rev|St|Jr|Sr|No|vs|Inc|Corp|Ltd|Co
        |Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.(?=\s)
    | [A-Z]\.(?=\s+[A-Z])                        # an initial: J. Smith
    | \d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?        # 100,000  3.5  16th  1990s  10:30
    | ['’][sS](?![A-Za-z])                       # possessive 's
    | """ + _WORD + r"""                          # a word before a period
    | \S                                         # any other single character
    """,
    re.VERBOSE,
)
# The same tokens with the white space before each as a group of its own, for `re.split`: the pieces come
# back as ["", space, token, "", space, token, ..., rest], and their running lengths are the offsets, so
# no match object is built per token.
_SPACE_AND_TOKEN_RE = re.compile(r"(\s*+)(" + TOKEN_RE.pattern + ")", re.VERBOSE)

_PUNCT_MAP = str.maketrans(
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


def token_columns(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """Tokenise text into parallel tuples (words, matching keys, start offsets, end offsets), the same tokens
    as `tokenize`; the hot path's form of it."""
    pieces = _SPACE_AND_TOKEN_RE.split(text)
    words = tuple(pieces[2::3])
    bounds = tuple(accumulate(map(len, pieces)))
    # For ASCII, `normalize` is `str.lower` (its other steps only touch non-ASCII characters).
    norms = tuple(map(str.lower, words)) if text.isascii() else tuple(map(normalize, words))
    return words, norms, bounds[1::3], bounds[2::3]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Return the normalised token sequence of a codebook phrase, as the matchers will see it in text."""
    return tuple(normalize(token) for token, _, _ in tokenize(phrase))


def is_upper_form(phrase: str) -> bool:
    """True for short all-capital forms (US, U.S., UN, ELN) that must match case-sensitively."""
    letters = [char for char in phrase if char.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(char.isupper() for char in letters)
