"""The reader pane's tests: a real ReaderView, shown offscreen at 800x600."""

from __future__ import annotations

import pytest

from reader_app.ui.reader.view import ReaderView


@pytest.fixture
def reader(qtbot):
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    return view
