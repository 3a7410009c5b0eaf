"""appeal_score asks whether a longer block addresses the reader before matching the two long cue patterns:
the same scores as matching first, on the seeds, plain prose and pleas for money of every shape."""

from __future__ import annotations

import itertools
from pathlib import Path

from reader_app.core.articles import cleanup
from reader_app.core.articles.cleanup import appeal_score
from reader_app.core.articles.model import word_count

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def _cues_first(text: str) -> int:
    """appeal_score as it was: the cues matched first, the reader's address asked after."""
    lowered = text.lower()
    if not any(hint in lowered for hint in cleanup._APPEAL_HINTS):
        return 0
    score = 2 * len(cleanup._APPEAL_STRONG.findall(text)) + len(cleanup._APPEAL_WEAK.findall(text))
    if not score or word_count(text) <= 12:
        return score
    return score if cleanup._YOU.search(text) and len(cleanup._ADDRESSED.findall(text)) >= 2 else 0


_PIECES = ["Please support us", "We need your help", "your support keeps our independent journalism free",
           "Donate now", "every month", "We asked the US minister to support the plan", "you", "our", "us",
           "Become a member today.", "The company said it would support the bid and subscribe to the fund.",
           "Remind me later", "Make a donation", "one-time gift", "said the chairman", "yours"]


def test_same_scores_as_matching_the_cues_first():
    blocks = [b for f in sorted(SEEDS.glob("*")) for b in f.read_text(encoding="utf-8").split("\n") if b.strip()]
    blocks += [" ".join(c) for n in (1, 2, 3) for c in itertools.permutations(_PIECES, n)]
    scored = 0
    for block in blocks:
        assert appeal_score(block) == _cues_first(block), block
        scored += appeal_score(block) > 0
    assert scored > 100  # the pleas above do score: the comparison is not between zeros
