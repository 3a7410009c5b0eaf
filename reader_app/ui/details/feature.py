"""Correcting an article's details from the window, and the outlet asked for before an import.

Edit › Article Details… (Ctrl+E, or a right-click on a row of the list) opens a small dialog with the
article's title, outlet, byline, date and web address. Each field is checked as it is typed with the
core's own rules (core/details.py), so what the dialog accepts the core keeps. Saving indexes the article
again, on the window's worker; the list and the open article then show the new details.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reader_app.ui.articles.list_view import ArticleListModel
from reader_app.ui.articles.row import UNKNOWN_OUTLET
from reader_app.ui.text import label

if TYPE_CHECKING:
    from reader_app.core.articles.model import Article
    from reader_app.ui.window.shell import Shell

FIELD_LABELS = (("title", "&Headline"), ("outlet", "&Outlet"), ("byline", "&Byline"), ("date", "&Date"),
                ("url", "&Web address"))
PLACEHOLDERS = {"outlet": "e.g. BBC News (empty: unknown)", "byline": "who wrote it (optional)",
                "date": "2021-04-14, 2021-04 or 2021 (optional)", "url": "https://… (optional)"}
ERROR_COLOUR = "#c0392b"


def _problem(name: str, value: str) -> str:
    """Why the core would refuse this value ('' when it would keep it)."""
    from reader_app.core.articles.details import DetailsError, check

    try:
        check(name, value)
    except DetailsError as exc:
        text = str(exc)
        return text[:1].upper() + text[1:] + "."
    return ""


class DetailsDialog(QDialog):
    """The five details of one article, checked as they are typed; `changes()` gives what was changed."""

    def __init__(self, article: Article, outlets: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("detailsDialog")
        self.setWindowTitle("Article Details")
        self.article = article
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, text in FIELD_LABELS:
            edit = QLineEdit(self)
            edit.setObjectName(f"details_{name}")
            edit.setText(self.original(name))
            edit.setPlaceholderText(PLACEHOLDERS.get(name, ""))
            edit.setClearButtonEnabled(name != "title")
            edit.textChanged.connect(self._validate)
            self.fields[name] = edit
            form.addRow(text, edit)
        completer = QCompleter(sorted(set(outlets), key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.fields["outlet"].setCompleter(completer)
        self.message = QLabel(self)
        self.message.setObjectName("detailsMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        note = QLabel("Your corrections are kept when the article is imported again or the index is rebuilt. "
                      "The text and its bookmarks stay as they are.", self)
        note.setObjectName("detailsNote")
        note.setWordWrap(True)
        note.setEnabled(False)  # drawn in the muted colour
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._validate()

    def original(self, name: str) -> str:
        return label(getattr(self.article, name) or "", 2000)

    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _validate(self) -> None:
        # Only what was typed is checked: an odd value the file gave must not stop saving another field.
        changed = self.changes()
        problems = [p for p in (_problem(n, v) for n, v in changed.items()) if p]
        for name, edit in self.fields.items():
            bad = name in changed and _problem(name, changed[name])
            edit.setStyleSheet(f"border: 1px solid {ERROR_COLOUR};" if bad else "")
        self.message.setText(problems[0] if problems else "")
        self.message.setVisible(bool(problems))
        self.save_button().setEnabled(not problems)

    def changes(self) -> dict[str, str]:
        """The fields whose text differs from the article's (an emptied one as '')."""
        return {n: e.text().strip() for n, e in self.fields.items() if e.text().strip() != self.original(n).strip()}


