"""Stories in the window: the Stories pane beside the article list, a thread's timeline and side-by-side
comparisons in the reader pane, and the "In story: …" line above an article (see feature.py)."""
