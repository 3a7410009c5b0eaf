"""The stories' article → thread and article → copies lookups: built at once by `index()` (the window's worker
calls it), answering as the lazily built ones did."""

from __future__ import annotations

from reader_app.core.stories.model import Stories, Thread


def _stories() -> Stories:
    threads = [Thread("t1", "One", ["a", "b", "c"], ["X"], "2021", "2024"),
               Thread("t2", "Two", ["d", "e"], [], None, None)]
    return Stories("key", "normal", threads, {}, copies=[["a", "f", "g"], ["d", "h"]])


def test_index_builds_both_lookups_once_and_they_answer_as_before():
    stories = _stories()
    assert not stories.indexed
    assert stories.index() is stories and stories.indexed
    # as the lazy version defined them: every other member of the group, in the group's order
    expected = {a: [b for b in g if b != a] for g in stories.copies for a in g}
    for aid in "abcdefghz":
        assert stories.copies_of(aid) == expected.get(aid, [])
    assert stories.thread_of("c").id == "t1" and stories.thread_of("e").id == "t2"
    assert stories.thread_of("f") is None and stories.thread_of("z") is None
    assert stories.related_to("f") == []


def test_groups_are_shared_not_copied_per_member():
    stories = _stories().index()
    group = stories._group_of  # one list per group however many members it has (it was a list per member)
    assert group is not None and group["a"] is group["f"] is group["g"]


def test_the_cached_stories_are_one_object_with_the_last_stories(library):
    from reader_app.core import stories

    built = stories.stories_for(library)
    cached = stories.cached_stories(library)
    assert cached is not None and cached.threads == built.threads
    assert cached is stories.last_stories(library)  # read once per version of the cache, shared
    assert stories.cached_stories(library) is cached
