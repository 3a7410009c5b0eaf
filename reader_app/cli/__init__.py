"""The command line: `reader-app` with no command opens the window; the subcommands share the core with it.

`main` is the entry point named in pyproject.toml (`reader_app.cli:main`) and run by `python -m reader_app`.
"""

from reader_app.cli.main import main

__all__ = ["main"]
