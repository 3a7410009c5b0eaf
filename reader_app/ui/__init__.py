"""The Qt shell over reader_app.core.library."""
