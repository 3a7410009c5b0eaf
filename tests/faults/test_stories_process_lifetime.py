"""Issue #20 for the stories build: the child process the window starts to build the stories dies with the
window's process, however that ends (here SIGKILL while the build runs), and does not run on to the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT, run_cli
from tests.faults.lifetime import describe, make_corpus, marked, new_mark, wait_for

GONE_WITHIN = 5.0  # seconds

# The window's side of a build, without the window: a Qt event loop, a StoryBuilder, a build started; the
# builder's child pid on stdout once it runs.
PARENT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from reader_app import paths
    from reader_app.ui.stories.builder import StoryBuilder

    app = QCoreApplication([])
    builder = StoryBuilder(paths.resolve(sys.argv[1]))
    builder.start()
    print(builder.pid, flush=True)
    app.exec()
""")


def test_a_killed_window_leaves_no_stories_build_behind(tmp_path: Path):
    data, env = tmp_path / "data", new_mark()
    corpus = make_corpus(tmp_path / "corpus", 2000)  # the build runs for longer than GONE_WITHIN
    r = run_cli("import", str(corpus), data_dir=data)
    assert r.returncode == 0, r.stderr
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(data)], cwd=ROOT, stdout=subprocess.PIPE,
                              env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", **env))
    child = int(parent.stdout.readline())  # type: ignore[union-attr]
    assert wait_for(lambda: child in marked(env), 30)  # the build runs
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()  # type: ignore[union-attr]
    left = wait_for(lambda: not marked(env), GONE_WITHIN)
    assert left, f"still running {GONE_WITHIN} s after the kill: {describe(marked(env))}"
    # it died with its parent rather than running on to the end (a build of these takes over a second)
    assert not (data / "stories.json").exists()
