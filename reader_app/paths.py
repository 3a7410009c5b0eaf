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
    """The folders to use: `data_dir`, else $READER_APP_DATA_DIR, else the platform's per-user folders."""
    override = data_dir if data_dir else os.environ.get(ENV_DATA_DIR)
    if override:
        base = Path(override).expanduser().resolve()
        return AppPaths(data=base, config=base / "config", cache=base / "cache", logs=base / "logs")
    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


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
