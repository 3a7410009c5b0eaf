"""Search: the engine, the query language (the one parser), spelling, proximity, snippets, hits, related."""
