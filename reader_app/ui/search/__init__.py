"""The search box and its completions."""
