"""The core library: articles, cleanup, the index, bookmarks. No Qt import anywhere in here."""
