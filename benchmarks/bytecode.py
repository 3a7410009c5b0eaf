"""The app's modules compiled before a GUI probe runs, as `pip install .` leaves an installed app.

Without their bytecode (PYTHONDONTWRITEBYTECODE set, as on this machine, or a fresh checkout) every module
the window imports while a library opens is compiled then, in the worker: one `compile` call of 20-50 ms
holding the interpreter, and the GUI thread with it, per module. Stalls of the benchmark's making, which a
user's installed app never has. The bytecode is written where Python keeps it (the checkout's `__pycache__`
folders, which git ignores), and this process may read it; installed packages keep the bytecode pip wrote.
"""

from __future__ import annotations

import compileall
import sys
from pathlib import Path


def precompile(root: Path) -> None:
    """Compile root/reader_app in place (up-to-date files are left alone) and let this process use it."""
    sys.dont_write_bytecode = False
    compileall.compile_dir(str(root / "reader_app"), quiet=1)
