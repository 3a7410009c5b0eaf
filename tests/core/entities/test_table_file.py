"""The table of names kept on disk for an index state, and made in a process of its own.

Real libraries (Whoosh index on disk, the seeds and a few imported articles): a table read back from the file, or
made by a child process, tells all a table made here tells; the file is trusted only for the state, ids and code
it was made for, and holds nothing but plain data.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from reader_app.core.entities import table_file
from reader_app.core.entities.table_file import TABLE_FILE
from reader_app.core.library import Library
from tests.core.entities.test_entity_update import BARROSO, KOWALCZYK, UNRELATED, shown, write
from tests.core.entities.test_entity_update import from_scratch as fresh_table  # no file: an engine of its own


def imported(library: Library, folder: Path) -> Library:
    write(folder, "barroso", "Barroso reviews budget", BARROSO)
    write(folder, "kowalczyk", "Kowalczyk in talks", KOWALCZYK)
    write(folder, "merkel", "Merkel in Paris", UNRELATED)
    library.import_paths([folder])
    return library


def test_a_new_process_reads_the_table_back_instead_of_making_it(library, app_paths, tmp_path):
    imported(library, tmp_path / "in")
    made = library.engine.entity_table(library.engine.generation())
    assert made.decoded > 0
    assert (app_paths.cache / TABLE_FILE).is_file()

    again = Library(app_paths)  # as the next start of the app, or the next command
    again.open(sync=False)
    try:
        table = again.engine.entity_table(again.engine.generation())
        assert table.decoded == 0  # read back, not decoded
        assert shown(table) == shown(made) == shown(fresh_table(again))
        assert again.entities() == library.entities()
        some = next(aid for aid in table.ids if aid)
        assert again.article_entities(some) == library.article_entities(some)
        assert again.search('person:"Jose Manuel Barroso"').total == library.search('person:"Jose Manuel Barroso"').total == 1
    finally:
        again.close()


def test_the_file_is_not_trusted_for_another_state_other_ids_or_other_data(library, app_paths, tmp_path):
    imported(library, tmp_path / "in")
    engine = library.engine
    gen = engine.generation()
    made = engine.entity_table(gen)
    file = app_paths.cache / TABLE_FILE
    key = engine.segments(gen.searcher.reader())
    assert table_file.load(file, key, gen.ids) is not None
    assert table_file.load(file, [("another", 1)], gen.ids) is None
    assert table_file.load(file, key, [*gen.ids[:-1], "someone-else"]) is None
    assert table_file.load(file, key, gen.ids[:-1]) is None

    # a file holding anything but plain data is refused before that is made (no code of the file runs)
    with open(file, "wb") as fh:
        out = pickle.Pickler(fh)
        out.dump({"version": table_file.VERSION, "code": table_file.code_key(), "key": key, "docs": len(gen.ids)})
        out.dump(Path("/"))  # a class the table never holds
    assert table_file.load(file, key, gen.ids) is None
    file.write_bytes(b"not a pickle")
    assert table_file.load(file, key, gen.ids) is None
    # the next state's table is made, and kept, again
    write(tmp_path / "more", "barroso-2", "Barroso again", BARROSO.replace("Monday", "Friday"))
    library.import_paths([tmp_path / "more"])
    after = engine.entity_table(engine.generation())
    assert shown(after) == shown(fresh_table(library))
    assert shown(after) != shown(made)
    gen = engine.generation()
    assert table_file.load(file, engine.segments(gen.searcher.reader()), gen.ids) is not None


def test_a_table_made_in_a_child_process_equals_one_made_here(library, app_paths, tmp_path):
    imported(library, tmp_path / "in")
    library.elsewhere_from = 1  # as the window asks, for any size
    table = library.engine.entity_table(library.engine.generation())
    assert table.decoded == 0  # not decoded in this process: made by the child, read back from its file
    assert (app_paths.cache / TABLE_FILE).is_file()
    assert shown(table) == shown(fresh_table(library))

    # after an import, the child counts the new state on the table it kept last
    write(tmp_path / "more", "barroso-2", "Barroso again", BARROSO.replace("Monday", "Friday"))
    library.import_paths([tmp_path / "more"])
    after = library.engine.entity_table(library.engine.generation())
    assert after.decoded == 0
    assert shown(after) == shown(fresh_table(library))
    assert group_articles(after, "Jose Manuel Barroso") == 2


def group_articles(table, name: str) -> int:
    return next(g["articles"] for g in table.ranked("person") if g["name"] == name)
