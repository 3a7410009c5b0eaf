"""The article list: its rows, model, order, view, delegate and header, and the pane holding them."""
