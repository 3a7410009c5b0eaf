"""Lines of JSON parsed a piece at a time give what a parse of each line gives, damaged lines included."""

from __future__ import annotations

import json

import pytest

from reader_app.core.storage.json_pieces import loads_lines


def test_pieces_give_each_line_s_value_in_order():
    values = [[f"id{i}", {"file": f"f{i}.txt", "n": i, "t": "“é”"}] for i in range(1234)] + [None, 3, "x"]
    lines = [json.dumps(v, ensure_ascii=False) for v in values]
    lines.insert(7, "")  # blank lines are skipped
    assert list(loads_lines(lines, piece=100)) == values
    assert list(loads_lines(lines)) == values
    assert list(loads_lines([])) == []


def test_a_damaged_line_raises_as_alone_and_two_values_on_a_line_are_not_taken_for_two_lines():
    good = [json.dumps([i]) for i in range(10)]
    with pytest.raises(ValueError):
        list(loads_lines([*good[:5], '["broken', *good[5:]], piece=4))
    with pytest.raises(ValueError):
        list(loads_lines([*good[:5], "[1], [2]", *good[5:]], piece=4))
    with pytest.raises(ValueError):
        list(loads_lines(["[" * 100000], piece=4))  # nested too deep: a ValueError like any bad JSON


def test_lines_split_a_block_at_a_time_are_those_of_one_split():
    from reader_app.core.storage.json_pieces import split_lines

    text = "".join(f'["id{i}", {{"file": "f{i}.txt", "t": "“é”\\u2028"}}]\n' for i in range(300))
    for sample in (text, text + "tail without newline", "\r\n\n\r\na\rb\n", "", "\n", "x"):
        for block in (1, 2, 3, 7, 64, 10_000):
            assert split_lines(sample, block) == sample.splitlines()
