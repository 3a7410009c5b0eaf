"""The name finder's faster paths give what the plain ones gave, token for token and name for name."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader_app.core.entities import builtin
from tests.conftest import SEEDS
from tests.core.entities.test_entities import BBC

# The pattern the tokenizer had: it backed up at the end of every word
_PLAIN_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.&-]*\w)?|\d[\w,.]*|[^\w\s]")


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    texts += [p.read_text(encoding="utf-8") for p in sorted(BBC.rglob("*.txt"))[::10]]
    return texts


def test_tokens_are_the_plain_patterns_on_real_text():
    texts = _texts()
    assert len(texts) > 5
    for text in texts:
        for para in text.split("\n"):
            assert builtin._TOKEN.findall(para) == _PLAIN_TOKEN.findall(para)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZé_9 '’.&-,/\tİ日", max_size=40))
def test_tokens_are_the_plain_patterns_on_any_mix_of_marks(text):
    assert builtin._TOKEN.findall(text) == _PLAIN_TOKEN.findall(text)
