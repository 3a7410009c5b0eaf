"""Child processes that never outlive the app, however it ends (a crash, an out-of-memory kill, `kill -9`).

Every child is tied to its parent twice:

- on Linux the kernel sends it SIGKILL when the parent dies (`prctl(PR_SET_PDEATHSIG)`);
- it watches a lifeline: a pipe whose only write end the parent holds. When the parent dies the kernel closes
  that end, the child's watchdog thread reads end-of-file and the child exits at once. This works wherever
  `prctl` does not exist, and covers the moment before `prctl` took effect.

`Child` starts a function in a fresh interpreter (never forked: the window's process has threads and a large
heap) and talks to it over one duplex connection that pickles messages, with no multiprocessing queues,
semaphores or resource tracker, which would need a process of their own that outlives a killed parent.
`bind_forked(lifeline)` ties a child that a library forks for us (Whoosh's multiprocess writer) the same way.

Children must be started from the thread that waits for them: the kernel's death signal follows the thread
that created the child, not the whole process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
ORPHANED_EXIT = 70  # the exit status of a child whose parent went away

# Write ends of the lifelines this process holds: a forked child closes every copy it inherited, or it would
# keep its own lifeline (and its siblings') open after the parent died.
_held: set[int] = set()
_held_lock = threading.Lock()


class Lifeline:
    """A pipe whose write end only this process holds; a child watching the read end sees its end-of-file
    when this process dies (or `cut()` is called)."""

    def __init__(self) -> None:
        self.read_fd, self.write_fd = os.pipe()  # both close-on-exec: no other program inherits them
        with _held_lock:
            _held.add(self.write_fd)

    def handed_over(self) -> None:
        """The child has its copy of the read end: ours is no longer needed."""
        if self.read_fd >= 0:
            os.close(self.read_fd)
            self.read_fd = -1

    def cut(self) -> None:
        """Let go of the child: it exits as if this process had died."""
        self.handed_over()
        with _held_lock:
            _held.discard(self.write_fd)
        if self.write_fd >= 0:
            os.close(self.write_fd)
            self.write_fd = -1


def _die_with_parent() -> None:
    """Ask the Linux kernel for SIGKILL when the parent dies; elsewhere the lifeline alone does it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _watch(read_fd: int) -> None:
    """Block on the lifeline; end-of-file (or any error) means the parent is gone: leave without cleanup,
    as nothing this process holds will ever be committed."""
    try:
        while os.read(read_fd, 1):
            pass
    except OSError:
        pass
    os._exit(ORPHANED_EXIT)


def bind_to_parent(read_fd: int, parent: int) -> None:
    """In a child: die with `parent` (its pid), now and whenever it goes."""
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the death signal was asked for
        os._exit(ORPHANED_EXIT)
    threading.Thread(target=_watch, args=(read_fd,), name="lifeline", daemon=True).start()


def bind_forked(lifeline: Lifeline, parent: int) -> None:
    """In a child forked from `parent`: close every lifeline write end inherited with the fork, then watch
    our own lifeline."""
    with _held_lock:
        for fd in list(_held):
            try:
                os.close(fd)
            except OSError:
                pass
        _held.clear()
    bind_to_parent(lifeline.read_fd, parent)


# The child's first lines, run by a fresh interpreter: the parent's import path first (so the child finds
# the same reader_app, installed or not), then the child's main.
_BOOT = "import sys, json; sys.path[:0] = json.loads(sys.argv[1]); from reader_app.core.storage.children import _child_main; _child_main()"


class Child:
    """`target(conn, *args)` running in a fresh Python process bound to this one.

    `conn` is the child's end of a duplex connection whose other end is `self.conn` here (`send`, `recv`,
    `poll` of pickled objects; `recv` raises EOFError once the other side is gone). `target` must be a
    module-level function, as it travels by name.
    """

    def __init__(self, target: Callable[..., Any], *args: Any, name: str = "reader-app worker"):
        self.target, self.args, self.name = target, args, name
        self.conn: Connection | None = None
        self.proc: subprocess.Popen | None = None
        self.lifeline: Lifeline | None = None

    def start(self) -> None:
        ours, theirs = socket.socketpair()
        self.lifeline = Lifeline()
        try:
            argv = [sys.executable, "-c", _BOOT, json.dumps([p for p in sys.path if p]),
                    str(theirs.fileno()), str(self.lifeline.read_fd), str(os.getpid())]
            # A session of its own: Ctrl+C in a terminal interrupts the terminal's process group, and a child
            # still starting Python printed its KeyboardInterrupt traceback under the import's one-line message.
            # This process ends its children (the lifeline; stop messages), never the terminal.
            self.proc = subprocess.Popen(argv, pass_fds=(theirs.fileno(), self.lifeline.read_fd),
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        except BaseException:
            ours.close()
            self.lifeline.cut()
            raise
        finally:
            theirs.close()
            if self.lifeline.read_fd >= 0:
                self.lifeline.handed_over()
        self.conn = Connection(ours.detach())
        self.conn.send((self.target, self.args))

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    @property
    def exitcode(self) -> int | None:
        return self.proc.poll() if self.proc else None

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the child to end; True if it did."""
        if self.proc is None:
            return True
        if timeout is not None and self.proc.returncode is None and hasattr(os, "pidfd_open"):
            # Popen.wait(timeout) polls with sleeps growing to 50 ms; a pidfd wakes us the moment it ends.
            try:
                fd = os.pidfd_open(self.proc.pid)
            except OSError:
                pass
            else:
                try:
                    if not select.select([fd], [], [], timeout)[0]:
                        return False
                finally:
                    os.close(fd)
                timeout = None  # it has ended: the wait below only reaps it
        try:
            self.proc.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def close(self, timeout: float = 5.0) -> None:
        """Let the child go: cut its lifeline (it exits), wait a little, kill it if it is still there."""
        if self.lifeline is not None:
            self.lifeline.cut()
        if self.proc is not None and not self.join(timeout):
            self.proc.kill()
            self.proc.wait()
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class NoAnswer(Exception):
    """A child asked with `ask` gave no answer (it could not start, or ended first)."""


def ask(target: Callable[..., Any], *args: Any, name: str) -> Any:
    """Run `target(conn, *args)` in a Child and wait for the one thing it sends back (waiting on the pipe holds
    no interpreter); the child is let go after. NoAnswer when it could not start or ended without answering."""
    child = Child(target, *args, name=name)
    try:
        child.start()
        assert child.conn is not None
        return child.conn.recv()
    except (OSError, EOFError, ValueError, TypeError) as exc:
        raise NoAnswer(f"{name}: {exc or type(exc).__name__}") from exc
    finally:
        child.close()


BACKGROUND_NICENESS = 10


def background() -> None:
    """In a child doing work nobody waits for at the screen (the window's table of names, its files checked):
    a lower CPU priority, so that on a busy machine the window's GUI thread gets a core before this process.
    Measured at 100,565 articles on two cores shared with other work: the window's heartbeat was late by up to
    80 ms while its worker only waited for such a child."""
    try:
        os.nice(BACKGROUND_NICENESS)
    except (OSError, AttributeError):  # not allowed, or no such call here: it runs as it is
        pass


def _child_main() -> None:
    """A Child's process: bind to the parent, receive the target and run it."""
    from reader_app.core.storage.timeline import mark

    mark("child boot")
    conn_fd, lifeline_fd, parent = (int(a) for a in sys.argv[2:5])
    bind_to_parent(lifeline_fd, parent)
    conn = Connection(conn_fd)
    try:
        target, args = conn.recv()
    except EOFError:
        os._exit(ORPHANED_EXIT)
    target(conn, *args)
