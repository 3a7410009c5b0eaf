"""`python -m reader_app` runs the same entry point as the `reader-app` command."""

import sys

from reader_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
