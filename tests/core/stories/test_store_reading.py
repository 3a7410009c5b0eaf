"""The stories cache read a line at a time (core/stories/store.py) and the cache key (build.library_key):
what is read back equals what was saved, a damaged or older cache is never misread, and the key names the
set of articles whatever order they come in."""

from __future__ import annotations

from reader_app.core.stories import build, store
from reader_app.core.stories.model import Stories, StoryArticle, Thread


def _stories(n: int) -> Stories:
    articles = {f"{i:012x}": StoryArticle(f"{i:012x}", f"Заголовок «{i}» — headline {i}", "The Outlet" if i % 3 else None,
                                          f"2021-04-{1 + i % 28:02d}" if i % 5 else None, f"{i:020x}")
                for i in range(n)}
    ids = sorted(articles)
    threads = [Thread(id=f"t{k}", title=f"Thread {k}", articles=ids[k:k + 4], outlets=["The Outlet"], first="2021",
                      last="2021", events=[ids[k:k + 2], ids[k + 2:k + 4]], duplicates=[ids[k:k + 2]])
               for k in range(0, n - 4, 7)]
    related = {a: [(b, 0.5), (c, 0.25)] for a, b, c in zip(ids, ids[1:], ids[2:])}
    return Stories(key="k" * 40, setting="normal", threads=threads, articles=articles,
                   copies=[ids[k:k + 3] for k in range(0, n - 3, 11)], related=related, seconds=1.5, how="update")


def _same(a: Stories, b: Stories) -> None:
    assert (a.key, a.setting, a.seconds, a.how) == (b.key, b.setting, b.seconds, b.how)
    assert a.articles == b.articles
    assert [t.to_dict() for t in a.threads] == [t.to_dict() for t in b.threads]
    assert a.copies == b.copies
    assert a.related == b.related


def test_a_saved_cache_reads_back_equal_line_by_line(tmp_path):
    path = tmp_path / "stories.json"
    saved = _stories(3000)
    store.save(path, saved)
    _same(store.load(path), saved)
    assert store.load(path, key="k" * 40) is not None and store.load(path, key="other") is None
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # the last line without its newline
    _same(store.load(path), saved)


def test_a_damaged_or_older_cache_is_never_misread(tmp_path):
    path = tmp_path / "stories.json"
    store.save(path, _stories(50))
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(lines[:10] + [b'["a","x",\xff\xfe]'] + lines[10:]))  # a line that is not UTF-8
    assert store.load(path) is None
    path.write_bytes(b"\n".join(lines[:10] + [b'["t",{"id":'] + lines[10:]))  # a line cut short
    assert store.load(path) is None
    older = lines[0].replace(b'"format":%d' % store.FORMAT, b'"format":%d' % (store.FORMAT - 1))
    path.write_bytes(b"\n".join([older] + lines[1:]))
    assert store.load(path) is None
    path.write_bytes(b"")
    assert store.load(path) is None


def test_the_key_names_the_set_of_articles_in_any_order():
    pairs = [(f"{i:012x}", f"{i * 7:020x}") for i in range(500)]
    key = build.library_key(pairs, "normal")
    assert build.library_key(list(reversed(pairs)), "normal") == key
    assert build.library_key(iter(sorted(pairs, key=lambda p: p[1][::-1])), "normal") == key
    assert build.library_key(pairs, "tight") != key
    assert build.library_key(pairs[:-1], "normal") != key  # one article fewer
    assert build.library_key(pairs + [("f" * 12, "0" * 20)], "normal") != key  # one more
    changed = pairs[:3] + [(pairs[3][0], "1" * 20)] + pairs[4:]
    assert build.library_key(changed, "normal") != key  # one text changed
    swapped = [(a, h) for (a, _), (_, h) in zip(pairs, pairs[1:] + pairs[:1])]
    assert build.library_key(swapped, "normal") != key  # the same ids and hashes, paired otherwise
    assert build.library_key([], "normal") != build.library_key([], "tight")


def test_a_cache_cut_at_any_line_boundary_is_not_read(tmp_path):
    path = tmp_path / "stories.json"
    store.save(path, _stories(40))
    lines = path.read_bytes().splitlines(keepends=True)
    for keep in range(1, len(lines)):
        path.write_bytes(b"".join(lines[:keep]))
        assert store.load(path) is None, keep
    path.write_bytes(b"".join(lines + lines[1:2]))  # a line after the end
    assert store.load(path) is None
