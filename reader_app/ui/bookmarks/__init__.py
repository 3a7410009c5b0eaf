"""Bookmarks in the window: the feature, its pane, model, delegate, popup, undo commands and reader highlights."""
