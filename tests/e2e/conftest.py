"""End-to-end fixtures: a fresh Xvfb screen per test and the installed `reader-app` driven with real keys.

The app writes what it shows (window title, list rows, reader text, focus) as JSON when it gets the
test-report key and was started with READER_APP_TEST_REPORT; screenshots come from the X server itself.
The driver lives in tools/xdriver.py (the README screenshot uses it too).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tools.xdriver import RunningApp, app_env, xvfb


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _missing(message: str) -> None:
    """In CI (CI set, as .ci/run does) a missing piece fails the test; elsewhere it is skipped with the reason."""
    if _truthy("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def reader_app_command() -> str:
    """The `reader-app` installed beside this interpreter (not the checkout)."""
    exe = shutil.which("reader-app", path=os.path.dirname(sys.executable))
    if exe is None:
        _missing(f"reader-app is not installed in {sys.prefix}; run `pip install '.[test]'` in this "
                 "environment to run the end-to-end tests")
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            _missing(f"{tool} is missing; .ci/install-system-deps installs it")
    return str(exe)


@pytest.fixture
def display() -> Iterator[str]:
    try:
        with xvfb("1280x800x24") as name:
            yield name
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture
def start_app(reader_app_command, display, tmp_path) -> Iterator[Callable[..., RunningApp]]:
    """Start the installed reader-app on the test's Xvfb screen with its own data folder."""
    apps: list[RunningApp] = []

    def start(data_dir: Path | None = None) -> RunningApp:
        report = tmp_path / f"shown-{len(apps)}.json"
        app = RunningApp([reader_app_command, "--data-dir", str(data_dir or tmp_path / "data")],
                         app_env(display, report), report, cwd=tmp_path)
        apps.append(app)
        app.wait_for_window()
        return app

    yield start
    for app in apps:
        app.stop()
