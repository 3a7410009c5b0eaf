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


def test_bytes_decoded_a_block_at_a_time_give_the_first_line_and_the_rest_s_lines_as_one_decode():
    """The manifest and the index's saved view are decoded a block at a time (one decode of 24 MB held the
    interpreter ~30 ms, the window's GUI thread waiting): the same header and lines as decoding it whole."""
    from reader_app.core.storage.json_pieces import head_and_lines

    body = "".join(f'["id{i}", {{"file": "f{i}.txt", "t": "“é” \\u2028 ✓"}}]\r\n\u2028\x85\n' for i in range(300))
    for text in ('{"head": 1}\n' + body, '{"head": 1}\n' + body + "no newline", "\ufeff{}\nx\n", "only a head", "",
                 "\n", "\n\n", "é\nç", "{}\n\r\n\n\r\na\rb\n", "x"):
        first, _, rest = text.partition("\n")
        for block in (1, 2, 3, 7, 64, 10_000, 1 << 20):
            assert head_and_lines(text.encode("utf-8"), block) == (first, rest.splitlines()), (text[:20], block)
    for bad in (b'{"head": 1}\n["ok"]\n["\xff"]\n', b"\xc3\n[]", b'{}\n["\xe2\x9c"]'):  # not UTF-8 anywhere
        with pytest.raises(UnicodeDecodeError):
            head_and_lines(bad, 4)
