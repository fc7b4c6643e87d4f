"""How an imported (or any) layer works with the default codebook: its patterns win overlaps with the default
patterns (`later_layers_win_overlaps`), PETRARCH's compound actors `[A/B]` and compound markers `%`, and a layer
that replaces the default agents. Fictional countries and our own sentences throughout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eventcoder.codebook.compile import Codebook, load_codebook
from eventcoder.codebook.petrarch_layer import import_petrarch
from eventcoder.coder import code_text

DAY = dt.date(2015, 6, 1)
COUNTRIES = """\
format_version: 1
kind: actors
entries:
  - {id: frd, name: Freedonia, type: country, code: FRD, names: [Freedonia]}
  - {id: syl, name: Sylvania, type: country, code: SYL, names: [Sylvania]}
"""
VISIT_AS_CONSULT = """\
format_version: 1
kind: patterns
entries:
  - {id: mine-visit, code: "040", trigger: {verbs: [visit]}}
  - {id: mine-visit-capital, code: "036", trigger: {verbs: [visit]}, requires: [{words: [capital], within: 3}]}
"""


def _layer(directory: Path, **files: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / f"{name}.yaml").write_text(text, encoding="utf-8")
    return directory


def _coded(text: str, codebook: Codebook) -> list[tuple[str, str, str, str]]:
    rows = code_text(text, codebook, date=DAY).rows
    return [(row["source_code"], row["target_code"] or "", row["cameo_code"], row["rule_id"]) for row in rows]


@pytest.fixture(scope="module")
def countries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _layer(tmp_path_factory.mktemp("countries"), countries=COUNTRIES)


def test_a_named_layer_pattern_wins_the_overlap_over_a_default_pattern(countries: Path, tmp_path: Path) -> None:
    sentence = "Freedonia visited Sylvania on Monday."
    default = _coded(sentence, load_codebook([countries], use_cache=False))
    assert [code for _, _, code, _ in default] == ["042"]  # the default codebook's visit
    layered = load_codebook([countries, _layer(tmp_path / "mine", patterns=VISIT_AS_CONSULT)], use_cache=False)
    assert _coded(sentence, layered) == [("FRDGOV", "SYL", "040", "mine-visit")]
    # within one layer the usual rule holds: the pattern with more constraints wins
    assert _coded("Freedonia visited the Sylvanian capital.", layered)[0][2:] == ("036", "mine-visit-capital")


def test_a_later_layer_wins_over_an_earlier_one(countries: Path, tmp_path: Path) -> None:
    first = _layer(tmp_path / "first", patterns=VISIT_AS_CONSULT)
    second = _layer(
        tmp_path / "second",
        patterns=VISIT_AS_CONSULT.replace("mine-", "later-").replace('"040"', '"043"').replace('"036"', '"043"'),
    )
    codebook = load_codebook([countries, first, second], use_cache=False)
    assert _coded("Freedonia visited Sylvania.", codebook)[0][2:] == ("043", "later-visit")


COMPOUND_ACTORS = """\
FREEDONIA_ [FRD]
SYLVANIA_ [SYL]
RURITANIA_ [RUR]
NORTHERN_ALLIANCE_ [FRD/RUR]   # one name, two actors
"""


@pytest.fixture(scope="module")
def compound(tmp_path_factory: pytest.TempPathFactory) -> Codebook:
    directory = tmp_path_factory.mktemp("compound")
    (directory / "duchies.actors.txt").write_text(COMPOUND_ACTORS, encoding="utf-8")
    _, _, check = import_petrarch([directory / "duchies.actors.txt"], directory / "layer")
    assert check.passes
    return load_codebook([directory / "layer"], use_cache=False)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Northern Alliance condemned Sylvania.", {("FRD", "SYL"), ("RUR", "SYL")}),
        ("Sylvania condemned the Northern Alliance.", {("SYL", "FRD"), ("SYL", "RUR")}),
    ],
)
def test_a_compound_entry_codes_one_event_per_part(
    compound: Codebook, sentence: str, expected: set[tuple[str, str]]
) -> None:
    coded = _coded(sentence, compound)
    assert {(source, target) for source, target, _, _ in coded} == expected
    assert len({code for _, _, code, _ in coded}) == 1


def test_a_default_codebook_has_no_compound_entries(codebook: Codebook) -> None:
    assert codebook.compound_actors == frozenset()


AGENTS = Path(__file__).parent / "fixtures" / "petrarch_fictional" / "fictional.agents.txt"


@pytest.mark.parametrize("replace", [False, True])
def test_imported_agents_add_to_or_replace_the_default_agents(tmp_path: Path, replace: bool) -> None:
    _, _, check = import_petrarch([AGENTS], tmp_path, replace_agents=replace)
    assert check.passes, check.format()
    imported = yaml.safe_load((tmp_path / "agents.yaml").read_text(encoding="utf-8"))
    agents = load_codebook([tmp_path], use_cache=False).agents
    ids = {str(entry["id"]) for entry in imported["entries"]}
    if replace:
        assert set(agents) == ids and "replace the default agents" in imported["description"]
    else:
        assert ids < set(agents) and "remove" not in imported
