"""The Qt shell over reader_app.core.library, one package per feature.

  app.py      the composition root: the QApplication, the main window and the features built on it
  window/     the main window, menus, status bar, dialogs, the library controller and worker, and the Shell
              interface (window/shell.py) every feature uses instead of the window class
  articles/   the article list: rows, model, order, delegate, header and the pane holding them
  reader/     the reader view, its HTML, find in article and the find bar
  search/     the search box and its completions
  bookmarks/  details/  imports/  stories/  entities/   the features, each given the Shell and its services
  text.py, theme.py, timer.py, row_painting.py   small helpers every package shares

Dependencies run one way: app -> features -> window -> articles, reader, search -> the shared helpers.
"""
