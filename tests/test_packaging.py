"""The wheel carries the seeds and resources, so an installed app finds them from any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

from tests.conftest import ROOT, SEEDS


def test_wheel_ships_seeds_and_resources(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(tmp_path.glob("reader_app-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for seed in SEEDS.iterdir():
        assert f"reader_app/seeds/{seed.name}" in names
        assert zipfile.ZipFile(wheel).read(f"reader_app/seeds/{seed.name}") == seed.read_bytes()
    assert "reader_app/resources/reader-app.svg" in names
    assert "reader_app/resources/reader-app.desktop" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "[gui_scripts]" in entry_points and "reader-app = reader_app.cli:main" in entry_points


def test_installed_command_finds_seeds_from_another_folder(tmp_path):
    """When the app is installed (as CI installs it, not editable), it runs from anywhere."""
    exe = shutil.which("reader-app", path=os.path.dirname(sys.executable))
    if exe is None:
        import pytest

        pytest.skip("reader-app is not installed into this interpreter's environment")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([exe, "--data-dir", str(tmp_path / "d"), "list", "--json"], capture_output=True, text=True,
                       cwd=tmp_path, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) == 5 and all("seeds" in row["path"] for row in rows)


def test_ci_runs_the_readme_commands_exactly():
    """`.ci/run` runs the README's test command as written: no extra step a user would not run."""
    root = ROOT
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    blocks = [b.strip() for b in readme.split("```sh")[1:]]
    commands = [b.split("```")[0].strip() for b in blocks]
    test_command = next(c for c in commands if "pytest" in c)
    ci_commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith(("#", "set ", "cd ", "export "))]
    assert ci_commands == [test_command]
    assert "--upgrade pip" not in ci


def test_declared_dependencies_cover_html_import():
    """trafilatura's jusText imports lxml.html.clean, a separate package since lxml 5.2: declared directly."""
    root = ROOT
    assert "lxml_html_clean" in (root / "pyproject.toml").read_text(encoding="utf-8")
