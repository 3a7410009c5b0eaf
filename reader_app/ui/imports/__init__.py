"""Importing articles from the window: the menu actions, drops, the watched folder and the import report."""
