"""copy_private: a copy readable by its owner alone from the moment it exists, whatever the umask."""

from __future__ import annotations

import os

from reader_app.core.storage.files import copy_plain, copy_private


def test_copies_are_the_owners_alone_whatever_the_umask_and_whatever_was_there(tmp_path):
    src = tmp_path / "src"
    src.write_bytes(b"private" * 100)
    src.chmod(0o600)
    old = os.umask(0)
    try:
        copy_private(src, tmp_path / "new")
        (tmp_path / "old").write_bytes(b"x")
        (tmp_path / "old").chmod(0o644)
        copy_private(src, tmp_path / "old")
        assert copy_plain(src, tmp_path / "plain")
    finally:
        os.umask(old)
    for name in ("new", "old", "plain"):
        assert (tmp_path / name).read_bytes() == src.read_bytes()
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
