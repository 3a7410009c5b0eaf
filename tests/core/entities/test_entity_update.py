"""The entity table of a new index state counted on the previous one's equals a join from scratch.

Real libraries (Whoosh index on disk): the engine's table after imports, removals and a segment merge that
moves documents to other numbers, against a second engine's table built from nothing on the same index.
"""

from __future__ import annotations

from pathlib import Path

from reader_app import paths
from reader_app.core.library import Library
from reader_app.core.search.engine import Engine


def write(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{name}.txt"
    p.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return p


def current(library: Library):
    """The library engine's table for the index as it is now (counted on its previous table if any)."""
    engine = library.engine
    return engine.entity_table(engine.generation())


def from_scratch(library: Library):
    """A table joined from nothing by an engine of its own on the same index."""
    engine = Engine(lambda: library.index.ix)
    try:
        return engine.entity_table(engine.generation())
    finally:
        engine.reset()


def shown(table) -> dict:
    """All a table tells: names with counts and aliases, search terms, and each article's names."""
    ranked = table.ranked()
    return {"ranked": ranked,
            "terms": {(g["kind"], g["name"]): table.terms(g["kind"], g["name"]) for g in ranked},
            "by_id": {aid: sorted(table.by_doc[d]) for d, aid in enumerate(table.ids) if aid}}


def group(table, kind: str, name: str) -> dict:
    """The library entity a name (in any case or accents) or alias stands for."""
    found = table.clusters.lookup(kind, name)
    assert len(found) == 1, found
    return found[0]


BARROSO = ("Commission president Jose Manuel Barroso said on Monday that the European Commission would "
           "review the budget. Mr Barroso told reporters in Brussels that the plan was sound.")
BARROSO_ACCENTED = ("Commission president José Manuel Barroso said the European Commission would publish "
                    "its report. Mr Barroso spoke in Strasbourg after a meeting of the European Parliament.")
KOWALCZYK = ("Mayor Tomasz Kowalczyk said in Gdansk that the city would hold talks. Mr Kowalczyk "
             "met the port's owners on Friday.")
KOWALCZIK = ("Mayor Tomasz Kowalczik visited Warsaw on Tuesday, where Mr Kowalczik met the transport minister "
             "about the new bridge.")
UNRELATED = ("Chancellor Angela Merkel visited Paris on Wednesday. Mrs Merkel met President Jacques Chirac "
             "at the Elysee Palace to discuss the Airbus contract.")


def test_an_import_counts_only_the_new_articles_and_gives_a_join_from_scratch(library, tmp_path):
    write(tmp_path / "one", "barroso", "Barroso reviews budget", BARROSO)
    write(tmp_path / "one", "kowalczyk", "Kowalczyk in talks", KOWALCZYK)
    library.import_paths([tmp_path / "one"])
    before = current(library)
    assert group(before, "person", "Jose Manuel Barroso")["name"] == "Jose Manuel Barroso"
    assert "Tomasz Kowalczik" not in group(before, "person", "Tomasz Kowalczyk")["aliases"]

    # a new alias of a name already there, a spelling that now wins (two articles to one), and unrelated names
    write(tmp_path / "two", "kowalczik", "Kowalczik in Warsaw", KOWALCZIK)
    write(tmp_path / "two", "barroso-2", "Barroso report", BARROSO_ACCENTED)
    write(tmp_path / "two", "barroso-3", "Barroso again", BARROSO_ACCENTED.replace("Monday", "Friday")
          + " He returned to Lisbon on Friday.")
    write(tmp_path / "two", "merkel", "Merkel in Paris", UNRELATED)
    library.import_paths([tmp_path / "two"])
    after = current(library)

    assert after.decoded == 4  # the other articles' counts were carried over, not read again
    assert "Tomasz Kowalczik" in group(after, "person", "Tomasz Kowalczyk")["aliases"]
    assert group(after, "person", "Jose Manuel Barroso")["name"] == "José Manuel Barroso"
    assert group(after, "person", "Angela Merkel")["articles"] == 1
    assert shown(after) == shown(from_scratch(library))


def test_removing_articles_takes_their_counts_back_out(library, tmp_path):
    write(tmp_path / "one", "barroso", "Barroso reviews budget", BARROSO)
    write(tmp_path / "one", "barroso-2", "Barroso report", BARROSO_ACCENTED)
    write(tmp_path / "one", "barroso-3", "Barroso again", BARROSO_ACCENTED + " He returned to Lisbon.")
    write(tmp_path / "one", "merkel", "Merkel in Paris", UNRELATED)
    library.import_paths([tmp_path / "one"])
    assert group(current(library), "person", "Jose Manuel Barroso")["name"] == "José Manuel Barroso"
    ids = {a["title"]: a["id"] for a in library.list_articles()}

    library.remove(ids["Barroso report"])
    library.remove(ids["Barroso again"])
    library.remove(ids["Merkel in Paris"])
    after = current(library)

    assert after.decoded == 0
    assert group(after, "person", "Jose Manuel Barroso")["name"] == "Jose Manuel Barroso"
    assert not after.clusters.lookup("person", "Angela Merkel")
    assert shown(after) == shown(from_scratch(library))


def _merge_first_segment(writer, segments):
    """A Whoosh merge policy: the first segment's documents rewritten into the new segment, which comes last,
    so they get the highest document numbers."""
    from whoosh.reading import SegmentReader

    writer.add_reader(SegmentReader(writer.storage, writer.schema, segments[0]))
    return segments[1:]


def test_a_merge_that_renumbers_the_articles_changes_nothing(library, tmp_path):
    write(tmp_path / "one", "barroso", "Barroso reviews budget", BARROSO)
    write(tmp_path / "one", "kowalczyk", "Kowalczyk in talks", KOWALCZYK)
    library.import_paths([tmp_path / "one"])
    write(tmp_path / "two", "barroso-2", "Barroso report", BARROSO_ACCENTED)
    write(tmp_path / "two", "kowalczik", "Kowalczik in Warsaw", KOWALCZIK)
    library.import_paths([tmp_path / "two"])
    before = current(library)
    order = [aid for aid in before.ids if aid]

    writer = library.index.ix.writer()
    writer.commit(mergetype=_merge_first_segment)
    after = current(library)

    assert [aid for aid in after.ids if aid] != order  # the merge moved articles to other numbers
    assert after.decoded == 0
    assert shown(after) == shown(before) == shown(from_scratch(library))


def test_the_names_do_not_depend_on_the_order_articles_came_in(tmp_path):
    """Two libraries of the same articles imported in opposite orders show the same names."""
    write(tmp_path / "a", "barroso", "Barroso reviews budget", BARROSO)
    write(tmp_path / "b", "barroso-2", "Barroso report", BARROSO_ACCENTED)
    tables = []
    for name, order in (("first", ["a", "b"]), ("second", ["b", "a"])):
        library = Library(paths.resolve(tmp_path / name))
        library.open()
        for folder in order:
            library.import_paths([tmp_path / folder])
        tables.append(from_scratch(library).ranked())
        library.close()
    assert tables[0] == tables[1]
    assert [g["name"] for g in tables[0] if "Barroso" in g["name"]] == ["Jose Manuel Barroso"]


def test_an_article_imported_again_with_other_names_is_counted_again(library, tmp_path):
    write(tmp_path / "one", "barroso", "Barroso reviews budget", BARROSO)
    write(tmp_path / "one", "merkel", "Merkel in Paris", UNRELATED)
    library.import_paths([tmp_path / "one"])
    assert group(current(library), "person", "Angela Merkel")["articles"] == 1

    write(tmp_path / "one", "merkel", "Merkel in Paris", UNRELATED.replace("Angela Merkel", "Tomasz Kowalczyk")
          .replace("Mrs Merkel", "Mr Kowalczyk"))
    report = library.import_paths([tmp_path / "one"])
    after = current(library)

    assert len(report.updated) == 1
    assert after.decoded == 1
    assert not after.clusters.lookup("person", "Angela Merkel")
    assert group(after, "person", "Tomasz Kowalczyk")["articles"] == 1
    assert shown(after) == shown(from_scratch(library))
