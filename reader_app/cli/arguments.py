"""Argument types the subcommands share: a value argparse refuses as a usage error (exit status 2), in one line."""

from __future__ import annotations

import argparse


def positive_count(value: str) -> int:
    """--limit N: a whole number of 1 or more. 0 or -3 is a slip (not "none" or "all"), refused before any work."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number (1 or more), not {value!r}")
    return n
