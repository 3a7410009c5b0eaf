"""The README screenshots, taken from the real app on a virtual X screen.

    python tools/screenshot.py [--query troops] [--corpus DIR] [--out docs]

Starts the app from this checkout with a fresh data folder (the shipped seeds, plus DIR when given), types
the query with real key events, opens the first hit (terms marked in the list and the article) and saves
docs/screenshot.png; then switches to the dark theme and saves docs/screenshot-dark.png.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.xdriver import RunningApp, app_env, xvfb  # noqa: E402

SIZE = (1280, 800)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--query", default="troops")
    parser.add_argument("--corpus", type=Path, help="import this folder of articles before the screenshot")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="reader-app-shot-") as tmp, xvfb(f"{SIZE[0]}x{SIZE[1]}x24") as display:
        work = Path(tmp)
        data = work / "data"
        cli = [sys.executable, "-m", "reader_app", "--data-dir", str(data)]
        env = app_env(display, work / "shown.json")
        env["PYTHONPATH"] = str(ROOT)
        subprocess.run([*cli, "index"], env=env, check=True, capture_output=True)
        if args.corpus:
            subprocess.run([*cli, "import", str(args.corpus)], env=env, check=True, capture_output=True)
        app = RunningApp(cli, env, work / "shown.json", cwd=work)
        try:
            window = app.wait_for_window()
            app.xdotool("windowmove", window, "0", "0")
            app.xdotool("windowsize", "--sync", window, str(SIZE[0]), str(SIZE[1]))
            app.wait_until(lambda s: bool(s["rows"]), "the article list")
            app.key("ctrl+k")
            app.type(args.query)
            app.wait_until(lambda s: s["count"].endswith(("result", "results")), "search results")
            app.key("Return")
            app.wait_until(lambda s: s["article_id"] is not None, "the first hit open")
            app.key("ctrl+2")  # focus on the reader, as when reading
            app.xdotool("mousemove", "--window", window, str(SIZE[0] - 5), str(SIZE[1] - 5))
            time.sleep(0.6)
            app.screenshot(args.out / "screenshot.png", window_only=True)
            app.key("ctrl+shift+d")
            app.wait_until(lambda s: s["theme"] == "dark", "the dark theme")
            time.sleep(0.6)
            app.screenshot(args.out / "screenshot-dark.png", window_only=True)
            app.key("ctrl+shift+d", "ctrl+q")
            app.proc.wait(timeout=30)
        finally:
            app.stop()
    print(f"wrote {args.out / 'screenshot.png'} and {args.out / 'screenshot-dark.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
