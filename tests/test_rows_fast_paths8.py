"""The eighteenth session's record-stage fast path against the plain computation: `coder.rounded_confidences`
gives, for each pair of slot rules and each number of actors whose country came from the context, the rounded
product of the rules' confidences and the context discount that each record computed and rounded itself."""

from __future__ import annotations

import pytest

from eventcoder.coder import CONTEXT_COUNTRY_DISCOUNT, ROUNDED_CONFIDENCES, RULE_CONFIDENCE, rounded_confidences

RULES = [*RULE_CONFIDENCE, "no-such-rule"]


@pytest.mark.parametrize("source_rule", RULES)
@pytest.mark.parametrize("target_rule", [*RULES, None])
def test_rounded_confidences_are_each_records_rounded_confidence(source_rule: str, target_rule: str | None) -> None:
    ROUNDED_CONFIDENCES.clear()  # made here, not read from an earlier test's entry
    for _ in range(2):  # made, then read back
        confidences = rounded_confidences(source_rule, target_rule)
        for inferred in range(3):
            plain = RULE_CONFIDENCE.get(source_rule, 0.8) * (
                RULE_CONFIDENCE.get(target_rule, 0.8) if target_rule is not None else 0.7
            )
            assert confidences[inferred] == round(plain * CONTEXT_COUNTRY_DISCOUNT**inferred, 3)
