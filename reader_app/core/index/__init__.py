"""The Whoosh store: schema, fields, the documents it holds, building, syncing and bulk segments, words."""
