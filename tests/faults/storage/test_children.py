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
