"""Tests of the PETRARCH/TABARI dictionary importer, on small fictional dictionaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.codebook.compile import Codebook
from eventcoder.codebook.compile import load_codebook as load_codebook_layers
from eventcoder.codebook.petrarch import (
    ImportResult,
    assign_unique_ids,
    blank_xml_comments,
    detect_kind,
    display_name,
    expand_substitutions,
    looks_like_full_word,
    parse_actor_dictionary,
    parse_agent_dictionary,
    parse_date,
    parse_dictionary,
    parse_restriction,
    plural_of,
    read_dictionaries,
    resolve_overlaps,
    slugify,
    strip_comment,
    write_codebook,
)
from eventcoder.codebook.petrarch_layer import LayerCheck, import_petrarch
from eventcoder.codebook.spec import KIND_MODELS, ActorSpec, AgentSpec, FileHeaderSpec
from eventcoder.coder import code_text

ACTORS = """\
# Fictional actors in the style of PETRARCH's validation suite
FREEDONIA_  [FRD]
+FREEDONIAN_
+REPUBLIC_OF_FREEDONIA_   # long form

RUFUS_T_FIREFLY_
+PRESIDENT_FIREFLY_
\t[FRDGOV 330101-351231]
\t[FRDELI]
TRENTINO_  # ambassador, then president
\t[SYLGOV <330215] [SYLGOV >19350101]
\t[ SYLELI ]
SYLVANIA_ [SYL]
FREEDONIAN_ARMY_  [FRDMIL]
; old-style comment line
LEAGUE_OF_DUCHIES_ [IGOLOD]
LEAGUE_OF_DUCHIES_ [IGOLODSYL]
GRAND_DUCHY_RELIEF_FUND_ [NGOHLH]
MRS_TEASDALE_ \t[FRDELI >330601]  [ SYLGOV  >  340101 ]
FREEDONIAN_TREASURY_ [FRDGOV]
+TREASURY_MINISTR
UN_ [IGOUNO]
CHICOLINI
+SPY_CHICOLINI_
\t[SYLSPY 330101-331231] [SYLSPY 3301-331231]
PINKY_
NO_CODE_HERE_
+ANOTHER_NAME_
\t[---]
+ORPHAN_SYNONYM_ [FRD]
MARX BROTHERS_ [FRDCVL]
BAD_BRACKET_ [FRDGOV
"""

AGENTS = """\
# Fictional agents file
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON

FARMER [~AGR]
SPY [~SPY]
BOSS [~BUS]
ATTORNEY [~JUD]
CHURCH [~REL]
CATTLE!PERSON! [~AGR]
HUSBAND!PERSON![~AGR]
POLICE_CHIEF {POLICE_CHIEVES} [~COP]
HEADQUARTERS_ {} [~MIL]
ARMY_OFFICER_ [~MIL]
DUCAL_STUDENT [~EDUREL]
RELIEF_WORKER [NGO~]
MINISTR [~GOV]
MINISTER OF WAR [~GOV]
SALES!CLERK! [~BUS]
GENERAL [~]
TROOPER [MIL]
JUST_A_PHRASE
"""


@pytest.fixture()
def actors() -> ImportResult:
    return parse_actor_dictionary(ACTORS, "fictional.actors.txt")


@pytest.fixture()
def agents() -> ImportResult:
    return parse_agent_dictionary(AGENTS, "fictional.agents.txt")


def by_id(result: ImportResult) -> dict[str, dict[str, object]]:
    return {str(entry["id"]): entry for entry in result.entries}


def skipped_lines(result: ImportResult) -> dict[int, str]:
    return {item.line: item.reason for item in result.skipped}


# --- helpers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("330215", dt.date(1933, 2, 15)),
        ("291231", dt.date(2029, 12, 31)),
        ("300101", dt.date(1930, 1, 1)),
        ("000229", dt.date(2000, 2, 29)),
        ("19350101", dt.date(1935, 1, 1)),
    ],
)
def test_petrarch_parse_date_two_and_four_digit_years(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["3301", "2004017", "331341", "abcdef"])
def test_petrarch_parse_date_rejects_bad_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "code", "start", "end"),
    [
        ("FRDGOV", "FRDGOV", None, None),
        ("FRDGOV 330101-351231", "FRDGOV", dt.date(1933, 1, 1), dt.date(1935, 12, 31)),
        ("FRDGOV >330101", "FRDGOV", dt.date(1933, 1, 1), None),
        ("FRDGOV <330101", "FRDGOV", None, dt.date(1933, 1, 1)),
        ("  FRDGOV  >  330101 ", "FRDGOV", dt.date(1933, 1, 1), None),
        ("FRDGOV 330101 - 351231", "FRDGOV", dt.date(1933, 1, 1), dt.date(1935, 12, 31)),
        ("---", None, None, None),
    ],
)
def test_petrarch_parse_restriction_forms(text: str, code: str | None, start: dt.date, end: dt.date) -> None:
    span = parse_restriction(text)
    assert (span.code, span.start, span.end) == (code, start, end)


@pytest.mark.parametrize("text", ["FRDGO", "FRDGOV 350101-330101", "FRDGOV >33", "FRDGOV soon", ""])
def test_petrarch_parse_restriction_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_restriction(text)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("NICOLAS", "MADURO"), "Nicolas Maduro"),
        (("UN",), "UN"),
        (("ICJ",), "ICJ"),
        (("ANSF",), "Ansf"),
        (("REPUBLIC", "OF", "FREEDONIA"), "Republic of Freedonia"),
        (("U.N.", "ENVOY"), "U.N. Envoy"),
        (("BAN", "KI-MOON"), "Ban Ki-Moon"),
        (("O'HARA",), "O'Hara"),
    ],
)
def test_petrarch_display_name_title_case(words: tuple[str, ...], expected: str) -> None:
    assert display_name(words) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("MINISTR", False),
        ("ADMINISTR", False),
        ("MADURO", True),
        ("KHOST", True),
        ("GOVERN", True),
        ("BOSS", True),
        ("UNSG", True),
        ("CHURCH", True),
        ("FREEDONIA", True),
    ],
)
def test_petrarch_looks_like_full_word(word: str, expected: bool) -> None:
    assert looks_like_full_word(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("FARMER", "FARMERS"),
        ("SPY", "SPIES"),
        ("ATTORNEY", "ATTORNEYS"),
        ("BOSS", "BOSSES"),
        ("CHURCH", "CHURCHES"),
        ("BUSH", "BUSHES"),
        ("TAX", "TAXES"),
    ],
)
def test_petrarch_plural_of_regular_forms(word: str, expected: str) -> None:
    assert plural_of(word) == expected


def test_petrarch_expand_substitutions_all_combinations() -> None:
    sets: dict[str, tuple[str, ...]] = {"A": ("X", "Y"), "B": ("1", "2")}
    assert expand_substitutions("P!A!_!B!", sets) == ["PX_1", "PX_2", "PY_1", "PY_2"]
    with pytest.raises(KeyError):
        expand_substitutions("P!C!", sets)


def test_petrarch_slugify_and_unique_ids() -> None:
    assert slugify("République d'Élan") == "republique-d-elan"
    entries = assign_unique_ids([{"id": "a"}, {"id": "a"}, {"id": "a-2"}, {"id": "a"}])
    assert [entry["id"] for entry in entries] == ["a", "a-2", "a-2-2", "a-3"]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("x.actors.txt", "FARMER [~AGR]", "actors"),
        ("x.agents.txt", "FREEDONIA_ [FRD]", "agents"),
        ("dict.txt", "FREEDONIA_ [FRD]", "actors"),
        ("dict.txt", "FARMER [~AGR]", "agents"),
        ("dict.txt", "AID_WORKER [NGO~]", "agents"),
        ("dict.txt", "# [~AGR] in a comment only\nFREEDONIA_ [FRD]", "actors"),
    ],
)
def test_petrarch_detect_kind_by_name_then_content(name: str, text: str, expected: str) -> None:
    assert detect_kind(name, text) == expected


# --- actors --------------------------------------------------------------------------------------------


def test_petrarch_actor_entries_validate(actors: ImportResult) -> None:
    for entry in actors.entries:
        ActorSpec.model_validate(entry)
    assert len({entry["id"] for entry in actors.entries}) == len(actors.entries)


def test_petrarch_actor_country_with_synonyms(actors: ImportResult) -> None:
    assert by_id(actors)["freedonia"] == {
        "id": "freedonia",
        "name": "Freedonia",
        "type": "country",
        "code": "FRD",
        "country": "FRD",
        "names": ["Freedonia", "Freedonian", "Republic of Freedonia"],
    }


def test_petrarch_actor_dated_and_default_codes(actors: ImportResult) -> None:
    firefly = by_id(actors)["rufus-t-firefly"]
    assert firefly["type"] == "person"
    assert firefly["code"] == "FRDELI"
    assert firefly["country"] == "FRD"
    assert firefly["names"] == ["Rufus T Firefly", "President Firefly"]
    assert firefly["roles"] == [{"code": "FRDGOV", "from": dt.date(1933, 1, 1), "until": dt.date(1935, 12, 31)}]


def test_petrarch_actor_open_ended_restrictions_and_stray_spaces(actors: ImportResult) -> None:
    trentino = by_id(actors)["trentino"]
    assert trentino["code"] == "SYLELI"
    assert trentino["roles"] == [
        {"code": "SYLGOV", "until": dt.date(1933, 2, 15)},
        {"code": "SYLGOV", "from": dt.date(1935, 1, 1)},
    ]
    teasdale = by_id(actors)["mrs-teasdale"]
    assert "code" not in teasdale
    # the two open-ended spans overlap from 1934 on: the later-starting one holds from its start
    assert teasdale["roles"] == [
        {"code": "FRDELI", "from": dt.date(1933, 6, 1), "until": dt.date(1933, 12, 31)},
        {"code": "SYLGOV", "from": dt.date(1934, 1, 1)},
    ]
    assert "the later-starting SYLGOV holds from 1934-01-01 to the end" in str(teasdale["note"])
    assert "country" not in teasdale  # two countries over time


@pytest.mark.parametrize(
    ("entry_id", "actor_type", "country"),
    [
        ("freedonian-army", "group", "FRD"),
        ("league-of-duchies", "igo", None),
        ("grand-duchy-relief-fund", "ngo", None),
        ("un", "igo", None),
        ("sylvania", "country", "SYL"),
    ],
)
def test_petrarch_actor_type_and_country_inferred(
    actors: ImportResult, entry_id: str, actor_type: str, country: str | None
) -> None:
    entry = by_id(actors)[entry_id]
    assert entry["type"] == actor_type
    assert entry.get("country") == country


def test_petrarch_actor_same_phrase_kept_with_distinct_ids(actors: ImportResult) -> None:
    leagues = [entry for entry in actors.entries if entry["name"] == "League of Duchies"]
    assert [(entry["id"], entry["code"]) for entry in leagues] == [
        ("league-of-duchies", "IGOLOD"),
        ("league-of-duchies-2", "IGOLODSYL"),
    ]
    assert by_id(actors)["un"]["names"] == ["UN"]


def test_petrarch_actor_skipped_lines_have_reasons(actors: ImportResult) -> None:
    lines = ACTORS.splitlines()
    skipped = skipped_lines(actors)
    expected = {
        "+TREASURY_MINISTR": "stem",
        "\t[SYLSPY 330101-331231] [SYLSPY 3301-331231]": "'3301' is not a YYMMDD",
        "PINKY_": "no code",
        "NO_CODE_HERE_": "no code",
        "+ANOTHER_NAME_": "no code",
        "\t[---]": "no code",
        "BAD_BRACKET_ [FRDGOV": "unbalanced",
        "\t[ SYLELI ]": None,
    }
    for text, fragment in expected.items():
        number = lines.index(text) + 1
        if fragment is None:
            assert number not in skipped
        else:
            assert fragment in skipped[number], (text, skipped.get(number))
    assert all(item.file == "fictional.actors.txt" and item.text for item in actors.skipped)


def test_petrarch_actor_partial_line_keeps_good_restriction(actors: ImportResult) -> None:
    chicolini = by_id(actors)["chicolini"]
    assert chicolini["names"] == ["Chicolini", "Spy Chicolini"]
    assert chicolini["roles"] == [{"code": "SYLSPY", "from": dt.date(1933, 1, 1), "until": dt.date(1933, 12, 31)}]
    assert by_id(actors)["freedonian-treasury"]["names"] == ["Freedonian Treasury"]


def test_petrarch_actor_null_default_then_code_is_skipped(actors: ImportResult) -> None:
    # `[---]` declares "no default code"; the later [FRD] on a synonym conflicts with it, so the record
    # NO_CODE_HERE_ has no code at all and every one of its lines is reported.
    number = ACTORS.splitlines().index("+ORPHAN_SYNONYM_ [FRD]") + 1
    reasons = [item.reason for item in actors.skipped if item.line == number]
    assert reasons == [
        "[FRD] skipped: the record already has a default code",
        f"record starting at line {number - 3}: record has no code (no [CODE] on the phrase or on the lines after it)",
    ]
    assert "no-code-here" not in by_id(actors)


def test_petrarch_actor_blank_in_phrase_is_noted(actors: ImportResult) -> None:
    brothers = by_id(actors)["marx-brothers"]
    assert brothers["names"] == ["Marx Brothers"]
    assert "exact phrase" in str(brothers["note"])
    assert any("exact phrase" in note.message for note in actors.notes)


def test_petrarch_actor_code_line_before_any_phrase() -> None:
    result = parse_actor_dictionary("\t[FRD]\n+SYNONYM_\n", "x.actors.txt")
    assert result.entries == ()
    assert [item.reason for item in result.skipped] == [
        "code line before any primary phrase",
        "synonym before any primary phrase",
    ]


def test_petrarch_actor_second_default_code_is_skipped() -> None:
    result = parse_actor_dictionary("FIREFLY_ [FRDGOV]\n\t[SYLGOV]\n", "x.actors.txt")
    assert result.entries[0]["code"] == "FRDGOV"
    assert "already has a default code" in result.skipped[0].reason


# --- agents --------------------------------------------------------------------------------------------


def test_petrarch_agent_entries_validate(agents: ImportResult) -> None:
    for entry in agents.entries:
        AgentSpec.model_validate(entry)
    assert len({entry["id"] for entry in agents.entries}) == len(agents.entries)


@pytest.mark.parametrize(
    ("entry_id", "sector", "names"),
    [
        ("farmer", "AGR", ["farmer", "farmers"]),
        ("spy", "SPY", ["spy", "spies"]),
        ("boss", "BUS", ["boss", "bosses"]),
        ("attorney", "JUD", ["attorney", "attorneys"]),
        ("church", "REL", ["church", "churches"]),
        ("cattle-person", "AGR", ["cattleman", "cattlemen", "cattlewoman", "cattlewomen", "cattleperson"]),
        ("husband-person", "AGR", ["husbandman", "husbandmen", "husbandwoman", "husbandwomen", "husbandperson"]),
        ("police-chief", "COP", ["police chief", "police chieves"]),
        ("headquarters", "MIL", ["headquarters"]),
        ("army-officer", "MIL", ["army officer"]),
        ("ducal-student", "EDU", ["ducal student", "ducal students"]),
        ("relief-worker", "NGO", ["relief worker", "relief workers"]),
        ("minister-of-war", "GOV", ["minister of war", "minister of wars"]),
    ],
)
def test_petrarch_agent_names_and_sector(agents: ImportResult, entry_id: str, sector: str, names: list[str]) -> None:
    entry = by_id(agents)[entry_id]
    assert (entry["sector"], entry["names"]) == (sector, names)


@pytest.mark.parametrize(
    ("entry_id", "fragment"),
    [
        ("ducal-student", "only the first, EDU, is the sector"),
        ("relief-worker", "before the actor's code"),
        ("minister-of-war", "exact phrase"),
    ],
)
def test_petrarch_agent_changes_are_noted(agents: ImportResult, entry_id: str, fragment: str) -> None:
    assert fragment in str(by_id(agents)[entry_id]["note"])
    assert any(fragment in note.message for note in agents.notes)


def test_petrarch_agent_skipped_lines_have_reasons(agents: ImportResult) -> None:
    lines = AGENTS.splitlines()
    skipped = skipped_lines(agents)
    expected = {
        "MINISTR [~GOV]": "stem",
        "SALES!CLERK! [~BUS]": "!CLERK! is not defined",
        "GENERAL [~]": "agent code '[~]' is not",
        "TROOPER [MIL]": "is not [~CODE] (append) or [CODE~] (prefix)",
        "JUST_A_PHRASE": "not an agent line",
    }
    for text, fragment in expected.items():
        assert fragment in skipped[lines.index(text) + 1], text
    assert len(agents.skipped) == len(expected)


def test_petrarch_agent_duplicate_substitution_set_is_skipped() -> None:
    text = "!P! = MAN, MEN\n!P! = PERSON\nSEA!P! [~MIL]\n"
    result = parse_agent_dictionary(text, "x.agents.txt")
    assert result.entries[0]["names"] == ["seaman", "seamen"]
    assert [(item.line, item.reason) for item in result.skipped] == [(2, "substitution set !P! is already defined")]


# --- files and CLI -------------------------------------------------------------------------------------


def load_codebook(path: Path) -> list[object]:
    """Load one written codebook file and validate header and entries with the spec models."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    header = FileHeaderSpec.model_validate(document)
    model = KIND_MODELS[header.kind]
    return [model.model_validate(entry) for entry in header.entries]


def test_petrarch_write_codebook_round_trip(tmp_path: Path, actors: ImportResult, agents: ImportResult) -> None:
    second = parse_actor_dictionary("FREEDONIA_ [FRD]\n", "more.actors.txt")
    written = write_codebook([actors, agents, second], tmp_path / "out")
    assert [path.name for path in written] == ["actors.yaml", "agents.yaml", "import-report.txt"]
    loaded_actors = load_codebook(written[0])
    assert len(loaded_actors) == len(actors.entries) + 1
    assert [actor.id for actor in loaded_actors if isinstance(actor, ActorSpec)][-1] == "freedonia-2"
    assert len(load_codebook(written[1])) == len(agents.entries)
    document = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    assert document["format_version"] == 1
    assert "fictional.actors.txt, more.actors.txt" in document["description"]
    report = written[2].read_text(encoding="utf-8")
    assert "fictional.actors.txt:" in report and "MINISTR" in report and "exact phrase" in report


def test_petrarch_write_codebook_only_kinds_present(tmp_path: Path, agents: ImportResult) -> None:
    written = write_codebook([agents], tmp_path)
    assert [path.name for path in written] == ["agents.yaml", "import-report.txt"]


def test_petrarch_read_dictionaries_forced_kind(tmp_path: Path) -> None:
    path = tmp_path / "dictionary.txt"
    path.write_bytes("SYLVANIA_ [SYL]\n+SYLVANIÉ_\n".encode("latin-1"))
    (result,) = read_dictionaries([path], "actors")
    assert result.kind == "actors"
    assert result.entries[0]["names"] == ["Sylvania", "Sylvanié"]


def test_petrarch_cli_import(tmp_path: Path) -> None:
    (tmp_path / "fictional.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "fictional.agents.txt").write_text(AGENTS, encoding="utf-8")
    out = tmp_path / "codebook"
    result = CliRunner().invoke(
        cli,
        ["codebook", "import-petrarch", str(tmp_path / "fictional.actors.txt"), str(tmp_path / "fictional.agents.txt"),
         "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    actors = parse_actor_dictionary(ACTORS, "fictional.actors.txt")
    assert (
        f"actors: {len(actors.entries)} entries written to {out / 'actors.yaml'}, {len(actors.skipped)} lines skipped"
        in result.output
    )
    assert f"report: {out / 'import-report.txt'}" in result.output
    assert load_codebook(out / "actors.yaml") and load_codebook(out / "agents.yaml")


def test_petrarch_cli_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.actors.txt"
    result = CliRunner().invoke(cli, ["codebook", "import-petrarch", str(missing), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Error: Invalid value for 'FILE...': File" in result.output
    assert "does not exist" in result.output
    assert not (tmp_path / "out").exists()


def test_petrarch_cli_output_is_required(tmp_path: Path) -> None:
    path = tmp_path / "x.actors.txt"
    path.write_text("FREEDONIA_ [FRD]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["codebook", "import-petrarch", str(path)])
    assert result.exit_code == 2
    assert "Missing option '-o' / '--output'" in result.output


# --- layers that always check (issue 13, item 2) ---------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "petrarch_fictional"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "petrarch"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[ImportResult], list[Path], LayerCheck]:
    out = tmp_path_factory.mktemp("layer")
    return import_petrarch(sorted(FIXTURES.glob("fictional.*")), out)


@pytest.fixture(scope="module")
def imported_codebook(imported: tuple[list[ImportResult], list[Path], LayerCheck]) -> Codebook:
    """The imported fictional layer compiled on top of the defaults, as `eventcoder code --codebook LAYER`
    does (compiled once for the module: the tests below only read it)."""
    return load_codebook_layers([imported[1][0].parent], use_cache=False)


def skipped_text(results: list[ImportResult]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for result in results:
        for item in result.skipped:
            found.setdefault(item.text.strip(), []).append(item.reason)
    return found


def test_petrarch_xml_comments_are_not_entries() -> None:
    text = "<!-- header\nFAKE_ENTRY_ [FRD]\n-->\nFREEDONIA_ [FRD] <!-- trailing -->\n<!-- unclosed\nGHOST_ [SYL]\n"
    result = parse_actor_dictionary(text, "x.actors.txt")
    assert [entry["id"] for entry in result.entries] == ["freedonia"]
    assert result.skipped == ()
    assert blank_xml_comments("a<!--x\ny-->b\nc").splitlines() == ["a     ", "    b", "c"]


def test_petrarch_agent_xml_comments() -> None:
    result = parse_agent_dictionary("<!-- AGENTS -->\n<!--\nNOT_AN_AGENT\n-->\nCOURTIER [~GOV]\n", "x.agents.txt")
    assert [entry["id"] for entry in result.entries] == ["courtier"]
    assert result.skipped == ()


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # a span inside an earlier one splits it
        (["GOV 330101-351231", "MIL 340101-340630"], ["GOV 330101-331231", "MIL 340101-340630", "GOV 340701-351231"]),
        # an open-ended span is cut the day before a later one starts
        (["GOV >330101", "LEG >400101"], ["GOV 330101-391231", "LEG >400101"]),
        # same start: the later line wins
        (["GOV 330101-331231", "MIL 330101-330630"], ["MIL 330101-330630", "GOV 330701-331231"]),
        # disjoint spans are left alone
        (["GOV <331231", "MIL >340101"], ["GOV <331231", "MIL >340101"]),
    ],
)
def test_petrarch_overlapping_spans_resolved(spans: list[str], expected: list[str]) -> None:
    resolved, messages = resolve_overlaps([parse_restriction("FRD" + text) for text in spans])
    assert resolved == [parse_restriction("FRD" + text) for text in expected]
    assert len(messages) == (0 if spans == expected else 1)


@pytest.mark.parametrize(
    ("text", "actor_type"),
    [
        ("PRESIDENT_FIREFLY_ [FRD]\nFREEDONIAN_ARMY_ [FRDMIL]", "person"),  # a title
        ("K._FIREFLY_ [FRD]\nFREEDONIAN_ARMY_ [FRDMIL]", "person"),  # an initial
        ("FIREFLY_\n\t[FRDGOV 330101-351231]\n\t[FRD]", "person"),  # dated roles
        ("FREEDONIA_ [FRD]\nFREEDONIAN_ARMY_ [FRDMIL]", "country"),  # FRD is the country part of other codes
        ("FREEDONIA_ [FRD]", "group"),  # no evidence it is a country
        ("OLD_DUCHY_\n\t[ODY 300101-351231]", "country"),  # a state that existed for a while
    ],
)
def test_petrarch_actor_type_from_evidence(text: str, actor_type: str) -> None:
    result = parse_actor_dictionary(text, "x.actors.txt")
    assert result.entries[0]["type"] == actor_type


def test_petrarch_known_countries_are_evidence() -> None:
    result = parse_actor_dictionary("FREEDONIA_ [FRD]", "x.actors.txt", frozenset({"FRD"}))
    assert result.entries[0]["type"] == "country"


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("GROUP_OF_SEVEN_DUCHIES_ [IGOG77]", "not a code made of 3-letter parts"),
        ("THE_REGENT_ [+++]", "[+++] is a PETRARCH special code"),
        ("[--- 300101-321231]", "a dated null code"),
    ],
)
def test_petrarch_special_codes_are_reported(
    imported: tuple[list[ImportResult], list[Path], LayerCheck], line: str, fragment: str
) -> None:
    reasons = skipped_text(imported[0])[line]
    assert any(fragment in reason for reason in reasons), reasons


def test_petrarch_compound_code_becomes_a_compound_entry(
    imported: tuple[list[ImportResult], list[Path], LayerCheck],
) -> None:
    alliance = next(entry for result in imported[0] for entry in result.entries if entry["id"] == "duchy-alliance")
    assert (alliance["type"], alliance["code"], alliance["compound"]) == ("group", "FRD", ["SYL", "ZNB"])
    assert "country" not in alliance
    declared = {part.code for part in imported[2].declared}
    assert "ZNB" in declared or "ZNB" in imported[2].copied_countries  # every part of the compound is known


def test_petrarch_dated_compound_code_is_reported() -> None:
    result = parse_actor_dictionary("DUCHY_ALLIANCE_ [FRD/SYL 300101-321231] [FRD]", "x.actors.txt")
    assert result.entries[0]["code"] == "FRD" and "compound" not in result.entries[0]
    assert "dated compound code" in result.skipped[0].reason


def test_petrarch_every_fixture_line_is_converted_or_reported(
    imported: tuple[list[ImportResult], list[Path], LayerCheck],
) -> None:
    results = imported[0]
    by_id_all = {str(entry["id"]): entry for result in results for entry in result.entries}
    assert "fake-entry" not in by_id_all  # inside an XML comment
    assert by_id_all["freedonia"]["type"] == "country"
    assert by_id_all["ambassador-trentino"]["type"] == "person"
    assert by_id_all["old-chancery"]["code"] == "FRDGOV"  # the dated null line is reported, the default kept
    firefly = by_id_all["rufus-t-firefly"]
    roles = firefly["roles"]
    assert isinstance(roles, list)
    assert [role["code"] for role in roles] == ["FRDGOV", "FRDMIL", "FRDGOV"]


def test_petrarch_imported_layer_passes_check(
    imported: tuple[list[ImportResult], list[Path], LayerCheck], imported_codebook: Codebook
) -> None:
    _, written, layer_check = imported
    assert layer_check.passes, layer_check.format()
    declared = {part.code: part for part in layer_check.declared}
    assert set(declared) == {"MUS", "ORC", "ZNB"}  # SYL is a country: SYLMIL gives the evidence
    assert declared["MUS"].used_in == "FRDMUSORC"
    assert [path.name for path in written] == [
        "actors.yaml", "agents.yaml", "patterns.yaml", "discard.yaml", "synsets.yaml", "roles.yaml",
        "import-report.txt",
    ]  # fmt: skip
    report = written[-1].read_text(encoding="utf-8")
    assert "MUS: first used in FRDMUSORC of freedonian-musicians-guild" in report
    assert "codebook check alone: 0 problem(s)" in report
    assert "codebook check on the default codebook: 0 problem(s)" in report
    # the layer compiles with the defaults, which is what `eventcoder code --codebook LAYER` does
    assert imported_codebook.layers[-1] == str(written[0].parent) and imported_codebook.fingerprint


def test_petrarch_cli_says_whether_check_passes(tmp_path: Path) -> None:
    out = tmp_path / "layer"
    files = [str(path) for path in sorted(FIXTURES.glob("fictional.*"))]
    result = CliRunner().invoke(cli, ["codebook", "import-petrarch", *files, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "codebook check: passes, alone and on the default codebook" in result.output
    assert "declared: 3 code parts unknown to the default codebook (roles.yaml)" in result.output


def assert_every_line_accounted_for(path: Path, result: ImportResult) -> None:
    """Every line holding more than a comment went into an entry or is reported with a reason."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lines = blank_xml_comments(text).splitlines()
    content = {number for number, line in enumerate(lines, start=1) if strip_comment(line)}
    accounted = set(result.converted) | {item.line for item in result.skipped}
    assert not content - accounted, [lines[number - 1] for number in sorted(content - accounted)[:10]]


def test_petrarch_fixture_lines_all_accounted_for(imported: tuple[list[ImportResult], list[Path], LayerCheck]) -> None:
    for result in imported[0]:
        assert_every_line_accounted_for(FIXTURES / result.source, result)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference/petrarch is not there")
def test_petrarch_full_reference_dictionaries_import_and_check(tmp_path: Path) -> None:
    paths = sorted(REFERENCE.glob("Phoenix.*actors.txt")) + sorted(REFERENCE.glob("Phoenix.agents.txt"))
    results, _, layer_check = import_petrarch(paths, tmp_path)
    assert layer_check.passes, layer_check.format()[:2000]
    for path, result in zip(paths, results, strict=True):
        assert result.entries, path.name
        assert_every_line_accounted_for(path, result)


# --- verb dictionaries (issue 13, item 1) ----------------------------------------------------------------


def test_petrarch_verbs_detected_by_content_and_name() -> None:
    assert detect_kind("CAMEO.2.0.txt", "---  SNUB   [111]  ---\nSNUB\n") == "patterns"
    assert detect_kind("old.verbs", "SNUB\n") == "patterns"


def test_petrarch_verb_patterns_converted(imported: tuple[list[ImportResult], list[Path], LayerCheck]) -> None:
    (verbs,) = [result for result in imported[0] if result.kind == "patterns"]
    patterns = {str(entry["id"]).removeprefix("petrarch-fictional-verbs-"): entry for entry in verbs.entries}
    assert patterns["10"]["code"] == "073"
    assert patterns["10"]["trigger"] == {"verbs": ["consign", "forward"]}
    assert patterns["10"]["requires"] == [{"synset": "petrarch-ducal-goods", "where": "after"}]
    # an unmarked source is the subject or a passive's agent; `(TO +)` names the target
    assert (patterns["10"]["source"], patterns["10"]["target"]) == (["subject", "by"], ["prep:to"])
    # the family's null-code phrase `* PARCEL [---]` keeps every pattern of the family from coding
    assert patterns["10"]["excludes"] == patterns["11"]["excludes"] == [{"words": ["parcel"], "where": "after"}]
    assert patterns["11"]["requires"] == [{"words": ["sealed letter"], "where": "after"}]
    assert patterns["16"] == {
        "id": "petrarch-fictional-verbs-16",
        "code": "111",
        "trigger": {"verbs": ["snub"]},
        "bare_country_source": True,
        "note": "imported from fictional.verbs:16: SNUB {SNUBS SNUBBING SNUBBED }",
    }
    # [:043]: only the swapped event; `$` after the verb makes the object the source and the subject the target
    assert "21" not in patterns
    assert (patterns["21-paired"]["code"], patterns["21-paired"]["source"]) == ("043", ["subject"])
    # [043:042]: one pattern whose match also codes the swapped event
    assert (patterns["22"]["source"], patterns["22"]["target"], patterns["22"]["paired_code"]) == (
        ["prep:from"], ["subject"], "042"
    )  # fmt: skip
    assert "22-paired" not in patterns
    (synset,) = verbs.synsets
    assert synset["id"] == "petrarch-ducal-goods" and synset["words"] == ["grain", "cheese", "timber"]


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("- * CRATE (OF TIMBER)                        [---]      # WELCOME", "null code [---] with several"),
        ("~ a (a b ATTACK) SAY = a b 015", "transformation rule"),
    ],
)
def test_petrarch_verb_lines_not_expressible_are_reported(
    imported: tuple[list[ImportResult], list[Path], LayerCheck], line: str, fragment: str
) -> None:
    assert any(fragment in reason for reason in skipped_text(imported[0])[line])


def test_petrarch_compound_marker_becomes_a_reciprocal_pattern(
    imported: tuple[list[ImportResult], list[Path], LayerCheck], imported_codebook: Codebook
) -> None:
    (entry,) = [entry for result in imported[0] for entry in result.entries if str(entry["id"]).endswith("-verbs-23")]
    assert (entry["source"], entry["target"], entry["reciprocal"], entry["needs_target"]) == (
        ["subject"], [], True, True
    )  # fmt: skip
    rows = code_text("Freedonia welcomed the treaty.", imported_codebook, date=dt.date(1933, 6, 1)).rows
    assert not [row for row in rows if row["rule_id"] == entry["id"]]  # one actor is no compound


def test_petrarch_verb_multiword_form_is_noted(imported: tuple[list[ImportResult], list[Path], LayerCheck]) -> None:
    (verbs,) = [result for result in imported[0] if result.kind == "patterns"]
    assert any("multiword verb form 'snubbed at'" in note.message for note in verbs.notes)


def test_petrarch_verb_skip_marker_is_dropped_with_a_note(
    imported: tuple[list[ImportResult], list[Path], LayerCheck],
) -> None:
    (verbs,) = [result for result in imported[0] if result.kind == "patterns"]
    (entry,) = [entry for entry in verbs.entries if entry["id"] == "petrarch-fictional-verbs-13"]
    assert entry["requires"] == [{"words": ["off"], "where": "after"}, {"words": ["from"], "where": "after"}]
    assert any(note.line == 13 and "'^' (any noun phrase) dropped" in note.message for note in verbs.notes)


@pytest.mark.parametrize(
    ("sentence", "code", "source", "target", "rule"),
    [
        ("Freedonia consigned grain to Sylvania.", "073", "FRD", "SYL", "petrarch-fictional-verbs-10"),
        ("Sylvania forwarded a sealed letter to Freedonia.", "040", "SYL", "FRD", "petrarch-fictional-verbs-11"),
        # [043:042]: the receipt of the envoy and, swapped, the visit
        ("Freedonia welcomed an envoy from Sylvania.", "043", "SYL", "FRD", "petrarch-fictional-verbs-22"),
        ("Freedonia welcomed an envoy from Sylvania.", "042", "FRD", "SYL", "petrarch-fictional-verbs-22-paired"),
        # `%`: the parties of a compound act on each other
        ("Freedonia and Sylvania welcomed the treaty.", "057", "FRD", "SYL", "petrarch-fictional-verbs-23"),
        ("Freedonia and Sylvania welcomed the treaty.", "057", "SYL", "FRD", "petrarch-fictional-verbs-23"),
    ],
)
def test_petrarch_imported_layer_codes_with_its_patterns(
    imported_codebook: Codebook,
    sentence: str,
    code: str,
    source: str,
    target: str,
    rule: str,
) -> None:
    rows = code_text(sentence, imported_codebook, date=dt.date(1933, 6, 1)).rows
    found = [(row["cameo_code"], row["source_country"], row["target_country"], row["rule_id"]) for row in rows]
    assert (code, source, target, rule) in found, found


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference/petrarch is not there")
def test_petrarch_full_verb_dictionary_imports_and_checks(tmp_path: Path) -> None:
    results, _, layer_check = import_petrarch([REFERENCE / "CAMEO.2.0.txt"], tmp_path)
    assert layer_check.passes, layer_check.format()[:2000]
    (verbs,) = results
    assert len(verbs.entries) > 5000 and len(verbs.synsets) == 40
    assert_every_line_accounted_for(REFERENCE / "CAMEO.2.0.txt", verbs)
    reasons = {item.reason for item in verbs.skipped}
    assert not any(reason.startswith("not a synset") for reason in reasons), reasons


def test_petrarch_verb_layer_can_replace_the_default_patterns(tmp_path: Path) -> None:
    files = [str(FIXTURES / "fictional.actors.txt"), str(FIXTURES / "fictional.verbs")]
    result = CliRunner().invoke(cli, ["codebook", "import-petrarch", *files, "-o", str(tmp_path), "--replace-patterns"])
    assert result.exit_code == 0, result.output
    assert "codebook check: passes, alone and on the default codebook" in result.output
    codebook = load_codebook_layers([tmp_path], use_cache=False)
    assert {pattern.id for pattern in codebook.patterns} == {
        str(entry["id"])
        for entry in parse_dictionary((FIXTURES / "fictional.verbs").read_text(), "fictional.verbs", "patterns").entries
    }
    rows = code_text("Freedonia consigned grain to Sylvania.", codebook, date=dt.date(1933, 6, 1)).rows
    assert [(row["rule_id"], row["source_code"]) for row in rows] == [("petrarch-fictional-verbs-10", "FRD")]
    # a country source keeps its bare code, as in PETRARCH (our own patterns make it FRDGOV); the family's
    # null code: a parcel is not a consignment of goods
    rows = code_text("Freedonia consigned grain and a parcel to Sylvania.", codebook, date=dt.date(1933, 6, 1)).rows
    assert rows == []


@pytest.mark.parametrize(
    ("text", "actor_type"),
    [
        # a country whose synonyms include spelled-out initials stays a country
        ("FREEDONIA_ [FRD]\n+F._D._\n+FREEDONIAN_ARMY_HQ_\nFREEDONIAN_ARMY_ [FRDMIL]", "country"),
        # a synonym opening with a title makes a person of an entry with no other evidence
        ("FIREFLY_ [ZZZ]\n+PRESIDENT_FIREFLY_", "person"),
    ],
)
def test_petrarch_actor_type_primary_phrase_first(text: str, actor_type: str) -> None:
    assert parse_actor_dictionary(text, "x.actors.txt").entries[0]["type"] == actor_type


def test_petrarch_preposition_phrase_passes_over_a_determiner() -> None:
    text = "---  CAUTION   [130]  ---\nCAUTION\n- * (OF RISK)     [012]\n- * {SEVERE REPRISALS}     [130]\n"
    entries = {str(entry["id"]): entry for entry in parse_dictionary(text, "x.verbs", "patterns").entries}
    assert entries["petrarch-x-verbs-3"]["requires"] == [
        {"words": ["of risk", "of the risk", "of a risk", "of an risk"], "where": "after"}
    ]
    assert entries["petrarch-x-verbs-4"]["requires"] == [{"words": ["severe reprisals"], "where": "after"}]
