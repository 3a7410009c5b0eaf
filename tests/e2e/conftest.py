"""End-to-end fixtures: a fresh Xvfb screen per test and the installed `reader-app` driven with real keys.

The app writes what it shows (window title, list rows, reader text, focus) as JSON when it gets the
test-report key and was started with READER_APP_TEST_REPORT; screenshots come from the X server itself.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPORT_KEY = "ctrl+shift+F12"  # reader_app.ui.probes.TEST_REPORT_KEY, as xdotool spells it


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture
def reader_app_command() -> str:
    """The `reader-app` installed beside this interpreter. In CI (CI set) a missing command fails the test;
    elsewhere (a development venv without the package installed) the test is skipped with the reason."""
    exe = shutil.which("reader-app", path=os.path.dirname(sys.executable))
    if exe is None:
        message = (f"reader-app is not installed in {sys.prefix}; run `pip install '.[test]'` in this "
                   "environment to run the end-to-end tests")
        if _truthy("CI"):
            pytest.fail(message)
        pytest.skip(message)
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            message = f"{tool} is missing; .ci/install-system-deps installs it"
            if _truthy("CI"):
                pytest.fail(message)
            pytest.skip(message)
    return exe


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A new X screen on a free display number (Xvfb picks it and reports it through -displayfd)."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 30
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_fd], [], [], 1.0)
        if ready:
            chunk = os.read(read_fd, 64)
            if not chunk:
                break
            number += chunk
    os.close(read_fd)
    if not number.strip().isdigit():
        proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"Xvfb did not start: {err.decode(errors='replace')[-500:]}")
    yield f":{number.decode().strip()}"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


class RunningApp:
    """The app as a person sees it: a window found by title, keys typed with xdotool, a JSON report of
    what is on screen, and screenshots of the X screen."""

    def __init__(self, proc: subprocess.Popen, display: str, report: Path, env: dict[str, str]):
        self.proc = proc
        self.display = display
        self.report_path = report
        self.env = env
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

    def screenshot(self, path: Path) -> Path:
        subprocess.run(["import", "-window", "root", str(path)], check=True, env=self.env, timeout=30)
        return path

    def output(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        out, _ = self.proc.communicate(timeout=10)
        return (out or "")[-2000:]


@pytest.fixture
def start_app(reader_app_command, xvfb, tmp_path) -> Iterator[Callable[..., RunningApp]]:
    """Start the installed reader-app on the test's Xvfb screen with its own data folder."""
    exe = reader_app_command
    apps: list[RunningApp] = []

    def start(data_dir: Path | None = None) -> RunningApp:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        report = tmp_path / f"shown-{len(apps)}.json"
        env.update(DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", READER_APP_TEST_REPORT=str(report))
        proc = subprocess.Popen([exe, "--data-dir", str(data_dir or tmp_path / "data")], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        app = RunningApp(proc, xvfb, report, env)
        apps.append(app)
        app.wait_for_window()
        return app

    yield start
    for app in apps:
        if app.proc.poll() is None:
            app.proc.terminate()
            try:
                app.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                app.proc.kill()
                app.proc.wait(timeout=10)
