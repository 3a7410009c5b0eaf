"""The window's story builder (a real child process) brings the stories up to date after an import from the
previous stories, with what a build from scratch gives."""

from __future__ import annotations

import shutil

from reader_app import paths
from reader_app.core import stories
from reader_app.core.library import Library
from reader_app.core.stories import build, source
from reader_app.core.stories.thresholds import NORMAL
from reader_app.ui.stories.builder import StoryBuilder
from tests.conftest import BBC, BBC_HELD_OUT


def test_after_an_import_the_builder_updates_the_stories(qtbot, bbc_stories_template, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(bbc_stories_template, data)
    app_paths = paths.resolve(data)
    library = Library(app_paths)
    library.open()
    try:
        folder = tmp_path / "new"
        folder.mkdir()
        shutil.copy(BBC / "business" / BBC_HELD_OUT.removeprefix("business-"), folder / BBC_HELD_OUT)
        library.import_paths([folder])
        assert stories.cached_stories(library) is None  # the import made the cache stale

        builder = StoryBuilder(app_paths)
        with qtbot.waitSignal(builder.finished, timeout=180000) as done:
            builder.start()
        assert done.args == [True]
        found = stories.cached_stories(library)
        assert found is not None and found.how == "update"
        full = build.build(source.records(library), NORMAL, key=found.key)
        assert [t.to_dict() for t in found.threads] == [t.to_dict() for t in full.threads]
        assert found.copies == full.copies and found.related == full.related
    finally:
        library.close()


def test_the_stories_are_built_below_the_window_s_priority(qtbot, library):
    """The build is background work: its process runs niced (NICENESS above the window's own), so on a machine
    with few cores the window's threads are not made to wait for it."""
    import os
    import time

    from reader_app.ui.stories.builder import NICENESS

    builder = StoryBuilder(library.paths)
    seen: set[int] = set()
    with qtbot.waitSignal(builder.finished, timeout=180000) as done:
        builder.start()
        pid = builder.pid
        assert pid is not None
        while builder.running:  # the builder polls from the event loop; read the child's priority meanwhile
            try:
                seen.add(os.getpriority(os.PRIO_PROCESS, pid))
            except ProcessLookupError:
                pass
            qtbot.wait(2)
            time.sleep(0.001)
    assert done.args == [True]
    assert os.getpriority(os.PRIO_PROCESS, 0) + NICENESS in seen, seen
