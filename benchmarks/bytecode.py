"""The app's modules compiled before a GUI probe runs, as `pip install .` leaves an installed app.

Without their bytecode (PYTHONDONTWRITEBYTECODE set, as on this machine, or a fresh checkout) every module
the window imports while a library opens is compiled then, in the worker: one `compile` call of 20-50 ms
holding the interpreter, and the GUI thread with it, per module. Stalls of the benchmark's making, which a
user's installed app never has. The bytecode goes to a folder of its own (sys.pycache_prefix): the checkout
is left as it was.
"""

from __future__ import annotations

import compileall
import sys
import tempfile
from pathlib import Path


def precompile(root: Path) -> None:
    """Compile root/reader_app into the benchmarks' own bytecode folder and import from there."""
    sys.pycache_prefix = str(Path(tempfile.gettempdir()) / "reader-app-benchmark-pycache")
    compileall.compile_dir(str(root / "reader_app"), quiet=1)
