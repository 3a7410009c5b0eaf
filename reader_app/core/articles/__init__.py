"""The article: its model, reading files of every kind into it, and cleaning their text (furniture, dates,
encodings, HTML, outlets) and the details the person corrected."""