class ImportOutletDialog(QDialog):
    """Asked before an import from the File menu: an outlet for every article of it (empty: each file's own)."""

    def __init__(self, what: str, outlets: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importOutletDialog")
        self.setWindowTitle("Import Articles")
        intro = QLabel(f"Import {what}.", self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.outlet = QComboBox(self)
        self.outlet.setObjectName("importOutlet")
        self.outlet.setEditable(True)
        self.outlet.addItems(sorted(set(outlets), key=str.casefold))
        self.outlet.setCurrentIndex(-1)
        self.outlet.setEditText("")
        line, completer = self.outlet.lineEdit(), self.outlet.completer()
        assert line is not None and completer is not None  # an editable combo box has both
        line.setPlaceholderText("as each file says")
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        line.textChanged.connect(self._validate)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        form = QFormLayout()
        form.addRow("&Outlet for every article:", self.outlet)
        hint = QLabel("Plain text files name no outlet; the one given here is set on all of them, "
                      "also on those already in the library.", self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _validate(self) -> None:
        problem = _problem("outlet", self.outlet.currentText())
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        for b in self.buttons.buttons():
            if self.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole:
                b.setEnabled(not problem)

    def chosen(self) -> str | None:
        """The outlet to set, or None to keep each file's."""
        return " ".join(self.outlet.currentText().split()) or None


def known_outlets(model: ArticleListModel) -> list[str]:
    """The outlets of the library's articles, to offer in the dialogs ("Unknown" is not one)."""
    return [o for o in model.outlets() if o != UNKNOWN_OUTLET]


class DetailsFeature(QObject):
    """The Edit › Article Details… action, the list's context menu, and saving through the core.
    `import_busy()` says whether an import holds the index (details are saved when it has finished)."""

    def __init__(self, shell: Shell, import_busy: Callable[[], bool]):
        super().__init__(shell.widget)
        self.shell = shell
        self.import_busy = import_busy
        self.dialog: DetailsDialog | None = None
        self.action = QAction("Article &Details…", shell.widget)
        self.action.setObjectName("editDetails")
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setEnabled(False)  # until the library is open
        self.action.triggered.connect(lambda: self.edit())
        shell.menu("edit").addSeparator()
        shell.add_action(self.action, "edit")
        for view in shell.list_pane.views():  # the library's list and the search results'
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._row_menu)
        shell.library_ready.connect(lambda _lib: self.action.setEnabled(not shell.read_only))

    def outlets(self) -> list[str]:
        return known_outlets(self.shell.list_pane.library_model)

    def _row_menu(self, point: QPoint) -> None:
        view = self.shell.list_pane.view
        idx = view.indexAt(point)
        if not idx.isValid() or not self.action.isEnabled():
            return
        view.setCurrentIndex(idx)
        menu = self.row_menu(view.current_id() or "")
        menu.exec(view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def row_menu(self, article_id: str) -> QMenu:
        """The context menu of a row of the list."""
        menu = QMenu(self.shell.list_pane.view)
        menu.setObjectName("articleRowMenu")
        menu.addAction("Edit &Details…", lambda: self.edit(article_id))
        return menu

    def edit(self, article_id: str | None = None) -> None:
        """Open the dialog for `article_id`, else the row chosen in the list (when it has focus), else the
        open article."""
        w = self.shell
        view, article = w.list_pane.view, w.current_article()
        if article_id is None:
            listed = view.current_id() if view.hasFocus() else None
            article_id = listed or (article.id if article else view.current_id())
        if not article_id or w.library is None:
            w.show_status("Choose an article first.")
            return
        if article is not None and article.id == article_id:
            self.open_dialog(article)
        else:  # read in the worker: an article file may take longer than a frame to parse
            w.run_task(w.library.article, article_id, on_finished=self.open_dialog,
                       on_failed=lambda m: w.show_status(f"Could not open it: {m}"))

    def open_dialog(self, article: Article) -> DetailsDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = DetailsDialog(article, self.outlets(), self.shell.widget)
        self.dialog.accepted.connect(lambda d=self.dialog: self.save(d.article.id, d.changes()))
        self.dialog.open()
        return self.dialog

    def save(self, article_id: str, changes: dict[str, str]) -> None:
        w = self.shell
        if not changes or w.library is None:
            return
        if self.import_busy():  # an import holds the index until it is done
            w.show_status("Details can be saved when the import has finished.")
            return
        w.show_status("Saving the details…")
        w.run_task(w.library.edit_details, article_id, changes, on_finished=self._saved,
                   on_failed=lambda m: w.show_status(f"The details were not saved: {m}"))

    def _saved(self, article: Article) -> None:
        w = self.shell
        w.show_status(f"Saved the details of “{label(article.title, 80)}”.")
        w.refresh_list()
        w.article_changed(article)  # the reader and the title, where it is open
