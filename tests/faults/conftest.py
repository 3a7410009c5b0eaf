"""Helpers for fault tests: synthetic article folders, read-only and tiny file systems, killing processes."""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
from pathlib import Path

import pytest

WORDS = ["river", "valley", "council", "budget", "minister", "election", "harbour", "engineers", "storm", "vaccine", "museum", "railway", "drought", "festival", "treaty", "border", "summit", "factory", "union", "court", "orchestra", "satellite"]


def make_articles(folder: Path, count: int, seed: int = 0, words: int = 300) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(count):
        body = " ".join(rng.choice(WORDS) for _ in range(words))
        (folder / f"a{i:05d}.txt").write_text(
            f"Synthetic Story Number {i} About {rng.choice(WORDS).title()}\n\n"
            f"Story {i} begins: {body}.\n\nIt ends with marker{i}.\n", encoding="utf-8")
    return folder


def _run(*cmd: str) -> bool:
    return subprocess.run(cmd, capture_output=True).returncode == 0


@contextlib.contextmanager
def read_only(folder: Path):
    """Make `folder` read-only for real: a read-only bind mount (root), the way a locked-down disk behaves."""
    if not (_run("mount", "--bind", str(folder), str(folder))
            and _run("mount", "-o", "remount,ro,bind", str(folder))):
        pytest.fail("cannot make a read-only bind mount here (these fault tests need root, as in CI)")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


@contextlib.contextmanager
def tiny_disk(folder: Path, size_kb: int):
    """A tmpfs of `size_kb` KiB mounted on `folder`: a disk that fills up."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)):
        pytest.fail("cannot mount a tmpfs here (these fault tests need root, as in CI)")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill_disk(folder: Path) -> Path:
    """Fill the disk `folder` is on to its last byte with a file `filler` in it (removed to make room again)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def count_docs(data_dir: Path) -> tuple[int, int]:
    """(documents, distinct ids) in the index, read directly."""
    from reader_app.core.index.store import ArticleIndex

    index = ArticleIndex(data_dir / "index")
    ids = [d["id"] for d in index.all_documents()]
    index.close()
    return len(ids), len(set(ids))


@pytest.fixture
def root_only():
    if os.geteuid() != 0:
        pytest.fail("fault tests mount file systems and need root (CI runs as root)")
