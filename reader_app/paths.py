"""Every per-user folder the app uses, from platformdirs, with a --data-dir / READER_APP_DATA_DIR override.

This is the only module that calls platformdirs. Nothing is ever written into the installed package or
into the shipped seeds folder: all state lives under the folders named here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader_app import APP_NAME

ENV_DATA_DIR = "READER_APP_DATA_DIR"

# Folders that belong to the system: never a data folder, nor anything inside the ones in _SYSTEM_TREES
# (the app would scatter index/, logs/ and articles/ among the system's own files).
_SYSTEM_FOLDERS = frozenset({
    "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt",
    "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var", "/var/tmp", "/var/lib",
    "/var/log", "/var/cache", "/snap",
})
_SYSTEM_TREES = ("/bin/", "/boot/", "/dev/", "/etc/", "/lib/", "/lib32/", "/lib64/", "/proc/", "/sbin/", "/sys/",
                 "/usr/")


class DataFolderError(ValueError):
    """The data folder asked for cannot be used; str() is one line for the user."""


class EmptyDataFolder(DataFolderError):
    """`--data-dir ""` or READER_APP_DATA_DIR set to "": a slip (an unset shell variable, say), never taken to
    mean the per-user folders."""


@dataclass(frozen=True)
class AppPaths:
    """Where one user's index, bookmarks, imported articles, settings, cache and logs live."""

    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def index(self) -> Path:
        return self.data / "index"

    @property
    def library(self) -> Path:
        """Copies of imported articles, so the library survives the originals moving away."""
        return self.data / "articles"

    @property
    def bookmarks_db(self) -> Path:
        return self.data / "bookmarks.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.logs / "reader-app.log"

    @property
    def lock_file(self) -> Path:
        return self.data / "instance.lock"


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The folders to use: `data_dir`, else $READER_APP_DATA_DIR, else the platform's per-user folders.
    An empty `data_dir` or an empty (but set) $READER_APP_DATA_DIR is an EmptyDataFolder error."""
    if data_dir is not None and not os.fspath(data_dir):
        raise EmptyDataFolder("--data-dir needs a folder (it was empty)")
    if data_dir is None and os.environ.get(ENV_DATA_DIR) == "":
        raise EmptyDataFolder(f"{ENV_DATA_DIR} is set but empty: name a folder or unset it")
    override = data_dir if data_dir else os.environ.get(ENV_DATA_DIR)
    if override:
        base = _checked(override)
        return AppPaths(data=base, config=base / "config", cache=base / "cache", logs=base / "logs")
    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def _checked(override: str | os.PathLike[str]) -> Path:
    """`override` as an absolute folder the app may own; DataFolderError says why not."""
    shown = os.fsdecode(override)
    try:
        base = Path(override).expanduser().resolve()
    except (OSError, RuntimeError) as exc:  # a link loop (RuntimeError before Python 3.13), a name too long
        reason = "its links form a loop" if "loop" in str(exc).lower() else (
            getattr(exc, "strerror", None) or str(exc)).lower()
        raise DataFolderError(f"the data folder {shown} cannot be used: {reason}")
    text = str(base)
    homes = {str(Path(h).resolve()) for h in (os.path.expanduser("~"), "/root") if h}
    if text in _SYSTEM_FOLDERS or text in homes or text.startswith(_SYSTEM_TREES):
        what = "your home folder" if text in homes else "a system folder"
        raise DataFolderError(f"the data folder {shown} is {what}; choose a folder of its own (for example "
                              f"{Path(text if text in homes else '~') / 'reader-app-data'})")
    if base.exists() and not base.is_dir():
        raise DataFolderError(f"the data folder {shown} is not a folder")
    return base


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def seeds_dir() -> Path:
    """The shipped seed articles: inside the installed package, or the top-level seeds/ of a checkout."""
    for candidate in (_package_dir() / "seeds", _package_dir().parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return _package_dir() / "seeds"


def resources_dir() -> Path:
    """Icons, the .desktop file and stylesheets, wherever the package was installed from."""
    for candidate in (_package_dir() / "resources", _package_dir().parent / "resources"):
        if candidate.is_dir():
            return candidate
    return _package_dir() / "resources"
