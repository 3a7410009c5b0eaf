"""core.children: the lifeline alone ends a child (as where prctl does not exist), a forked child lets go of
the lifeline copies it inherited, and a Child talks over its connection."""

from __future__ import annotations

import multiprocessing
import os
import time

from reader_app.core.storage.children import ORPHANED_EXIT, Child, Lifeline, bind_forked


def _echo(conn, prefix: str) -> None:
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        conn.send(prefix + message)


def _sleep(conn) -> None:
    time.sleep(600)


def test_a_child_runs_its_target_with_its_arguments_and_talks_back():
    child = Child(_echo, "got ")
    child.start()
    try:
        child.conn.send("this")
        assert child.conn.recv() == "got this"
        assert child.pid != os.getpid()
    finally:
        child.close()
    assert child.exitcode is not None


def test_a_child_ends_when_its_lifeline_ends_even_with_the_parent_alive():
    child = Child(_sleep)
    child.start()
    try:
        child.conn.send("ping")  # it is running its target, which never reads
        child.lifeline.cut()  # what the kernel does to the write end when this process dies
        assert child.join(5)
        assert child.exitcode == ORPHANED_EXIT
    finally:
        child.close()


def _forked(lifeline: Lifeline, parent: int) -> None:
    bind_forked(lifeline, parent)
    time.sleep(600)


def test_a_forked_child_closes_the_lifeline_copies_it_inherited():
    others = Lifeline()  # another child's, held by this process when the fork happens
    own = Lifeline()
    p = multiprocessing.get_context("fork").Process(target=_forked, args=(own, os.getpid()), daemon=True)
    p.start()
    own.handed_over()
    try:
        own.cut()  # had the child kept its inherited copy of the write end, it would never see the end
        p.join(5)
        assert p.exitcode == ORPHANED_EXIT
    finally:
        if p.is_alive():
            p.kill()
        others.cut()


_INTERRUPTED = """
import os, signal, sys, time
sys.path[:0] = [{root!r}]
from reader_app.core.storage.children import Child
from tests.faults.storage.test_children import _sleep
child = Child(_sleep)
child.start()
time.sleep(0.02)  # the child is still starting Python: where a Ctrl+C printed its traceback
try:
    os.killpg(0, signal.SIGINT)  # what Ctrl+C in a terminal does: the whole foreground process group
    time.sleep(5)
except KeyboardInterrupt:
    print("interrupted", os.getpgid(child.pid) != os.getpgid(0), flush=True)
    child.close()
"""


def test_ctrl_c_in_a_terminal_reaches_the_parent_not_its_children():
    """A child is in a session of its own: a Ctrl+C (SIGINT to the terminal's process group) interrupts the
    parent, which ends its children itself; the children print no KeyboardInterrupt traceback (a trial's
    early Ctrl+C of an import printed two or three from workers still starting Python)."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import ctrl_c_default

    root = str(Path(__file__).resolve().parents[3])
    for _ in range(3):
        r = subprocess.run([sys.executable, "-c", _INTERRUPTED.format(root=root)], capture_output=True, text=True,
                           timeout=60, start_new_session=True,  # its own group, so that pytest is not interrupted
                           preexec_fn=ctrl_c_default)
        assert r.stdout.strip() == "interrupted True", (r.stdout, r.stderr)
        assert "Traceback" not in r.stderr and "KeyboardInterrupt" not in r.stderr, r.stderr
