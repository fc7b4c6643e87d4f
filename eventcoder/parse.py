"""The shallow parse of one sentence: tokens with offsets, a lexicon-driven part-of-speech guess, quoted
spans, and clause marks (relative clauses, attributions) that the slot rules respect."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Final, NamedTuple

from eventcoder.text.tokenize import NATIVE_LOOPS, token_columns

DETERMINERS: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "any",
        "no",
        "every",
        "each",
        "some",
        "several",
        "many",
        "few",
        "both",
        "either",
        "neither",
        "another",
        "other",
        "such",
    ]
)
POSSESSIVE_PRONOUNS: Final = frozenset(["its", "his", "her", "their", "our", "my", "your"])
PREPOSITIONS: Final = frozenset(
    [
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "amid",
        "among",
        "around",
        "as",
        "at",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "by",
        "concerning",
        "despite",
        "during",
        "except",
        "for",
        "from",
        "in",
        "inside",
        "into",
        "near",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "outside",
        "over",
        "past",
        "regarding",
        "since",
        "through",
        "throughout",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "upon",
        "via",
        "with",
        "within",
        "without",
    ]
)
LOCATIVE_PREPOSITIONS: Final = frozenset(
    [
        "in",
        "near",
        "over",
        "across",
        "into",
        "at",
        "throughout",
        "inside",
        "within",
        "around",
        "off",
        "outside",
        "toward",
        "towards",
    ]
)
MODALS: Final = frozenset(["can", "could", "may", "might", "must", "shall", "should", "will", "would"])
AUXILIARIES: Final = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "'s",
        "'re",
        "'ve",
        "'d",
    ]
)
BE_FORMS: Final = frozenset(["is", "are", "was", "were", "be", "been", "being", "am"])
SUBJECT_PRONOUNS: Final = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which"])
RELATIVE_PRONOUNS: Final = frozenset(["which", "who", "whom", "whose", "that"])
NEGATIONS: Final = frozenset(["not", "n't", "never", "no"])
QUOTES_OPEN: Final = frozenset({'"', "“", "‘", "«"})
QUOTES_CLOSE: Final = frozenset({'"', "”", "’", "»"})
CLAUSE_BREAKS: Final = frozenset({";", ":"})
NUMBER_WORDS: Final = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands"]
)


class Token(NamedTuple):
    """One token: its text, matching key, character offsets in the sentence, and shape flags.

    A named tuple rather than a frozen dataclass: tens of thousands are made per second."""

    text: str
    norm: str
    start: int
    end: int
    capitalized: bool
    quoted: bool


PARSE_FIELDS: Final = (
    "text",
    "words",
    "norms",
    "starts",
    "quoted",
    "relative",
    "attribution_start",
    "attribution_end",
)
# `Parse`'s fields in order, as `Parse._fields` gives them (what the named tuple it was held)
ParseFields = tuple[str, tuple[str, ...], tuple[str, ...], tuple[int, ...], tuple[bool, ...], tuple[int, ...], int, int]


class Parse:
    """A tokenised sentence with the clause marks the matchers use.

    A slotted class with its own `__init__`, not a named tuple (like `text.segment.Sentence`): the matchers read
    its fields some seventy times a sentence, and pure Python 3.11 specialises the read of a slot
    (`LOAD_ATTR_SLOT`) but not that of a named tuple's field (a `_tuplegetter` descriptor: the generic attribute
    lookup each time). Compiled, the class is native: its constructor is a direct call (the named tuple was built
    by `tuple.__new__` through a generic call with an argument tuple), and `attributed` and `attribution_limit`
    are native methods, called without a lookup and a bound object. The fields are `Final` (mypy refuses an
    assignment after `__init__`; the compiled build's attributes are read-only). A parse still compares, hashes,
    prints and pickles by its fields, as the named tuple did.

    A token's end offset is `starts[i] + len(words[i])`: no field holds the ends (see `token_columns`)."""

    __slots__ = PARSE_FIELDS

    def __init__(
        self,
        text: str,
        words: tuple[str, ...],
        norms: tuple[str, ...],
        starts: tuple[int, ...],
        quoted: tuple[bool, ...],
        relative: tuple[int, ...],
        attribution_start: int,
        attribution_end: int,
    ) -> None:
        self.text: Final = text
        self.words: Final = words  # token texts as written
        self.norms: Final = norms  # matching keys (see text.tokenize.normalize)
        self.starts: Final = starts  # character offset of each token in the sentence
        self.quoted: Final = quoted  # inside quotation marks
        self.relative: Final = relative  # for each token: index of the relative pronoun opening its clause, or -1
        # index where an attribution (", X said" / "according to X") begins, and one past its last token: the
        # sentence end for a tail, the comma after "according to X,"
        self.attribution_start: Final = attribution_start
        self.attribution_end: Final = attribution_end

    def _fields(self) -> ParseFields:
        return (
            self.text,
            self.words,
            self.norms,
            self.starts,
            self.quoted,
            self.relative,
            self.attribution_start,
            self.attribution_end,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Parse):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        fields = zip(PARSE_FIELDS, self._fields(), strict=True)
        return "Parse(" + ", ".join(f"{name}={value!r}" for name, value in fields) + ")"

    def __reduce__(self) -> tuple[type[Parse], ParseFields]:
        return (Parse, self._fields())

    def attributed(self, index: int) -> bool:
        """Whether token `index` lies inside the attribution."""
        return self.attribution_start <= index < self.attribution_end

    def attribution_limit(self, index: int) -> int:
        """Where a scan to the right starting at `index` must stop so as not to enter the attribution."""
        return self.attribution_start if self.attribution_start >= index else len(self.norms)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The tokens as records (built on demand: the matchers read the parallel tuples)."""
        return tuple(
            Token(word, norm, start, start + len(word), word[:1].isupper(), quoted)
            for word, norm, start, quoted in zip(self.words, self.norms, self.starts, self.quoted, strict=True)
        )


# `tuple.__new__`, read once: the per-sentence records (`actors.Mention`, the slots' fills and event
# matches) are built by it, with every field in order (a named tuple's own `__new__` is a Python frame). Read
# from the module, it costs no attribute lookup on `tuple` per record: pure Python 3.11 does not specialise an
# attribute read on a class, and the compiled build looked the method up on every call
# (`PyObject_VectorcallMethod`).
NEW_TUPLE: Final = tuple.__new__
QUOTE_MARKS: Final = frozenset({'"', "“", "”", "«", "»"})
ASCII_QUOTE_MARKS: Final = frozenset({'"'})  # the one of them ASCII text can hold
# The matching keys that `_quoted_flags`, `_relative_clauses` and the "according to" attribution look for:
# the quotation marks as `normalize` writes them, the relative pronouns, "according". A sentence of text that is
# not ASCII without any skips those three scans after one C-level test (`parse_sentence`).
RARE_MARKS: Final = frozenset({'"', "«", "»", "which", "who", "whose", "according"})

# The marks of a sentence without a quotation or a relative clause (most sentences): one shared tuple of each
# length below `SHARED_LENGTHS`, where each parse made its two (`tuple * count`) and freed them with it. Two
# tuples fewer a sentence are also two allocations fewer that the garbage collector counts towards a collection
# (news, 200 articles: 32 -> 21 young collections a pass); one coding pass, news / short: compiled -1.4 / -1.4 %,
# pure -0.4 / -0.3 %.
SHARED_LENGTHS: Final = 128
NOT_QUOTED: Final = tuple((False,) * count for count in range(SHARED_LENGTHS))
NO_CLAUSES: Final = tuple((-1,) * count for count in range(SHARED_LENGTHS))


def _positions(items: tuple[str, ...], wanted: frozenset[str]) -> list[int]:
    """The indexes of the items that are in `wanted`, in order (see `positions_of`)."""
    return positions_of(items, wanted.intersection(items))


def positions_of(items: tuple[str, ...], present: AbstractSet[str]) -> list[int]:
    """The indexes of the items equal to one of `present`, in order. Each is found by `tuple.count` and
    `tuple.index`, each a C-level scan, not by testing every item in a Python loop: the callers look for
    rare words (quotation marks, relative pronouns, personal pronouns), and know which of them occur."""
    positions: list[int] = []
    for item in present:
        index = -1
        for _ in range(items.count(item)):
            index = items.index(item, index + 1)
            positions.append(index)
    if len(present) > 1:
        positions.sort()
    return positions


def _quoted_flags(words: tuple[str, ...], ascii: bool = False) -> tuple[bool, ...]:
    """Mark tokens inside quotation marks (straight quotes toggle; curly quotes open and close). `ascii` says the
    words are those of ASCII text that holds a '"' (each '"' of ASCII text is a token of its own)."""
    if ascii:
        # The marks are the words equal to '"': compiled, a native loop finds them (some 600 instructions a
        # sentence, where hashing every word for `_positions`'s set intersection and its generic `count` and
        # `index` calls cost about 9 K); pure Python, where the loop runs as bytecode, `positions_of` finds them
        # by C-level scans, without the intersection.
        if NATIVE_LOOPS:
            marks = [index for index, word in enumerate(words) if word == '"']
        else:
            marks = positions_of(words, ASCII_QUOTE_MARKS)
    elif QUOTE_MARKS.isdisjoint(words):
        return (False,) * len(words)
    else:
        marks = _positions(words, QUOTE_MARKS)
    flags = [False] * len(words)
    inside = False
    after = 0  # the token after the last quotation mark
    for index in marks:
        if inside and not scare_quotes_are_no_speech(words, after, index):
            flags[after:index] = [True] * (index - after)
        word = words[index]
        inside = word in ("“", "«") or (word == '"' and not inside)
        after = index + 1
    if inside:
        flags[after:] = [True] * (len(words) - after)
    return tuple(flags)


SCARE_QUOTE_WORDS: Final = 3  # the most words a quoted noun phrase of the writer's own sentence has


def scare_quotes_are_no_speech(words: tuple[str, ...], start: int, end: int) -> bool:
    """Policy: a quotation of at most three words, none of them punctuation, that is a noun phrase of the writer's
    own sentence (its first word, or the word before the opening mark, a determiner, a possessive or "'s") is a
    phrase the writer quotes, not speech: 'called it a "massive strike"', 'carried out a "limited operation"',
    'the "special operation"'; its words are matched like the rest. 'said "we threaten X"' stays speech."""
    if not 0 < end - start <= SCARE_QUOTE_WORDS or start < 2:
        return False
    if not all(word.replace("-", "").isalnum() for word in words[start:end]):
        return False
    before, first = words[start - 2].lower(), words[start].lower()
    return before in DETERMINERS or before == "'s" or first in DETERMINERS


RELATIVE_OPENERS: Final = frozenset({"which", "who", "whose"})  # the pronouns that open a marked clause
CLAUSE_ENDS: Final = frozenset({",", ";", "."})  # what closes it


def _relative_clauses(norms: tuple[str, ...]) -> tuple[int, ...]:
    """Mark ', which ... ,', ', who ... ,' and ', whose ... ,' spans so main-clause slot rules skip them.

    Only the pronouns' positions are visited (`_positions`) and only the clause after each is walked, where a
    loop over every word tested each against the three pronouns."""
    if "which" not in norms and "who" not in norms and "whose" not in norms:
        return (-1,) * len(norms)
    count = len(norms)
    marks = [-1] * count
    resume = 1  # the first position that may open a clause: after a comma, so never the first word
    for index in _positions(norms, RELATIVE_OPENERS):
        if index < resume or norms[index - 1] != ",":
            continue  # no comma before it, or inside the clause marked last
        end = index + 1
        while end < count and norms[end] not in CLAUSE_ENDS:
            end += 1
        marks[index:end] = [index] * (end - index)
        resume = end + 1  # past the mark that closes the clause
    return tuple(marks)


def _attribution_span(
    norms: tuple[str, ...], verbs: frozenset[str], starts: tuple[int, ...], last_comma: int
) -> tuple[int, int]:
    """Find the attribution: 'according to X' (up to the next comma when the sentence goes on) or a trailing
    ', X said (Tuesday).' at the end of the sentence; (len, len) when there is none. `starts` and `last_comma`
    are those of `_trailing_attribution`."""
    count = len(norms)
    first = norms.index("according") if "according" in norms else count  # one C-level scan for the rare case
    for index in range(first, count - 1):
        if norms[index] == "according" and norms[index + 1] == "to":
            end = index + 2
            while end < count and norms[end] not in (",", ";", ".", "that"):
                end += 1
            if end < count and norms[end] == "," and any(word.isalpha() for word in norms[end + 1 :]):
                return index, end + 1  # "According to Israeli officials, Iran ..." / "Iran, according to X, ..."
            return index, count
    return _trailing_attribution(norms, verbs, starts, last_comma)


def _trailing_attribution(
    norms: tuple[str, ...], verbs: frozenset[str], starts: tuple[int, ...], last_comma: int
) -> tuple[int, int]:
    """The attribution ', X said (Tuesday).' at the end of the sentence, or (len, len). No comma token starts
    after the offset `last_comma` of the sentence (`starts` are the tokens' offsets); the sentence's length when
    that is not known."""
    count = len(norms)
    last = count
    while last > 0 and norms[last - 1] in (".", "!", '"', "”", "?"):
        last -= 1
    lowest = last - 9 if last > 9 else 0
    # most sentences end without a comma: the offset of the text's last comma rules most of them out (compiled,
    # the scan of the keys for one cost about 470 instructions a sentence), a C-level scan the others
    if lowest + 1 >= last or starts[lowest + 1] > last_comma or "," not in norms[lowest + 1 : last]:
        return count, count
    for index in range(last - 1, lowest, -1):
        if norms[index] != ",":
            continue
        # whether a verb follows the comma, in the form cheaper in the running build: compiled, a native loop over
        # the words after it (`isdisjoint` is a generic method call there, about 1.5 K instructions with its slice,
        # for at most eight words); pure Python, one C-level pass over the slice. A loop, not `any` over a generator:
        # pure Python would hold `norms` and `verbs` in cells for the generator at every call (+0.12 % a short pass)
        if NATIVE_LOOPS:
            for after in range(index + 1, last):
                if norms[after] in verbs:
                    return index, count
        elif not verbs.isdisjoint(norms[index + 1 : last]):
            return index, count
    return count, count


def parse_sentence(text: str, attribution_verbs: frozenset[str] = frozenset()) -> Parse:
    """Tokenise a sentence and mark its quotations, relative clauses and attribution. `attribution_verbs` is
    the codebook's class of verbs that close a sentence as its attribution (`Codebook.words`); without it
    only "according to X" is found."""
    words, norms, starts = token_columns(text)
    ascii = text.isascii()
    if ascii:
        # In ASCII text '"' is the only quotation mark, and each key is its word in lower case, a part of the text:
        # a mark or word the text (in lower case) does not hold is no key. Pure Python, one `lower` of the text, a
        # `memchr` and three substring searches rule out the rare marks (most sentences) and say which of the three
        # scans may find something, where `RARE_MARKS.isdisjoint` hashed and looked up every key (one coding pass,
        # news / short: compiled -0.9 / -0.2 %, pure -0.3 / 0.0 %).
        quotes = '"' in text
        if NATIVE_LOOPS:
            # compiled, a native loop over the keys tests each one's length and compares the few of the rare words'
            # lengths (about 25 instructions a key), where the `lower` of the text and its three substring
            # searches cost about 1.2 K instructions a sentence; it finds the words exactly. A key is compared only
            # with the rare words of its length: a three-letter key ("the", "and") with "who" alone, not also with
            # "which" and "whose" (each comparison a call, about 36 instructions)
            relatives = according = False
            for key in norms:
                size = len(key)
                if size == 3:
                    relatives = relatives or key == "who"
                elif size == 5:
                    relatives = relatives or key == "which" or key == "whose"
                elif size == 9 and key == "according":
                    according = True
        else:
            lowered = text.lower()
            relatives = "which" in lowered or "who" in lowered  # "whose" holds "who"
            according = "according" in lowered
        # each "," of ASCII text that is no part of a number is a token of its own; not so of other text, where
        # a key "," may be another character's ("，", "﹐")
        last_comma = text.rfind(",")
    else:
        quotes = relatives = according = not RARE_MARKS.isdisjoint(norms)
        last_comma = len(text)
    count = len(norms)
    shared = count < SHARED_LENGTHS
    attribution_start, attribution_end = (
        _attribution_span(norms, attribution_verbs, starts, last_comma)
        if according
        else _trailing_attribution(norms, attribution_verbs, starts, last_comma)
    )
    return Parse(
        text,
        words,
        norms,
        starts,
        _quoted_flags(words, ascii) if quotes else NOT_QUOTED[count] if shared else (False,) * count,
        _relative_clauses(norms) if relatives else NO_CLAUSES[count] if shared else (-1,) * count,
        attribution_start,
        attribution_end,
    )
