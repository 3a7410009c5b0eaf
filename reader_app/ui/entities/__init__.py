"""People, organisations and places in the window: a facet pane whose names filter the list, the names in
the reader as links to the same filter, and a page per entity (core/entities does the finding)."""

from reader_app.ui.entities.feature import EntitiesFeature

__all__ = ["EntitiesFeature"]
