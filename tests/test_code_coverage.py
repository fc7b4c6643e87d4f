"""Every CAMEO code is reachable from text or documented as not codable, and each code's patterns are listed
for review the way `eventcoder codebook show CODE` lists them."""

from __future__ import annotations

import pytest

from eventcoder.codebook.compile import Codebook
from eventcoder.codebook.inspect import show_code
from eventcoder.coder import INTENT_CODES, REJECT_FAMILY


def _reached_by_policy() -> set[str]:
    """Codes the engine's policies produce from other codes (negated cooperation, announced acts)."""
    return set(REJECT_FAMILY.values()) | set(INTENT_CODES.values())


def _reachable(codebook: Codebook) -> set[str]:
    return {pattern.code for pattern in codebook.patterns} | _reached_by_policy()


def test_every_code_has_patterns_or_a_documented_reason(codebook: Codebook) -> None:
    """A three- or four-digit code needs a pattern, a policy that produces it, or a `not_codable` reason; a
    two-digit root is reached through its codes."""
    reachable = _reachable(codebook)
    orphans = [
        code
        for code, info in sorted(codebook.event_codes.items())
        if len(code) > 2 and code not in reachable and not info.not_codable
    ]
    assert orphans == [], f"codes with neither a pattern nor a not_codable reason: {orphans}"
    roots = {code for code in codebook.event_codes if len(code) == 2}
    assert roots <= {code[:2] for code in reachable}


def test_not_codable_is_only_said_of_codes_without_patterns(codebook: Codebook) -> None:
    """A reason saying a code cannot be coded must not stand beside patterns that code it."""
    reachable = _reachable(codebook)
    contradicted = [code for code, info in codebook.event_codes.items() if info.not_codable and code in reachable]
    assert contradicted == []


def test_every_pattern_codes_a_known_code(codebook: Codebook) -> None:
    unknown = [(p.id, p.code) for p in codebook.patterns if p.code not in codebook.event_codes]
    assert unknown == []


@pytest.mark.parametrize("root", [f"{n:02d}" for n in range(1, 21)])
def test_codebook_show_lists_each_code_of_a_root_for_review(codebook: Codebook, root: str) -> None:
    """The review listing: `codebook show` names every pattern of each code of the root, or why there is none."""
    for code, info in sorted(codebook.event_codes.items()):
        if code[:2] != root or len(code) == 2:
            continue
        listing = show_code(codebook, code)
        patterns = [p.id for p in codebook.patterns if p.code == code]
        assert f"patterns ({len(patterns)}):" in listing
        assert all(pattern_id in listing for pattern_id in patterns)
        if not patterns and info.not_codable:
            assert info.not_codable in listing
