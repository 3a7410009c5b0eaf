"""Driving the real app on a virtual X screen: Xvfb on a free display, the app as a process, keys typed
with xdotool, and the app's own report of what it shows (READER_APP_TEST_REPORT, see reader_app/ui/probes.py).

Used by the end-to-end tests, the README screenshot and the start-up benchmark.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPORT_KEY = "ctrl+shift+F12"  # reader_app.ui.probes.TEST_REPORT_KEY, as xdotool spells it


@contextlib.contextmanager
def xvfb(size: str = "1400x900x24") -> Iterator[str]:
    """Yield a DISPLAY value (":N") for a new Xvfb screen (Xvfb picks a free number and reports it through
    -displayfd), stopped on exit."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 30
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        if select.select([read_fd], [], [], 1.0)[0]:
            chunk = os.read(read_fd, 64)
            if not chunk:
                break
            number += chunk
    os.close(read_fd)
    try:
        if not number.strip().isdigit():
            raise RuntimeError("Xvfb did not start (is it installed? .ci/install-system-deps installs it)")
        yield f":{number.decode().strip()}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def app_env(display: str, report: Path | None = None) -> dict[str, str]:
    """The environment for the app on `display`: xcb, and no PYTHONPATH unless the caller adds one."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    if report is not None:
        env["READER_APP_TEST_REPORT"] = str(report)
    return env


class RunningApp:
    """The app as a person sees it: a window found by its title, keys typed with xdotool, the app's JSON
    report of what is on screen, and screenshots taken from the X server."""

    def __init__(self, cmd: list[str], env: dict[str, str], report: Path, cwd: Path | None = None):
        self.env = env
        self.report_path = report
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        self.window = ""

    def xdotool(self, *args: str, timeout: float = 20) -> str:
        r = subprocess.run(["xdotool", *args], capture_output=True, text=True, env=self.env, timeout=timeout)
        return r.stdout.strip()

    def wait_for_window(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"reader-app exited with {self.proc.returncode}: {self.output()}")
            found = self.xdotool("search", "--onlyvisible", "--name", "reader-app").split()
            if found:
                self.window = found[0]
                # No window manager on Xvfb: give the window the keyboard focus and the pointer ourselves.
                self.xdotool("windowfocus", "--sync", self.window)
                self.xdotool("mousemove", "--window", self.window, "600", "500")
                return self.window
            time.sleep(0.2)
        raise AssertionError("the reader-app window did not appear")

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--clearmodifiers", "--delay", "40", *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "60", text)

    def snapshot(self) -> dict:
        """Ask the app for what it shows now (it writes the report when it gets the report key)."""
        self.report_path.unlink(missing_ok=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            self.key(REPORT_KEY)
            for _ in range(20):
                if self.report_path.exists():
                    return json.loads(self.report_path.read_text(encoding="utf-8"))
                time.sleep(0.05)
        raise AssertionError(f"the app wrote no report; it said: {self.output()}")

    def wait_until(self, check: Callable[[dict], bool], what: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        shown: dict = {}
        while time.monotonic() < deadline:
            shown = self.snapshot()
            if check(shown):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"never saw {what}; last report: {json.dumps(shown, ensure_ascii=False)[:1500]}")

    def screenshot(self, path: Path, window_only: bool = False) -> Path:
        target = self.window if window_only and self.window else "root"
        subprocess.run(["import", "-window", target, str(path)], check=True, env=self.env, timeout=30)
        return path

    def output(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        out, _ = self.proc.communicate(timeout=10)
        return (out or "")[-2000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
