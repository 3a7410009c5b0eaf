"""Start a virtual X screen on a free display number (Xvfb reports the number it took via -displayfd)."""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import time
from collections.abc import Iterator


@contextlib.contextmanager
def xvfb(size: str = "1400x900x24") -> Iterator[str]:
    """Yield a DISPLAY value (":N") for a new Xvfb screen, stopped on exit."""
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
