"""The article: its model, reading files of every kind into it, and cleaning their text (furniture, dates,
encodings, HTML, outlets) and the details the person corrected."""

# The files an import reads (by their suffix, in any case). Here, not in reading.py, so that counting the files of a
# folder (core/collection/folder_walk.py) does not load the parser.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml")
# An empty file's reason: such a file is skipped, counted apart from the files that could not be read.
EMPTY_FILE = "empty file"
