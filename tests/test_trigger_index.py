"""The compiled trigger index is a faster form of `Codebook.triggers`, not a different one: every form is
reachable by its whole phrase, in the order the triggers list tries them, and a `requires` gate never
closes a pattern whose first `requires` could hold."""

from __future__ import annotations

from eventcoder.events import _constraint_holds, _opened, find_candidates
from eventcoder.parse import parse_sentence


def test_every_trigger_form_is_indexed_by_its_phrase_in_order(codebook) -> None:  # type: ignore[no-untyped-def]
    index = codebook.trigger_index
    for first, forms in codebook.triggers.items():
        assert index.lengths[first] == tuple(sorted({len(form.phrase) for form in forms}, reverse=True))
        for phrase in {form.phrase for form in forms}:
            assert index.forms[phrase] == tuple(form for form in forms if form.phrase == phrase)
    assert sum(len(forms) for forms in index.forms.values()) == sum(len(f) for f in codebook.triggers.values())


def test_gates_cover_their_patterns_first_requires(codebook) -> None:  # type: ignore[no-untyped-def]
    for phrase, gate in codebook.trigger_index.gates.items():
        numbers = {form.pattern for form in codebook.trigger_index.forms[phrase]}
        assert gate.gated == {number for number in numbers if codebook.patterns[number].requires}
        assert gate.alone <= gate.gated
        for number in gate.gated:
            constraint = codebook.patterns[number].requires[0]
            assert all(number in gate.opens[first] for first in constraint.by_first)
            reach_before = constraint.within if constraint.where in ("before", "around") else 0
            reach_after = constraint.within if constraint.where in ("after", "around") else 0
            assert gate.before >= reach_before and gate.after >= reach_after


def test_a_gate_opens_every_pattern_whose_first_requires_holds(codebook) -> None:  # type: ignore[no-untyped-def]
    sentences = [
        "Freedonia threatened Sylvania with sanctions over the border dispute.",
        "The Freedonian minister appealed for humanitarian aid and medical supplies.",
        "Sylvania rejected the proposal for a ceasefire and threatened to expel the ambassador.",
        "Rebels pushed for talks while the government pressed for their surrender.",
    ]
    checked = 0
    for text in sentences:
        parse = parse_sentence(text, codebook.words.attribution_verbs)
        norms = parse.norms
        for start in range(len(norms)):
            for length in codebook.trigger_index.lengths.get(norms[start], ()):
                end = start + length
                gate = codebook.trigger_index.gates.get(norms[start:end])
                if gate is None or end > len(norms):
                    continue
                opened = _opened(norms, gate, start, end)
                for number in gate.gated:
                    holds = _constraint_holds(parse, codebook.patterns[number].requires[0], start, end)
                    assert not holds or number in opened
                    checked += 1
        assert isinstance(find_candidates(parse, codebook, []), list)
    assert checked > 0
