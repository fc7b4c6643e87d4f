"""A fast path of `events.find_candidates` held to the plain reading: a form of a gated phrase is passed over by
its pattern's `requires`, which tells the gate's patterns as `RequiresGate.gated` does."""

from __future__ import annotations

from typing import Any

from test_trigger_index import forms_by_phrase


def test_a_gates_patterns_are_those_of_its_phrase_with_a_requires(codebook: Any) -> None:
    """`find_candidates` passes over a form of a gated phrase whose pattern has a `requires` the gate did not open,
    telling the gate's patterns by their `requires` rather than by `RequiresGate.gated`: the two are the same."""
    index = codebook.trigger_index
    assert index.gates
    plain = forms_by_phrase(codebook)
    for phrase, gate in index.gates.items():
        forms = plain[phrase]
        assert gate.gated == {form.pattern for form in forms if codebook.patterns[form.pattern].requires}
