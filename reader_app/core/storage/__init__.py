"""Storage that survives crashes: whole-or-nothing files, file locks, and child processes tied to their parent."""
